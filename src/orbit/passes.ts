/**
 * Ground-station passes: when each satellite is in view of a station (above its elevation mask, and
 * within its slant-range limit when it has one), as first-class `Pass` objects.
 *
 * Method: coarse sampling of a continuous visibility margin g(t) for all selected satellites per tick
 * (typed arrays, no objects per satellite per tick), then per-satellite refinement with JS SGP4
 * (`sgp4Into` + GMST rotation): AOS and LOS by bisection of g's sign change, TCA by golden-section
 * search of the elevation, each to a bracket of `toleranceMs` (default 100 ms, so +-50 ms).
 *
 * Margin: g = max(sin(mask) - sin(el), (range - maxRange) / maxRange): negative exactly when the
 * satellite is visible, continuous, so sign changes bracket AOS/LOS. A pass shorter than the step can
 * fall between samples; it shows as a sampled local minimum of g above zero, and a golden-section
 * search over the two steps around that minimum finds its dip below zero (see passSamplingStepMs for
 * why the step keeps that bracket unimodal).
 *
 * Window edges: a pass in progress at `fromUnixMs` starts there with `aosClipped`; one in progress at
 * `toUnixMs` ends there with `losClipped`. Its TCA and max elevation are those inside the window.
 * A satellite whose SGP4 fails at an instant counts as not visible then (fails closed, like the mesh).
 */

import { EARTH_ROTATION_RAD_S, WGS72_RADIUS_KM, WGS84_A_KM } from "./constants.js";
import type { GroundStation } from "./constellation.js";
import type { SatelliteElements } from "./elements.js";
import { gmstRad, makeObserver, type Observer, temeToEcefInto } from "./frames.js";
import { type ConstellationPropagator, SGP4_OK, sgp4Into } from "./propagate.js";
import { bisect, goldenMin } from "./search.js";
import {
  DEG_PER_RAD,
  type EcefKmArray,
  MS_PER_MIN,
  newEcefKmArray,
  newTemeKmArray,
  RAD_PER_DEG,
  type UnixMs,
} from "./units.js";

/** A contact between one satellite and one ground station. */
export interface Pass {
  /** Satellite index in the constellation (SatelliteElements.index). */
  satellite: number;
  /** Ground station name. */
  station: string;
  /** Acquisition of signal: the satellite rises above the mask (or enters the range limit). */
  aosUnixMs: UnixMs;
  /** Time of closest approach, here: of maximum elevation within the pass. */
  tcaUnixMs: UnixMs;
  /** Loss of signal. */
  losUnixMs: UnixMs;
  maxElevationDeg: number;
  /** The pass was already in progress at the search window's start: aosUnixMs is that start. */
  aosClipped: boolean;
  /** The pass was still in progress at the search window's end: losUnixMs is that end. */
  losClipped: boolean;
}

/** What a pass search needs of a station; a catalog GroundStation fits. */
export type PassStation = Pick<
  GroundStation,
  "name" | "latDeg" | "lonDeg" | "altM" | "minElevationDeg" | "maxRangeKm"
>;

export interface PassSearchOptions {
  /** Positions in `sats` to search (default: all). */
  satellites?: readonly number[];
  /** Coarse sampling step, ms (default: passSamplingStepMs for the selected satellites). */
  stepMs?: number;
  /** Width of the final refinement bracket, ms (default 100: AOS/LOS/TCA within +-50 ms). */
  toleranceMs?: number;
  /**
   * Sample with this propagator (e.g. the wasm engine, fast for whole constellations); it must have
   * been created from the same `sats` array. Refinement always uses per-satellite JS SGP4.
   */
  propagator?: ConstellationPropagator;
}

export const PASS_DEFAULTS = {
  toleranceMs: 100,
  /** Bounds of the geometric default step, ms. */
  minStepMs: 1_000,
  maxStepMs: 300_000,
  /** Samples per shortest overhead pass. */
  samplesPerPass: 4,
} as const;

/**
 * Default coarse step from geometry: a quarter of the shortest overhead pass any selected satellite
 * can make over this station. For a spherical Earth of radius R (the station's geocentric radius,
 * taken as the WGS-84 equatorial radius plus altitude, the largest) and a satellite at radius r, the
 * Earth-central half-angle of the region where elevation >= mask e is
 *   psi = acos(R cos(e) / r) - e,
 * and the sub-satellite point sweeps it at most at the satellite's perigee angular rate plus the
 * Earth's rotation (retrograde case), so the shortest pass above the mask lasts T = 2 psi / rate.
 * With a slant-range limit rho, psi is also capped by acos((R^2 + r^2 - rho^2) / (2 R r)).
 * Sampling at T/4 puts >= 4 samples in every overhead pass; lower passes are shorter but their margin
 * bowl spans the whole horizon-to-horizon time (longer than T), so the two-step bracket around a
 * sampled minimum contains their single dip and the golden-section search finds it.
 * Example: 550 km, mask 25 deg: psi = 8.4 deg, T = 250 s, step 63 s.
 */
