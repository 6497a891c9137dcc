/**
 * The mesh layer's contract: a topology snapshot (who links to whom at an instant, with delay and
 * capacity) and route answers. Produced by src/mesh/ (issue B); consumed by the live emulator
 * (src/emu/, issue C), the Earth-observation replay (src/eo/, issue D) and the latency experiments.
 *
 * Node ids follow Hypatia's convention: satellites 0..S-1, then ground stations S..S+G-1.
 */
import type { UnixMs } from "../orbit/units.js";

export const LinkKind = {
  /** Inter-satellite laser link. */
  Isl: 0,
  /** Ground station -> satellite (uplink). */
  GslUp: 1,
  /** Satellite -> ground station (downlink). */
  GslDown: 2,
  /** Terrestrial fiber between two ground stations (only in paths when relaying is allowed). */
  Fiber: 3,
} as const;
export type LinkKind = (typeof LinkKind)[keyof typeof LinkKind];

/**
 * Directed links in compressed sparse row form: the links leaving node u are indices
 * rowStart[u] .. rowStart[u+1]-1 of the per-link arrays. Arrays may be longer than linkCount
 * (reused buffers); only the first linkCount entries are meaningful.
 */
export interface TopologySnapshot {
  tUnixMs: UnixMs;
  satelliteCount: number;
  stationCount: number;
  /** satelliteCount + stationCount. */
  nodeCount: number;
  linkCount: number;
  rowStart: Int32Array;
  target: Int32Array;
  /** One-way propagation delay, ms (distance / c). */
  delayMs: Float64Array;
  distanceKm: Float64Array;
  capacityBps: Float64Array;
  kind: Uint8Array;
  /**
   * Optional bounds of delayMs over the first linkCount links, filled by TopologyBuilder so the router
   * need not scan for them (its bucket width). Whoever edits delayMs must update or delete them.
   */
  minDelayMs?: number;
  maxDelayMs?: number;
  /**
   * Optional: every node's ECEF position, km (3 per node, satellites then stations), the positions
   * the links' distances were computed from. TopologyBuilder fills it; StationDelays uses it for
   * lower bounds (src/mesh/dial-search.ts dialDistances) and checks them against the links.
   */
  nodeEcefKm?: Float64Array;
}

export const isStationNode = (s: TopologySnapshot, node: number): boolean => node >= s.satelliteCount;
export const stationNode = (s: TopologySnapshot, stationIndex: number): number =>
  s.satelliteCount + stationIndex;

/** Why a route does not exist. Routing never answers with a silent empty path. */
export type NoRouteReason =
  | "source-has-no-satellite-in-view"
  | "destination-has-no-satellite-in-view"
  | "mesh-partitioned"
  | "node-down";

export type RouteResult =
  | {
      ok: true;
      /** Node ids from source to destination inclusive. */
      path: number[];
      /** Sum of one-way propagation delays along the path, ms. */
      delayMs: number;
      hops: number;
    }
  | { ok: false; reason: NoRouteReason; detail: string };
