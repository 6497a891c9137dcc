/**
 * `constellate replay <constellation.yaml> <workload> [--mode raw,summary,hybrid] [--duration 24h]
 *  [--speed x] [--out dir] [--format table|json] [--seed N]`: replay an Earth-observation workload
 * once per downlink mode and compare them side by side.
 *
 * The runs use the in-process discrete-event runner (src/eo/runner.ts) on virtual time: by default as
 * fast as possible; `--speed x` paces virtual time at x times wall time. `--live` runs them through
 * the live emulator instead (src/eo/live.ts: products travel as bundles between gRPC nodes), its
 * clock at --speed (default 200: at 2000x on 2 cores the emulator falls behind and delays inflate).
 * The workload is a JSONL/CSV file or a generator spec `gen:<land|shipping|wildfire|mixed>:<count>` (seeded by --seed).
 */
import { join } from "node:path";
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { engineRefFromFlag } from "../../eo/inference.js";
import { REPLAY_MODES, type ReplayMode } from "../../eo/onboard.js";
import { replay, workloadFrom } from "../../eo/replay.js";
import { formatWorkloadCsv, formatWorkloadJsonl } from "../../eo/workload.js";
import { backlogPlotSvg, latencyCdfRows, latencyCdfSvg } from "../../report/eo-plots.js";
import { modeJson, sideBySide } from "../../report/eo-table.js";
import { writeFileAtomic } from "../../util/atomic-write.js";
import { isoUtc } from "../../util/duration.js";
import { InputError } from "../../util/input-error.js";
import { stageOutputDir } from "../../util/output-dir.js";
import { loadForCli, parseDuration, parseInstant } from "../common.js";
import { docShortRequests } from "../doc-short.js";
import { formatCsv, formatTable, parseFormat } from "../output.js";
import { byteProgress } from "../progress.js";

interface ReplayOpts {
  mode: string;
  duration: string;
  speed?: string;
  out?: string;
  format: string;
  seed: string;
  from?: string;
  relay: boolean;
  writeWorkload?: string;
  live?: boolean;
  engine?: string;
}

function parseModes(v: string): ReplayMode[] {
  const modes = v
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (modes.length === 0) throw new InputError("expected a list of modes", { field: "--mode", value: v });
  for (const m of modes)
    if (!(REPLAY_MODES as readonly string[]).includes(m))
      throw new InputError(`expected modes among ${REPLAY_MODES.join(", ")}`, { field: "--mode", value: m });
  return [...new Set(modes)] as ReplayMode[];
}

function parseSeed(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff)
    throw new InputError("expected an integer in [0, 4294967295]", { field: "--seed", value: v });
  return n;
}

function parseSpeed(v: string | undefined): number {
  if (v === undefined || v === "max") return Number.POSITIVE_INFINITY;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0)
    throw new InputError("expected a positive number or max", { field: "--speed", value: v });
  return n;
}

