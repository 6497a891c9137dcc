/**
 * `constellate latency <constellation.yaml> --pair "A:B" ...`: RTT between ground stations through
 * the constellation, step by step, against fiber on the WGS-84 geodesic; `--all-pairs` adds the
 * crossover analysis (at what distance the constellation beats fiber) over the station set.
 */
import { join } from "node:path";
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { meshSettingsWithOverrides } from "../../mesh/config.js";
import { runCrossover } from "../../mesh/crossover.js";
import { runLatencyExperiment, stepCount } from "../../mesh/latency-experiment.js";
import type { GroundStation } from "../../orbit/constellation.js";
import type { PropagationEngine } from "../../orbit/propagate.js";
import { crossoverPlotSvg, latencyPlotSvg } from "../../report/latency-plot.js";
import {
  crossoverBinRows,
  crossoverPairRows,
  crossoverText,
  latencyJson,
  sampleRows,
  summaryRows,
} from "../../report/latency-report.js";
import { writeFileAtomic } from "../../util/atomic-write.js";
import { InputError } from "../../util/input-error.js";
import { stageOutputDir } from "../../util/output-dir.js";
import { reportCatalogWarnings } from "../catalog-warnings-output.js";
import { loadForCli, parseDuration, parseInstant, requireStation } from "../common.js";
import { formatCsv, parseFormat, printRows } from "../output.js";

interface LatencyOpts {
  pair: string[];
  mesh: string[];
  from?: string;
  duration?: string;
  step?: string;
  format?: string;
  out?: string;
  allPairs?: boolean;
  stretch?: string;
  timeSamples?: string;
  maxStations?: string;
  engine?: string;
}

