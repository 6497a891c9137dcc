/**
 * What the view server (src/view/) and the page (web/view/) exchange: JSON shapes and the binary
 * layout of one sample. Type-only on the page side, so this file imports nothing.
 *
 * A sample is the constellation at one instant of the sample grid (origin + k * stepMs), binary,
 * little-endian, so 4,408 satellites and ~9,000 links cost ~130 KB instead of megabytes of JSON:
 *
 *   offset 0                      Float64  tUnixMs
 *   offset 8                      Uint32   satellites N
 *   offset 12                     Uint32   links L (undirected: each pair once, lower node id first)
 *   offset 16                     Float32  ECEF km, x y z per satellite (3N); NaN when SGP4 failed
 *   offset 16 + 12N               Uint32   link endpoints, node ids a b per link (2L)
 *   offset 16 + 12N + 8L          Uint8    link kind per link (L): LINK_ISL or LINK_GROUND
 *   offset 16 + 12N + 9L          Uint8    node up (1) or down (0), satellites then stations (N + G)
 *
 * Float32 keeps ~0.5 m resolution at 7,000 km (24-bit mantissa), finer than a pixel at any zoom
 * the globe shows a constellation at.
 */

export const SAMPLE_HEADER_BYTES = 16;

/**
 * Live mode's links of the run (GET api/links): the latest step the run's controller streamed
 * (Controller.WatchTopology), binary, little-endian:
 *
 *   offset 0                      Float64  tUnixMs of the run's step
 *   offset 8                      Float64  steps the controller had computed then
 *   offset 16                     Uint32   nodes N + G
 *   offset 20                     Uint32   links L (undirected, lower node id first)
 *   offset 24                     Uint32   link endpoints a b per link (2L)
 *   offset 24 + 8L                Uint8    link kind per link (L): LINK_ISL or LINK_GROUND
 *   offset 24 + 9L                Uint8    node up (1) or down (0) at that step (N + G)
 */
export const RUN_LINKS_HEADER_BYTES = 24;
export const LINK_ISL = 0;
export const LINK_GROUND = 1;

/** model: a YAML over a window; live: a running launch; recorded: a finished run played back. */
export type ViewMode = "model" | "live" | "recorded";

export interface SatelliteMeta {
  name: string;
  shell: string;
  /** -1 when unknown (element sets read from files). */
  plane: number;
  slot: number;
}

export interface StationMeta {
  name: string;
  latDeg: number;
  lonDeg: number;
  altM: number;
  /** WGS-84 ECEF of the station, km (the project's geodeticToEcef). */
  ecefKm: [number, number, number];
}

export interface ViewMeta {
  mode: ViewMode;
  name: string;
  satellites: SatelliteMeta[];
  stations: StationMeta[];
  /** Sample grid: samples exist at originMs + k * sampleStepMs. */
  originMs: number;
  sampleStepMs: number;
  /** Model and recorded: the window the page plays (and loops). Live: the run's start, and no end (NaN). */
  fromMs: number;
  toMs: number;
}

/** The clock the time bar shows. Model: the page's own playback. Live: the run's controller. */
export interface ClockInfo {
  mode: ViewMode;
  /**
   * Live only: the run's clock as its controller reports it (GetStatus clock_mode): "realtime"
   * (virtual time scaled from the wall clock) or "virtual" (exact, as fast as the CPUs allow).
   */
  kind: "model" | "realtime" | "virtual" | "recorded";
  /** Scenario time at the moment the server answered, Unix ms (live); the window start (model). */
  tUnixMs: number;
  /** Virtual seconds per wall second (live: the run's; model: the page's default playback). */
  speed: number;
  /**
   * Live, realtime clock: the controller's own lag (GetStatus lag), the median of how late its
   * topology steps went out after their instants, wall ms. 0 on the virtual clock (never late)
   * and in the other modes.
   */
  lagMs: number;
  /** Live, realtime clock: the worst step lateness so far, wall ms (GetStatus lag.max_wall_ms). */
  lagMaxMs?: number;
  /** Live, realtime clock: steps later than the run's warning threshold (GetStatus lag.steps_late). */
  stepsLate?: number;
  /** Live and recorded: the run's isolation (process, pooled, inproc). */
  isolation?: string;
}

