/**
 * The one mapping between the wire's enums (proto/constellate/v1/*.proto) and the project's own
 * values: the reason strings that reports, CSV columns, metrics labels and apps show
 * ("ttl-expired: no-route"), mesh/types.ts's numeric LinkKind, and the isolation and clock names. The wire says what happened as
 * an enum with an _UNSPECIFIED zero plus a free-text detail; users keep the names they know.
 */

import type { NoRouteReason } from "../mesh/types.js";
import { LinkKind } from "../mesh/types.js";
import type { DropReason } from "./bundle.js";
import type { ClockMode } from "./clock.js";
import type { Isolation } from "./settings.js";
import type { ClockMode__Output as WireClockMode } from "./wire-types/constellate/v1/ClockMode.js";
import type { DropReason__Output as WireDropReason } from "./wire-types/constellate/v1/DropReason.js";
import type { HopRefusal__Output as WireHopRefusal } from "./wire-types/constellate/v1/HopRefusal.js";
import type { Isolation__Output as WireIsolation } from "./wire-types/constellate/v1/Isolation.js";
import type { LinkKind__Output as WireLinkKind } from "./wire-types/constellate/v1/LinkKind.js";
import type { ModelRouteFailure__Output as WireModelRouteFailure } from "./wire-types/constellate/v1/ModelRouteFailure.js";
import type { NoRouteReason__Output as WireNoRouteReason } from "./wire-types/constellate/v1/NoRouteReason.js";
import type { PingFailure__Output as WirePingFailure } from "./wire-types/constellate/v1/PingFailure.js";
import type { SendFailure__Output as WireSendFailure } from "./wire-types/constellate/v1/SendFailure.js";
import type { StopReason__Output as WireStopReason } from "./wire-types/constellate/v1/StopReason.js";

export type {
  WireClockMode,
  WireDropReason,
  WireHopRefusal,
  WireIsolation,
  WireLinkKind,
  WireModelRouteFailure,
  WireNoRouteReason,
  WirePingFailure,
  WireSendFailure,
  WireStopReason,
};

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

// ---- model routes -----------------------------------------------------------------------------

/** Why the model has no route, as the controller knows it (the wire's reason, no_route and detail). */
export interface ModelRouteFailureOf {
  reason: WireModelRouteFailure;
  noRoute: WireNoRouteReason;
  reasonDetail: string;
}

/** The wire fields of a route failure the mesh gave (a no-route reason and the router's detail). */
export function modelRouteNoRoute(r: NoRouteReason | "", detail = ""): ModelRouteFailureOf {
  return { reason: "MODEL_ROUTE_FAILURE_NO_ROUTE", noRoute: noRouteWire(r), reasonDetail: detail };
}

/** A failure other than the mesh's (no_route UNSPECIFIED). */
export function modelRouteFailure(reason: WireModelRouteFailure, detail = ""): ModelRouteFailureOf {
  return { reason, noRoute: "NO_ROUTE_REASON_UNSPECIFIED", reasonDetail: detail };
}

/** The wire fields of a route (ok). */
export const MODEL_ROUTE_OK: ModelRouteFailureOf = modelRouteFailure("MODEL_ROUTE_FAILURE_UNSPECIFIED");

const MODEL_ROUTE_FAILURE_TEXT: Record<
  Exclude<WireModelRouteFailure, "MODEL_ROUTE_FAILURE_NO_ROUTE">,
  string
> = {
  MODEL_ROUTE_FAILURE_UNSPECIFIED: "",
  MODEL_ROUTE_FAILURE_FIBER_STATIONS_ONLY: "fiber joins ground stations only",
  MODEL_ROUTE_FAILURE_NO_FIBER_MODEL: "no fiber model",
  MODEL_ROUTE_FAILURE_NO_SNAPSHOT_YET: "no snapshot yet",
  MODEL_ROUTE_FAILURE_INVALID_REQUEST: "invalid request",
};

/**
 * The text users see for a route failure (`constellate trace`, an app's `ModelRoute.reason`): the
 * mesh's no-route reason then ": detail" ("mesh-partitioned: ..."), or what else failed; "" for a route.
 */
export function modelRouteText(f: ModelRouteFailureOf): string {
  const what =
    f.reason === "MODEL_ROUTE_FAILURE_NO_ROUTE"
      ? noRouteOf(f.noRoute) || "no route"
      : (MODEL_ROUTE_FAILURE_TEXT[f.reason] ?? "");
  return f.reasonDetail && what ? `${what}: ${f.reasonDetail}` : what;
}

// ---- app sends --------------------------------------------------------------------------------

/** Why an app's send failed, on the wire (AppSendResult's reason, drop_reason, reason_detail). */
export interface SendFailureOf {
  reason: WireSendFailure;
  dropReason: WireDropReason;
  reasonDetail: string;
}

/** A node's drop (with its detail) or, with no drop, a refusal whose text is `detail`. */
export function sendFailureWire(
  drop: { reason: DropReason; detail: string } | undefined,
  detail: string,
): SendFailureOf {
  return drop
    ? { reason: "SEND_FAILURE_DROPPED", dropReason: DROP_REASON_WIRE[drop.reason], reasonDetail: drop.detail }
    : { reason: "SEND_FAILURE_REFUSED", dropReason: "DROP_REASON_UNSPECIFIED", reasonDetail: detail };
}

/** The text an app's SendError says: "ttl-expired: no-route", or the refusal's own text. */
export function sendFailureText(f: SendFailureOf): string {
  if (f.reason === "SEND_FAILURE_DROPPED") return dropText(f.dropReason, f.reasonDetail);
  return f.reasonDetail || (f.reason === "SEND_FAILURE_REFUSED" ? "refused" : "");
}

// ---- run stop, isolation, clock mode ----------------------------------------------------------

const STOP_REASON_TEXT: Record<WireStopReason, string> = {
  STOP_REASON_UNSPECIFIED: "stop request",
  STOP_REASON_STOP_COMMAND: "constellate stop",
};

/** What the launch's log and summary.json's `endedBy` say for a stop request. */
export function stopReasonText(w: WireStopReason): string {
  return STOP_REASON_TEXT[w] ?? STOP_REASON_TEXT.STOP_REASON_UNSPECIFIED;
}

export const ISOLATION_WIRE: Record<Isolation, WireIsolation> = {
  process: "ISOLATION_PROCESS",
  pooled: "ISOLATION_POOLED",
  inproc: "ISOLATION_INPROC",
};
const ISOLATION_OF = invert(ISOLATION_WIRE);

/** The project's isolation name ("" for UNSPECIFIED: a peer that did not say). */
export function isolationOf(w: WireIsolation): Isolation | "" {
  return ISOLATION_OF.get(w) ?? "";
}

export const CLOCK_MODE_WIRE: Record<ClockMode, WireClockMode> = {
  virtual: "CLOCK_MODE_VIRTUAL",
  realtime: "CLOCK_MODE_REALTIME",
};
const CLOCK_MODE_OF = invert(CLOCK_MODE_WIRE);

/** The project's clock mode ("" for UNSPECIFIED). */
export function clockModeOf(w: WireClockMode): ClockMode | "" {
  return CLOCK_MODE_OF.get(w) ?? "";
}
