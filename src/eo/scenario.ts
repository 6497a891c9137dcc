/**
 * Geometry for a replay: turns a Constellation, a workload and a time window into the runner's
 * ReplayScenario. Contacts are ground passes (src/orbit/passes.ts), sunlight comes from the conical
 * shadow model (src/orbit/eclipse.ts; penumbra as a ramp of PENUMBRA_STEPS constant steps, each at
 * the illuminated fraction of its midpoint).
 *
 * Capture opportunities: every satellite's position is sampled at `accessStepMs` (wasm SGP4 for the
 * whole constellation); a (satellite, request) pair whose sub-satellite point comes within a coarse
 * bound of the target starts a candidate run, and each run is refined by golden-section search of the
 * ground distance (JS SGP4, geodetic sub-satellite point) to the closest approach inside the request
 * window. The target is captured there if that distance is within the sensor's reach
 * (sensor.ts maxGroundOffsetKm).
 */

import { type GroundLinkSettings, meshSettingsOf, stationCapacityBps } from "../mesh/config.js";
import type { Constellation } from "../orbit/constellation.js";
import { findEclipses, illuminatedFraction } from "../orbit/eclipse.js";
import { ecefToGeodetic, gmstRad, temeToEcef } from "../orbit/frames.js";
import { findPasses } from "../orbit/passes.js";
import { ConstellationPropagator, SGP4_OK, sgp4Into } from "../orbit/propagate.js";
import { goldenMin } from "../orbit/search.js";
import { sunPositionTemeKm } from "../orbit/sun.js";
import { MS_PER_MIN, RAD_PER_DEG, temeKm } from "../orbit/units.js";
import { type EoSettings, resolveEoSettings, resolveSatelliteEo, type SatelliteEoConfig } from "./config.js";
import type {
  CaptureOpportunity,
  ContactWindow,
  ReplayScenario,
  ScenarioStation,
  SunlightChange,
} from "./scenario-types.js";
import { EARTH_MEAN_RADIUS_KM, maxGroundOffsetKm } from "./sensor.js";
import { type ResolvedRequest, targetCenter } from "./workload.js";

export const PENUMBRA_STEPS = 4;
/** Largest ground speed of a LEO sub-satellite point, km/s (7.9 km/s orbital speed scaled to the ground, rounded up). */
const MAX_GROUND_SPEED_KM_S = 8;

export interface ScenarioOptions {
  startUnixMs: number;
  durationMs: number;
  seed: number;
  /** Override the YAML's top-level eo settings. */
  settings?: EoSettings;
  /** Per-satellite configs (default: from each shell's `eo` section). */
  satelliteConfigs?: SatelliteEoConfig[];
}

export function satelliteConfigsOf(c: Constellation): SatelliteEoConfig[] {
  const out: SatelliteEoConfig[] = new Array(c.satellites.length);
  for (const sh of c.shells) {
    const cfg = resolveSatelliteEo(sh.settings["eo"], c.sourceFile);
    for (let i = sh.firstIndex; i < sh.firstIndex + sh.count; i++) out[i] = cfg;
  }
  const fallback = resolveSatelliteEo(undefined);
  for (let i = 0; i < out.length; i++) out[i] ??= fallback;
  return out;
}

/**
 * Stations with their downlink rates: each station's RF capacity as the mesh resolves it (its own
 * `capacityGbps`, else `groundLinks.capacityGbps`), the same rate its ground links carry in topology
 * snapshots and in the live emulator.
 */
export function stationsOf(
  c: Constellation,
  groundLinks: GroundLinkSettings = meshSettingsOf(c).groundLinks,
): ScenarioStation[] {
  return c.groundStations.map((g) => ({ name: g.name, downlinkBps: stationCapacityBps(g, groundLinks) }));
}

export function contactsOf(
  c: Constellation,
  startUnixMs: number,
  durationMs: number,
  propagator?: ConstellationPropagator,
): ContactWindow[] {
  const out: ContactWindow[] = [];
  c.groundStations.forEach((g, gi) => {
    for (const p of findPasses(
      c.satellites,
      g,
      startUnixMs,
      startUnixMs + durationMs,
      propagator ? { propagator } : {},
    ))
      out.push({
        sat: p.satellite,
        station: gi,
        aosMs: p.aosUnixMs - startUnixMs,
        losMs: p.losUnixMs - startUnixMs,
      });
  });
  out.sort((a, b) => a.aosMs - b.aosMs || a.sat - b.sat);
  return out;
}