export function passSamplingStepMs(
  sats: readonly SatelliteElements[],
  station: PassStation,
  satellites?: readonly number[],
): number {
  const maskRad = Math.max(0, station.minElevationDeg) * RAD_PER_DEG;
  const rStation = WGS84_A_KM + station.altM / 1000;
  let shortestS = Number.POSITIVE_INFINITY;
  const idx = satellites ?? sats.map((_, i) => i);
  for (const i of idx) {
    const s = sats[i]!.satrec;
    // satrec.no: mean motion, rad/min; satrec.a: semi-major axis in (WGS-72) Earth radii.
    const e = Math.min(0.99, Math.max(0, s.ecco));
    const aKm = s.a * WGS72_RADIUS_KM;
    const rp = aKm * (1 - e);
    if (!(rp > rStation)) continue; // sub-orbital or invalid: SGP4 will report it
    const nRadS = s.no / 60;
    const perigeeRateRadS = (nRadS * (1 + e) ** 2) / (1 - e * e) ** 1.5;
    let psi = Math.acos(Math.min(1, (rStation * Math.cos(maskRad)) / rp)) - maskRad;
    const rho = station.maxRangeKm;
    if (rho !== undefined && rho > 0) {
      // Range limit: law of cosines in the station / Earth centre / satellite triangle.
      const c = (rStation * rStation + rp * rp - rho * rho) / (2 * rStation * rp);
      psi = Math.min(psi, c >= 1 ? 0 : Math.acos(Math.max(-1, c)));
    }
    if (psi <= 0) continue;
    shortestS = Math.min(shortestS, (2 * psi) / (perigeeRateRadS + EARTH_ROTATION_RAD_S));
  }
  const stepMs = (shortestS * 1000) / PASS_DEFAULTS.samplesPerPass;
  return Math.min(PASS_DEFAULTS.maxStepMs, Math.max(PASS_DEFAULTS.minStepMs, stepMs));
}

/** Visibility margin of an ECEF point (negative when visible), see the module comment. */
function margin(o: Observer, sinMask: number, maxRangeKm: number, x: number, y: number, z: number): number {
  const dx = x - o.ecef.x;
  const dy = y - o.ecef.y;
  const dz = z - o.ecef.z;
  const range = Math.sqrt(dx * dx + dy * dy + dz * dz);
  const sinEl = (dx * o.up[0] + dy * o.up[1] + dz * o.up[2]) / range;
  let g = sinMask - sinEl;
  if (maxRangeKm > 0) g = Math.max(g, (range - maxRangeKm) / maxRangeKm);
  return Number.isNaN(g) ? 1 : g; // a satellite in SGP4 error is not visible
}

/** Entering/leaving events and dips found while sampling; few (per pass), so a plain array. */
const EV_ENTER = 0;
const EV_LEAVE = 1;
const EV_DIP = 2;

/**
 * All passes of the selected satellites over `station` in [fromUnixMs, toUnixMs], sorted by AOS then
 * satellite. See the module comment for the method and the window-edge convention.
 */
