/**
 * Real catalogs at scale (issue 11): what a step and a launch cost on catalogs as users bring them,
 * read through the YAML loader with `structure: infer` exactly as a user's file is:
 * - the shared 2023-07-18 Starlink snapshot (4,428 satellites, ../shared/catalogs; skipped when absent);
 * - the 10,956-satellite noisy synthetic catalog of six real-looking shells that bench/structure.ts
 *   times (src/orbit/synthetic-catalog.ts: RAAN +-0.2 deg, mean anomaly +-2 deg, epochs +-2 days),
 *   written to a temporary OMM JSON file;
 * each with the 100 cities of constellations/ground-stations/cities-100.yaml (25 deg mask, unlimited
 * antennas, as bench/mesh.ts's scale cases).
 *
 * Per catalog:
 * - load: YAML + element file + structure inference, wall ms;
 * - step: propagation (wasm), topology snapshot, 4,950 station-pair delays (StationDelays on the
 *   default threads), median wall and CPU ms per 100 ms step; baseline in the same process: one
 *   propagation tick of the same catalog (the step's ratio to it);
 * - launch, pooled, virtual clock, 2 s of scenario time so it ends by itself: wall time from start
 *   to every node registered, PSS and RSS of the controller plus its host processes once all are up
 *   (/proc/<pid>/smaps_rollup), the controller's mean step compute time; baseline in the same process:
 *   the same launch of starlink-shell1 (1,584 + 100 nodes), so ratios survive the shared machine.
 *
 * `CONSTELLATE_BENCH_CATALOG_SCALE=steps` or `=launch` runs one part (default both).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { loadConstellation, loadConstellationText } from "../src/config/load.js";
import { startEmulation } from "../src/emu/emulation.js";
import { meshSettingsOf } from "../src/mesh/config.js";
import { StationDelays } from "../src/mesh/station-delays.js";
import { TopologyBuilder } from "../src/mesh/topology.js";
import type { Constellation } from "../src/orbit/constellation.js";
import { ConstellationPropagator } from "../src/orbit/propagate.js";
import { formatTable, type Row } from "../src/report/table.js";
import { writeFileAtomic } from "../src/util/atomic-write.js";
import { treeMemory } from "./emu.js";
import type { BenchContext, BenchReport } from "./run.js";
import { EPOCH, syntheticBenchCatalog } from "./structure.js";

const GIB = 1024 ** 3;
const STEP_MS = 100;
/** Scenario time each launch runs on the virtual clock before it ends by itself. */
const LAUNCH_SCENARIO_MS = 2000;

