/**
 * Where the globe's data comes from: the model alone (a YAML played over a window) or a running
 * launch attached through its controller's public gRPC API. The HTTP server talks only to this.
 */
import type { BundlesInfo, ClockInfo, LiveStatus, NodeInfo, RouteInfo, ViewMeta } from "./protocol.js";

export interface ViewSource {
  meta(): ViewMeta;
  /** The binary sample (protocol.ts) at a grid instant. */
  sample(tUnixMs: number): Uint8Array;
  /** Live mode: the run's latest links (protocol.ts RUN_LINKS), null before its first step arrived. */
  runLinks?(): Uint8Array | null;
  clock(): ClockInfo;
  /** Live mode only (model mode: null). */
  status(): LiveStatus | null;
  node(id: number, tUnixMs: number): Promise<NodeInfo>;
  route(from: number, to: number, tUnixMs: number): Promise<RouteInfo>;
  /** The run's bundles between a pair, either direction (live mode; others: emulated false, none). */
  bundles(a: number, b: number): BundlesInfo;
  close(): Promise<void>;
}
