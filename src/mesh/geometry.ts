/**
 * Link geometry: line of sight between two points above the Earth, and the range limits it implies.
 *
 * The Earth is a sphere of the WGS-84 equatorial radius (its largest radius) for the grazing test:
 * conservative, as it overstates the Earth's height under a polar line of sight by at most 21 km.
 * Hypatia does the same with the WGS-72 radius (6378.135 km), 2 m less.
 */
import { WGS84_A_KM } from "../orbit/constants.js";

/** Radius of the sphere the grazing test measures altitude from, km. */
export const GRAZING_EARTH_RADIUS_KM = WGS84_A_KM;

/**
 * Squared distance from the Earth's centre to the closest point of the segment a-b (ECEF km).
 * NaN inputs give NaN (so comparisons fail and no link forms).
 */
export function segmentMinRadiusSq(
  ax: number,
  ay: number,
  az: number,
  bx: number,
  by: number,
  bz: number,
): number {
  const dx = bx - ax;
  const dy = by - ay;
  const dz = bz - az;
  const len2 = dx * dx + dy * dy + dz * dz;
  // Parameter of the closest point on the infinite line, clamped to the segment.
  let t = len2 > 0 ? -(ax * dx + ay * dy + az * dz) / len2 : 0;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const px = ax + t * dx;
  const py = ay + t * dy;
  const pz = az + t * dz;
  return px * px + py * py + pz * pz;
}

/** Lowest altitude (above the grazing sphere) of the straight line of sight a-b, km. */
export function tangentAltitudeKm(
  ax: number,
  ay: number,
  az: number,
  bx: number,
  by: number,
  bz: number,
): number {
  return Math.sqrt(segmentMinRadiusSq(ax, ay, az, bx, by, bz)) - GRAZING_EARTH_RADIUS_KM;
}

/**
 * Longest line of sight between two satellites at altitudes hA, hB (km) that stays above the grazing
 * altitude: both tangent legs, sqrt(r^2 - rg^2) each. For two 550 km satellites and 80 km this is
 * Hypatia's max ISL length for Starlink-550 (5,016.6 km).
 */
export function maxLineOfSightKm(
  altitudeAKm: number,
  altitudeBKm: number,
  grazingAltitudeKm: number,
): number {
  const rg = GRAZING_EARTH_RADIUS_KM + grazingAltitudeKm;
  const ra = GRAZING_EARTH_RADIUS_KM + altitudeAKm;
  const rb = GRAZING_EARTH_RADIUS_KM + altitudeBKm;
  return Math.sqrt(ra * ra - rg * rg) + Math.sqrt(rb * rb - rg * rg);
}

/**
 * Slant range from a station on the sphere to a satellite at altitude h seen at elevation e:
 * law of cosines in the Earth-centre / station / satellite triangle.
 */
export function slantRangeKm(altitudeKm: number, elevationDeg: number): number {
  const re = GRAZING_EARTH_RADIUS_KM;
  const r = re + altitudeKm;
  const s = Math.sin((elevationDeg * Math.PI) / 180);
  return Math.sqrt(r * r - re * re * (1 - s * s)) - re * s;
}
