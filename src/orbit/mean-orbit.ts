/**
 * The size and shape of an element set's orbit from its mean elements alone, by Kepler's third law
 * with SGP4's gravity (WGS-72 mu and radius), without propagating: semi-major axis, perigee and
 * apogee altitudes. For sanity checks and for an altitude that stays meaningful when SGP4 cannot
 * propagate an element set through a whole orbit (a decaying object).
 *
 * The mean motion used is the element set's own (Kozai, as written in the TLE/OMM: satrec.nokozai);
 * SGP4's recovered Brouwer mean motion differs from it by ~1e-3 relative at LEO, i.e. a few km of
 * semi-major axis, which is well inside every threshold these feed.
 */
import type { SatRec } from "satellite.js";
import { WGS72_MU_KM3_S2, WGS72_RADIUS_KM } from "./constants.js";
import { meanAltitudeKm } from "./walker.js";

const SECONDS_PER_DAY = 86_400;
const TWO_PI = 2 * Math.PI;

/** The element set's mean motion, rev/day (satrec.nokozai is rad/min). */
export function meanMotionRevPerDay(satrec: SatRec): number {
  return (satrec.nokozai * 1440) / TWO_PI;
}

/** Semi-major axis of an orbit of mean motion n (rev/day): a = (mu / n^2)^(1/3), km. */
export function semiMajorAxisKmOf(meanMotionRevPerDay: number): number {
  const nRadPerS = (meanMotionRevPerDay * TWO_PI) / SECONDS_PER_DAY;
  return Math.cbrt(WGS72_MU_KM3_S2 / (nRadPerS * nRadPerS));
}

export interface MeanOrbitShape {
  meanMotionRevPerDay: number;
  semiMajorAxisKm: number;
  /** a (1 - e) - R, km (R = 6378.135 km, WGS-72 equatorial radius). */
  perigeeAltitudeKm: number;
  /** a (1 + e) - R, km. */
  apogeeAltitudeKm: number;
  /** a - R, km: the mean altitude of the Keplerian orbit. */
  meanAltitudeKm: number;
}

export function meanOrbitShape(satrec: SatRec): MeanOrbitShape {
  const n = meanMotionRevPerDay(satrec);
  const a = semiMajorAxisKmOf(n);
  const e = satrec.ecco;
  return {
    meanMotionRevPerDay: n,
    semiMajorAxisKm: a,
    perigeeAltitudeKm: a * (1 - e) - WGS72_RADIUS_KM,
    apogeeAltitudeKm: a * (1 + e) - WGS72_RADIUS_KM,
    meanAltitudeKm: a - WGS72_RADIUS_KM,
  };
}

/**
 * Mean altitude of an element set for display, km: the propagated one-orbit mean of |r| - R
 * (src/orbit/walker.ts meanAltitudeKm, the catalog's definition) when SGP4 can propagate a whole
 * orbit, else (an object decaying within that orbit) the Keplerian a - R. Never throws, so one
 * decaying object cannot turn a shell's altitude into an error or nonsense.
 */
export function displayMeanAltitudeKm(satrec: SatRec): number {
  try {
    return meanAltitudeKm(satrec);
  } catch {
    return meanOrbitShape(satrec).meanAltitudeKm;
  }
}
