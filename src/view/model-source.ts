/**
 * Model mode: a constellation YAML played over a time window, everything from the model
 * (propagation, mesh builder, router, pass search); nothing is launched.
 */
import type { Constellation } from "../orbit/constellation.js";
import { ModelGeometry, SAMPLE_STEP_MS } from "./model-geometry.js";
import type { BundlesInfo, ClockInfo, NodeInfo, RouteInfo, ViewMeta } from "./protocol.js";
import type { ViewSource } from "./source.js";

/** The page's default playback speed in model mode (our choice: one orbit of ~95 min in ~95 s). */
export const MODEL_PLAYBACK_SPEED = 60;

export class ModelSource implements ViewSource {
  private constructor(
    private readonly geo: ModelGeometry,
    private readonly fromMs: number,
    private readonly toMs: number,
  ) {}

  static async create(c: Constellation, fromMs: number, durationMs: number): Promise<ModelSource> {
    return new ModelSource(await ModelGeometry.create(c), fromMs, fromMs + durationMs);
  }

  meta(): ViewMeta {
    return {
      mode: "model",
      name: this.geo.constellation.name,
      satellites: this.geo.satelliteMeta(),
      stations: this.geo.stationMeta(),
      originMs: this.fromMs,
      sampleStepMs: SAMPLE_STEP_MS,
      fromMs: this.fromMs,
      toMs: this.toMs,
    };
  }

  sample(tUnixMs: number): Uint8Array {
    return this.geo.sample(tUnixMs);
  }

  clock(): ClockInfo {
    return { mode: "model", kind: "model", tUnixMs: this.fromMs, speed: MODEL_PLAYBACK_SPEED, lagMs: 0 };
  }

  status(): null {
    return null;
  }

  async node(id: number, tUnixMs: number): Promise<NodeInfo> {
    return modelNodeInfo(this.geo, id, tUnixMs);
  }

  bundles(): BundlesInfo {
    // The model sends no bundles: the page shows the route alone.
    return { emulated: false, watching: false, bundles: [], missedEvents: 0 };
  }

  async route(from: number, to: number, tUnixMs: number): Promise<RouteInfo> {
    return this.geo.route(from, to, tUnixMs);
  }

  async close(): Promise<void> {
    this.geo[Symbol.dispose]();
  }
}

/** A node's model status: identity, WGS-84 position, upcoming passes. */
export function modelNodeInfo(geo: ModelGeometry, id: number, tUnixMs: number, withPasses = true): NodeInfo {
  const c = geo.constellation;
  const S = geo.satelliteCount;
  if (id < S) {
    const s = c.satellites[id]!;
    const g = geo.satelliteGeodetic(id, tUnixMs);
    return {
      node: id,
      kind: "satellite",
      name: s.name,
      shell: s.shell,
      plane: s.plane,
      slot: s.slot,
      latDeg: g?.latDeg ?? null,
      lonDeg: g?.lonDeg ?? null,
      altKm: g?.altKm ?? null,
      tUnixMs,
      contacts: withPasses ? geo.satellitePasses(id, tUnixMs) : [],
      contactSource: "model passes over every station (src/orbit/passes.ts), next 3 h",
    };
  }
  const st = c.groundStations[id - S]!;
  return {
    node: id,
    kind: "station",
    name: st.name,
    latDeg: st.latDeg,
    lonDeg: st.lonDeg,
    altKm: st.altM / 1000,
    tUnixMs,
    contacts: withPasses ? geo.stationPasses(id - S, tUnixMs) : [],
    contactSource: `model passes above the ${st.minElevationDeg} deg mask (src/orbit/passes.ts), next 1 h`,
  };
}
