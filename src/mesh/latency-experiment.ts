/**
 * Latency experiments: RTT between ground stations through the constellation, step by step, against
 * fiber along the geodesic.
 *
 * RTT at t is twice the one-way delay of the shortest-delay path at t: the reply is assumed to take
 * the same path back at the same instant (links are symmetric; the ~100 ms a round trip takes moves
 * LEO geometry by a few hundred metres, well below the path-choice granularity). Propagation delay
 * only: no queueing, processing or serialisation.
 */
import type { Constellation, GroundStation } from "../orbit/constellation.js";
import { ConstellationPropagator, type PropagationEngine } from "../orbit/propagate.js";
import type { UnixMs } from "../orbit/units.js";
import type { MeshSettings } from "./config.js";
import { fiberRttMs, geodesicKm } from "./fiber.js";
import { Router } from "./route.js";
import { TopologyBuilder } from "./topology.js";
import type { NoRouteReason } from "./types.js";

export interface LatencySample {
  tUnixMs: UnixMs;
  /** Round-trip time through the constellation, ms; null when unreachable. */
  rttMs: number | null;
  /** Links on the one-way path (station-sat-...-sat-station); null when unreachable. */
  hops: number | null;
  /** Constellation node ids of the one-way path (satellites 0..S-1, stations S..); null when unreachable. */
  path: number[] | null;
  /** Why unreachable, when it is. */
  reason?: NoRouteReason;
}

export interface LatencySummary {
  minMs: number | null;
  medianMs: number | null;
  maxMs: number | null;
  /** Steps with no route. */
  unreachable: number;
  /** Steps whose path differs from the previous reachable step's path. */
  pathChanges: number;
  /** medianMs / fiberRttMs (ideal great-circle fiber). */
  medianOverFiber: number | null;
  /** medianMs / fiberRealisticRttMs. */
  medianOverRealisticFiber: number | null;
}

export interface PairLatency {
  from: string;
  to: string;
  geodesicKm: number;
  /** RTT through ideal fiber on the geodesic (stretch 1.0), ms. */
  fiberRttMs: number;
  /** RTT through fiber with the realistic stretch, ms. */
  fiberRealisticRttMs: number;
  realisticStretch: number;
  samples: LatencySample[];
  summary: LatencySummary;
}

export interface LatencyExperimentOptions {
  startUnixMs: UnixMs;
  durationMs: number;
  stepMs: number;
  engine?: PropagationEngine;
  /** Called after each step with (done, total). */
  onProgress?: (done: number, total: number) => void;
}

export interface LatencyExperiment {
  constellation: string;
  startUnixMs: UnixMs;
  durationMs: number;
  stepMs: number;
  steps: number;
  groupIndex: number;
  pairs: PairLatency[];
}

/** Median of a numeric array (sorts a copy). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 === 1 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
}

export function summarize(
  samples: readonly LatencySample[],
  fiberMs: number,
  realisticMs: number,
): LatencySummary {
  const rtts: number[] = [];
  let unreachable = 0;
  let pathChanges = 0;
  let lastKey: string | null = null;
  for (const s of samples) {
    if (s.rttMs === null || s.path === null) {
      unreachable++;
      continue;
    }
    rtts.push(s.rttMs);
    const key = s.path.join(",");
    if (lastKey !== null && key !== lastKey) pathChanges++;
    lastKey = key;
  }
  const med = median(rtts);
  return {
    minMs: rtts.length ? Math.min(...rtts) : null,
    medianMs: med,
    maxMs: rtts.length ? Math.max(...rtts) : null,
    unreachable,
    pathChanges,
    medianOverFiber: med === null ? null : med / fiberMs,
    medianOverRealisticFiber: med === null ? null : med / realisticMs,
  };
}

/** Number of steps of a run: t = start, start+step, ... up to and including start+duration. */
export const stepCount = (durationMs: number, stepMs: number): number =>
  Math.floor(durationMs / stepMs + 1e-9) + 1;

export async function runLatencyExperiment(
  c: Constellation,
  settings: MeshSettings,
  pairs: readonly (readonly [GroundStation, GroundStation])[],
  opts: LatencyExperimentOptions,
): Promise<LatencyExperiment> {
  // Only the stations of the pairs are nodes (node ids: satellites, then these stations in order).
  const stations: GroundStation[] = [];
  const nodeOf = new Map<GroundStation, number>();
  const S = c.satellites.length;
  for (const pair of pairs)
    for (const g of pair)
      if (!nodeOf.has(g)) {
        nodeOf.set(g, S + stations.length);
        stations.push(g);
      }
  const builder = TopologyBuilder.forConstellation(c, settings, stations);
  const router = new Router(builder.nodeCount);
  const propagator = await ConstellationPropagator.create(c.satellites, { engine: opts.engine ?? "wasm" });
  const steps = stepCount(opts.durationMs, opts.stepMs);
  const { groupIndex, realisticStretch } = settings.fiber;
  const routing = settings.routing;
  const results: PairLatency[] = pairs.map(([a, b]) => {
    const km = geodesicKm(a.latDeg, a.lonDeg, b.latDeg, b.lonDeg);
    return {
      from: a.name,
      to: b.name,
      geodesicKm: km,
      fiberRttMs: fiberRttMs(km, 1, groupIndex),
      fiberRealisticRttMs: fiberRttMs(km, realisticStretch, groupIndex),
      realisticStretch,
      samples: [],
      summary: summarize([], 1, 1),
    };
  });
  // Group pairs by source so one Dijkstra serves every destination of a source.
  const bySource = new Map<number, number[]>();
  pairs.forEach(([a], i) => {
    const src = nodeOf.get(a)!;
    const list = bySource.get(src) ?? [];
    list.push(i);
    bySource.set(src, list);
  });
  try {
    for (let k = 0; k < steps; k++) {
      const t = opts.startUnixMs + k * opts.stepMs;
      const st = propagator.at(t);
      const snap = builder.build(t, st.ecef);
      for (const [src, idx] of bySource) {
        const stopAt = idx.length === 1 ? nodeOf.get(pairs[idx[0]!]![1])! : -1;
        router.run(snap, src, routing, stopAt);
        for (const i of idx) {
          const r = router.resultTo(nodeOf.get(pairs[i]![1])!);
          // Report station nodes with their constellation-wide ids (S + station index).
          const sample: LatencySample = r.ok
            ? {
                tUnixMs: t,
                rttMs: 2 * r.delayMs,
                hops: r.hops,
                path: r.path.map((n) => (n < S ? n : S + stations[n - S]!.index)),
              }
            : { tUnixMs: t, rttMs: null, hops: null, path: null, reason: r.reason };
          results[i]!.samples.push(sample);
        }
      }
      opts.onProgress?.(k + 1, steps);
    }
  } finally {
    propagator.dispose();
  }
  for (const r of results) r.summary = summarize(r.samples, r.fiberRttMs, r.fiberRealisticRttMs);
  return {
    constellation: c.name,
    startUnixMs: opts.startUnixMs,
    durationMs: opts.durationMs,
    stepMs: opts.stepMs,
    steps,
    groupIndex,
    pairs: results,
  };
}