export function findPasses(
  sats: readonly SatelliteElements[],
  station: PassStation,
  fromUnixMs: UnixMs,
  toUnixMs: UnixMs,
  opts: PassSearchOptions = {},
): Pass[] {
  if (!(toUnixMs > fromUnixMs)) throw new RangeError("findPasses: the window must have from < to");
  const sel = Int32Array.from(opts.satellites ?? sats.map((_, i) => i));
  for (const i of sel)
    if (!(i >= 0 && i < sats.length)) throw new RangeError(`findPasses: no satellite at position ${i}`);
  const prop = opts.propagator;
  if (prop && prop.count !== sats.length)
    throw new RangeError(
      `findPasses: propagator has ${prop.count} satellites, sats has ${sats.length}; build it from the same array`,
    );
  const stepMs = opts.stepMs ?? passSamplingStepMs(sats, station, opts.satellites);
  const tolMs = opts.toleranceMs ?? PASS_DEFAULTS.toleranceMs;
  if (!(stepMs > 0) || !(tolMs > 0)) throw new RangeError("findPasses: step and tolerance must be > 0");

  const o = makeObserver({ latDeg: station.latDeg, lonDeg: station.lonDeg, altKm: station.altM / 1000 });
  const sinMask = Math.sin(station.minElevationDeg * RAD_PER_DEG);
  const maxRangeKm = station.maxRangeKm ?? 0;
  const m = sel.length;

  // --- coarse sampling, time-major, typed arrays only ---
  const teme = newTemeKmArray(m);
  const ecefOwn = newEcefKmArray(m);
  const gPrev2 = new Float64Array(m);
  const gPrev1 = new Float64Array(m);
  const gFirst = new Float64Array(m);
  const events: number[] = []; // [selPos, kind, tLo, tHi] quadruples
  const nTicks = Math.ceil((toUnixMs - fromUnixMs) / stepMs) + 1;
  let tPrev2 = Number.NaN;
  let tPrev1 = Number.NaN;
  for (let k = 0; k < nTicks; k++) {
    const t = Math.min(toUnixMs, fromUnixMs + k * stepMs);
    let ecef: EcefKmArray;
    let stride: Int32Array | null = null;
    if (prop) {
      ecef = prop.at(t).ecef;
      stride = sel;
    } else {
      for (let j = 0; j < m; j++) {
        const s = sats[sel[j]!]!;
        sgp4Into(s.satrec, (t - s.epochUnixMs) / MS_PER_MIN, teme, null, 3 * j);
      }
      temeToEcefInto(teme, gmstRad(t), ecefOwn, m);
      ecef = ecefOwn;
    }
    for (let j = 0; j < m; j++) {
      const p = 3 * (stride ? stride[j]! : j);
      const g = margin(o, sinMask, maxRangeKm, ecef[p]!, ecef[p + 1]!, ecef[p + 2]!);
      if (k === 0) gFirst[j] = g;
      else {
        const a = gPrev1[j]!;
        if (a >= 0 !== g >= 0) events.push(j, a >= 0 ? EV_ENTER : EV_LEAVE, tPrev1, t);
        else if (k >= 2 && a >= 0 && g >= 0 && a < gPrev2[j]! && a <= g) events.push(j, EV_DIP, tPrev2, t);
      }
      gPrev2[j] = gPrev1[j]!;
      gPrev1[j] = g;
    }
    tPrev2 = tPrev1;
    tPrev1 = t;
  }

  // --- refinement, per satellite, JS SGP4 ---
  const bySat = new Map<number, number[]>();
  for (let e = 0; e < events.length; e += 4) {
    const j = events[e]!;
    const list = bySat.get(j);
    if (list) list.push(e);
    else bySat.set(j, [e]);
  }
  const passes: Pass[] = [];
  const pos = new Float64Array(3);
  for (let j = 0; j < m; j++) {
    const evs = bySat.get(j) ?? [];
    if (evs.length === 0 && !(gFirst[j]! < 0)) continue;
    const sat = sats[sel[j]!]!;
    const ecefAt = (t: number): boolean => {
      const code = sgp4Into(sat.satrec, (t - sat.epochUnixMs) / MS_PER_MIN, pos, null, 0);
      if (code !== SGP4_OK) return false;
      const gm = gmstRad(t);
      const c = Math.cos(gm);
      const s = Math.sin(gm);
      const x = pos[0]!;
      const y = pos[1]!;
      pos[0] = c * x + s * y;
      pos[1] = -s * x + c * y;
      return true;
    };
    const g = (t: number): number =>
      ecefAt(t) ? margin(o, sinMask, maxRangeKm, pos[0]!, pos[1]!, pos[2]!) : 1;
    // Negative sine of elevation: minimised at the TCA.
    const negSinEl = (t: number): number => {
      if (!ecefAt(t)) return 1;
      const dx = pos[0]! - o.ecef.x;
      const dy = pos[1]! - o.ecef.y;
      const dz = pos[2]! - o.ecef.z;
      return -(dx * o.up[0] + dy * o.up[1] + dz * o.up[2]) / Math.sqrt(dx * dx + dy * dy + dz * dz);
    };
    const edges: { t: number; entering: boolean }[] = [];
    for (const e of evs) {
      const kind = events[e + 1]!;
      const lo = events[e + 2]!;
      const hi = events[e + 3]!;
      if (kind === EV_DIP) {
        const tMin = goldenMin(g, lo, hi, tolMs);
        if (g(tMin) < 0) {
          edges.push({ t: bisect(g, lo, tMin, false, tolMs), entering: true });
          edges.push({ t: bisect(g, tMin, hi, true, tolMs), entering: false });
        }
      } else edges.push({ t: bisect(g, lo, hi, kind === EV_LEAVE, tolMs), entering: kind === EV_ENTER });
    }
    edges.sort((a, b) => a.t - b.t);
    let open: number | null = gFirst[j]! < 0 ? fromUnixMs : null;
    let clipped = open !== null;
    const close = (aos: number, los: number, aosClipped: boolean, losClipped: boolean) => {
      const tca = goldenMin(negSinEl, aos, los, tolMs);
      const sinEl = -negSinEl(tca);
      passes.push({
        satellite: sat.index,
        station: station.name,
        aosUnixMs: aos,
        tcaUnixMs: tca,
        losUnixMs: los,
        maxElevationDeg: Math.asin(Math.min(1, Math.max(-1, sinEl))) * DEG_PER_RAD,
        aosClipped,
        losClipped,
      });
    };
    for (const e of edges) {
      if (e.entering && open === null) {
        open = e.t;
        clipped = false;
      } else if (!e.entering && open !== null) {
        close(open, e.t, clipped, false);
        open = null;
      }
    }
    if (open !== null) close(open, toUnixMs, clipped, true);
  }
  passes.sort((a, b) => a.aosUnixMs - b.aosUnixMs || a.satellite - b.satellite);
  return passes;
}
