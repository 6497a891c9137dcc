/**
 * Latency experiment results as rows (table/CSV) and JSON, node ids resolved to names.
 */
import type { CrossoverResult } from "../mesh/crossover.js";
import type { LatencyExperiment } from "../mesh/latency-experiment.js";
import type { Constellation } from "../orbit/constellation.js";

type Row = Record<string, string | number | boolean | null | undefined>;

/** Name of a constellation node id (satellites 0..S-1, stations S..). */
export function nodeName(c: Constellation, node: number): string {
  const S = c.satellites.length;
  return node < S ? c.satellites[node]!.name : (c.groundStations[node - S]?.name ?? `station-${node - S}`);
}

export function summaryRows(exp: LatencyExperiment): Row[] {
  return exp.pairs.map((p) => ({
    from: p.from,
    to: p.to,
    geodesicKm: p.geodesicKm,
    fiberRttMs: p.fiberRttMs,
    [`fiberX${p.realisticStretch}RttMs`]: p.fiberRealisticRttMs,
    minMs: p.summary.minMs,
    medianMs: p.summary.medianMs,
    maxMs: p.summary.maxMs,
    steps: p.samples.length,
    unreachable: p.summary.unreachable,
    pathChanges: p.summary.pathChanges,
    medianOverFiber: p.summary.medianOverFiber,
    medianOverRealisticFiber: p.summary.medianOverRealisticFiber,
  }));
}

export function sampleRows(c: Constellation, exp: LatencyExperiment): Row[] {
  const rows: Row[] = [];
  for (const p of exp.pairs)
    for (const s of p.samples)
      rows.push({
        t: new Date(s.tUnixMs).toISOString(),
        from: p.from,
        to: p.to,
        rttMs: s.rttMs,
        hops: s.hops,
        fiberRttMs: p.fiberRttMs,
        reason: s.reason ?? "",
        path: s.path ? s.path.map((n) => nodeName(c, n)).join(" > ") : "",
      });
  return rows;
}

/** The `--format json` document: { pairs: [ { from, to, geodesicKm, fiberRttMs, samples, summary } ] }. */
export function latencyJson(c: Constellation, exp: LatencyExperiment): unknown {
  return {
    constellation: exp.constellation,
    from: new Date(exp.startUnixMs).toISOString(),
    durationMs: exp.durationMs,
    stepMs: exp.stepMs,
    fiberGroupIndex: exp.groupIndex,
    rttModel:
      "2 x one-way propagation delay of the shortest-delay path at t (same path back at the same instant); no queueing",
    pairs: exp.pairs.map((p) => ({
      from: p.from,
      to: p.to,
      geodesicKm: p.geodesicKm,
      fiberRttMs: p.fiberRttMs,
      fiberRealisticRttMs: p.fiberRealisticRttMs,
      realisticStretch: p.realisticStretch,
      samples: p.samples.map((s) => ({
        t: new Date(s.tUnixMs).toISOString(),
        rttMs: s.rttMs,
        hops: s.hops,
        path: s.path ? s.path.map((n) => nodeName(c, n)) : null,
        ...(s.reason ? { reason: s.reason } : {}),
      })),
      summary: p.summary,
    })),
  };
}

export function crossoverBinRows(res: CrossoverResult): Row[] {
  return res.bins.map((b) => ({ ...b }));
}

export function crossoverPairRows(res: CrossoverResult): Row[] {
  return res.pairs.map((p) => ({ ...p }));
}

export function crossoverText(res: CrossoverResult): string {
  const km = (v: number | null) => (v === null ? "not reached" : `${Math.round(v)} km`);
  const f = res.fit;
  return [
    `crossover over ${res.pairs.length} station pairs (${res.stations} stations, ${res.timeSamples} instants):`,
    f
      ? `  fit: RTT ~ ${f.interceptMs.toFixed(2)} ms + ${(f.slopeMsPerKm * 1000).toFixed(3)} ms per 1000 km (n = ${f.n})`
      : "  fit: not enough reachable pairs",
    `  beats ideal fiber (stretch 1.0) beyond: fit ${km(res.crossoverIdealKm)}, bins ${km(res.binCrossoverIdealKm)}`,
    `  beats realistic fiber (stretch ${res.realisticStretch}) beyond: fit ${km(res.crossoverRealisticKm)}, bins ${km(res.binCrossoverRealisticKm)}`,
    "",
  ].join("\n");
}
