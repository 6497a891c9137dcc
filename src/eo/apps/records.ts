/**
 * What the EO apps write at the end of a run (`<run-dir>/apps/<app>/`), read back by the replay to
 * summarise a mode (src/eo/collect.ts). One file per node, JSON.
 */
import type { PowerSummary } from "./seams.js";

export const ONBOARD_APP = "eo-onboard";
export const GROUND_APP = "eo-ground";

export interface CapturedRecord {
  imageId: string;
  requestId: string;
  requestIndex: number;
  captureUnixMs: number;
  rawBytes: number;
  priority: number;
  tag: string;
  /** When onboard inference finished; null in raw mode or when it never did. */
  inferredUnixMs: number | null;
}

export interface OnboardRecord {
  sat: number;
  images: CapturedRecord[];
  /** Captures refused because storage was full, and their bytes. */
  refused: number;
  refusedBytes: number;
  storageUsedBytes: number;
  peakStorageBytes: number;
  /** Storage used at startUnixMs + k x sampleIntervalMs. */
  series: number[];
  /** Products sent over the laser mesh toward a station another satellite served. */
  relaySends: number;
  /** Seconds the downlink radio transmitted. */
  downlinkTxS: number;
  /** Sends the node gave up on (the product stayed on board). */
  sendsFailed: number;
  imagesInferred: number;
  pendingInference: number;
  power: PowerSummary;
}

/** One product that reached a station (first arrival only; duplicates are counted apart). */
export interface ArrivalRecord {
  productId: string;
  imageId: string;
  kind: string;
  insight: boolean;
  bytes: number;
  sat: number;
  arrivalUnixMs: number;
  hops: number;
}

export interface GroundRecord {
  station: number;
  arrivals: ArrivalRecord[];
  duplicates: number;
}

export const onboardFile = (sat: number) => `sat-${sat}.json`;
export const groundFile = (station: number) => `station-${station}.json`;
