/**
 * Mesh benchmark: per step, one topology snapshot plus the delays between every pair of 100 ground
 * stations (4,950 pairs), at 1,584 (starlink-shell1), 4,408 (starlink-gen1), ~12,000 and ~30,000
 * satellites, against the implementation before issue 11 in the same process and the same steps:
 * bench/baseline/ holds that builder (every station against every satellite) and router (100 full
 * searches on one core). Steps alternate which of the two goes first, so load drift on this shared
 * machine hits both alike; every step's 4,950 delays and snapshot arrays must be equal bit for bit
 * (mismatches are printed), so a fast wrong path cannot pass unnoticed. Reported per part: snapshot,
 * station delays (StationDelays on the default threads, and on one), propagation separately.
 *
 * Then, on the two shipped constellations, an all-pairs Floyd-Warshall on the same graph. Same
 * semantics: stations are endpoints only, so its intermediate vertex k ranges over the satellites
 * (S iterations of N^2 relaxations each, N = S + 100). Every k-iteration costs the same N^2 work, so
 * on the large graph it is timed over a measured subset of k and extrapolated linearly to all S
 * (stated in the output). On the 1,684-node graph it runs in full once and its distances are checked
 * against the Dijkstra results (max difference printed). Last, a whole latency experiment (200 s at
 * 100 ms, five pairs). Goals (issue 11): < 5 ms per step at 1,584 and < 100 ms at 30,000 on this
 * 2-core machine (snapshot + 4,950 pair delays; propagation is bench/propagation.ts's).
 *
 * `CONSTELLATE_BENCH_MESH=sizes` runs only the per-step part (no Floyd-Warshall, no experiments),
 * and `CONSTELLATE_BENCH_MESH_SATS=1584,29988` only the sizes with those satellite counts: a short
 * re-measurement when the shared machine is briefly quiet.
 */
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { loadConstellation, loadConstellationText } from "../src/config/load.js";
import { meshSettingsOf } from "../src/mesh/config.js";
import { runLatencyExperiment } from "../src/mesh/latency-experiment.js";
import { Router } from "../src/mesh/route.js";
import { StationDelays } from "../src/mesh/station-delays.js";
import { TopologyBuilder } from "../src/mesh/topology.js";
import type { TopologySnapshot } from "../src/mesh/types.js";
import { type Constellation, findStation, type GroundStation } from "../src/orbit/constellation.js";
import { ConstellationPropagator } from "../src/orbit/propagate.js";
import { formatTable, type Row } from "../src/report/table.js";
import { writeFileAtomic } from "../src/util/atomic-write.js";
import { RouterBefore } from "./baseline/router-before.js";
import { TopologyBuilderBefore } from "./baseline/topology-before.js";
import type { BenchContext, BenchReport } from "./run.js";

const STEP_MS = 100;

function quantile(xs: number[], q: number): number {
  const v = [...xs].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.floor(q * v.length))]!;
}

/** A Walker shell line of a constellation YAML (F = P/2, as the shipped Starlink files choose). */
const walkerShell = (
  name: string,
  altitudeKm: number,
  inclinationDeg: number,
  planes: number,
  perPlane: number,
) =>
  `  - name: ${name}\n    walker: { altitudeKm: ${altitudeKm}, inclinationDeg: ${inclinationDeg}, planes: ${planes}, satsPerPlane: ${perPlane}, phasing: ${Math.floor(planes / 2)}, raanSpreadDeg: 360, eccentricity: 0.0001 }\n`;

/**
 * The larger cases, as Walker shells (synthetic scale cases, not models of deployed systems):
 * - 11,968: starlink-gen1's five shells plus Gen1's three VLEO shells as tabulated by Bassa,
 *   Hainaut and Galadi-Enriquez, A&A 657, A75 (2022), Table 1: 42 planes x 60 at 335.9 km / 42 deg,
 *   340.8 km / 48 deg and 345.6 km / 53 deg (the filing's 2,493 / 2,478 / 2,547 rounded to full planes).
 * - 29,988: SpaceX's Gen2 configuration 1 (2021 amendment; totals as in FCC 22-91): 48 x 110 at
 *   340 km / 53, 345 km / 46 and 350 km / 38 deg, 30 x 120 at 360 km / 96.9 deg, 28 x 120 at
 *   525 / 530 / 535 km at 53 / 43 / 33 deg, 12 x 12 at 604 km / 148 deg, 18 x 18 at 614 km / 115.7 deg.
 *   The per-shell plane counts are recalled from the filing's summary, not re-read here.
 */
