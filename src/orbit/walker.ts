/**
 * Walker constellation shells -> SGP4 element sets.
 *
 * Pattern (Walker 1984, "Satellite constellations", JBIS 37: 559-572), notation i:T/P/F with
 * T = P*S satellites, P planes of S satellites and phasing factor F (0 <= F < P):
 *   plane j RAAN          = raanOffsetDeg + j * raanSpreadDeg / P
 *   slot k mean anomaly   = k * 360 / S + j * F * 360 / T
 * raanSpreadDeg is 360 for a Walker delta pattern and 180 for a Walker star (polar) pattern.
 *
 * Altitude -> mean motion. `altitudeKm` is the MEAN altitude of the propagated orbit: the time
 * average over one orbit of |r_TEME| - 6378.135 km (the WGS-72 equatorial radius SGP4 uses). The
 * Keplerian n = sqrt(mu / a^3) with a = R + h is only the first guess: SGP4 reads MEAN_MOTION as a
 * Kozai mean motion and adds J2 secular and short-period terms, so the propagated radius differs from
 * that a by a few km. We therefore propagate one satellite of the shell through one orbit (720 evenly
 * spaced samples), measure its mean altitude, shift a by the error and repeat (fixed-point iteration,
 * converging ~10x per step) until the error is below 1 m. Every satellite of a shell shares a, e and i,
 * and SGP4's near-Earth zonal model is axisymmetric, so one calibration serves the whole shell.
 * Drag is off (BSTAR = 0), so the mean altitude holds over time. Tolerance: |mean altitude -
 * altitudeKm| < 0.001 km by this definition; test/orbit-walker.test.ts checks it independently
 * to 0.5 km for 550, 630, 1015 km and an SSO shell.
 */
import { json2satrec, type OMMJsonObject, type SatRec, sgp4 } from "satellite.js";
import { WGS72_J2, WGS72_MU_KM3_S2, WGS72_RADIUS_KM } from "./constants.js";
import type { WalkerParams } from "./constellation.js";
import { type SatelliteElements, satrecEpochUnixMs } from "./elements.js";
import { SGP4_ERROR_TEXT } from "./propagate.js";

export interface WalkerOptions {
  shellName: string;
  /** Constellation index of the shell's first satellite. */
  firstIndex: number;
  /**
   * NORAD id of the shell's first satellite; satellite (plane j, slot k) gets noradBase + j*S + k.
   * The catalog loader uses 1,000,000 * (shell position + 1), above every real catalogue number
   * (Alpha-5 ends at 339,999), so synthetic ids never collide with element files.
   */
  noradBase: number;
}

const SECONDS_PER_DAY = 86_400;
const TWO_PI = 2 * Math.PI;

/** Keplerian mean motion, rev/day, of a circular orbit of semi-major axis aKm (WGS-72 mu). */
export function keplerMeanMotionRevPerDay(aKm: number): number {
  return (Math.sqrt(WGS72_MU_KM3_S2 / (aKm * aKm * aKm)) * SECONDS_PER_DAY) / TWO_PI;
}

/** Normalise an angle to [0, 360). */
function wrapDeg(x: number): number {
  const r = x % 360;
  return r < 0 ? r + 360 : r;
}

interface ElementsIn {
  name: string;
  noradId: number;
  epoch: string;
  meanMotionRevPerDay: number;
  eccentricity: number;
  inclinationDeg: number;
  raanDeg: number;
  argOfPerigeeDeg: number;
  meanAnomalyDeg: number;
}

function makeSatrec(e: ElementsIn): SatRec {
  const omm = {
    OBJECT_NAME: e.name,
    OBJECT_ID: e.name,
    EPOCH: e.epoch,
    MEAN_MOTION: e.meanMotionRevPerDay,
    ECCENTRICITY: e.eccentricity,
    INCLINATION: e.inclinationDeg,
    RA_OF_ASC_NODE: e.raanDeg,
    ARG_OF_PERICENTER: e.argOfPerigeeDeg,
    MEAN_ANOMALY: e.meanAnomalyDeg,
    NORAD_CAT_ID: e.noradId,
    ELEMENT_SET_NO: 999,
    BSTAR: 0,
    MEAN_MOTION_DOT: 0,
    MEAN_MOTION_DDOT: 0,
  } satisfies OMMJsonObject;
  const satrec = json2satrec(omm);
  const err = satrec.error as number;
  if (err !== 0) throw new Error(`SGP4 init of ${e.name}: ${SGP4_ERROR_TEXT[err] ?? `error ${err}`}`);
  return satrec;
}

/**
 * Mean altitude over one orbit of a satrec: average of |r_TEME| - 6378.135 km over `samples` instants
 * evenly spaced in time (midpoint rule) across one period 2 pi / n of SGP4's (Brouwer) mean motion.
 */
