/**
 * TypeScript shapes of the proto messages as @grpc/proto-loader hands them over (camelCase fields,
 * enums as strings, defaults filled). Kept beside proto/constellate/v1/*.proto: change both together.
 */
export type BundleKindName = "BUNDLE_KIND_DATA" | "BUNDLE_KIND_ECHO_REQUEST" | "BUNDLE_KIND_ECHO_REPLY";
export type ViaName = "VIA_SPACE" | "VIA_FIBER";

export interface HopRecord {
  from: number;
  to: number;
  linkKind: number;
  enqueuedMs: number;
  txStartMs: number;
  txEndMs: number;
  arrivalMs: number;
  propagationMs: number;
}

export interface WireBundle {
  id: string;
  source: number;
  destination: number;
  createdMs: number;
  sizeBytes: number;
  payload: Buffer;
  ttlMs: number;
  kind: BundleKindName;
  via: ViaName;
  metadata: Record<string, string>;
  hops: HopRecord[];
  replyTo: string;
  arrivalMs: number;
}

/** One frame of the Hops stream: a batch of hops to one peer, acknowledged by seq. */
export interface HopFrame {
  seq: number;
  bundles: WireBundle[];
}

export interface HopAck {
  seq: number;
  accepted: boolean;
  reason: string;
}

export interface ClockSync {
  virtualEpochMs: number;
  wallEpochMs: number;
  speed: number;
}

export type BundleEventType = "TYPE_CREATED" | "TYPE_DELIVERED" | "TYPE_DROPPED";

export interface BundleEvent {
  type: BundleEventType;
  id: string;
  node: number;
  tMs: number;
  source: number;
  destination: number;
  createdMs: number;
  sizeBytes: number;
  reason: string;
  hops: number;
  kind: BundleKindName;
  metadata: Record<string, string>;
}

export interface LinkEntry {
  target: number;
  up: boolean;
  delayMs: number;
  capacityBps: number;
  kind: number;
  address: string;
}

export interface RouteEntry {
  destination: number;
  nextHop: number;
  reason: string;
}

export interface NodeUpdate {
  tMs: number;
  clock?: ClockSync | null;
  links: LinkEntry[];
  routes: RouteEntry[];
  name: string;
  queueLimitBytes: number;
  leadMs: number;
  first: boolean;
  satellites: number;
  stations: number;
  defaultTtlMs: number;
  maxPayloadBytes: number;
  pingSizeBytes: number;
  /** Topology step grid, virtual ms (first update only; 0 = unknown: no cut-through). */
  stepMs: number;
  stepOriginMs: number;
  /** First update only: which registration of this node this is (1, 2, ... after restarts). */
  incarnation?: number;
}

export interface Counters {
  created: number;
  delivered: number;
  dropped: number;
  held: number;
  queued: number;
  inFlight: number;
  forwarded: number;
  received: number;
  droppedByReason: Record<string, number>;
  /** Hold timers that fired > 1 ms after their instant; host jitter, not carried into virtual time. */
  lateEvents: number;
  maxLateMs: number;
  /** Hops whose bytes arrived after their arrival instant; carried into virtual time. */
  lateArrivals: number;
  maxArrivalLateMs: number;
}

export interface NodeStatus {
  node: number;
  name: string;
  tMs: number;
  counters: Counters;
  links: number;
  routes: number;
  state?: NodeState | null;
}

/** A value an app publishes on its node (ctx.counter / ctx.gauge); its name carries its unit. */
export interface AppValue {
  app: string;
  name: string;
  kind: "counter" | "gauge";
  help: string;
  value: number;
}

/** What a node holds now (node.proto NodeState). */
export interface NodeState {
  node: number;
  tMs: number;
  queueBytes: number;
  queuedBundles: number;
  heldBundles: number;
  heldBytes: number;
  appValues: AppValue[];
}

export interface InjectRequest {
  destination: number;
  sizeBytes: number;
  payload?: Buffer;
  ttlMs?: number;
  atMs?: number;
  via?: ViaName;
  metadata?: Record<string, string>;
  id?: string;
}

export interface PingRequest {
  destination: number;
  via?: ViaName;
  sizeBytes?: number;
  timeoutMs?: number;
}

export interface PingReply {
  ok: boolean;
  reason: string;
  rttMs: number;
  sentMs: number;
  receivedMs: number;
  forward: HopRecord[];
  back: HopRecord[];
}

export interface Contact {
  peer: number;
  peerName: string;
  kind: number;
  startMs: number;
  endMs: number;
  minDelayMs: number;
}

export interface ContactPlan {
  node: number;
  fromMs: number;
  toMs: number;
  passes: Contact[];
  links: Contact[];
}

export interface NodeSummary {
  node: number;
  name: string;
  up: boolean;
  address: string;
  pid: number;
  hostId: string;
  restarts: number;
}

export interface Totals {
  created: number;
  delivered: number;
  dropped: number;
  queued: number;
  droppedByReason: Record<string, number>;
}

export interface EmulationStatus {
  name: string;
  tMs: number;
  clock: ClockSync;
  satellites: number;
  stations: number;
  nodesUp: number;
  nodes: NodeSummary[];
  totals: Totals;
  steps: number;
  stepMs: number;
  isolation: string;
  meanStepComputeMs: number;
  clockMode: string;
  lag: ClockLag | null;
  rounds: number;
  stepsSkipped: number;
  /** Only when GetStatus was asked for them (StatusRequest.nodeStates). */
  nodeStates?: NodeState[];
}

export interface ClockLag {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  stepsLate: number;
  samples: number;
}

export interface NodeUpdateFor {
  node: number;
  update: NodeUpdate;
}

export interface AdvanceRequest {
  untilMs: number;
  stepStartMs: number;
  updates: NodeUpdateFor[];
}

export interface AdvanceReply {
  nextEventMs: number;
  events: BundleEvent[];
  wantRoutes: number[];
}

export interface Metrics {
  tMs: number;
  nodesUp: number;
  totals: Totals;
  links: number;
  linkDiffs: number;
  routeDiffs: number;
  stepComputeMs: number;
}

export interface ModelRouteReply {
  ok: boolean;
  reason: string;
  oneWayMs: number;
  path: number[];
  hopDelayMs: number[];
}