export function syntheticConstellation(root: string, size: "12k" | "30k"): Constellation {
  const gen1 = [
    walkerShell("s540-53.2", 540, 53.2, 72, 22),
    walkerShell("s550-53", 550, 53, 72, 22),
    walkerShell("s570-70", 570, 70, 36, 20),
    walkerShell("s560-97.6a", 560, 97.6, 6, 58),
    walkerShell("s560-97.6b", 560, 97.6, 4, 43),
  ];
  const shells =
    size === "12k"
      ? [
          ...gen1,
          walkerShell("v335.9-42", 335.9, 42, 42, 60),
          walkerShell("v340.8-48", 340.8, 48, 42, 60),
          walkerShell("v345.6-53", 345.6, 53, 42, 60),
        ]
      : [
          walkerShell("g340-53", 340, 53, 48, 110),
          walkerShell("g345-46", 345, 46, 48, 110),
          walkerShell("g350-38", 350, 38, 48, 110),
          walkerShell("g360-96.9", 360, 96.9, 30, 120),
          walkerShell("g525-53", 525, 53, 28, 120),
          walkerShell("g530-43", 530, 43, 28, 120),
          walkerShell("g535-33", 535, 33, 28, 120),
          walkerShell("g604-148", 604, 148, 12, 12),
          walkerShell("g614-115.7", 614, 115.7, 18, 18),
        ];
  const name = size === "12k" ? "synthetic-gen1-vleo" : "synthetic-gen2";
  // Antennas unlimited, as the shipped files with these 100 cities (Hypatia's model: a station links
  // to every satellite in range), so the baseline builder, which has no antenna limit, must agree.
  const text = `name: ${name}\nepoch: "2026-01-01T00:00:00Z"\nshells:\n${shells.join("")}groundStations:\n  include: ["ground-stations/cities-100.yaml"]\n  defaults: { minElevationDeg: 25 }\ngroundLinks: { antennas: unlimited }\n`;
  return loadConstellationText(text, join(root, "constellations", `${name}.yaml`));
}

/** Textbook Floyd-Warshall over intermediate vertices k in [0, kCount) (satellites), in place on d (N x N). */
function floydWarshall(d: Float64Array, n: number, kCount: number): void {
  for (let k = 0; k < kCount; k++) {
    const rowK = k * n;
    for (let i = 0; i < n; i++) {
      const rowI = i * n;
      // No "skip if d[i][k] is infinite" shortcut: it makes early k-iterations cheaper than late ones,
      // and the extrapolation from a subset of k needs every iteration to cost the same N^2.
      const dik = d[rowI + k]!;
      for (let j = 0; j < n; j++) {
        const via = dik + d[rowK + j]!;
        if (via < d[rowI + j]!) d[rowI + j] = via;
      }
    }
  }
}

function adjacency(s: TopologySnapshot): Float64Array {
  const n = s.nodeCount;
  const d = new Float64Array(n * n).fill(Number.POSITIVE_INFINITY);
  for (let i = 0; i < n; i++) d[i * n + i] = 0;
  for (let u = 0; u < n; u++)
    for (let j = s.rowStart[u]!; j < s.rowStart[u + 1]!; j++) {
      const v = s.target[j]!;
      if (s.delayMs[j]! < d[u * n + v]!) d[u * n + v] = s.delayMs[j]!;
    }
  return d;
}

