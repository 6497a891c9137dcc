/**
 * Orbits built by hand for orbit-layer tests: a circular orbit whose mean motion comes from Kepler's
 * third law (not from the Walker generator under test), and its mean radius and angular rate
 * measured from SGP4 states.
 */
import { json2satrec } from "satellite.js";
import { WGS72_MU_KM3_S2, WGS84_A_KM } from "../src/orbit/constants.js";
import { type SatelliteElements, satrecEpochUnixMs } from "../src/orbit/elements.js";
import { sgp4Into } from "../src/orbit/propagate.js";

export interface CircularOrbit {
  index: number;
  altitudeKm: number;
  inclinationDeg: number;
  raanDeg: number;
  meanAnomalyDeg: number;
  epochIso: string;
}

/** A circular orbit at a = WGS-84 equatorial radius + altitude, n = sqrt(mu / a^3), no drag. */
export function circularOrbitSat(o: CircularOrbit): SatelliteElements {
  const a = WGS84_A_KM + o.altitudeKm;
  const revPerDay = (Math.sqrt(WGS72_MU_KM3_S2 / a ** 3) * 86_400) / (2 * Math.PI);
  const name = `SAT-${o.index}`;
  const satrec = json2satrec({
    OBJECT_NAME: name,
    OBJECT_ID: name,
    EPOCH: o.epochIso,
    MEAN_MOTION: revPerDay,
    ECCENTRICITY: 0,
    INCLINATION: o.inclinationDeg,
    RA_OF_ASC_NODE: o.raanDeg,
    ARG_OF_PERICENTER: 0,
    MEAN_ANOMALY: o.meanAnomalyDeg,
    NORAD_CAT_ID: 90_000 + o.index,
    ELEMENT_SET_NO: 1,
    BSTAR: 0,
    MEAN_MOTION_DOT: 0,
    MEAN_MOTION_DDOT: 0,
  });
  return {
    index: o.index,
    name,
    noradId: 90_000 + o.index,
    shell: "test",
    plane: -1,
    slot: -1,
    satrec,
    epochUnixMs: satrecEpochUnixMs(satrec),
    source: "omm",
  };
}

/** Mean radius (km) and inertial angular rate |r x v| / r^2 (rad/s) of an SGP4 orbit over `minutes`. */
export function meanRadiusAndRate(sat: SatelliteElements, minutes: number): { r: number; w: number } {
  const p = new Float64Array(3);
  const v = new Float64Array(3);
  let rSum = 0;
  let wSum = 0;
  let n = 0;
  for (let t = 0; t < minutes; t += 0.25) {
    sgp4Into(sat.satrec, t, p, v, 0);
    const r = Math.hypot(p[0]!, p[1]!, p[2]!);
    const hx = p[1]! * v[2]! - p[2]! * v[1]!;
    const hy = p[2]! * v[0]! - p[0]! * v[2]!;
    const hz = p[0]! * v[1]! - p[1]! * v[0]!;
    rSum += r;
    wSum += Math.hypot(hx, hy, hz) / (r * r);
    n++;
  }
  return { r: rSum / n, w: wSum / n };
}
