/**
 * The geometry of a replay, computed once per run (scenario.ts): who can image what when, ground
 * passes, sunlight. Times are ms since the run start (float).
 */
import type { EoSettings, SatelliteEoConfig } from "./config.js";
import type { ResolvedRequest } from "./workload.js";

export interface ScenarioSatellite {
  name: string;
  eo: SatelliteEoConfig;
}

export interface ScenarioStation {
  name: string;
  downlinkBps: number;
}

/** A moment a satellite can capture a request's target (its closest approach to it). */
export interface CaptureOpportunity {
  tMs: number;
  sat: number;
  request: number;
}

export interface ContactWindow {
  sat: number;
  station: number;
  aosMs: number;
  losMs: number;
}

/** From tMs on, the satellite's illuminated fraction is `fraction` (0 umbra .. 1 full sun). */
export interface SunlightChange {
  tMs: number;
  fraction: number;
}

export interface ReplayScenario {
  startUnixMs: number;
  durationMs: number;
  satellites: ScenarioSatellite[];
  stations: ScenarioStation[];
  requests: ResolvedRequest[];
  /** Sorted by tMs. */
  opportunities: CaptureOpportunity[];
  contacts: ContactWindow[];
  /** Per satellite, sorted; a satellite without changes is sunlit throughout. */
  sunlight: SunlightChange[][];
  settings: EoSettings;
  /** Seeds the scenes (detections) of captured images. */
  seed: number;
}
