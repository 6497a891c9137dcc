/**
 * Sanity warnings for element-set catalogs (issue 11): not errors, one line each, counted, and
 * carried in `--format json` by `info` and `catalog`. A real catalog always has some.
 *
 * The kinds: an element set older than a threshold relative to the run's start (`stale-epoch`), a
 * mean motion no real Earth orbit has (`implausible-mean-motion`), a perigee below 100 km
 * (`low-perigee`), and an object SGP4 reports as decayed within the run (`decayed`).
 *
 * Thresholds and their physics (docs/catalogs.md has the same in prose):
 * - stale-epoch: run start - epoch > 7 days (STALE_EPOCH_DAYS). Generated (Walker) and Hypatia element
 *   sets are exact by construction and never stale.
 * - implausible-mean-motion: n > 16.5 rev/day (a circular orbit below ~139 km, which drag ends within
 *   hours to days; an assumed bound), or a semi-major axis whose perigee a (1 - e) lies below the
 *   Earth's surface, or one beyond the Earth's Hill sphere (n < ~0.0047 rev/day: not bound to it).
 * - low-perigee: a (1 - e) - R < 100 km, the Karman line.
 * - decayed: SGP4 (satellite.js, the same code the run uses) fails at some instant of the window,
 *   sampled evenly over the window, every 10 min or coarser (bounded: at most DECAY_MAX_STEPS + 1 = 25
 *   samples per satellite: hourly for a 24 h run), then scanned minute by minute from the last good
 *   sample to the first failing one.
 * a and e are Keplerian from the element set's own mean motion (src/orbit/mean-orbit.ts).
 */
import { sgp4 } from "satellite.js";
import { AU_KM, WGS72_RADIUS_KM } from "./constants.js";
import type { SatelliteElements } from "./elements.js";
import { meanOrbitShape } from "./mean-orbit.js";
import { SGP4_ERROR_TEXT, SGP4_NONFINITE } from "./propagate.js";
import type { UnixMs } from "./units.js";
import { keplerMeanMotionRevPerDay } from "./walker.js";

export type CatalogWarningKind = "stale-epoch" | "implausible-mean-motion" | "low-perigee" | "decayed";

export interface CatalogWarning {
  kind: CatalogWarningKind;
  /** The satellite's name as in its element set. */
  satellite: string;
  /** Index in the constellation's satellite list. */
  index: number;
  /** One line for a person, naming the value and the threshold. */
  message: string;
  /** NORAD catalogue number of the element set. */
  noradId?: number;
  /** stale-epoch: run start - epoch, days. */
  ageDays?: number;
  /** implausible-mean-motion: the element set's mean motion, rev/day. */
  meanMotionRevPerDay?: number;
  /** low-perigee and implausible-mean-motion: Keplerian perigee altitude a (1 - e) - R, km. */
  perigeeAltitudeKm?: number;
  /** decayed: first instant at which SGP4 fails, to 1 min, after the last good coarse sample. */
  decayedAtUnixMs?: UnixMs;
}

export interface CatalogWindow {
  startUnixMs: UnixMs;
  endUnixMs: UnixMs;
  /** Age beyond which an element set is stale, days (default STALE_EPOCH_DAYS). */
  staleAfterDays?: number;
}

/**
 * An element set older than this at the run's start is stale, days. Our choice (an assumption, not
 * a published limit): SGP4 with operational element sets is accurate to about 1 km within a few days
 * of epoch for LEO (Kelso, "Validation of SGP4 and IS-GPS-200D Against GPS Precision Ephemerides",
 * AAS 07-127, 2007), and the along-track error then grows by roughly 1 km or more per day for LEO
 * objects under drag, so past a week the km-level positions that range-limited links and passes rely
 * on are no longer assured; Starlink's element sets are normally refreshed daily or faster.
 */
export const STALE_EPOCH_DAYS = 7;
/**
 * Highest plausible mean motion, rev/day: 16.5 rev/day is a circular orbit of a = 6,517.5 km, about
 * 139 km up (Kepler, WGS-72), where atmospheric drag ends an orbit within about a day. Assumed bound
 * (issue 11 names it); catalogs do hold objects just below it in their last hours.
 */
export const MAX_MEAN_MOTION_REV_PER_DAY = 16.5;
/**
 * Sun/Earth mass ratio. Source: IAU 2009 System of Astronomical Constants (Luzum et al., Celest.
 * Mech. Dyn. Astr. 110, 2011), S/E = 332,946.0487.
 */
const SUN_EARTH_MASS_RATIO = 332_946.0487;
/**
 * Radius of the Earth's Hill sphere, r_H = 1 au (m_E / (3 M_S))^(1/3) = 1.4966e6 km (Hill-sphere
 * approximation, e.g. Murray & Dermott, Solar System Dynamics, 1999, eq. 3.75): an orbit larger
 * than this is not bound to the Earth.
 */
export const EARTH_HILL_SPHERE_KM = AU_KM * Math.cbrt(1 / (3 * SUN_EARTH_MASS_RATIO));
/** Perigee altitude below which a warning is given, km: the Karman line (FAI's edge of space). */
export const LOW_PERIGEE_KM = 100;
/** Decay sampling: finest step between samples, min, and the most steps per satellite. */
export const DECAY_MIN_STEP_MIN = 10;
export const DECAY_MAX_STEPS = 24;

