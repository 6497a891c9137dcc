/**
 * What a satellite is to the orbit layer: an SGP4 element set plus where it came from.
 * Produced by the element readers (TLE, OMM) and the Walker generator; consumed by propagation.
 */
import type { SatRec } from "satellite.js";
import type { UnixMs } from "./units.js";

export type ElementSource = "walker" | "tle" | "omm" | "hypatia";

export interface SatelliteElements {
  /** Index in the constellation, 0..N-1: the id used on the CLI, in arrays and on the wire. */
  index: number;
  name: string;
  /** NORAD catalogue number (synthetic, from the shell's base number, for generated shells). */
  noradId: number;
  /** Name of the shell (or element file) this satellite belongs to. */
  shell: string;
  /** Orbital plane within the shell, or -1 when unknown (element sets from files). */
  plane: number;
  /** Slot within the plane, or -1 when unknown. */
  slot: number;
  satrec: SatRec;
  /** The element set's epoch. */
  epochUnixMs: UnixMs;
  source: ElementSource;
}

/** Epoch of a satrec as Unix ms (from satellite.js's jdsatepoch, Julian date UTC). */
export function satrecEpochUnixMs(satrec: SatRec): UnixMs {
  return (satrec.jdsatepoch - 2_440_587.5) * 86_400_000;
}
