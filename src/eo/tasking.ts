/**
 * The tasking plan the ground uplinks: for every satellite, when to image what (tasked requests at
 * their closest approach, or survey strips over sunlit land), its sunlight timeline, and the
 * downlink windows it holds a station antenna in; plus every satellite's windows, so a satellite out
 * of contact knows which stations are being served and can relay over the laser mesh.
 *
 * Real EO operations plan this way: acquisitions and passes are predicted on the ground and uplinked
 * as a schedule. The replay computes it once per run (src/eo/scenario.ts geometry) and writes it as
 * one JSON file that the onboard app on every node reads (`eo-onboard.tasking`), so apps in child
 * host processes get it the same way as in-process ones.
 *
 * Decided: a tasked request goes to the satellite with its earliest capture opportunity; later
 * opportunities of that satellite are fallbacks (used when storage refused the first). Re-tasking
 * another satellite after a refusal needs an uplink the replay does not model.
 */
import { readFileSync } from "node:fs";
import { writeFileAtomic } from "../util/atomic-write.js";
import type { EoSettings, SatelliteEoConfig } from "./config.js";
import type { DownlinkWindow } from "./downlink-windows.js";
import type { ReplayMode } from "./products.js";

/** One planned capture: what the image is, and when. */
export interface TaskedCapture {
  tUnixMs: number;
  imageId: string;
  requestId: string;
  /** Index of the request in the workload; -1 for survey captures. */
  requestIndex: number;
  priority: number;
  tag: string;
  latDeg: number;
  lonDeg: number;
  areaKm2: number;
  rawBytes: number;
  widthPx: number;
  heightPx: number;
  tiles: number;
  sceneSeed: number;
}

export interface SatelliteTasking {
  sat: number;
  name: string;
  eo: SatelliteEoConfig;
  /** [tUnixMs, illuminated fraction from then on], sorted; empty: sunlit throughout. */
  illumination: [number, number][];
  /** By time. */
  captures: TaskedCapture[];
}

export interface EoTasking {
  version: 1;
  mode: ReplayMode;
  startUnixMs: number;
  endUnixMs: number;
  settings: EoSettings;
  /** Relay summaries (and raw with rawOverMesh) over the laser mesh. */
  relay: boolean;
  /** Node ids of the stations (satellites are 0..S-1, stations S..). */
  stations: { id: number; name: string; downlinkBps: number }[];
  satellites: SatelliteTasking[];
  /** Every satellite's antenna holds, by start (station = station index, not node id). */
  windows: DownlinkWindow[];
}

export function writeTasking(path: string, t: EoTasking): void {
  writeFileAtomic(path, JSON.stringify(t));
}

const cache = new Map<string, EoTasking>();

/** Read once per process (every node of a host shares it). */
export function readTasking(path: string): EoTasking {
  let t = cache.get(path);
  if (!t) {
    t = JSON.parse(readFileSync(path, "utf8")) as EoTasking;
    if (t.version !== 1) throw new Error(`${path}: unknown tasking version ${String(t.version)}`);
    cache.set(path, t);
  }
  return t;
}