interface SizeResult {
  constellation: string;
  satellites: number;
  stations: number;
  links: number;
  steps: number;
  threads: number;
  propagateMedianMs: number;
  before: { snapshotMs: number; pairsMs: number; stepMs: number; stepP90Ms: number };
  after: { snapshotMs: number; pairsMs: number; pairs1ThreadMs: number; stepMs: number; stepP90Ms: number };
  speedup: number;
  /**
   * CPU time per step (all threads of the process, median): less sensitive than wall time to other
   * load on a shared machine. Before: snapshot + 99 searches; after on one thread: snapshot + 99
   * early-stopping searches; after on the default threads: the same, summed over the threads.
   */
  cpu: { beforeMs: number; after1ThreadMs: number; afterMs: number; ratio1Thread: number };
  /** Pair delays or snapshot entries that differ between before and after (must be 0). */
  mismatches: number;
  /** Station view lists rescanned per step (the rest reused). */
  viewRefreshesPerStep: number;
  goalMs: number | null;
}

/** Per step: the snapshot, then the 4,950 pair delays, before (baseline) and after, alternating. */
async function benchSize(
  c: Constellation,
  ctx: BenchContext,
  goalMs: number | null,
  sd: StationDelays,
  sd1: StationDelays,
): Promise<SizeResult> {
  const settings = meshSettingsOf(c);
  const stations = c.groundStations.slice(0, 100);
  const oldBuilder = TopologyBuilderBefore.forConstellation(c, settings, stations);
  const newBuilder = TopologyBuilder.forConstellation(c, settings, stations);
  const oldRouter = new RouterBefore(oldBuilder.nodeCount);
  using prop = await ConstellationPropagator.create(c.satellites, { engine: "wasm" });
  const S = c.satellites.length;
  const G = stations.length;
  const t0 = Date.parse(c.epoch);
  const big = S > 10_000;
  const warm = ctx.quick ? 2 : big ? 5 : 20;
  const steps = ctx.quick ? 5 : big ? 30 : 100;
  const oldPairs = new Float64Array(G * G);
  const newPairs = new Float64Array(G * G);
  const newPairs1 = new Float64Array(G * G);
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const cpuT = { before: [] as number[], after: [] as number[], after1: [] as number[] };
  const t = {
    prop: [] as number[],
    os: [] as number[],
    op: [] as number[],
    ns: [] as number[],
    np: [] as number[],
    np1: [] as number[],
  };
  let mismatches = 0;
  let links = 0;
  const before = (tUnixMs: number, ecef: Float64Array): [TopologySnapshot, number, number, number] => {
    const c0 = cpuMs();
    const a = performance.now();
    const snap = oldBuilder.build(tUnixMs, ecef as never);
    const b = performance.now();
    for (let g = 0; g < G - 1; g++) {
      oldRouter.run(snap, S + g, settings.routing);
      for (let h = g + 1; h < G; h++) oldPairs[g * G + h] = oldRouter.dist[S + h]!;
    }
    const e = performance.now();
    return [snap, b - a, e - b, cpuMs() - c0];
  };
  // The 4th value: CPU ms of the snapshot alone (after) or of the whole step (before).
  const after = (tUnixMs: number, ecef: Float64Array): [TopologySnapshot, number, number, number] => {
    const c0 = cpuMs();
    const a = performance.now();
    const snap = newBuilder.build(tUnixMs, ecef as never);
    const b = performance.now();
    const c1 = cpuMs();
    sd.compute(snap, settings.routing, newPairs);
    const e = performance.now();
    cpuT.after.push(cpuMs() - c0);
    return [snap, b - a, e - b, c1 - c0];
  };
  const refreshes0 = () => newBuilder.views.refreshes;
  let refreshStart = 0;
  for (let k = 0; k < warm + steps; k++) {
    if (k === warm) refreshStart = refreshes0();
    const tUnixMs = t0 + k * STEP_MS;
    const p0 = performance.now();
    const ecef = prop.at(tUnixMs).ecef;
    const p1 = performance.now();
    let o: [TopologySnapshot, number, number, number];
    let n: [TopologySnapshot, number, number, number];
    if (k % 2 === 0) {
      o = before(tUnixMs, ecef);
      n = after(tUnixMs, ecef);
    } else {
      n = after(tUnixMs, ecef);
      o = before(tUnixMs, ecef);
    }
    // One thread, same snapshot (the builder is not run twice: its views would count double).
    const q0 = performance.now();
    const qc = cpuMs();
    sd1.compute(n[0], settings.routing, newPairs1);
    const q1 = performance.now();
    cpuT.before.push(o[3]);
    cpuT.after1.push(n[3] + cpuMs() - qc);
    for (let g = 0; g < G - 1; g++)
      for (let h = g + 1; h < G; h++) {
        const v = oldPairs[g * G + h]!;
        if (!Object.is(newPairs[g * G + h], v) || !Object.is(newPairs1[g * G + h], v)) mismatches++;
      }
    const os = o[0];
    const ns = n[0];
    if (os.linkCount !== ns.linkCount) mismatches++;
    else
      for (let j = 0; j < os.linkCount; j++)
        if (os.target[j] !== ns.target[j] || os.delayMs[j] !== ns.delayMs[j]) mismatches++;
    links = ns.linkCount;
    if (k < warm) {
      cpuT.before.pop();
      cpuT.after.pop();
      cpuT.after1.pop();
      continue;
    }
    t.prop.push(p1 - p0);
    t.os.push(o[1]);
    t.op.push(o[2]);
    t.ns.push(n[1]);
    t.np.push(n[2]);
    t.np1.push(q1 - q0);
  }
  const oldStep = t.os.map((x, i) => x + t.op[i]!);
  const newStep = t.ns.map((x, i) => x + t.np[i]!);
  const result: SizeResult = {
    constellation: c.name,
    satellites: S,
    stations: G,
    links,
    steps,
    threads: sd.threads,
    propagateMedianMs: quantile(t.prop, 0.5),
    before: {
      snapshotMs: quantile(t.os, 0.5),
      pairsMs: quantile(t.op, 0.5),
      stepMs: quantile(oldStep, 0.5),
      stepP90Ms: quantile(oldStep, 0.9),
    },
    after: {
      snapshotMs: quantile(t.ns, 0.5),
      pairsMs: quantile(t.np, 0.5),
      pairs1ThreadMs: quantile(t.np1, 0.5),
      stepMs: quantile(newStep, 0.5),
      stepP90Ms: quantile(newStep, 0.9),
    },
    speedup: quantile(oldStep, 0.5) / quantile(newStep, 0.5),
    cpu: {
      beforeMs: quantile(cpuT.before, 0.5),
      after1ThreadMs: quantile(cpuT.after1, 0.5),
      afterMs: quantile(cpuT.after, 0.5),
      ratio1Thread: quantile(cpuT.before, 0.5) / quantile(cpuT.after1, 0.5),
    },
    mismatches,
    viewRefreshesPerStep: (newBuilder.views.refreshes - refreshStart) / steps,
    goalMs,
  };
  ctx.log(
    `  ${c.name}: before ${result.before.stepMs.toFixed(1)} ms, after ${result.after.stepMs.toFixed(1)} ms per step (${result.speedup.toFixed(2)}x), ${mismatches} mismatches`,
  );
  return result;
}

