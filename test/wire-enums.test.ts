/**
 * The one mapping between the wire's enums and the names users see (src/emu/wire-enums.ts):
 * complete both ways, so a value added to a .proto enum without its mapping fails here, and the
 * texts users read are the project's own reason names (bundle.ts DropReason, mesh NoRouteReason).
 */
import { describe, expect, it } from "vitest";
import { DropReason } from "../src/emu/bundle.js";
import { REASON_CODES } from "../src/emu/next-hops.js";
import {
  CLOCK_MODE_WIRE,
  clockModeOf,
  DROP_REASON_WIRE,
  dropReasonOf,
  dropText,
  ISOLATION_WIRE,
  isolationOf,
  linkKindOf,
  linkKindWire,
  modelRouteFailure,
  modelRouteNoRoute,
  modelRouteText,
  noRouteOf,
  noRouteWire,
  pingFailureText,
  sendFailureText,
  sendFailureWire,
  stopReasonText,
} from "../src/emu/wire-enums.js";
import { ClockMode as WireClockMode } from "../src/emu/wire-types/constellate/v1/ClockMode.js";
import { DropReason as WireDropReason } from "../src/emu/wire-types/constellate/v1/DropReason.js";
import { Isolation as WireIsolation } from "../src/emu/wire-types/constellate/v1/Isolation.js";
import { LinkKind as WireLinkKind } from "../src/emu/wire-types/constellate/v1/LinkKind.js";
import { ModelRouteFailure as WireModelRouteFailure } from "../src/emu/wire-types/constellate/v1/ModelRouteFailure.js";
import { NoRouteReason as WireNoRouteReason } from "../src/emu/wire-types/constellate/v1/NoRouteReason.js";
import { StopReason as WireStopReason } from "../src/emu/wire-types/constellate/v1/StopReason.js";
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

  it("map the three isolations and two clocks both ways; UNSPECIFIED is no name", () => {
    // settings.ts Isolation and clock.ts ClockMode, written out: the names of the CLI and summary.json.
    for (const i of ["process", "pooled", "inproc"] as const) expect(isolationOf(ISOLATION_WIRE[i])).toBe(i);
    expect(
      Object.values(WireIsolation)
        .filter((w) => w !== "ISOLATION_UNSPECIFIED")
        .map(isolationOf)
        .sort(),
    ).toEqual(["inproc", "pooled", "process"]);
    expect(isolationOf("ISOLATION_UNSPECIFIED")).toBe("");
    for (const c of ["virtual", "realtime"] as const) expect(clockModeOf(CLOCK_MODE_WIRE[c])).toBe(c);
    expect(
      Object.values(WireClockMode)
        .filter((w) => w !== "CLOCK_MODE_UNSPECIFIED")
        .map(clockModeOf)
        .sort(),
    ).toEqual(["realtime", "virtual"]);
    expect(clockModeOf("CLOCK_MODE_UNSPECIFIED")).toBe("");
  });

  it("say a route failure as users read it before the enum: every failure has its own text", () => {
    expect(modelRouteText(modelRouteNoRoute("mesh-partitioned", "no path from 3 to 7"))).toBe(
      "mesh-partitioned: no path from 3 to 7",
    );
    expect(modelRouteText(modelRouteNoRoute("node-down"))).toBe("node-down");
    expect(modelRouteText(modelRouteFailure("MODEL_ROUTE_FAILURE_NO_FIBER_MODEL"))).toBe("no fiber model");
    expect(modelRouteText(modelRouteFailure("MODEL_ROUTE_FAILURE_FIBER_STATIONS_ONLY"))).toBe(
      "fiber joins ground stations only",
    );
    expect(modelRouteText(modelRouteFailure("MODEL_ROUTE_FAILURE_UNSPECIFIED"))).toBe("");
    // Every failure but UNSPECIFIED says something, and no two say the same.
    const texts = Object.values(WireModelRouteFailure)
      .filter((w) => w !== "MODEL_ROUTE_FAILURE_UNSPECIFIED")
      .map((w) =>
        modelRouteText(w === "MODEL_ROUTE_FAILURE_NO_ROUTE" ? modelRouteNoRoute("") : modelRouteFailure(w)),
      );
    expect(texts.every((x) => x.length > 0)).toBe(true);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it("carry an app's send failure as values and give back the SendError's text", () => {
    const dropped = sendFailureWire({ reason: "ttl-expired", detail: "no-route" }, "ttl-expired: no-route");
    expect(dropped).toEqual({
      reason: "SEND_FAILURE_DROPPED",
      dropReason: "DROP_REASON_TTL_EXPIRED",
      reasonDetail: "no-route",
    });
    expect(sendFailureText(dropped)).toBe("ttl-expired: no-route");
    const refused = sendFailureWire(undefined, "payload of 2000000 B exceeds maxPayloadBytes 1048576");
    expect(refused.reason).toBe("SEND_FAILURE_REFUSED");
    expect(refused.dropReason).toBe("DROP_REASON_UNSPECIFIED");
    expect(sendFailureText(refused)).toBe("payload of 2000000 B exceeds maxPayloadBytes 1048576");
  });

  it("name every stop reason, and a client that did not say", () => {
    expect(stopReasonText("STOP_REASON_STOP_COMMAND")).toBe("constellate stop");
    const texts = Object.values(WireStopReason).map(stopReasonText);
    expect(new Set(texts).size).toBe(texts.length);
  });
});
