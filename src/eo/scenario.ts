/**
 * Geometry for a replay: turns a Constellation, a workload and a time window into the runner's
 * ReplayScenario. Contacts are ground passes (src/orbit/passes.ts), sunlight comes from the conical
 * shadow model (src/orbit/eclipse.ts; penumbra as a ramp of PENUMBRA_STEPS constant steps, each at
 * the illuminated fraction of its midpoint).
 *
 * Capture opportunities: each target's closest approaches within the sensor's reach (opportunities.ts).
 */

import { type GroundLinkSettings, meshSettingsOf, stationCapacityBps } from "../mesh/config.js";
import type { Constellation } from "../orbit/constellation.js";
import { findEclipses, illuminatedFraction } from "../orbit/eclipse.js";
import { findPasses } from "../orbit/passes.js";
import { ConstellationPropagator, SGP4_OK, sgp4Into } from "../orbit/propagate.js";
import { sunPositionTemeKm } from "../orbit/sun.js";
import { MS_PER_MIN, temeKm } from "../orbit/units.js";
import { type EoSettings, resolveEoSettings, resolveSatelliteEo, type SatelliteEoConfig } from "./config.js";
import { opportunitiesOf } from "./opportunities.js";
import type { ContactWindow, ReplayScenario, ScenarioStation, SunlightChange } from "./scenario-types.js";
import type { ResolvedRequest } from "./workload.js";

export { opportunitiesOf } from "./opportunities.js";

export const PENUMBRA_STEPS = 4;

export interface ScenarioOptions {
  startUnixMs: number;
  durationMs: number;
  seed: number;
  /** Override the YAML's top-level eo settings. */
  settings?: EoSettings;
  /** Per-satellite configs (default: from each shell's `eo` section). */
  satelliteConfigs?: SatelliteEoConfig[];
  /**
   * The passes, when another thread computes them (replay.ts, pass-windows.ts): awaited after the
   * opportunities and the sunlight, so both threads work meanwhile. Default: computed here first.
   */
  contacts?: Promise<ContactWindow[]>;
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

/** Every pass of [startUnixMs, + durationMs], sampled with the wasm engine. */
export async function passesOf(
  c: Constellation,
  startUnixMs: number,
  durationMs: number,
): Promise<ContactWindow[]> {
  const prop = await ConstellationPropagator.create(c.satellites);
  try {
    return contactsOf(c, startUnixMs, durationMs, prop);
  } finally {
    prop.dispose();
  }
}

/** Everything the tasking needs, computed from the constellation's geometry. */
export async function buildScenario(
  c: Constellation,
  requests: ResolvedRequest[],
  o: ScenarioOptions,
): Promise<ReplayScenario> {
  const settings = o.settings ?? resolveEoSettings(c.settings["eo"]);
  const configs = o.satelliteConfigs ?? satelliteConfigsOf(c);
  const contacts = o.contacts === undefined ? await passesOf(c, o.startUnixMs, o.durationMs) : undefined;
  const opportunities = await opportunitiesOf(
    c,
    requests,
    configs,
    o.startUnixMs,
    o.durationMs,
    settings.accessStepMs,
  );
  const sunlight = sunlightOf(c, o.startUnixMs, o.durationMs);
  return {
    startUnixMs: o.startUnixMs,
    durationMs: o.durationMs,
    satellites: c.satellites.map((s, i) => ({ name: s.name, eo: configs[i]! })),
    stations: stationsOf(c),
    requests,
    opportunities,
    contacts: contacts ?? (await o.contacts!),
    sunlight,
    settings,
    seed: o.seed,
  };
}
