/**
 * Earth's shadow: a conical model (umbra and penumbra cones tangent to the Sun and a spherical Earth),
 * the illuminated fraction of the solar disc, and eclipse intervals of a satellite refined in time.
 * Consumed by the power model (issue D): intervals plus `illuminatedFraction` for penumbra ramps.
 *
 * Geometry (Vallado, "Fundamentals of Astrodynamics and Applications", sec. 5.3, Algorithm 34; and
 * Montenbruck & Gill, "Satellite Orbits", sec. 3.4): with d the Earth-Sun distance,
 *   umbra cone:    half-angle sin(aU) = (Rs - Re)/d, vertex Re/sin(aU) behind the Earth (anti-Sun side);
 *   penumbra cone: half-angle sin(aP) = (Rs + Re)/d, vertex Re/sin(aP) on the Sun side.
 * A point at axial distance x behind the Earth's centre (x > 0) and distance rho from the shadow axis
 * is in the umbra when rho < (LU - x) tan(aU), in the penumbra when rho < (LP + x) tan(aP). Both tests
 * are exact for cones tangent to two spheres. The Earth is a sphere of EARTH_SHADOW_RADIUS_KM (WGS-84
 * equatorial radius), without atmosphere; the polar flattening (21 km) moves boundaries of high-
 * inclination orbits by up to ~7 s at LEO, atmospheric refraction/extinction by a few seconds.
 */

import { EARTH_SHADOW_RADIUS_KM, SUN_RADIUS_KM } from "./constants.js";
import type { SatelliteElements } from "./elements.js";
import { SGP4_ERROR_TEXT, SGP4_OK, sgp4Into } from "./propagate.js";
import { bisect, goldenMin } from "./search.js";
import { sunPositionTemeKm } from "./sun.js";
import { MS_PER_MIN, type TemeKm, type UnixMs } from "./units.js";

export const SUNLIT = 0;
export const PENUMBRA = 1;
export const UMBRA = 2;
/** 0 sunlit, 1 penumbra (Sun partly hidden), 2 umbra (Sun fully hidden). */
export type ShadowState = typeof SUNLIT | typeof PENUMBRA | typeof UMBRA;

export interface Shadow {
  state: ShadowState;
  /** Fraction of the solar disc visible from the satellite, 0 (umbra) .. 1 (sunlit). */
  illuminatedFraction: number;
}

/**
 * Signed margins to the two shadow cones: negative inside. Continuous in the satellite position, so
 * boundaries can be found by bisection and grazing passes by minimisation. On the Sun side (x <= 0)
 * the margin is |r| - (cone radius at x = 0), which joins the cone formula continuously at x = 0.
 */
function coneMargins(
  sx: number,
  sy: number,
  sz: number,
  x: number,
  y: number,
  z: number,
  out: Float64Array,
): void {
  const d = Math.sqrt(sx * sx + sy * sy + sz * sz);
  const r2 = x * x + y * y + z * z;
  // Axial distance behind the Earth along the anti-Sun direction.
  const ax = -(x * sx + y * sy + z * sz) / d;
  const sinU = (SUN_RADIUS_KM - EARTH_SHADOW_RADIUS_KM) / d;
  const sinP = (SUN_RADIUS_KM + EARTH_SHADOW_RADIUS_KM) / d;
  const tanU = sinU / Math.sqrt(1 - sinU * sinU);
  const tanP = sinP / Math.sqrt(1 - sinP * sinP);
  const lU = EARTH_SHADOW_RADIUS_KM / sinU;
  const lP = EARTH_SHADOW_RADIUS_KM / sinP;
  if (ax > 0) {
    const rho = Math.sqrt(Math.max(0, r2 - ax * ax));
    out[0] = rho - (lP + ax) * tanP;
    out[1] = rho - (lU - ax) * tanU;
  } else {
    const r = Math.sqrt(r2);
    out[0] = r - lP * tanP;
    out[1] = r - lU * tanU;
  }
}

const scratchMargins = new Float64Array(2);

/**
 * Shadow state of a satellite and the visible fraction of the solar disc. Both vectors geocentric,
 * km, same frame (TEME from SGP4 and sunPositionTemeKm).
 */
