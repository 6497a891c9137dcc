/**
 * Secular J2 drift of mean orbital elements: bring the right ascension of the ascending node and the
 * argument of latitude of element sets with different epochs to one reference epoch.
 *
 * First-order secular rates of the oblate Earth (Vallado, "Fundamentals of Astrodynamics and
 * Applications", 4th ed., 2013, sec. 9.6, eq. 9-41 for the node and the companion expressions for
 * the argument of perigee and the mean anomaly; the same terms as Brouwer 1959 to first order in J2):
 *   dRAAN/dt = -3/2 n J2 (R/p)^2 cos i
 *   dw/dt    =  3/4 n J2 (R/p)^2 (4 - 5 sin^2 i)
 *   dM/dt    =  n + 3/4 n J2 (R/p)^2 sqrt(1 - e^2) (3 cos^2 i - 1)
 * with p = a (1 - e^2) and n the mean (Brouwer) mean motion. SGP4's initialisation computes the same
 * rates plus J2^2 and J4 terms (satellite.js `nodedot`, `argpdot`, `mdot`); test/orbit-structure.test.ts
 * checks these against them. We use the closed form, not SGP4's fields, so the inference works on
 * any element set with n, e, i and a (whatever reader produced it) and states its own model.
 */
import type { SatRec } from "satellite.js";
import { WGS72_J2 } from "./constants.js";
import { DEG_PER_RAD, MS_PER_MIN, type UnixMs } from "./units.js";

export interface SecularRates {
  nodeRadPerMin: number;
  argPerigeeRadPerMin: number;
  meanAnomalyRadPerMin: number;
}

/**
 * Secular J2 rates, rad/min, of mean elements: mean motion `noRadPerMin` (Brouwer, rad/min),
 * semi-major axis `aEarthRadii` (in Earth radii, the unit SGP4's J2 is normalised to), eccentricity,
 * inclination (rad). J2 is WGS-72's, the value SGP4 uses (src/orbit/constants.ts).
 */
export function j2SecularRates(
  noRadPerMin: number,
  aEarthRadii: number,
  eccentricity: number,
  inclinationRad: number,
): SecularRates {
  const e2 = eccentricity * eccentricity;
  const p = aEarthRadii * (1 - e2);
  const k = (noRadPerMin * WGS72_J2) / (p * p);
  const c = Math.cos(inclinationRad);
  const s2 = 1 - c * c;
  return {
    nodeRadPerMin: -1.5 * k * c,
    argPerigeeRadPerMin: 0.75 * k * (4 - 5 * s2),
    meanAnomalyRadPerMin: noRadPerMin + 0.75 * k * Math.sqrt(1 - e2) * (3 * c * c - 1),
  };
}

/** Normalise an angle to [0, 360). */
export function wrap360(deg: number): number {
  const r = deg % 360;
  return r < 0 ? r + 360 : r;
}

/**
 * RAAN and mean argument of latitude (w + M; the true one differs by < 2e rad, under 0.02 deg for
 * the e < 1e-4 of constellation shells) of a satrec at `refUnixMs`, deg in [0, 360), by the secular
 * J2 rates above from the element set's own epoch.
 */
export function nodeAndArgLatAt(
  satrec: SatRec,
  epochUnixMs: UnixMs,
  refUnixMs: UnixMs,
): { raanDeg: number; argLatDeg: number } {
  const r = j2SecularRates(satrec.no, satrec.a, satrec.ecco, satrec.inclo);
  const dtMin = (refUnixMs - epochUnixMs) / MS_PER_MIN;
  const raan = satrec.nodeo + r.nodeRadPerMin * dtMin;
  const u = satrec.argpo + satrec.mo + (r.argPerigeeRadPerMin + r.meanAnomalyRadPerMin) * dtMin;
  return { raanDeg: wrap360(raan * DEG_PER_RAD), argLatDeg: wrap360(u * DEG_PER_RAD) };
}