function progress(label: string): { update: (done: number, total: number) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${label} [{bar}] {percentage}% | {value}/{total} | ETA {eta}s`,
    hideCursor: true,
  });
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

function positiveNumber(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const v = Number(value);
  if (!Number.isFinite(v) || v < min)
    throw new InputError(`expected a number >= ${min}`, { field: flag, value });
  return v;
}

export function latencyCommand(program: Command): void {
  program
    .command("latency")
    .description(
      "RTT between ground stations through the constellation vs fiber (RTT = 2 x one-way delay of the\n" +
        "shortest-delay path at t, same path back); --all-pairs: crossover distance vs fiber",
    )
    .argument("<constellation>", "constellation YAML file")
    .option("--pair <A:B>", 'station pair "A:B" (repeatable)', (v: string, acc: string[]) => [...acc, v], [])
    .option("--from <iso>", "start time, ISO 8601 UTC or 'now' (default: the constellation epoch)")
    .option("--duration <duration>", "length of the run", "200s")
    .option("--step <duration>", "time step", "100ms")
    .option("--format <format>", "table | csv | json", "table")
    .option("--out <dir>", "write samples.csv, summary.csv, latency.json and latency.svg here")
    .option("--all-pairs", "crossover analysis over every pair of stations (sparse in time)")
    .option("--stretch <x>", "realistic fiber route stretch (overrides fiber.realisticStretch)")
    .option("--time-samples <n>", "instants sampled by --all-pairs over the window", "5")
    .option("--max-stations <n>", "at most this many stations for --all-pairs", "100")
    .option("--engine <engine>", "propagation engine: wasm | js", "wasm")
    .option(
      "--mesh <section.key=value>",
      "override a mesh setting by its YAML name, e.g. isl.maxRangeKm=5000, groundLinks.policy=nearest (repeatable)",
      (v: string, acc: string[]) => [...acc, v],
      [],
    )
    .action(async (file: string, opts: LatencyOpts) => {
      parseFormat(opts.format); // validated before any work
      const c = loadForCli(file);
      const settings = meshSettingsWithOverrides(c, opts.mesh);
      const stretch = positiveNumber(opts.stretch, "--stretch", 1);
      if (stretch !== undefined) settings.fiber.realisticStretch = stretch;
      const engine = opts.engine as PropagationEngine;
      if (engine !== "wasm" && engine !== "js")
        throw new InputError("expected wasm or js", { field: "--engine", value: opts.engine });
      const startUnixMs = parseInstant(opts.from, c, "--from");
      const durationMs = parseDuration(opts.duration, 200_000, "--duration");
      const stepMs = parseDuration(opts.step, 100, "--step");
      if (opts.pair.length === 0 && !opts.allPairs)
        throw new InputError('give at least one --pair "A:B" or --all-pairs', { field: "--pair" });
      const pairs: [GroundStation, GroundStation][] = opts.pair.map((p) => {
        const i = p.indexOf(":");
        if (i <= 0 || i === p.length - 1)
          throw new InputError('expected "<station A>:<station B>"', { field: "--pair", value: p });
        const a = requireStation(c, p.slice(0, i), "--pair");
        const b = requireStation(c, p.slice(i + 1), "--pair");
        if (a === b)
          throw new InputError("the two stations of a pair must differ", { field: "--pair", value: p });
        return [a, b];
      });

      // --out is staged and committed whole at the end (util/output-dir.ts); checked before the run.
      const staged = opts.out === undefined ? undefined : stageOutputDir(opts.out);
      try {
        await runLatency(c, settings, pairs, opts, { startUnixMs, durationMs, stepMs, engine }, staged?.path);
        staged?.commit();
      } catch (e) {
        staged?.abort();
        throw e;
      }
    });
}

async function runLatency(
  c: ReturnType<typeof loadForCli>,
  settings: ReturnType<typeof meshSettingsWithOverrides>,
  pairs: [GroundStation, GroundStation][],
  opts: LatencyOpts,
  run: { startUnixMs: number; durationMs: number; stepMs: number; engine: PropagationEngine },
  outDir: string | undefined,
): Promise<void> {
  const format = parseFormat(opts.format);
  const { startUnixMs, durationMs, stepMs, engine } = run;
  // Element-set sanity warnings over the run window (stale, implausible, low, decaying): stderr
  // lines and a count now, and `warnings` in the JSON document and latency.json.
  const warnings = reportCatalogWarnings(c, { startUnixMs, endUnixMs: startUnixMs + durationMs });
  // One JSON document on stdout even when both --pair and --all-pairs are given.
  let jsonDoc: Record<string, unknown> | undefined;
  if (pairs.length > 0) {
    const steps = stepCount(durationMs, stepMs);
    if (steps > 1_000_000)
      throw new InputError(`${steps} steps is too many (at most 1,000,000): raise --step`, {
        field: "--step",
        value: opts.step,
      });
    const bar = progress("latency");
    let exp: Awaited<ReturnType<typeof runLatencyExperiment>>;
    try {
      exp = await runLatencyExperiment(c, settings, pairs, {
        startUnixMs,
        durationMs,
        stepMs,
        engine,
        onProgress: bar.update,
      });
    } finally {
      bar.stop();
    }
    const summary = summaryRows(exp);
    if (outDir) {
      writeFileAtomic(join(outDir, "samples.csv"), formatCsv(sampleRows(c, exp)));
      writeFileAtomic(join(outDir, "summary.csv"), formatCsv(summary));
      writeFileAtomic(
        join(outDir, "latency.json"),
        `${JSON.stringify({ ...(latencyJson(c, exp) as object), warnings }, null, 2)}\n`,
      );
      writeFileAtomic(join(outDir, "latency.svg"), await latencyPlotSvg(exp));
    }
    if (format === "json") jsonDoc = latencyJson(c, exp) as Record<string, unknown>;
    else if (format === "csv") printRows("csv", sampleRows(c, exp));
    else {
      process.stdout.write(
        `${c.name}: ${exp.steps} steps of ${stepMs} ms from ${new Date(startUnixMs).toISOString()}; ` +
          "RTT = 2 x one-way delay of the shortest path at t (same path back), propagation only\n\n",
      );
      printRows("table", summary);
    }
  }

  if (opts.allPairs) {
    const timeSamples = positiveNumber(opts.timeSamples, "--time-samples", 1)!;
    const maxStations = positiveNumber(opts.maxStations, "--max-stations", 2)!;
    const bar = progress("all pairs");
    let res: Awaited<ReturnType<typeof runCrossover>>;
    try {
      res = await runCrossover(c, settings, {
        startUnixMs,
        durationMs,
        timeSamples: Math.floor(timeSamples),
        maxStations: Math.floor(maxStations),
        engine,
        onProgress: bar.update,
      });
    } finally {
      bar.stop();
    }
    if (outDir) {
      writeFileAtomic(join(outDir, "crossover-pairs.csv"), formatCsv(crossoverPairRows(res)));
      writeFileAtomic(join(outDir, "crossover-bins.csv"), formatCsv(crossoverBinRows(res)));
      writeFileAtomic(join(outDir, "crossover.json"), `${JSON.stringify(res, null, 2)}\n`);
      writeFileAtomic(join(outDir, "crossover.svg"), await crossoverPlotSvg(res, settings.fiber.groupIndex));
    }
    if (format === "json") jsonDoc = { ...(jsonDoc ?? {}), crossover: res };
    else if (format === "csv") printRows("csv", crossoverBinRows(res));
    else {
      process.stdout.write(`\n${crossoverText(res)}\n`);
      printRows("table", crossoverBinRows(res));
    }
  }
  if (jsonDoc) printRows("json", [], { ...jsonDoc, warnings });
}