export interface RouteInfo {
  ok: boolean;
  /** Why there is no route (when !ok). */
  reason: string;
  /** Node ids from source to destination inclusive. */
  path: number[];
  hopDelayMs: number[];
  oneWayMs: number;
  /** The instant the route is for, Unix ms. */
  tUnixMs: number;
}

/** A bundle of the emulated run between the chosen pair (live mode: the controller's WatchBundles). */
export interface BundleInfo {
  id: string;
  source: number;
  destination: number;
  /** Virtual instant it was created at its source, Unix ms. */
  createdUnixMs: number;
  /** Virtual instant it was delivered or dropped, Unix ms; null while in flight. */
  endUnixMs: number | null;
  outcome: "in-flight" | "delivered" | "dropped";
  /** Why it was dropped ("" otherwise). */
  reason: string;
}

export interface BundlesInfo {
  /** False in model and recorded modes: no run sends bundles the view can follow there. */
  emulated: boolean;
  /** The controller confirmed the watch (its first, empty message): bundles from then on are seen. */
  watching: boolean;
  /** The most recent bundles of the pair (either direction), oldest first, at most BUNDLES_KEPT. */
  bundles: BundleInfo[];
  /** Events the controller could not send the server because it read too slowly. */
  missedEvents: number;
}

/** Bundles of the chosen pair the server keeps and returns (our choice: enough for a screen). */
export const BUNDLES_KEPT = 200;

export interface ContactRow {
  /** The other end: a station (for a satellite) or a satellite (for a station). */
  peer: string;
  startUnixMs: number;
  endUnixMs: number;
  /** Model passes: maximum elevation over the pass, deg; live contact plans do not carry it: null. */
  maxElevationDeg: number | null;
}

export interface NodeInfo {
  node: number;
  kind: "satellite" | "station";
  name: string;
  shell?: string;
  plane?: number;
  slot?: number;
  /** WGS-84 geodetic position at tUnixMs (the project's ecefToGeodetic); null when SGP4 fails. */
  latDeg: number | null;
  lonDeg: number | null;
  altKm: number | null;
  tUnixMs: number;
  /** Live: whether the node is registered and serving; recorded: whether it was at tUnixMs. */
  up?: boolean;
  /** Live only: the node's own counters (Node.GetStatus): queued, held, in flight, ... */
  counters?: Record<string, number>;
  /** Live only: what the node holds and its apps publish (the controller's GetStatus node_states). */
  state?: NodeStateInfo;
  /** Upcoming contacts from tUnixMs: ground passes (model: src/orbit/passes.ts; live: GetContactPlan). */
  contacts: ContactRow[];
  /** Where the contacts come from, for the panel. */
  contactSource: string;
}

export interface NodeStateInfo {
  /** Virtual instant of the reading, Unix ms. */
  tUnixMs: number;
  queueBytes: number;
  heldBytes: number;
  /** "<app>/<name>" -> value (names carry their units: storage_bytes, battery_soc_ratio). */
  appValues: { app: string; name: string; kind: "counter" | "gauge"; value: number }[];
}

/** Live only: the run's ledger and step metrics, refreshed by the server from GetStatus/WatchMetrics. */
export interface LiveStatus {
  name: string;
  nodesUp: number;
  nodes: number;
  /** Node ids not up now (the page greys them out; samples fetched ahead carry older states). */
  down: number[];
  totals: { created: number; delivered: number; dropped: number; queued: number };
  steps: number;
  /** From the latest WatchMetrics message (NaN before the first). */
  links: number;
  stepComputeMs: number;
}