function progressBar(durationMs: number, modes: readonly ReplayMode[]) {
  if (!process.stderr.isTTY)
    return { update: (_m: ReplayMode, _t: number, _s: number) => {}, stop: () => {} };
  const bar = new SingleBar({
    stream: process.stderr,
    format: "replay {mode} [{bar}] {percentage}% | virtual {virtual} h of {total} h",
    hideCursor: true,
  });
  let started = false;
  const totalH = durationMs / 3_600_000;
  return {
    update(mode: ReplayMode, tUnixMs: number, startUnixMs: number) {
      const h = (tUnixMs - startUnixMs) / 3_600_000;
      if (!started) {
        bar.start(Math.round(totalH * 100), 0, { mode, virtual: "0.0", total: totalH.toFixed(1) });
        started = true;
      }
      bar.update(Math.round(h * 100), {
        mode: `${mode} (${modes.indexOf(mode) + 1}/${modes.length})`,
        virtual: h.toFixed(1),
      });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** Block the (synchronous) runner until wall time catches up with virtual time / speed. */
function pacer(speed: number, startUnixMs: number) {
  if (!Number.isFinite(speed)) return () => {};
  const cell = new Int32Array(new SharedArrayBuffer(4));
  let wall0 = performance.now();
  let lastMode = "";
  return (mode: string, tUnixMs: number) => {
    if (mode !== lastMode) {
      lastMode = mode;
      wall0 = performance.now();
    }
    const due = wall0 + (tUnixMs - startUnixMs) / speed;
    const wait = due - performance.now();
    if (wait > 1) Atomics.wait(cell, 0, 0, wait);
  };
}

export function replayCommand(program: Command): void {
  program
    .command("replay")
    .description(
      "replay an Earth-observation workload once per downlink mode (raw | summary | hybrid) and compare:\n" +
        "captures, bytes, time to insight, backlog, storage, contact use, energy, throttling",
    )
    .argument("<constellation>", "constellation YAML file")
    .argument("<workload>", "workload JSONL/CSV file, or gen:<land|shipping|wildfire|mixed>:<count>")
    .option("--mode <modes>", "comma-separated modes", REPLAY_MODES.join(","))
    .option("--duration <duration>", "virtual time to replay", "24h")
    .option("--from <iso>", "start time, ISO 8601 UTC (default: the constellation epoch)")
    .option("--speed <x>", "virtual seconds per wall second, or max", "max")
    .option("--seed <n>", "seed of generated workloads and of onboard scenes", "1")
    .option(
      "--out <dir>",
      "write replay.json, modes.csv, images-<mode>.csv, backlog.csv, latency-cdf.csv and SVG plots",
    )
    .option("--format <format>", "table | json", "table")
    .option("--no-relay", "do not relay over the laser mesh")
    .option(
      "--live",
      "run through the live emulator (gRPC nodes on its virtual clock) at --speed (default 200; faster runs lose timing fidelity on small machines)",
    )
    .option(
      "--engine <name|module>",
      "inference engine for every satellite: a built-in name or a module path (docs/eo-engines.md)",
    )
    .option(
      "--write-workload <file>",
      "also write the workload used (e.g. a generated one) as JSONL or CSV (by extension)",
    )
    .action(async (file: string, workload: string, opts: ReplayOpts) => {
      const format = parseFormat(opts.format, ["table", "json"]);
      const modes = parseModes(opts.mode);
      const seed = parseSeed(opts.seed);
      const speed = parseSpeed(opts.speed);
      const engine = opts.engine === undefined ? undefined : engineRefFromFlag(opts.engine);
      const c = loadForCli(file);
      const startUnixMs = parseInstant(opts.from, c, "--from");
      const durationMs = parseDuration(opts.duration, 86_400_000, "--duration");
      const reading = byteProgress("reading workload");
      let requests: ReturnType<typeof workloadFrom>;
      try {
        requests = docShortRequests(workloadFrom(workload, seed, durationMs, reading.update));
      } finally {
        reading.stop();
      }
      if (opts.writeWorkload)
        writeFileAtomic(
          opts.writeWorkload,
          opts.writeWorkload.toLowerCase().endsWith(".csv")
            ? formatWorkloadCsv(requests)
            : formatWorkloadJsonl(requests),
        );
      // --out is staged and committed whole after the run (util/output-dir.ts); checked before it.
      const staged = opts.out === undefined ? undefined : stageOutputDir(opts.out);
      let json: Record<string, unknown>;
      let results: Awaited<ReturnType<typeof replay>>["results"];
      try {
        const bar = progressBar(durationMs, modes);
        const live = opts.live === true;
        const pace = live ? () => {} : pacer(speed, startUnixMs);
        let out: Awaited<ReturnType<typeof replay>>;
        try {
          out = await replay(c, requests, {
            startUnixMs,
            durationMs,
            seed,
            modes,
            relay: opts.relay,
            ...(engine ? { engine } : {}),
            ...(live ? { liveSpeed: Number.isFinite(speed) ? speed : 200 } : {}),
            onProgress: (mode, t) => {
              bar.update(mode, t, startUnixMs);
              pace(mode, t);
            },
          });
        } finally {
          bar.stop();
        }
        results = out.results;
        json = {
          constellation: c.name,
          workload,
          start: isoUtc(startUnixMs),
          durationS: durationMs / 1000,
          seed,
          satellites: c.satellites.length,
          stations: c.groundStations.length,
          contacts: out.scenario.contacts.length,
          captureOpportunities: out.scenario.opportunities.length,
          modes: results.map(modeJson),
        };
        if (staged) {
          const dir = staged.path;
          writeFileAtomic(join(dir, "replay.json"), `${JSON.stringify(json, null, 2)}\n`);
          writeFileAtomic(join(dir, "modes.csv"), formatCsv(sideBySide(results)));
          for (const r of results)
            writeFileAtomic(
              join(dir, `images-${r.mode}.csv`),
              formatCsv(
                r.images.map((i) => ({
                  ...i,
                  inferredUnixMs: Number.isNaN(i.inferredUnixMs) ? null : i.inferredUnixMs,
                  insightUnixMs: Number.isNaN(i.insightUnixMs) ? null : i.insightUnixMs,
                  timeToInsightS: Number.isNaN(i.timeToInsightS) ? null : i.timeToInsightS,
                  captureTime: isoUtc(i.captureUnixMs),
                  insightTime: Number.isNaN(i.insightUnixMs) ? "" : isoUtc(i.insightUnixMs),
                })),
              ),
            );
          writeFileAtomic(
            join(dir, "backlog.csv"),
            formatCsv(
              results.flatMap((r) => r.series.map((p) => ({ mode: r.mode, time: isoUtc(p.tUnixMs), ...p }))),
            ),
          );
          writeFileAtomic(join(dir, "latency-cdf.csv"), formatCsv(latencyCdfRows(results)));
          writeFileAtomic(join(dir, "backlog.svg"), await backlogPlotSvg(results, c.name));
          writeFileAtomic(join(dir, "latency-cdf.svg"), await latencyCdfSvg(results, c.name));
        }
        staged?.commit();
      } catch (e) {
        staged?.abort();
        throw e;
      }
      if (format === "json") process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      else {
        process.stdout.write(
          `${c.name}: ${c.satellites.length} satellites, ${c.groundStations.length} stations, ${requests.length} requests, ` +
            `${(durationMs / 3_600_000).toFixed(1)} h from ${isoUtc(startUnixMs)}\n\n`,
        );
        process.stdout.write(formatTable(sideBySide(results)));
      }
    });
}
