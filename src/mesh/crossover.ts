/**
 * Crossover analysis: at what geodesic distance does the constellation beat fiber?
 *
 * Sampled sparsely and bounded: every pair of (up to maxStations) stations at `timeSamples` instants
 * spread over the window. One snapshot per instant with all stations as nodes, one Dijkstra per
 * station gives that station's RTT to every other station, so cost is timeSamples x stations
 * Dijkstras, independent of the pair count (StationDelays, on all cores).
 *
 * Two answers: (1) a least-squares line RTT_sat(d) = a + b d over pairs' median RTTs, crossing the
 * fiber line k d (k = 2 n stretch / c) at d* = a / (k - b) when k > b; (2) empirically, by distance
 * bins: the lower edge of the first bin from which every farther bin's median satellite RTT is below
 * the fiber RTT of the bin's median distance.
 */
import type { Constellation, GroundStation } from "../orbit/constellation.js";
import { ConstellationPropagator, type PropagationEngine } from "../orbit/propagate.js";
import type { UnixMs } from "../orbit/units.js";
import type { MeshSettings } from "./config.js";
import { fiberRttMs, geodesicKm } from "./fiber.js";
import { median } from "./latency-experiment.js";
import { StationDelays } from "./station-delays.js";
import { TopologyBuilder } from "./topology.js";

export interface CrossoverOptions {
  startUnixMs: UnixMs;
  durationMs: number;
  /** Instants sampled over the window (evenly, ends included). Default 5. */
  timeSamples?: number;
  /** At most this many stations (evenly spaced in the list). Default 100. */
  maxStations?: number;
  binKm?: number;
  engine?: PropagationEngine;
  onProgress?: (done: number, total: number) => void;
}

export interface CrossoverPair {
  from: string;
  to: string;
  geodesicKm: number;
  fiberRttMs: number;
  fiberRealisticRttMs: number;
  /** Median RTT over the reachable instants, ms (null: never reachable). */
  medianRttMs: number | null;
  unreachable: number;
}

export interface CrossoverBin {
  fromKm: number;
  toKm: number;
  pairs: number;
  medianKm: number | null;
  medianRttMs: number | null;
  fiberRttMs: number | null;
  fiberRealisticRttMs: number | null;
  /** Share of reachable pairs in the bin whose median RTT beats ideal / realistic fiber. */
  beatsFiberShare: number | null;
  beatsRealisticShare: number | null;
}

export interface CrossoverResult {
  stations: number;
  timeSamples: number;
  pairs: CrossoverPair[];
  bins: CrossoverBin[];
  fit: { interceptMs: number; slopeMsPerKm: number; n: number } | null;
  /** Fitted crossover distance, km (null: the constellation never beats that fiber on this fit). */
  crossoverIdealKm: number | null;
  crossoverRealisticKm: number | null;
  /** Empirical crossover from the bins, km (null: not reached within the sampled distances). */
  binCrossoverIdealKm: number | null;
  binCrossoverRealisticKm: number | null;
  realisticStretch: number;
}

function pickEvenly<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]!);
}

export async function runCrossover(
  c: Constellation,
  settings: MeshSettings,
  opts: CrossoverOptions,
): Promise<CrossoverResult> {
  const stations: GroundStation[] = pickEvenly(c.groundStations, opts.maxStations ?? 100);
  const T = Math.max(1, opts.timeSamples ?? 5);
  const G = stations.length;
  const { groupIndex, realisticStretch } = settings.fiber;
  const builder = TopologyBuilder.forConstellation(c, settings, stations);
  // rtt[(i * G + j) * T + t] for i < j
  const rtt = new Float64Array(G * G * T).fill(Number.NaN);
  const oneWay = new Float64Array(G * G);
  const propagator = await ConstellationPropagator.create(c.satellites, { engine: opts.engine ?? "wasm" });
  // Every station to every station, on the machine's cores (src/mesh/station-delays.ts).
  const delays = await StationDelays.create();
  try {
    for (let t = 0; t < T; t++) {
      const tMs = opts.startUnixMs + (T === 1 ? 0 : (t * opts.durationMs) / (T - 1));
      // Sparse instants: re-acquisition history does not carry across them.
      builder.reset();
      const snap = builder.build(tMs, propagator.at(tMs).ecef);
      delays.compute(snap, settings.routing, oneWay);
      for (let i = 0; i < G - 1; i++)
        for (let j = i + 1; j < G; j++) rtt[(i * G + j) * T + t] = 2 * oneWay[i * G + j]!;
      opts.onProgress?.(t + 1, T);
    }
  } finally {
    delays.close();
    propagator.dispose();
  }
  const pairs: CrossoverPair[] = [];
  for (let i = 0; i < G; i++)
    for (let j = i + 1; j < G; j++) {
      const a = stations[i]!;
      const b = stations[j]!;
      const km = geodesicKm(a.latDeg, a.lonDeg, b.latDeg, b.lonDeg);
      const vals: number[] = [];
      for (let t = 0; t < T; t++) {
        const v = rtt[(i * G + j) * T + t]!;
        if (Number.isFinite(v)) vals.push(v);
      }
      pairs.push({
        from: a.name,
        to: b.name,
        geodesicKm: km,
        fiberRttMs: fiberRttMs(km, 1, groupIndex),
        fiberRealisticRttMs: fiberRttMs(km, realisticStretch, groupIndex),
        medianRttMs: median(vals),
        unreachable: T - vals.length,
      });
    }
  return analyzeCrossover(pairs, groupIndex, realisticStretch, opts.binKm ?? 1000, G, T);
}