export function shadowState(satTemeKm: TemeKm, sunTemeKm: TemeKm): Shadow {
  const m = scratchMargins;
  coneMargins(sunTemeKm.x, sunTemeKm.y, sunTemeKm.z, satTemeKm.x, satTemeKm.y, satTemeKm.z, m);
  if (m[1]! < 0) return { state: UMBRA, illuminatedFraction: 0 };
  if (m[0]! >= 0) return { state: SUNLIT, illuminatedFraction: 1 };
  return { state: PENUMBRA, illuminatedFraction: illuminatedFraction(satTemeKm, sunTemeKm) };
}

/**
 * Visible fraction of the solar disc from the satellite: 1 minus the area of the Sun's disc covered by
 * the Earth's disc, both as seen from the satellite (Montenbruck & Gill, "Satellite Orbits", eq. 3.85-
 * 3.87: two overlapping circles of angular radii a (Sun) and b (Earth) at angular separation c).
 */
export function illuminatedFraction(satTemeKm: TemeKm, sunTemeKm: TemeKm): number {
  const { x, y, z } = satTemeKm;
  const dx = sunTemeKm.x - x;
  const dy = sunTemeKm.y - y;
  const dz = sunTemeKm.z - z;
  const rSat = Math.sqrt(x * x + y * y + z * z);
  const rSun = Math.sqrt(dx * dx + dy * dy + dz * dz);
  const a = Math.asin(Math.min(1, SUN_RADIUS_KM / rSun));
  const b = Math.asin(Math.min(1, EARTH_SHADOW_RADIUS_KM / rSat));
  const cosC = -(x * dx + y * dy + z * dz) / (rSat * rSun);
  const c = Math.acos(Math.min(1, Math.max(-1, cosC)));
  if (c >= a + b) return 1;
  if (c <= b - a) return 0;
  if (c <= a - b) return 1 - (b * b) / (a * a); // Earth disc inside the Sun's: not reachable from orbit
  const u = (c * c + a * a - b * b) / (2 * c);
  const v = Math.sqrt(Math.max(0, a * a - u * u));
  const area =
    a * a * Math.acos(Math.min(1, Math.max(-1, u / a))) +
    b * b * Math.acos(Math.min(1, Math.max(-1, (c - u) / b))) -
    c * v;
  return Math.min(1, Math.max(0, 1 - area / (Math.PI * a * a)));
}

export type EclipseKind = "umbra" | "penumbra";

export interface EclipseInterval {
  /** Satellite index in the constellation. */
  satellite: number;
  kind: EclipseKind;
  startUnixMs: UnixMs;
  endUnixMs: UnixMs;
  /** The interval was already in progress at the window start: startUnixMs is the window start. */
  startClipped: boolean;
  /** The interval was still in progress at the window end: endUnixMs is the window end. */
  endClipped: boolean;
}

export interface EclipseSearchOptions {
  /**
   * Coarse sampling step, ms. Default 60 s. Boundaries between samples are found by sign change and
   * bisection; a shadow grazed between samples by the dip of the margin (golden-section search over
   * two steps), which needs the margin to have one minimum per two steps: it varies on the orbital
   * time scale (an eclipse bowl at LEO spans ~40 min), so 60 s is ample for any Earth orbit.
   */
  stepMs?: number;
  /** Width of the final bisection bracket, ms (boundary error <= half of it). Default 100 ms. */
  toleranceMs?: number;
}

export const ECLIPSE_DEFAULTS = { stepMs: 60_000, toleranceMs: 100 } as const;

/**
 * Umbra and penumbra intervals of one satellite in [fromUnixMs, toUnixMs], sorted by start. A normal
 * eclipse yields penumbra, umbra, penumbra; a grazing one a single penumbra interval. Intervals cut by
 * the window are clipped to it and flagged. Throws if SGP4 fails for the satellite inside the window
 * (a decayed or invalid element set is a data problem to surface, not a shadow).
 */