const MS_PER_MIN = 60_000;
const MS_PER_DAY = 86_400_000;

const iso = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z");

/** SGP4 error code of `sat` at Unix time t (0 = propagates). */
function sgp4ErrorAt(sat: SatelliteElements, tUnixMs: number): number {
  const pv = sgp4(sat.satrec, (tUnixMs - sat.epochUnixMs) / MS_PER_MIN);
  const err = sat.satrec.error as number;
  if (err !== 0) return err;
  if (pv === null) return SGP4_NONFINITE;
  const p = pv.position;
  return Number.isFinite(p.x + p.y + p.z) ? 0 : SGP4_NONFINITE;
}

/** First instant of the window at which SGP4 fails for `sat` (to within 1 min), or undefined. */
function firstDecayUnixMs(sat: SatelliteElements, w: CatalogWindow): { t: number; err: number } | undefined {
  const span = Math.max(0, w.endUnixMs - w.startUnixMs);
  const steps = Math.max(1, Math.min(DECAY_MAX_STEPS, Math.ceil(span / (DECAY_MIN_STEP_MIN * MS_PER_MIN))));
  let okT = Number.NaN;
  for (let k = 0; k <= steps; k++) {
    const t = w.startUnixMs + (span * k) / steps;
    const err = sgp4ErrorAt(sat, t);
    if (err === 0) {
      okT = t;
      continue;
    }
    if (Number.isNaN(okT)) return { t, err };
    // SGP4's decay test is on the instantaneous radius, so the first failures come and go near
    // perigee: scan minute by minute from the last good sample rather than bisect.
    for (let u = okT + MS_PER_MIN; u < t; u += MS_PER_MIN) {
      const e = sgp4ErrorAt(sat, u);
      if (e !== 0) return { t: u, err: e };
    }
    return { t, err };
  }
  return undefined;
}

/** Mean motion of an orbit the size of the Hill sphere, rev/day (~0.0047): slower is unbound. */
const MIN_MEAN_MOTION_REV_PER_DAY = keplerMeanMotionRevPerDay(EARTH_HILL_SPHERE_KM);

export function catalogWarnings(sats: readonly SatelliteElements[], window: CatalogWindow): CatalogWarning[] {
  const staleDays = window.staleAfterDays ?? STALE_EPOCH_DAYS;
  const out: CatalogWarning[] = [];
  for (const sat of sats) {
    const base = { satellite: sat.name, index: sat.index, noradId: sat.noradId };
    const synthetic = sat.source === "walker" || sat.source === "hypatia";
    const ageDays = (window.startUnixMs - sat.epochUnixMs) / MS_PER_DAY;
    if (!synthetic && ageDays > staleDays)
      out.push({
        ...base,
        kind: "stale-epoch",
        ageDays,
        message: `${sat.name}: element set epoch ${iso(sat.epochUnixMs)} is ${ageDays.toFixed(1)} days before the run start ${iso(window.startUnixMs)} (stale after ${staleDays} days)`,
      });
    const shape = meanOrbitShape(sat.satrec);
    const n = shape.meanMotionRevPerDay;
    const perigeeRadiusKm = shape.perigeeAltitudeKm + WGS72_RADIUS_KM;
    let why: string | undefined;
    if (n > MAX_MEAN_MOTION_REV_PER_DAY)
      why = `above ${MAX_MEAN_MOTION_REV_PER_DAY} rev/day (a circular orbit ${shape.meanAltitudeKm.toFixed(0)} km up)`;
    else if (perigeeRadiusKm < WGS72_RADIUS_KM)
      why = `its perigee radius a (1 - e) = ${perigeeRadiusKm.toFixed(0)} km is inside the Earth (${WGS72_RADIUS_KM} km)`;
    else if (n < MIN_MEAN_MOTION_REV_PER_DAY)
      why = `its semi-major axis ${shape.semiMajorAxisKm.toExponential(3)} km is beyond the Earth's Hill sphere (${EARTH_HILL_SPHERE_KM.toExponential(3)} km)`;
    if (why)
      out.push({
        ...base,
        kind: "implausible-mean-motion",
        meanMotionRevPerDay: n,
        perigeeAltitudeKm: shape.perigeeAltitudeKm,
        message: `${sat.name}: implausible mean motion ${n.toFixed(8)} rev/day: ${why}`,
      });
    if (shape.perigeeAltitudeKm < LOW_PERIGEE_KM)
      out.push({
        ...base,
        kind: "low-perigee",
        perigeeAltitudeKm: shape.perigeeAltitudeKm,
        message: `${sat.name}: perigee ${shape.perigeeAltitudeKm.toFixed(1)} km is below ${LOW_PERIGEE_KM} km (the Karman line)`,
      });
    const decay = firstDecayUnixMs(sat, window);
    if (decay)
      out.push({
        ...base,
        kind: "decayed",
        decayedAtUnixMs: decay.t,
        message: `${sat.name}: SGP4 reports it decayed by ${iso(decay.t)} (${SGP4_ERROR_TEXT[decay.err] ?? `error ${decay.err}`}), within the run ${iso(window.startUnixMs)}..${iso(window.endUnixMs)}`,
      });
  }
  return out;
}

/** "N warnings" / "1 warning": the count line commands print after the warnings. */
export function warningCountLine(n: number): string {
  return `${n} warning${n === 1 ? "" : "s"}`;
}