export function sunlightOf(c: Constellation, startUnixMs: number, durationMs: number): SunlightChange[][] {
  const pos = new Float64Array(3);
  return c.satellites.map((sat) => {
    const changes: SunlightChange[] = [];
    const fractionAt = (t: number): number => {
      if (sgp4Into(sat.satrec, (t - sat.epochUnixMs) / MS_PER_MIN, pos, null, 0) !== SGP4_OK) return 0;
      return illuminatedFraction(temeKm(pos[0]!, pos[1]!, pos[2]!), sunPositionTemeKm(t));
    };
    for (const iv of findEclipses(sat, startUnixMs, startUnixMs + durationMs)) {
      const a = iv.startUnixMs - startUnixMs;
      const b = iv.endUnixMs - startUnixMs;
      if (iv.kind === "umbra") changes.push({ tMs: a, fraction: 0 });
      else {
        const step = (b - a) / PENUMBRA_STEPS;
        for (let k = 0; k < PENUMBRA_STEPS; k++)
          changes.push({ tMs: a + k * step, fraction: fractionAt(startUnixMs + a + (k + 0.5) * step) });
      }
      // Sunlit again after the interval, unless another interval starts right there (set below).
      if (!iv.endClipped) changes.push({ tMs: b, fraction: 1 });
    }
    changes.sort((x, y) => x.tMs - y.tMs);
    // Where an interval ends exactly as the next starts, the later entry at that instant wins.
    const dedup: SunlightChange[] = [];
    for (const ch of changes) {
      const last = dedup[dedup.length - 1];
      if (last && Math.abs(last.tMs - ch.tMs) < 1e-6 && ch.fraction !== 1) dedup[dedup.length - 1] = ch;
      else if (!last || Math.abs(last.tMs - ch.tMs) >= 1e-6) dedup.push(ch);
    }
    return dedup;
  });
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

/** Closest approaches of satellites to requested targets, within each request's window. */
export async function opportunitiesOf(
  c: Constellation,
  requests: readonly ResolvedRequest[],
  configs: readonly SatelliteEoConfig[],
  startUnixMs: number,
  durationMs: number,
  stepMs: number,
): Promise<CaptureOpportunity[]> {
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

  const pos = new Float64Array(3);
  const subPoint = (sat: number, t: number) => {
    const s = c.satellites[sat]!;
    if (sgp4Into(s.satrec, (t - s.epochUnixMs) / MS_PER_MIN, pos, null, 0) !== SGP4_OK) return null;
    return ecefToGeodetic(temeToEcef(temeKm(pos[0]!, pos[1]!, pos[2]!), gmstRad(t)));
  };
  const out: CaptureOpportunity[] = [];
  const refine = (sat: number, k: number, t0: number, t1: number) => {
    const r = reqs[k]!;
    const ctr = centers[k]!;
    const a = Math.max(t0, r.startUnixMs, startUnixMs);
    const b = Math.min(t1, r.endUnixMs, endUnixMs);
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
    // Candidate runs: key sat * R + k -> first and last tick times.
    const R = reqs.length;
    const runs = new Map<number, { first: number; last: number }>();
    let lo = 0;
    const active: number[] = [];
    const steps = Math.ceil(durationMs / stepMs);
    for (let n = 0; n <= steps; n++) {
      const t = Math.min(endUnixMs, startUnixMs + n * stepMs);
      while (lo < R && reqs[lo]!.startUnixMs <= t + stepMs) active.push(lo++);
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
          for (const k of active) {
            if (x * ux[k]! + y * uy[k]! + z * uz[k]! < thr) continue;
            const key = i * R + k;
            const run = runs.get(key);
            if (run && run.last === t - stepMs) run.last = t;
            else {
              if (run) refine(i, k, run.first - stepMs, run.last + stepMs);
              runs.set(key, { first: t, last: t });
            }
          }
        }
      }
      // Close runs that did not continue this tick.
      for (const [key, run] of runs)
        if (run.last < t) {
          refine(Math.floor(key / R), key % R, run.first - stepMs, run.last + stepMs);
          runs.delete(key);
        }
    }
    for (const [key, run] of runs)
      refine(Math.floor(key / R), key % R, run.first - stepMs, run.last + stepMs);
  } finally {
    prop.dispose();
  }
  out.sort((a, b) => a.tMs - b.tMs || a.sat - b.sat || a.request - b.request);
  return out;
}

/** Everything the tasking needs, computed from the constellation's geometry. */
export async function buildScenario(
  c: Constellation,
  requests: ResolvedRequest[],
  o: ScenarioOptions,
): Promise<ReplayScenario> {
  const settings = o.settings ?? resolveEoSettings(c.settings["eo"]);
  const configs = o.satelliteConfigs ?? satelliteConfigsOf(c);
  const prop = await ConstellationPropagator.create(c.satellites);
  let contacts: ContactWindow[];
  try {
    contacts = contactsOf(c, o.startUnixMs, o.durationMs, prop);
  } finally {
    prop.dispose();
  }
  const opportunities = await opportunitiesOf(
    c,
    requests,
    configs,
    o.startUnixMs,
    o.durationMs,
    settings.accessStepMs,
  );
  return {
    startUnixMs: o.startUnixMs,
    durationMs: o.durationMs,
    satellites: c.satellites.map((s, i) => ({ name: s.name, eo: configs[i]! })),
    stations: stationsOf(c),
    requests,
    opportunities,
    contacts,
    sunlight: sunlightOf(c, o.startUnixMs, o.durationMs),
    settings,
    seed: o.seed,
  };
}
