/**
 * The terrestrial baseline: fiber laid along the WGS-84 geodesic (times a route stretch).
 * RTT = 2 x distance x stretch x n_g / c, with n_g the fiber's group index (src/mesh/config.ts).
 */
import geodesic from "geographiclib-geodesic";
import { SPEED_OF_LIGHT_KM_S } from "../orbit/constants.js";
import { MS_PER_S } from "../orbit/units.js";

const WGS84 = geodesic.Geodesic.WGS84;

/** WGS-84 geodesic distance between two points, km (Karney's algorithm via geographiclib-geodesic). */
export function geodesicKm(latADeg: number, lonADeg: number, latBDeg: number, lonBDeg: number): number {
  const r = WGS84.Inverse(latADeg, lonADeg, latBDeg, lonBDeg);
  return (r.s12 ?? Number.NaN) / 1000;
}

/** Round-trip time through fiber of geodesic length distanceKm, ms. */
export function fiberRttMs(distanceKm: number, stretch: number, groupIndex: number): number {
  return ((2 * distanceKm * stretch * groupIndex) / SPEED_OF_LIGHT_KM_S) * MS_PER_S;
}