export function findEclipses(
  sat: SatelliteElements,
  fromUnixMs: UnixMs,
  toUnixMs: UnixMs,
  opts: EclipseSearchOptions = {},
): EclipseInterval[] {
  const stepMs = opts.stepMs ?? ECLIPSE_DEFAULTS.stepMs;
  const tolMs = opts.toleranceMs ?? ECLIPSE_DEFAULTS.toleranceMs;
  if (!(toUnixMs > fromUnixMs) || !(stepMs > 0) || !(tolMs > 0))
    throw new RangeError(`findEclipses: need from < to, step > 0, tolerance > 0`);
  const pos = new Float64Array(3);
  const m = new Float64Array(2);
  const margins = (t: number): Float64Array => {
    const code = sgp4Into(sat.satrec, (t - sat.epochUnixMs) / MS_PER_MIN, pos, null, 0);
    if (code !== SGP4_OK)
      throw new Error(
        `findEclipses: SGP4 failed for satellite ${sat.index} (${sat.name}) at ${new Date(t).toISOString()}: ` +
          `${SGP4_ERROR_TEXT[code] ?? `code ${code}`}`,
      );
    const s = sunPositionTemeKm(t);
    coneMargins(s.x, s.y, s.z, pos[0]!, pos[1]!, pos[2]!, m);
    return m;
  };
  const n = Math.ceil((toUnixMs - fromUnixMs) / stepMs) + 1;
  const times = new Float64Array(n);
  const gP = new Float64Array(n);
  const gU = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const t = Math.min(toUnixMs, fromUnixMs + k * stepMs);
    times[k] = t;
    const mm = margins(t);
    gP[k] = mm[0]!;
    gU[k] = mm[1]!;
  }
  const penumbraOrWorse = negativeIntervals(times, gP, (t) => margins(t)[0]!, tolMs);
  const umbra = negativeIntervals(times, gU, (t) => margins(t)[1]!, tolMs);
  const out: EclipseInterval[] = [];
  const push = (kind: EclipseKind, a: Interval) =>
    out.push({
      satellite: sat.index,
      kind,
      startUnixMs: a.start,
      endUnixMs: a.end,
      startClipped: a.startClipped,
      endClipped: a.endClipped,
    });
  for (const u of umbra) push("umbra", u);
  for (const p of subtract(penumbraOrWorse, umbra)) push("penumbra", p);
  out.sort((a, b) => a.startUnixMs - b.startUnixMs);
  return out;
}

interface Interval {
  start: number;
  end: number;
  startClipped: boolean;
  endClipped: boolean;
}

/**
 * Intervals where a continuous function g is negative, from samples g[k] at times[k]: sign changes are
 * bisected; a dip below zero between samples is found by golden-section search from a sampled local
 * minimum. Boundaries are accurate to tolMs / 2.
 */
function negativeIntervals(
  times: Float64Array,
  g: Float64Array,
  f: (t: number) => number,
  tolMs: number,
): Interval[] {
  const n = times.length;
  const edges: { t: number; entering: boolean }[] = [];
  for (let k = 0; k + 1 < n; k++) {
    const a = g[k]!;
    const b = g[k + 1]!;
    if (a >= 0 !== b >= 0) {
      edges.push({ t: bisect(f, times[k]!, times[k + 1]!, a < 0, tolMs), entering: a >= 0 });
    } else if (k > 0 && a >= 0 && b >= 0 && a < g[k - 1]! && a <= b) {
      // A sampled local minimum above zero: does the function dip below zero in between?
      const lo = times[k - 1]!;
      const hi = times[k + 1]!;
      const tMin = goldenMin(f, lo, hi, tolMs);
      if (f(tMin) < 0) {
        edges.push({ t: bisect(f, lo, tMin, false, tolMs), entering: true });
        edges.push({ t: bisect(f, tMin, hi, true, tolMs), entering: false });
      }
    }
  }
  edges.sort((p, q) => p.t - q.t);
  const out: Interval[] = [];
  let open: number | null = g[0]! < 0 ? times[0]! : null;
  let clipped = open !== null;
  for (const e of edges) {
    if (e.entering && open === null) {
      open = e.t;
      clipped = false;
    } else if (!e.entering && open !== null) {
      out.push({ start: open, end: e.t, startClipped: clipped, endClipped: false });
      open = null;
    }
  }
  if (open !== null) out.push({ start: open, end: times[n - 1]!, startClipped: clipped, endClipped: true });
  return out;
}

/** Parts of intervals `a` not covered by intervals `b` (both sorted and disjoint). */
function subtract(a: Interval[], b: Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const p of a) {
    let start = p.start;
    let startClipped = p.startClipped;
    for (const q of b) {
      if (q.end <= start || q.start >= p.end) continue;
      if (q.start > start) out.push({ start, end: q.start, startClipped, endClipped: false });
      start = q.end;
      startClipped = false;
    }
    if (start < p.end) out.push({ start, end: p.end, startClipped, endClipped: p.endClipped });
  }
  return out;
}
