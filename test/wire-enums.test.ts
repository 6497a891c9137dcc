/**
 * The one mapping between the wire's enums and the names users see (src/emu/wire-enums.ts):
 * complete both ways, so a value added to a .proto enum without its mapping fails here, and the
 * texts users read are the project's own reason names (bundle.ts DropReason, mesh NoRouteReason).
 */
import { describe, expect, it } from "vitest";
import { DropReason } from "../src/emu/bundle.js";
import { REASON_CODES } from "../src/emu/next-hops.js";
import {
  DROP_REASON_WIRE,
  dropReasonOf,
  dropText,
  linkKindOf,
  linkKindWire,
  noRouteOf,
  noRouteWire,
  pingFailureText,
} from "../src/emu/wire-enums.js";
import { DropReason as WireDropReason } from "../src/emu/wire-types/constellate/v1/DropReason.js";
import { LinkKind as WireLinkKind } from "../src/emu/wire-types/constellate/v1/LinkKind.js";
import { NoRouteReason as WireNoRouteReason } from "../src/emu/wire-types/constellate/v1/NoRouteReason.js";
import { LinkKind } from "../src/mesh/types.js";

describe("wire enums", () => {
  it("map every drop reason both ways, and every wire value but UNSPECIFIED to one", () => {
    for (const r of Object.values(DropReason)) expect(dropReasonOf(DROP_REASON_WIRE[r])).toBe(r);
    const wire = Object.values(WireDropReason).filter((w) => w !== "DROP_REASON_UNSPECIFIED");
    expect(wire.map(dropReasonOf).sort()).toEqual(Object.values(DropReason).sort());
    expect(dropReasonOf("DROP_REASON_UNSPECIFIED")).toBe("");
  });

  it("give users the texts they knew: reason, then ': detail'", () => {
    expect(dropText("DROP_REASON_TTL_EXPIRED", "no-route")).toBe("ttl-expired: no-route");
    expect(dropText("DROP_REASON_QUEUE_FULL", "")).toBe("queue-full");
    expect(pingFailureText("PING_FAILURE_TIMEOUT", "DROP_REASON_UNSPECIFIED", "")).toBe("timeout");
    expect(pingFailureText("PING_FAILURE_NODE_STOPPED", "DROP_REASON_UNSPECIFIED", "")).toBe("node-stopped");
    expect(pingFailureText("PING_FAILURE_DROPPED", "DROP_REASON_TTL_EXPIRED", "mesh-partitioned")).toBe(
      "ttl-expired: mesh-partitioned",
    );
  });

  it("map every no-route reason the controller computes, and every wire value back", () => {
    for (const r of REASON_CODES) expect(noRouteOf(noRouteWire(r))).toBe(r);
    const wire = Object.values(WireNoRouteReason).filter((w) => w !== "NO_ROUTE_REASON_UNSPECIFIED");
    expect(wire.map(noRouteOf).sort()).toEqual(REASON_CODES.filter((r) => r !== "").sort());
  });

  it("map the mesh's four link kinds to LINK_KIND_* and back", () => {
    for (const k of Object.values(LinkKind)) expect(linkKindOf(linkKindWire(k))).toBe(k);
    expect(Object.values(LinkKind).map(linkKindWire)).toEqual([
      "LINK_KIND_ISL",
      "LINK_KIND_GSL_UP",
      "LINK_KIND_GSL_DOWN",
      "LINK_KIND_FIBER",
    ]);
    expect(Object.values(WireLinkKind)).toHaveLength(5); // the four and UNSPECIFIED
  });
});
