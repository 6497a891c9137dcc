/**
 * Frames and geometry: GMST, TEME -> ECEF, geodetic <-> ECEF (WGS-84), look angles.
 *
 * TEME -> ECEF here is the rotation by GMST (IAU-1982 model, Vallado 2004 eq. 3-45) about z; this is
 * TEME -> PEF, ignoring polar motion (< 15 m at LEO), the convention SGP4 users and satellite.js follow.
 * Functions come in two shapes: object-returning ones for single points, and `*Into` ones that write
 * into caller-owned typed arrays for hot paths.
 */
import { gstime } from "satellite.js";
import { JD_UNIX_EPOCH, WGS84_A_KM, WGS84_E2 } from "./constants.js";
import {
  DEG_PER_RAD,
  type EcefKm,
  type EcefKmArray,
  ecefKm,
  type Geodetic,
  MS_PER_DAY,
  RAD_PER_DEG,
  type TemeKm,
  type TemeKmArray,
  type UnixMs,
} from "./units.js";

/** Julian date (UTC used as UT1; |UT1-UTC| < 0.9 s moves GMST by < 4 arcsec) of a Unix instant. */
export function julianDate(tUnixMs: UnixMs): number {
  return tUnixMs / MS_PER_DAY + JD_UNIX_EPOCH;
}

/** Greenwich mean sidereal time, radians in [0, 2pi), IAU-1982 (satellite.js gstime, Vallado eq. 3-45). */
export function gmstRad(tUnixMs: UnixMs): number {
  return gstime(julianDate(tUnixMs));
}

/** Rotate a TEME vector into ECEF (PEF) by GMST. */
export function temeToEcef(r: TemeKm, gmst: number): EcefKm {
  const c = Math.cos(gmst);
  const s = Math.sin(gmst);
  return ecefKm(c * r.x + s * r.y, -s * r.x + c * r.y, r.z);
}

/** Rotate packed TEME triples into packed ECEF triples (may alias: in === out is allowed). */
export function temeToEcefInto(
  teme: TemeKmArray,
  gmst: number,
  out: EcefKmArray,
  count = teme.length / 3,
): void {
  const c = Math.cos(gmst);
  const s = Math.sin(gmst);
  for (let i = 0, k = 0; i < count; i++, k += 3) {
    const x = teme[k]!;
    const y = teme[k + 1]!;
    out[k] = c * x + s * y;
    out[k + 1] = -s * x + c * y;
    out[k + 2] = teme[k + 2]!;
  }
}

/** Geodetic (WGS-84) to ECEF. Standard closed form, e.g. NIMA TR8350.2 eq. 4-14. */
export function geodeticToEcef(g: Geodetic): EcefKm {
  const lat = g.latDeg * RAD_PER_DEG;
  const lon = g.lonDeg * RAD_PER_DEG;
  const sinLat = Math.sin(lat);
  const cosLat = Math.cos(lat);
  const n = WGS84_A_KM / Math.sqrt(1 - WGS84_E2 * sinLat * sinLat);
  return ecefKm(
    (n + g.altKm) * cosLat * Math.cos(lon),
    (n + g.altKm) * cosLat * Math.sin(lon),
    (n * (1 - WGS84_E2) + g.altKm) * sinLat,
  );
}

/**
 * ECEF to geodetic (WGS-84) by Bowring-style fixed-point iteration on latitude; converges to
 * < 1e-12 rad in a few iterations for any point outside the Earth's core.
 */
