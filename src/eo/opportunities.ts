/**
 * Capture opportunities: when each satellite passes closest to each requested target, within the
 * request's window and the sensor's reach.
 *
 * Every satellite's position is sampled at `accessStepMs` (wasm SGP4 for the whole constellation); a
 * (satellite, request) pair whose sub-satellite direction comes within a coarse bound of the target
 * starts a candidate run, and each run is refined by golden-section search of the ground distance
 * (JS SGP4, geodetic sub-satellite point) to the closest approach inside the request window. The
 * target is captured there if that distance is within the sensor's reach (sensor.ts
 * maxGroundOffsetKm).
 *
 * Why runs are screened before the refinement: the coarse bound takes the reach at 2,000 km of
 * altitude (above any EO orbit), ~1,250 km for a 30 deg off-nadir sensor against ~320 km at 525 km,
 * so most candidate runs are passes too far to the side, and their golden-section search (~19 JS
 * SGP4 calls and geodetic conversions each) was most of the replay's serial geometry. A run is now
 * skipped when a lower bound of its closest approach, from its own samples, is beyond the
 * satellite's largest reach: such a refinement could only have ended in a distance beyond the reach,
 * which is never captured. Every other run is refined exactly as before, so the opportunities are the
 * same, to the millisecond.
 */
import { EARTH_ROTATION_RAD_S, WGS72_RADIUS_KM, WGS84_B_KM } from "../orbit/constants.js";
import type { Constellation } from "../orbit/constellation.js";
import { ecefToGeodetic, gmstRad, temeToEcef } from "../orbit/frames.js";
import { ConstellationPropagator, SGP4_OK, sgp4Into } from "../orbit/propagate.js";
import { goldenMin } from "../orbit/search.js";
import { MS_PER_MIN, RAD_PER_DEG, temeKm } from "../orbit/units.js";
import type { SatelliteEoConfig } from "./config.js";
import type { CaptureOpportunity } from "./scenario-types.js";
import { EARTH_MEAN_RADIUS_KM, maxGroundOffsetKm } from "./sensor.js";
import { type ResolvedRequest, targetCenter } from "./workload.js";

/** Largest ground speed of a LEO sub-satellite point, km/s (7.9 km/s orbital speed scaled to the ground, rounded up). */
const MAX_GROUND_SPEED_KM_S = 8;
/**
 * Geodetic against geocentric latitude of the sub-satellite point: at most 0.19 deg (WGS-84, at the
 * surface; less above it), 21 km on the mean sphere; 30 km with room. The coarse test compares the
 * satellite's geocentric direction, the refinement its geodetic sub-satellite point.
 */
const GEODETIC_MARGIN_KM = 30;
/**
 * Room on the mean elements' bounds for SGP4's short-period terms, which move a LEO satellite's
 * radius by ~10 km (J2 x R^2 / a ~ 1e-3 x 6,900 km) and its angular rate by ~0.1%: assumed 1% of
 * the apogee radius and 2% of the angular rate, several times those.
 */
const RADIUS_ROOM = 1.01;
const RATE_ROOM = 1.02;

/** Padding of the latitude band a satellite's targets are looked for in (rad, and of sin lat). */
const BAND_PAD = 1e-9;

