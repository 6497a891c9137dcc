/**
 * Hand-placed geometry for mesh tests: ECEF arrays, stations and laser candidates built directly, so
 * the expected values come from the geometry written here, not from the code under test.
 */
import type { IslSettings } from "../src/mesh/config.js";
import { type IslCandidates, packCandidates } from "../src/mesh/grid.js";
import { type StationSite, TopologyBuilder } from "../src/mesh/topology.js";
import type { EcefKmArray } from "../src/orbit/units.js";

/** WGS-84 equatorial radius, km (NIMA TR8350.2 Table 3.1): the sphere the grazing test uses. */
export const R_KM = 6378.137;
/** Speed of light, km/s (SI definition). */
export const C_KM_S = 299_792.458;

export function ecef(points: readonly (readonly [number, number, number])[]): EcefKmArray {
  return Float64Array.from(points.flat()) as EcefKmArray;
}

export const islSettings = (over: Partial<IslSettings> = {}): IslSettings => ({
  pattern: "none",
  k: 4,
  interPlaneOffset: 0,
  grazingAltitudeKm: 80,
  maxRangeKm: 10_000,
  capacityBps: 25e9,
  terminals: 4,
  reacquisitionMs: 0,
  extraLinks: [],
  ...over,
});

export function candidates(
  n: number,
  pairs: readonly (readonly [number, number])[],
  over: Partial<IslSettings> = {},
): IslCandidates {
  return packCandidates(n, [{ pairs, settings: islSettings(over) }]);
}

/**
 * A station at ECEF (x, y, z) km with local vertical `up` (unit), mask in degrees. Antennas default to
 * unlimited (every satellite in view), which the visibility tests written before antennas assume.
 */
export function site(
  name: string,
  p: readonly [number, number, number],
  up: readonly [number, number, number],
  minElevationDeg: number,
  maxRangeKm = Infinity,
  antennas = Infinity,
): StationSite {
  return {
    name,
    x: p[0],
    y: p[1],
    z: p[2],
    upX: up[0],
    upY: up[1],
    upZ: up[2],
    minElevationDeg,
    maxRangeKm,
    capacityBps: 20e9,
    antennas,
  };
}

export function builder(
  satelliteCount: number,
  isl: IslCandidates,
  stations: StationSite[] = [],
  groundPolicy: "all-visible" | "nearest" = "all-visible",
): TopologyBuilder {
  return new TopologyBuilder({ satelliteCount, isl, stations, groundPolicy });
}

/** Targets of node u's outgoing links, sorted. */
export function neighbours(s: { rowStart: Int32Array; target: Int32Array }, u: number): number[] {
  return Array.from(s.target.subarray(s.rowStart[u]!, s.rowStart[u + 1]!)).sort((a, b) => a - b);
}