export function meanAltitudeKm(satrec: SatRec, samples = 720, startMin = 0): number {
  const periodMin = TWO_PI / satrec.no;
  let sum = 0;
  for (let s = 0; s < samples; s++) {
    const pv = sgp4(satrec, startMin + ((s + 0.5) * periodMin) / samples);
    if (pv === null || (satrec.error as number) !== 0)
      throw new Error(`SGP4 failed while calibrating altitude (error ${satrec.error})`);
    const p = pv.position;
    sum += Math.hypot(p.x, p.y, p.z) - WGS72_RADIUS_KM;
  }
  return sum / samples;
}

/**
 * Kozai mean motion (rev/day, the OMM MEAN_MOTION) whose SGP4 orbit has mean altitude altitudeKm,
 * for the given inclination and eccentricity. See the file comment for the method.
 */
export function meanMotionForAltitude(
  altitudeKm: number,
  inclinationDeg: number,
  eccentricity: number,
  epoch = "2000-01-01T00:00:00Z",
): number {
  let aKm = WGS72_RADIUS_KM + altitudeKm;
  let n = keplerMeanMotionRevPerDay(aKm);
  for (let iter = 0; iter < 30; iter++) {
    const satrec = makeSatrec({
      name: "calibration",
      noradId: 1,
      epoch,
      meanMotionRevPerDay: n,
      eccentricity,
      inclinationDeg,
      raanDeg: 0,
      argOfPerigeeDeg: 0,
      meanAnomalyDeg: 0,
    });
    const errKm = meanAltitudeKm(satrec) - altitudeKm;
    if (Math.abs(errKm) < 1e-4) return n;
    aKm -= errKm;
    n = keplerMeanMotionRevPerDay(aKm);
  }
  throw new Error(`mean-motion calibration did not converge for altitude ${altitudeKm} km`);
}

/**
 * Sun-synchronous inclination, deg, of a circular orbit at altitudeKm: the inclination whose J2 nodal
 * precession -3/2 n J2 (R/a)^2 cos i equals the Sun's mean motion, 360 deg per tropical year
 * (365.2422 d; Vallado, Fundamentals of Astrodynamics, 4th ed., sec. 11.4). WGS-72 R, mu, J2.
 */
export function ssoInclinationDeg(altitudeKm: number): number {
  const a = WGS72_RADIUS_KM + altitudeKm;
  const n = Math.sqrt(WGS72_MU_KM3_S2 / (a * a * a));
  const sunRateRadPerS = TWO_PI / (365.2422 * SECONDS_PER_DAY);
  const cosI = -sunRateRadPerS / (1.5 * n * WGS72_J2 * (WGS72_RADIUS_KM / a) ** 2);
  return (Math.acos(cosI) * 180) / Math.PI;
}

/** Generate one Walker shell: P*S element sets, plane-major (index = firstIndex + j*S + k). */
export function generateWalkerShell(params: WalkerParams, opts: WalkerOptions): SatelliteElements[] {
  const { planes: P, satsPerPlane: S, phasing: F } = params;
  if (!Number.isInteger(P) || !Number.isInteger(S) || P < 1 || S < 1)
    throw new RangeError(`planes and satsPerPlane must be positive integers (got ${P}, ${S})`);
  if (!Number.isInteger(F) || F < 0 || F >= P)
    throw new RangeError(`phasing F must be an integer in [0, planes) (got ${F})`);
  const T = P * S;
  // json2satrec reads EPOCH as UTC text ending in Z: normalise any zone offset first.
  const epochMs = Date.parse(params.epoch);
  if (!Number.isFinite(epochMs)) throw new RangeError(`epoch is not an ISO 8601 time: ${params.epoch}`);
  const epoch = new Date(epochMs).toISOString();
  const n = meanMotionForAltitude(params.altitudeKm, params.inclinationDeg, params.eccentricity, epoch);
  const out: SatelliteElements[] = [];
  for (let j = 0; j < P; j++) {
    const raanDeg = wrapDeg(params.raanOffsetDeg + (j * params.raanSpreadDeg) / P);
    for (let k = 0; k < S; k++) {
      const meanAnomalyDeg = wrapDeg((k * 360) / S + (j * F * 360) / T);
      const name = `${opts.shellName}-P${j}-S${k}`;
      const noradId = opts.noradBase + j * S + k;
      const satrec = makeSatrec({
        name,
        noradId,
        epoch,
        meanMotionRevPerDay: n,
        eccentricity: params.eccentricity,
        inclinationDeg: params.inclinationDeg,
        raanDeg,
        argOfPerigeeDeg: params.argOfPerigeeDeg,
        meanAnomalyDeg,
      });
      out.push({
        index: opts.firstIndex + j * S + k,
        name,
        noradId,
        shell: opts.shellName,
        plane: j,
        slot: k,
        satrec,
        epochUnixMs: satrecEpochUnixMs(satrec),
        source: "walker",
      });
    }
  }
  return out;
}