/** The first index of `a` at which `below` is false (`below` true on a prefix of `a`). */
function lowerBound(a: readonly number[], below: (x: number) => boolean): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (below(a[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Great-circle distance on the mean sphere, km. */
function groundDistanceKm(lat1Deg: number, lon1Deg: number, lat2Deg: number, lon2Deg: number): number {
  const p1 = lat1Deg * RAD_PER_DEG;
  const p2 = lat2Deg * RAD_PER_DEG;
  const dp = p2 - p1;
  const dl = (lon2Deg - lon1Deg) * RAD_PER_DEG;
  const h = Math.sin(dp / 2) ** 2 + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) ** 2;
  return 2 * EARTH_MEAN_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Bounds of one satellite from its mean elements (satellite.js satrec: `no` rad/min, `a` in WGS-72
 * Earth radii, `ecco`): the largest reach of its sensor (at its highest geodetic altitude, apogee
 * radius less the WGS-84 polar radius) and the largest speed of its sub-satellite point over the
 * rotating Earth (perigee angular rate n (1+e)^2 / (1-e^2)^1.5 plus the Earth's rotation, on the mean
 * sphere). Infinity where the elements give no finite answer: such a satellite's runs are all refined.
 */
function satelliteBounds(
  satrec: { no: number; a: number; ecco: number },
  cfg: SatelliteEoConfig,
): { reachKm: number; groundSpeedKmS: number } {
  const e = Math.min(0.99, Math.max(0, satrec.ecco));
  const apogeeKm = satrec.a * WGS72_RADIUS_KM * (1 + e) * RADIUS_ROOM;
  const reachKm = maxGroundOffsetKm(cfg.sensor, Math.max(0, apogeeKm - WGS84_B_KM));
  const perigeeRateRadS = ((satrec.no / 60) * (1 + e) ** 2) / (1 - e * e) ** 1.5;
  const groundSpeedKmS = EARTH_MEAN_RADIUS_KM * (perigeeRateRadS * RATE_ROOM + EARTH_ROTATION_RAD_S);
  return {
    reachKm: Number.isFinite(reachKm) ? reachKm : Number.POSITIVE_INFINITY,
    groundSpeedKmS: Number.isFinite(groundSpeedKmS) ? groundSpeedKmS : Number.POSITIVE_INFINITY,
  };
}

/**
 * A candidate run: its first and last sample instants, and the cosine of the geocentric angle to the
 * target at its first, last and closest samples.
 */
interface Run {
  first: number;
  last: number;
  firstCos: number;
  lastCos: number;
  bestCos: number;
}

/** Closest approaches of satellites to requested targets, within each request's window. */
export async function opportunitiesOf(
  c: Constellation,
  requests: readonly ResolvedRequest[],
  configs: readonly SatelliteEoConfig[],
  startUnixMs: number,
  durationMs: number,
  stepMs: number,
  /** `screen: false` refines every candidate run: the reference the screen is tested against. */
  o: { screen?: boolean } = {},
): Promise<CaptureOpportunity[]> {
  const screen = o.screen ?? true;
  const endUnixMs = startUnixMs + durationMs;
  const S = c.satellites.length;
  const reqs = requests
    .filter((r) => r.endUnixMs > startUnixMs && r.startUnixMs < endUnixMs)
    .sort((a, b) => a.startUnixMs - b.startUnixMs);
  // Target unit vectors (geocentric direction; the coarse bound below absorbs the difference).
  const ux = new Float64Array(reqs.length);
  const uy = new Float64Array(reqs.length);
  const uz = new Float64Array(reqs.length);
  const centers = reqs.map((r) => targetCenter(r.target));
  centers.forEach((ctr, k) => {
    const la = ctr.latDeg * RAD_PER_DEG;
    const lo = ctr.lonDeg * RAD_PER_DEG;
    ux[k] = Math.cos(la) * Math.cos(lo);
    uy[k] = Math.cos(la) * Math.sin(lo);
    uz[k] = Math.sin(la);
  });
  // Coarse bound: the largest reach (at 2000 km altitude, above any EO orbit) plus a step of travel plus
  // the geocentric/geodetic latitude difference (< 22 km).
  const reachKm = Math.max(...configs.map((cfg) => maxGroundOffsetKm(cfg.sensor, 2000)));
  const boundKm = reachKm + (MAX_GROUND_SPEED_KM_S * stepMs) / 1000 + 30;
  const cosBound = Math.cos(Math.min(Math.PI, boundKm / EARTH_MEAN_RADIUS_KM));
  const bandRad = Math.min(Math.PI, boundKm / EARTH_MEAN_RADIUS_KM) + BAND_PAD;
  const bounds = c.satellites.map((s, i) => satelliteBounds(s.satrec, configs[i]!));

  const pos = new Float64Array(3);
  const subPoint = (sat: number, t: number) => {
    const s = c.satellites[sat]!;
    if (sgp4Into(s.satrec, (t - s.epochUnixMs) / MS_PER_MIN, pos, null, 0) !== SGP4_OK) return null;
    return ecefToGeodetic(temeToEcef(temeKm(pos[0]!, pos[1]!, pos[2]!), gmstRad(t)));
  };
  const angleKm = (cos: number) => EARTH_MEAN_RADIUS_KM * Math.acos(Math.min(1, Math.max(-1, cos)));
  /**
   * Lower bound of the ground distance over the run's bracket [first - step, last + step]: every
   * instant there is within half a step of one of the run's samples, or within a step of its first
   * or last, and the sub-satellite point moves at most `groundSpeedKmS` from a sample meanwhile.
   */
  const closestBoundKm = (sat: number, run: Run): number => {
    const v = bounds[sat]!.groundSpeedKmS;
    const stepS = stepMs / 1000;
    return (
      Math.min(
        angleKm(run.bestCos) - (v * stepS) / 2,
        angleKm(run.firstCos) - v * stepS,
        angleKm(run.lastCos) - v * stepS,
      ) - GEODETIC_MARGIN_KM
    );
  };
  const out: CaptureOpportunity[] = [];
  const refine = (sat: number, k: number, run: Run) => {
    if (screen && closestBoundKm(sat, run) > bounds[sat]!.reachKm) return;
    const r = reqs[k]!;
    const ctr = centers[k]!;
    const a = Math.max(run.first - stepMs, r.startUnixMs, startUnixMs);
    const b = Math.min(run.last + stepMs, r.endUnixMs, endUnixMs);
    if (!(b >= a)) return;
    const f = (t: number) => {
      const g = subPoint(sat, t);
      return g ? groundDistanceKm(g.latDeg, g.lonDeg, ctr.latDeg, ctr.lonDeg) : Number.POSITIVE_INFINITY;
    };
    // Closest approach of the sub-satellite point to the target, to 50 ms.
    const tBest = Math.round(goldenMin(f, a, b, 50));
    const g = subPoint(sat, tBest);
    if (!g) return;
    const d = groundDistanceKm(g.latDeg, g.lonDeg, ctr.latDeg, ctr.lonDeg);
    if (d <= maxGroundOffsetKm(configs[sat]!.sensor, g.altKm))
      out.push({ tMs: tBest - startUnixMs, sat, request: r.index });
  };

  const prop = await ConstellationPropagator.create(c.satellites);
  try {
    // Candidate runs: key sat * R + k.
    const R = reqs.length;
    const runs = new Map<number, Run>();
    let lo = 0;
    // The requests open at this tick, by the z of their target's unit vector (then index), so that a
    // satellite tests only the targets in its latitude band (below).
    const active: number[] = [];
    const byZ = (k: number, j: number) => uz[k]! - uz[j]! || k - j;
    const steps = Math.ceil(durationMs / stepMs);
    for (let n = 0; n <= steps; n++) {
      const t = Math.min(endUnixMs, startUnixMs + n * stepMs);
      while (lo < R && reqs[lo]!.startUnixMs <= t + stepMs) {
        const k = lo++;
        active.splice(
          lowerBound(active, (j) => byZ(j, k) < 0),
          0,
          k,
        );
      }
      for (let j = active.length - 1; j >= 0; j--)
        if (reqs[active[j]!]!.endUnixMs < t - stepMs) active.splice(j, 1);
      if (active.length > 0) {
        const ecef = prop.at(t).ecef;
        for (let i = 0; i < S; i++) {
          const x = ecef[3 * i]!;
          const y = ecef[3 * i + 1]!;
          const z = ecef[3 * i + 2]!;
          const rn = Math.sqrt(x * x + y * y + z * z);
          if (!(rn > 0)) continue;
          const thr = cosBound * rn;
          // A target within the bound's angle of the satellite's direction is within that angle of
          // its latitude, so only targets in that band can pass the test below (padded so that
          // rounding at the bound cannot drop one: the test itself decides, unchanged).
          const latRad = Math.asin(Math.max(-1, Math.min(1, z / rn)));
          const zLo = latRad - bandRad <= -Math.PI / 2 ? -2 : Math.sin(latRad - bandRad) - BAND_PAD;
          const zHi = latRad + bandRad >= Math.PI / 2 ? 2 : Math.sin(latRad + bandRad) + BAND_PAD;
          for (let q = lowerBound(active, (j) => uz[j]! < zLo); q < active.length; q++) {
            const k = active[q]!;
            if (uz[k]! > zHi) break;
            const dot = x * ux[k]! + y * uy[k]! + z * uz[k]!;
            if (dot < thr) continue;
            const cos = dot / rn;
            const key = i * R + k;
            const run = runs.get(key);
            if (run && run.last === t - stepMs) {
              run.last = t;
              run.lastCos = cos;
              if (cos > run.bestCos) run.bestCos = cos;
            } else {
              if (run) refine(i, k, run);
              runs.set(key, { first: t, last: t, firstCos: cos, lastCos: cos, bestCos: cos });
            }
          }
        }
      }
      // Close runs that did not continue this tick.
      for (const [key, run] of runs)
        if (run.last < t) {
          refine(Math.floor(key / R), key % R, run);
          runs.delete(key);
        }
    }
    for (const [key, run] of runs) refine(Math.floor(key / R), key % R, run);
  } finally {
    prop.dispose();
  }
  out.sort((a, b) => a.tMs - b.tMs || a.sat - b.sat || a.request - b.request);
  return out;
}
