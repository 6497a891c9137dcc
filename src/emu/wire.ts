/**
 * The project's names for the wire messages (proto/constellate/v1/*.proto). The shapes are generated
 * (src/emu/wire-types/, `npm run wire-types`) under the run-time loader's options: camelCase fields,
 * enums as their names, defaults filled. `__Output` types are what grpc-js hands over (every field
 * present); requests the code builds by hand take the permissive input type (fields optional).
 * docs/wire.md says why camelCase and how a .proto change reaches these types.
 */
import type { AdvanceReply__Output } from "./wire-types/constellate/v1/AdvanceReply.js";
import type { AdvanceRequest__Output } from "./wire-types/constellate/v1/AdvanceRequest.js";
import type { AppValue__Output } from "./wire-types/constellate/v1/AppValue.js";
import type { Bundle__Output } from "./wire-types/constellate/v1/Bundle.js";
import type {
  _constellate_v1_BundleEvent_Type__Output,
  BundleEvent__Output,
} from "./wire-types/constellate/v1/BundleEvent.js";
import type { BundleKind__Output } from "./wire-types/constellate/v1/BundleKind.js";
import type { ClockLag__Output } from "./wire-types/constellate/v1/ClockLag.js";
import type { ClockSync__Output } from "./wire-types/constellate/v1/ClockSync.js";
import type { Contact__Output } from "./wire-types/constellate/v1/Contact.js";
import type { ContactPlan__Output } from "./wire-types/constellate/v1/ContactPlan.js";
import type { Counters__Output } from "./wire-types/constellate/v1/Counters.js";
import type { EmulationStatus__Output } from "./wire-types/constellate/v1/EmulationStatus.js";
import type { HopAck__Output } from "./wire-types/constellate/v1/HopAck.js";
import type { HopFrame__Output } from "./wire-types/constellate/v1/HopFrame.js";
import type { HopRecord__Output } from "./wire-types/constellate/v1/HopRecord.js";
import type { InjectRequest__Output } from "./wire-types/constellate/v1/InjectRequest.js";
import type { LinkEntry__Output } from "./wire-types/constellate/v1/LinkEntry.js";
import type { LinkTable__Output } from "./wire-types/constellate/v1/LinkTable.js";
import type { LinkTableDiff__Output } from "./wire-types/constellate/v1/LinkTableDiff.js";
import type { LinkTableUpdate__Output } from "./wire-types/constellate/v1/LinkTableUpdate.js";
import type { Metrics__Output } from "./wire-types/constellate/v1/Metrics.js";
import type { ModelRouteReply__Output } from "./wire-types/constellate/v1/ModelRouteReply.js";
import type { NodeConfig__Output } from "./wire-types/constellate/v1/NodeConfig.js";
import type { NodeState__Output } from "./wire-types/constellate/v1/NodeState.js";
import type { NodeStatus__Output } from "./wire-types/constellate/v1/NodeStatus.js";
import type { NodeSummary__Output } from "./wire-types/constellate/v1/NodeSummary.js";
import type { NodeUpdate__Output } from "./wire-types/constellate/v1/NodeUpdate.js";
import type { NodeUpdateFor__Output } from "./wire-types/constellate/v1/NodeUpdateFor.js";
import type { PingReply__Output } from "./wire-types/constellate/v1/PingReply.js";
import type { PingRequest__Output } from "./wire-types/constellate/v1/PingRequest.js";
import type { RouteEntry__Output } from "./wire-types/constellate/v1/RouteEntry.js";
import type { RunTopology__Output } from "./wire-types/constellate/v1/RunTopology.js";
import type { StopRunRequest__Output } from "./wire-types/constellate/v1/StopRunRequest.js";
import type { Totals__Output } from "./wire-types/constellate/v1/Totals.js";
import type { Via__Output } from "./wire-types/constellate/v1/Via.js";

/** T with its message fields K never null: those the project's servers always set. */
export type Present<T, K extends keyof T> = Omit<T, K> & { [P in K]: NonNullable<T[P]> };

export type BundleKindName = BundleKind__Output;
export type ViaName = Via__Output;
export type BundleEventType = _constellate_v1_BundleEvent_Type__Output;
export type HopRecord = HopRecord__Output;
export type WireBundle = Bundle__Output;
export type HopFrame = HopFrame__Output;
export type HopAck = HopAck__Output;
export type ClockSync = ClockSync__Output;
export type BundleEvent = BundleEvent__Output;
export type LinkEntry = LinkEntry__Output;
export type RouteEntry = RouteEntry__Output;
export type LinkTableUpdate = LinkTableUpdate__Output;
export type LinkTable = LinkTable__Output;
export type LinkTableDiff = LinkTableDiff__Output;
export type NodeConfig = NodeConfig__Output;
export type NodeUpdate = NodeUpdate__Output;
export type Counters = Counters__Output;
/** "counters": always set by the servers (wire.ts's Present). */
export type NodeStatus = Present<NodeStatus__Output, "counters">;
export type AppValue = AppValue__Output;
export type NodeState = NodeState__Output;
/** A request as callers build it: "destination" | "sizeBytes" required, the rest defaulted by the server. */
export type InjectRequest = Pick<InjectRequest__Output, "destination" | "sizeBytes"> &
  Partial<InjectRequest__Output>;
/** A request as callers build it: "destination" required, the rest defaulted by the server. */
export type PingRequest = Pick<PingRequest__Output, "destination"> & Partial<PingRequest__Output>;
export type PingReply = PingReply__Output;
export type Contact = Contact__Output;
export type ContactPlan = ContactPlan__Output;
export type NodeSummary = NodeSummary__Output;
export type Totals = Totals__Output;
/** "clock" | "totals": always set by the servers (wire.ts's Present). */
export type EmulationStatus = Present<EmulationStatus__Output, "clock" | "totals">;
export type ClockLag = ClockLag__Output;
/** "update": always set by the servers (wire.ts's Present). */
export type NodeUpdateFor = Present<NodeUpdateFor__Output, "update">;
export type AdvanceRequest = AdvanceRequest__Output;
export type AdvanceReply = AdvanceReply__Output;
/** "totals": always set by the servers (wire.ts's Present). */
export type Metrics = Present<Metrics__Output, "totals">;
export type ModelRouteReply = ModelRouteReply__Output;
export type StopRunRequest = StopRunRequest__Output;
/** Controller.WatchTopology's message: one computed step's links (topology-watch.ts). */
export type RunTopology = RunTopology__Output;