/** Fit and bins over per-pair results (pure; separate so it can be checked on synthetic data). */
export function analyzeCrossover(
  pairs: CrossoverPair[],
  groupIndex: number,
  realisticStretch: number,
  binKm: number,
  stations = 0,
  timeSamples = 0,
): CrossoverResult {
  const ok = pairs.filter((p) => p.medianRttMs !== null);
  let fit: CrossoverResult["fit"] = null;
  if (ok.length >= 2) {
    const n = ok.length;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    for (const p of ok) {
      sx += p.geodesicKm;
      sy += p.medianRttMs!;
      sxx += p.geodesicKm * p.geodesicKm;
      sxy += p.geodesicKm * p.medianRttMs!;
    }
    const den = n * sxx - sx * sx;
    if (den > 0) {
      const slope = (n * sxy - sx * sy) / den;
      fit = { interceptMs: (sy - slope * sx) / n, slopeMsPerKm: slope, n };
    }
  }
  // Fiber RTT per km at stretch 1 (the line through the origin).
  const kIdeal = fiberRttMs(1, 1, groupIndex);
  const kReal = kIdeal * realisticStretch;
  const cross = (k: number) =>
    fit && k > fit.slopeMsPerKm ? Math.max(0, fit.interceptMs / (k - fit.slopeMsPerKm)) : null;

  const maxKm = Math.max(0, ...pairs.map((p) => p.geodesicKm));
  const bins: CrossoverBin[] = [];
  for (let lo = 0; lo < maxKm; lo += binKm) {
    const inBin = ok.filter((p) => p.geodesicKm >= lo && p.geodesicKm < lo + binKm);
    const all = pairs.filter((p) => p.geodesicKm >= lo && p.geodesicKm < lo + binKm).length;
    const mKm = median(inBin.map((p) => p.geodesicKm));
    bins.push({
      fromKm: lo,
      toKm: lo + binKm,
      pairs: all,
      medianKm: mKm,
      medianRttMs: median(inBin.map((p) => p.medianRttMs!)),
      fiberRttMs: mKm === null ? null : fiberRttMs(mKm, 1, groupIndex),
      fiberRealisticRttMs: mKm === null ? null : fiberRttMs(mKm, realisticStretch, groupIndex),
      beatsFiberShare: inBin.length
        ? inBin.filter((p) => p.medianRttMs! < p.fiberRttMs).length / inBin.length
        : null,
      beatsRealisticShare: inBin.length
        ? inBin.filter((p) => p.medianRttMs! < p.fiberRealisticRttMs).length / inBin.length
        : null,
    });
  }
  const binCross = (key: "fiberRttMs" | "fiberRealisticRttMs"): number | null => {
    let edge: number | null = null;
    for (let i = bins.length - 1; i >= 0; i--) {
      const b = bins[i]!;
      if (b.medianRttMs === null || b[key] === null) continue; // empty bins neither confirm nor refute
      if (b.medianRttMs < b[key]!) edge = b.fromKm;
      else break;
    }
    return edge;
  };
  return {
    stations,
    timeSamples,
    pairs,
    bins,
    fit,
    crossoverIdealKm: cross(kIdeal),
    crossoverRealisticKm: cross(kReal),
    binCrossoverIdealKm: binCross("fiberRttMs"),
    binCrossoverRealisticKm: binCross("fiberRealisticRttMs"),
    realisticStretch,
  };
}