interface FloydResult {
  constellation: string;
  floydWarshallMs: number;
  method: string;
  /** Old router's 100 full searches on the same snapshot, ms (what Floyd-Warshall replaces). */
  dijkstra100Ms: number;
  fwOverDijkstra: number;
  maxDiffMs: number | null;
}

/** All-pairs Floyd-Warshall against 100 station searches on one snapshot of c. */
async function benchFloyd(c: Constellation, ctx: BenchContext): Promise<FloydResult> {
  const settings = meshSettingsOf(c);
  const stations = c.groundStations.slice(0, 100);
  const builder = TopologyBuilder.forConstellation(c, settings, stations);
  const router = new Router(builder.nodeCount);
  using prop = await ConstellationPropagator.create(c.satellites, { engine: "wasm" });
  const S = c.satellites.length;
  const G = stations.length;
  const t0 = Date.parse(c.epoch);
  const s = builder.build(t0, prop.at(t0).ecef);
  const n = s.nodeCount;
  const dj = new Float64Array(G * n);
  const times: number[] = [];
  for (let rep = 0; rep < 5; rep++) {
    const a = performance.now();
    for (let g = 0; g < G; g++) {
      router.run(s, S + g, settings.routing);
      if (rep === 0) dj.set(router.dist.subarray(0, n), g * n);
    }
    times.push(performance.now() - a);
  }
  const d = adjacency(s);
  const full = !ctx.quick && n <= 2000;
  const kCount = full ? S : Math.min(S, ctx.quick ? 20 : 150);
  ctx.log(
    `  Floyd-Warshall on ${n} nodes: ${kCount} of ${S} k-iterations (${((kCount * n * n) / 1e9).toFixed(2)}e9 relaxations)...`,
  );
  const f0 = performance.now();
  floydWarshall(d, n, kCount);
  const fMeasured = performance.now() - f0;
  const fwMs = (fMeasured * S) / kCount;
  let maxDiff: number | null = null;
  if (kCount === S) {
    maxDiff = 0;
    for (let g = 0; g < G; g++)
      for (let v = 0; v < n; v++) {
        const a = d[(S + g) * n + v]!;
        const b = dj[g * n + v]!;
        if (a === Number.POSITIVE_INFINITY && b === Number.POSITIVE_INFINITY) continue;
        maxDiff = Math.max(maxDiff, Math.abs(a - b));
      }
  }
  const dijkstra100Ms = quantile(times, 0.5);
  return {
    constellation: c.name,
    floydWarshallMs: fwMs,
    method:
      kCount === S
        ? `full run, ${S} k-iterations x ${n}^2`
        : `${kCount} of ${S} k-iterations timed (${fMeasured.toFixed(0)} ms), x ${S}/${kCount} extrapolated`,
    dijkstra100Ms,
    fwOverDijkstra: fwMs / dijkstra100Ms,
    maxDiffMs: maxDiff,
  };
}