function median(xs: number[]): number {
  const v = [...xs].sort((a, b) => a - b);
  return v[v.length >> 1] ?? Number.NaN;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** The YAML a user would write: one element-set shell with structure: infer, the 100 cities. */
function catalogYaml(name: string, epoch: string, file: string, format: "tle" | "omm"): string {
  return (
    `name: ${name}\nepoch: "${epoch}"\nshells:\n` +
    `  - name: ${name}\n    elements: { file: ${JSON.stringify(file)}, format: ${format} }\n    structure: infer\n` +
    'groundStations:\n  include: ["ground-stations/cities-100.yaml"]\n  defaults: { minElevationDeg: 25 }\n' +
    "groundLinks: { antennas: unlimited }\n"
  );
}

interface StepResult {
  propagateMs: number;
  snapshotMs: number;
  pairsMs: number;
  stepMs: number;
  stepCpuMs: number;
  links: number;
  reachablePairs: number;
  steps: number;
  threads: number;
}

async function benchSteps(c: Constellation, ctx: BenchContext, sd: StationDelays): Promise<StepResult> {
  const settings = meshSettingsOf(c);
  const stations = c.groundStations.slice(0, 100);
  const builder = TopologyBuilder.forConstellation(c, settings, stations);
  using prop = await ConstellationPropagator.create(c.satellites, { engine: "wasm" });
  const G = stations.length;
  const pairs = new Float64Array(G * G);
  const t0 = Date.parse(c.epoch);
  const warm = ctx.quick ? 2 : 10;
  const steps = ctx.quick ? 5 : 40;
  const t = { prop: [] as number[], snap: [] as number[], pairs: [] as number[], cpu: [] as number[] };
  let links = 0;
  let reachable = 0;
  for (let k = 0; k < warm + steps; k++) {
    const tUnixMs = t0 + k * STEP_MS;
    const c0 = cpuMs();
    const a = performance.now();
    const ecef = prop.at(tUnixMs).ecef;
    const b = performance.now();
    const snap = builder.build(tUnixMs, ecef);
    const d = performance.now();
    sd.compute(snap, settings.routing, pairs);
    const e = performance.now();
    const cpu = cpuMs() - c0;
    if (k < warm) continue;
    t.prop.push(b - a);
    t.snap.push(d - b);
    t.pairs.push(e - d);
    t.cpu.push(cpu);
    links = snap.linkCount;
    reachable = 0;
    for (let g = 0; g < G - 1; g++)
      for (let h = g + 1; h < G; h++) if (Number.isFinite(pairs[g * G + h]!)) reachable++;
  }
  return {
    propagateMs: median(t.prop),
    snapshotMs: median(t.snap),
    pairsMs: median(t.pairs),
    stepMs: median(t.prop.map((p, i) => p + t.snap[i]! + t.pairs[i]!)),
    stepCpuMs: median(t.cpu),
    links,
    reachablePairs: reachable,
    steps,
    threads: sd.threads,
  };
}

interface LaunchResult {
  nodes: number;
  hosts: number;
  allUpSeconds: number;
  pssGiB: number;
  rssGiB: number;
  meanStepComputeMs: number;
  scenarioWallSeconds: number;
  loadAtStart: number;
}

async function benchLaunch(c: Constellation, ctx: BenchContext): Promise<LaunchResult> {
  const loadAtStart = loadavg()[0]!;
  const t0 = performance.now();
  const emu = await startEmulation(c, {
    isolation: "pooled",
    clock: "virtual",
    durationMs: LAUNCH_SCENARIO_MS,
    readyTimeoutMs: 900_000,
  });
  try {
    await emu.waitAllUp(900_000);
    const allUpSeconds = (performance.now() - t0) / 1000;
    const mem = treeMemory(emu.pids());
    ctx.log(
      `  ${c.name} pooled: ${emu.nodeCount} nodes up in ${allUpSeconds.toFixed(1)} s, PSS ${(mem.pssBytes / GIB).toFixed(2)} GiB`,
    );
    const s0 = performance.now();
    emu.resume();
    await emu.done;
    const scenarioWallSeconds = (performance.now() - s0) / 1000;
    return {
      nodes: emu.nodeCount,
      hosts: emu.pids().length,
      allUpSeconds,
      pssGiB: mem.pssBytes / GIB,
      rssGiB: mem.rssBytes / GIB,
      meanStepComputeMs: emu.controller.status().meanStepComputeWallMs,
      scenarioWallSeconds,
      loadAtStart,
    };
  } finally {
    await emu.stop();
  }
}

export async function run(ctx: BenchContext): Promise<BenchReport> {
  const root = dirname(dirname(ctx.resultsDir));
  const parts = (process.env.CONSTELLATE_BENCH_CATALOG_SCALE ?? "steps,launch").split(",");
  const tmp = mkdtempSync(join(tmpdir(), "constellate-catalog-scale-"));
  const rows: Row[] = [];
  const summary: string[] = [];
  const results: Record<string, unknown>[] = [];
  try {
    const catalogs: { label: string; load: () => Constellation }[] = [];
    const snapshot = join(root, "..", "shared", "catalogs", "starlink-2023-07-18.3le");
    const yamlAt = (name: string) => join(root, "constellations", `${name}.yaml`);
    catalogs.push({
      label: "Starlink 2023-07-18 snapshot",
      load: () =>
        loadConstellationText(
          catalogYaml("starlink-2023", "2023-07-18T00:00:00Z", snapshot, "tle"),
          yamlAt("starlink-2023"),
        ),
    });
    const synthFile = join(tmp, "synthetic.json");
    writeFileSync(synthFile, JSON.stringify(syntheticBenchCatalog().omm));
    catalogs.push({
      label: "synthetic, 6 noisy shells",
      load: () =>
        loadConstellationText(catalogYaml("synthetic-11k", EPOCH, synthFile, "omm"), yamlAt("synthetic-11k")),
    });

    using sd = await StationDelays.create();
    let baselineLaunch: LaunchResult | undefined;
    if (parts.includes("launch")) {
      const shell1 = loadConstellation(join(root, "constellations", "starlink-shell1.yaml"));
      baselineLaunch = await benchLaunch(shell1, ctx);
      rows.push({
        catalog: "starlink-shell1 (launch baseline)",
        satellites: shell1.satellites.length,
        "nodes up s": baselineLaunch.allUpSeconds,
        "PSS GiB": baselineLaunch.pssGiB,
        "RSS GiB": baselineLaunch.rssGiB,
        "controller step ms": baselineLaunch.meanStepComputeMs,
        "load avg": baselineLaunch.loadAtStart,
      });
    }
    for (const cat of catalogs) {
      let c: Constellation;
      const l0 = performance.now();
      try {
        c = cat.load();
      } catch (e) {
        ctx.log(`  ${cat.label}: skipped (${(e as Error).message})`);
        summary.push(`${cat.label}: skipped (${(e as Error).message.slice(0, 120)})`);
        continue;
      }
      const loadMs = performance.now() - l0;
      const planes = c.shells.reduce(
        (n, s) => n + (s.structure?.kind === "inferred" ? s.structure.planeStart.length - 1 : 0),
        0,
      );
      ctx.log(
        `  ${cat.label}: ${c.satellites.length} satellites, ${c.shells.length} shells, ${planes} planes, loaded in ${loadMs.toFixed(0)} ms`,
      );
      const row: Row = { catalog: cat.label, satellites: c.satellites.length, planes, "load ms": loadMs };
      const result: Record<string, unknown> = {
        catalog: cat.label,
        satellites: c.satellites.length,
        shells: c.shells.length,
        planes,
        loadMs,
      };
      if (parts.includes("steps")) {
        const load = loadavg()[0]!;
        const s = await benchSteps(c, ctx, sd);
        Object.assign(row, {
          links: s.links,
          "propagate ms": s.propagateMs,
          "snapshot ms": s.snapshotMs,
          [`4,950 pairs ms (${s.threads} thr)`]: s.pairsMs,
          "step ms": s.stepMs,
          "step CPU ms": s.stepCpuMs,
          "step / propagate": s.stepMs / s.propagateMs,
          "reachable pairs": s.reachablePairs,
          "load avg": load,
        });
        result.steps = { ...s, loadAvg: load };
        summary.push(
          `${c.satellites.length} sats (${cat.label}): step ${s.stepMs.toFixed(1)} ms wall (propagate ${s.propagateMs.toFixed(1)} + snapshot ${s.snapshotMs.toFixed(1)} + 4,950 pairs ${s.pairsMs.toFixed(1)} on ${s.threads} threads; ${(s.stepMs / s.propagateMs).toFixed(1)}x one propagation tick), CPU ${s.stepCpuMs.toFixed(1)} ms, ${s.reachablePairs}/4950 pairs reachable, load ${load.toFixed(1)}`,
        );
      }
      if (parts.includes("launch")) {
        const l = await benchLaunch(c, ctx);
        Object.assign(row, {
          "nodes up s": l.allUpSeconds,
          "PSS GiB": l.pssGiB,
          "RSS GiB": l.rssGiB,
          "controller step ms": l.meanStepComputeMs,
        });
        result.launch = l;
        const b = baselineLaunch!;
        summary.push(
          `${l.nodes} nodes (${cat.label}) pooled on ${l.hosts} hosts: all up in ${l.allUpSeconds.toFixed(1)} s (${(l.allUpSeconds / b.allUpSeconds).toFixed(2)}x shell1's ${b.allUpSeconds.toFixed(1)} s), PSS ${l.pssGiB.toFixed(2)} GiB / RSS ${l.rssGiB.toFixed(2)} GiB (shell1 ${b.pssGiB.toFixed(2)} / ${b.rssGiB.toFixed(2)}), controller step ${l.meanStepComputeMs.toFixed(0)} ms (shell1 ${b.meanStepComputeMs.toFixed(0)}), load ${l.loadAtStart.toFixed(1)}`,
        );
      }
      rows.push(row);
      results.push(result);
    }
    ctx.log(formatTable(rows));
    const resultFile = join(ctx.resultsDir, "catalog-scale.json");
    writeFileAtomic(
      resultFile,
      `${JSON.stringify({ quick: ctx.quick, baselineLaunch, catalogs: results }, null, 2)}\n`,
    );
    return { summary, resultFile };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
