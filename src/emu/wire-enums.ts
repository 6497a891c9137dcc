/**
 * The one mapping between the wire's enums (proto/constellate/v1/bundle.proto, node.proto) and the
 * project's own values: the reason strings that reports, CSV columns, metrics labels and apps show
 * ("ttl-expired: no-route"), and mesh/types.ts's numeric LinkKind. The wire says what happened as
 * an enum with an _UNSPECIFIED zero plus a free-text detail; users keep the names they know.
 */

import type { NoRouteReason } from "../mesh/types.js";
import { LinkKind } from "../mesh/types.js";
import type { DropReason } from "./bundle.js";
import type { DropReason__Output as WireDropReason } from "./wire-types/constellate/v1/DropReason.js";
import type { HopRefusal__Output as WireHopRefusal } from "./wire-types/constellate/v1/HopRefusal.js";
import type { LinkKind__Output as WireLinkKind } from "./wire-types/constellate/v1/LinkKind.js";
import type { NoRouteReason__Output as WireNoRouteReason } from "./wire-types/constellate/v1/NoRouteReason.js";
import type { PingFailure__Output as WirePingFailure } from "./wire-types/constellate/v1/PingFailure.js";

export type { WireDropReason, WireHopRefusal, WireLinkKind, WireNoRouteReason, WirePingFailure };

function invert<K extends string, V extends string>(m: Record<K, V>): Map<V, K> {
  return new Map(Object.entries(m).map(([k, v]) => [v as V, k as K]));
}

// ---- drop reasons ----------------------------------------------------------------------------

export const DROP_REASON_WIRE: Record<DropReason, WireDropReason> = {
  "ttl-expired": "DROP_REASON_TTL_EXPIRED",
  "queue-full": "DROP_REASON_QUEUE_FULL",
  "node-stopped": "DROP_REASON_NODE_STOPPED",
  "lost-with-node": "DROP_REASON_LOST_WITH_NODE",
  "no-such-destination": "DROP_REASON_NO_SUCH_DESTINATION",
  malformed: "DROP_REASON_MALFORMED",
};
const DROP_REASON_OF = invert(DROP_REASON_WIRE);

/** The project's reason for a wire drop reason; "" for none (UNSPECIFIED) or one this build does not know. */
export function dropReasonOf(w: WireDropReason): DropReason | "" {
  return DROP_REASON_OF.get(w) ?? "";
}

/** The text users see: the reason, then ": detail" when there is one ("ttl-expired: no-route"). */
export function dropText(w: WireDropReason, detail: string): string {
  const r = dropReasonOf(w);
  return detail ? `${r}: ${detail}` : r;
}

// ---- no-route reasons -------------------------------------------------------------------------

export const NO_ROUTE_REASON_WIRE: Record<NoRouteReason, WireNoRouteReason> = {
  "source-has-no-satellite-in-view": "NO_ROUTE_REASON_SOURCE_HAS_NO_SATELLITE_IN_VIEW",
  "destination-has-no-satellite-in-view": "NO_ROUTE_REASON_DESTINATION_HAS_NO_SATELLITE_IN_VIEW",
  "mesh-partitioned": "NO_ROUTE_REASON_MESH_PARTITIONED",
  "node-down": "NO_ROUTE_REASON_NODE_DOWN",
};
const NO_ROUTE_REASON_OF = invert(NO_ROUTE_REASON_WIRE);

/** The wire's no-route reason for the project's ("" : a route, UNSPECIFIED). */
export function noRouteWire(r: NoRouteReason | ""): WireNoRouteReason {
  return r === "" ? "NO_ROUTE_REASON_UNSPECIFIED" : NO_ROUTE_REASON_WIRE[r];
}

/** The project's no-route reason ("" for UNSPECIFIED). */
export function noRouteOf(w: WireNoRouteReason): NoRouteReason | "" {
  return NO_ROUTE_REASON_OF.get(w) ?? "";
}

// ---- link kinds -------------------------------------------------------------------------------

/** Indexed by mesh/types.ts's LinkKind (0 ISL, 1 ground->sat, 2 sat->ground, 3 fiber). */
export const LINK_KIND_WIRE: readonly WireLinkKind[] = [
  "LINK_KIND_ISL",
  "LINK_KIND_GSL_UP",
  "LINK_KIND_GSL_DOWN",
  "LINK_KIND_FIBER",
];
const LINK_KIND_OF = new Map<WireLinkKind, LinkKind>([
  ["LINK_KIND_ISL", LinkKind.Isl],
  ["LINK_KIND_GSL_UP", LinkKind.GslUp],
  ["LINK_KIND_GSL_DOWN", LinkKind.GslDown],
  ["LINK_KIND_FIBER", LinkKind.Fiber],
]);

export function linkKindWire(k: LinkKind | number): WireLinkKind {
  return LINK_KIND_WIRE[k] ?? "LINK_KIND_UNSPECIFIED";
}

/** The mesh's LinkKind; UNSPECIFIED (a peer that did not say) reads as an ISL. */
export function linkKindOf(w: WireLinkKind): LinkKind {
  return LINK_KIND_OF.get(w) ?? LinkKind.Isl;
}

// ---- ping failures and hop refusals -----------------------------------------------------------

/** `constellate ping`'s reason column: "timeout", "node-stopped", or the drop ("ttl-expired: no-route"). */
export function pingFailureText(failure: WirePingFailure, drop: WireDropReason, detail: string): string {
  switch (failure) {
    case "PING_FAILURE_TIMEOUT":
      return "timeout";
    case "PING_FAILURE_NODE_STOPPED":
      return "node-stopped";
    case "PING_FAILURE_DROPPED":
      return dropText(drop, detail);
    default:
      return "";
  }
}

/** Why a peer refused a Hops frame, for the sender's error. */
export function hopRefusalText(refusal: WireHopRefusal, detail: string): string {
  const what =
    refusal === "HOP_REFUSAL_NODE_STOPPED"
      ? "node stopped"
      : refusal === "HOP_REFUSAL_INVALID_BUNDLE"
        ? "invalid bundle"
        : "refused";
  return detail && detail !== what ? `${what}: ${detail}` : what;
}