const PAIRS: [string, string][] = [
  ["London", "New York"],
  ["Tokyo", "Los Angeles"],
  ["São Paulo", "London"],
  ["Delhi", "Moscow"],
  ["Shanghai", "Paris"],
];

export async function run(ctx: BenchContext): Promise<BenchReport> {
  const root = dirname(dirname(ctx.resultsDir));
  const shipped: Constellation[] = [];
  const cases: [Constellation, number | null][] = [];
  for (const [file, goal] of [
    ["starlink-shell1.yaml", 5],
    ["starlink-gen1.yaml", null],
  ] as const) {
    ctx.log(`  loading ${file}`);
    const c = loadConstellation(join(root, "constellations", file));
    shipped.push(c);
    cases.push([c, goal]);
  }
  cases.push([syntheticConstellation(root, "12k"), null]);
  cases.push([syntheticConstellation(root, "30k"), 100]);
  const onlySats = process.env.CONSTELLATE_BENCH_MESH_SATS?.split(",").map(Number);
  if (onlySats)
    cases.splice(0, cases.length, ...cases.filter(([c]) => onlySats.includes(c.satellites.length)));
  const onlySizes = process.env.CONSTELLATE_BENCH_MESH === "sizes";
  const results: SizeResult[] = [];
  {
    using sd = await StationDelays.create();
    using sd1 = await StationDelays.create({ threads: 1 });
    for (const [c, goal] of cases) {
      ctx.log(`  ${c.name}: ${c.satellites.length} satellites`);
      results.push(await benchSize(c, ctx, goal, sd, sd1));
    }
  }
  const rows: Row[] = results.map((r) => ({
    constellation: r.constellation,
    satellites: r.satellites,
    links: r.links,
    "propagate ms": r.propagateMedianMs,
    "before: snapshot ms": r.before.snapshotMs,
    "before: 4,950 pairs ms": r.before.pairsMs,
    "before: step ms": r.before.stepMs,
    "after: snapshot ms": r.after.snapshotMs,
    [`after: pairs ms (${r.threads} thr)`]: r.after.pairsMs,
    "after: pairs ms (1 thr)": r.after.pairs1ThreadMs,
    "after: step ms (p50)": r.after.stepMs,
    "after: step ms (p90)": r.after.stepP90Ms,
    "before / after": r.speedup,
    "CPU ms before": r.cpu.beforeMs,
    "CPU ms after (1 thr)": r.cpu.after1ThreadMs,
    "CPU before / after (1 thr)": r.cpu.ratio1Thread,
    goal: r.goalMs === null ? "" : `< ${r.goalMs}`,
    mismatches: r.mismatches,
    "view rescans / step": r.viewRefreshesPerStep,
  }));
  process.stderr.write(formatTable(rows));

  const floyd: FloydResult[] = [];
  if (!onlySizes) for (const c of shipped) floyd.push(await benchFloyd(c, ctx));
  process.stderr.write(
    formatTable(
      floyd.map((f) => ({
        constellation: f.constellation,
        "100 Dijkstra ms": f.dijkstra100Ms,
        "Floyd-Warshall ms": f.floydWarshallMs,
        "FW / Dijkstra": f.fwOverDijkstra,
        "max |FW - Dijkstra| ms": f.maxDiffMs,
      })),
    ),
  );
  for (const f of floyd) ctx.log(`  ${f.constellation}: Floyd-Warshall ${f.method}`);
  // Whole latency experiment: 200 s at 100 ms (2,001 steps), five pairs.
  const experiments: {
    constellation: string;
    steps: number;
    pairs: number;
    seconds: number;
    msPerStep: number;
  }[] = [];
  for (const c of onlySizes ? [] : shipped) {
    const pairs = PAIRS.map(([a, b]) => [findStation(c, a), findStation(c, b)] as const).filter(
      (p): p is readonly [GroundStation, GroundStation] => p[0] !== undefined && p[1] !== undefined,
    );
    const durationMs = ctx.quick ? 20_000 : 200_000;
    const a = performance.now();
    const exp = await runLatencyExperiment(c, meshSettingsOf(c), pairs, {
      startUnixMs: Date.parse(c.epoch),
      durationMs,
      stepMs: STEP_MS,
    });
    const seconds = (performance.now() - a) / 1000;
    experiments.push({
      constellation: c.name,
      steps: exp.steps,
      pairs: pairs.length,
      seconds,
      msPerStep: (seconds * 1000) / exp.steps,
    });
  }
  process.stderr.write(formatTable(experiments.map((e) => ({ ...e }))));

  const resultFile = join(ctx.resultsDir, "mesh.json");
  writeFileAtomic(
    resultFile,
    `${JSON.stringify({ cpu: cpus()[0]?.model, node: process.version, quick: ctx.quick, sizes: results, floyd, experiments }, null, 2)}\n`,
  );
  const summary = [
    ...results.map(
      (r) =>
        `${r.satellites}+${r.stations} nodes (${r.constellation}): snapshot ${r.after.snapshotMs.toFixed(2)} + 4,950 pairs ${r.after.pairsMs.toFixed(2)} ms = ${r.after.stepMs.toFixed(2)} ms/step on ${r.threads} threads${r.goalMs === null ? "" : ` (goal < ${r.goalMs})`}; before ${r.before.stepMs.toFixed(2)} ms: ${r.speedup.toFixed(2)}x; CPU per step ${r.cpu.beforeMs.toFixed(1)} -> ${r.cpu.after1ThreadMs.toFixed(1)} ms on one thread (${r.cpu.ratio1Thread.toFixed(2)}x); ${r.mismatches} mismatches`,
    ),
    ...floyd.map(
      (f) =>
        `${f.constellation}: Floyd-Warshall ${(f.floydWarshallMs / 1000).toFixed(1)} s = ${f.fwOverDijkstra.toFixed(0)}x 100 Dijkstras (${f.dijkstra100Ms.toFixed(1)} ms)`,
    ),
    ...experiments.map(
      (e) =>
        `latency experiment ${e.constellation}: ${e.steps} steps x ${e.pairs} pairs in ${e.seconds.toFixed(1)} s (${e.msPerStep.toFixed(2)} ms/step incl. propagation)`,
    ),
  ];
  return { summary, resultFile };
}