export function ecefToGeodetic(r: EcefKm): Geodetic {
  const p = Math.hypot(r.x, r.y);
  const lon = Math.atan2(r.y, r.x);
  if (p < 1e-9) {
    // On the polar axis: latitude is +-90 deg, height measured from the pole.
    const b = WGS84_A_KM * Math.sqrt(1 - WGS84_E2);
    return { latDeg: r.z >= 0 ? 90 : -90, lonDeg: 0, altKm: Math.abs(r.z) - b };
  }
  let lat = Math.atan2(r.z, p * (1 - WGS84_E2));
  let n = WGS84_A_KM;
  for (let i = 0; i < 8; i++) {
    const sinLat = Math.sin(lat);
    n = WGS84_A_KM / Math.sqrt(1 - WGS84_E2 * sinLat * sinLat);
    const next = Math.atan2(r.z + n * WGS84_E2 * sinLat, p);
    if (Math.abs(next - lat) < 1e-14) {
      lat = next;
      break;
    }
    lat = next;
  }
  const sinLat = Math.sin(lat);
  const cosLat = Math.cos(lat);
  n = WGS84_A_KM / Math.sqrt(1 - WGS84_E2 * sinLat * sinLat);
  const altKm =
    Math.abs(cosLat) > 1e-10 ? p / cosLat - n : Math.abs(r.z) / Math.abs(sinLat) - n * (1 - WGS84_E2);
  return { latDeg: lat * DEG_PER_RAD, lonDeg: lon * DEG_PER_RAD, altKm };
}

/** Azimuth (deg from north, clockwise), elevation (deg above the local ellipsoid horizon), range (km). */
export interface LookAngles {
  azimuthDeg: number;
  elevationDeg: number;
  rangeKm: number;
}

/**
 * A ground observer prepared for fast look-angle computation: its ECEF position and the rows of the
 * ECEF -> SEZ/ENU rotation, computed once. Geodetic (not geocentric) vertical.
 */
export interface Observer {
  readonly geodetic: Geodetic;
  readonly ecef: EcefKm;
  /** East unit vector in ECEF. */
  readonly east: readonly [number, number, number];
  /** North unit vector in ECEF. */
  readonly north: readonly [number, number, number];
  /** Up (ellipsoid normal) unit vector in ECEF. */
  readonly up: readonly [number, number, number];
}

export function makeObserver(g: Geodetic): Observer {
  const lat = g.latDeg * RAD_PER_DEG;
  const lon = g.lonDeg * RAD_PER_DEG;
  const sl = Math.sin(lat);
  const cl = Math.cos(lat);
  const so = Math.sin(lon);
  const co = Math.cos(lon);
  return {
    geodetic: g,
    ecef: geodeticToEcef(g),
    east: [-so, co, 0],
    north: [-sl * co, -sl * so, cl],
    up: [cl * co, cl * so, sl],
  };
}

/** Sine of the elevation of the ECEF point (x, y, z) seen from the observer: cheap visibility test. */
export function sinElevation(o: Observer, x: number, y: number, z: number): number {
  const dx = x - o.ecef.x;
  const dy = y - o.ecef.y;
  const dz = z - o.ecef.z;
  const range = Math.sqrt(dx * dx + dy * dy + dz * dz);
  return (dx * o.up[0] + dy * o.up[1] + dz * o.up[2]) / range;
}

/** Look angles from an observer to an ECEF point. */
export function lookAngles(o: Observer, r: EcefKm): LookAngles {
  const dx = r.x - o.ecef.x;
  const dy = r.y - o.ecef.y;
  const dz = r.z - o.ecef.z;
  const e = dx * o.east[0] + dy * o.east[1] + dz * o.east[2];
  const n = dx * o.north[0] + dy * o.north[1] + dz * o.north[2];
  const u = dx * o.up[0] + dy * o.up[1] + dz * o.up[2];
  const rangeKm = Math.sqrt(dx * dx + dy * dy + dz * dz);
  let azimuthDeg = Math.atan2(e, n) * DEG_PER_RAD;
  if (azimuthDeg < 0) azimuthDeg += 360;
  return {
    azimuthDeg,
    elevationDeg: Math.asin(Math.min(1, Math.max(-1, u / rangeKm))) * DEG_PER_RAD,
    rangeKm,
  };
}

/** Elevation in degrees from an observer to satellite i of a packed ECEF array. */
export function elevationDegAt(o: Observer, ecef: EcefKmArray, i: number): number {
  const s = sinElevation(o, ecef[3 * i]!, ecef[3 * i + 1]!, ecef[3 * i + 2]!);
  return Math.asin(Math.min(1, Math.max(-1, s))) * DEG_PER_RAD;
}
