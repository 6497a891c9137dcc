/**
 * `constellate replay <constellation.yaml> <workload | survey> [--mode raw,summary,hybrid]
 *  [--duration 24h] [--clock virtual|realtime] [--format table|csv|json] [--out dir]`: replay an
 * Earth-observation workload once per downlink mode and compare them side by side.
 *
 * Each mode launches the constellation on the emulator with the EO apps in its nodes (src/eo/replay.ts):
 * the onboard software on every satellite, the ground app on every station, products as bundles
 * through the emulated mesh. `--clock virtual` (default) is exact and as fast as the CPUs allow;
 * `--clock realtime` paces it at --speed. The workload is a JSONL/CSV file or a generator spec
 * `gen:<land|shipping|wildfire|mixed>:<count>` (seeded by --seed).
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { forceStopEmulations } from "../../emu/emulation.js";
import { engineRefFromFlag } from "../../eo/inference.js";
import { REPLAY_MODES, type ReplayMode } from "../../eo/products.js";
import { replay, workloadFrom } from "../../eo/replay.js";
import { formatWorkloadCsv, formatWorkloadJsonl } from "../../eo/workload.js";
import { backlogPlotSvg, latencyCdfRows, latencyCdfSvg } from "../../report/eo-plots.js";
import { eoStory } from "../../report/eo-story.js";
import { replayJson, sideBySide, sideBySideCsv } from "../../report/eo-table.js";
import { writeFileAtomic } from "../../util/atomic-write.js";
import { isoUtc } from "../../util/duration.js";
import { InputError } from "../../util/input-error.js";
import { stageOutputDir } from "../../util/output-dir.js";
import { loadForCli, parseDuration, parseInstant } from "../common.js";
import { docShortRequests } from "../doc-short.js";
import { handleInterrupts } from "../interrupt.js";
import { formatCsv, formatTable, parseChoice, parseFormat } from "../output.js";
import { byteProgress } from "../progress.js";

interface ReplayOpts {
  mode: string;
  duration: string;
  clock: string;
  speed?: string;
  isolation?: string;
  out?: string;
  format: string;
  seed: string;
  from?: string;
  relay: boolean;
  writeWorkload?: string;
  engine?: string;
}

/** The workload argument that means survey imaging instead of tasked requests. */
const SURVEY = "survey";

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

function parseSpeed(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0)
    throw new InputError("expected a positive number (virtual seconds per wall second)", {
      field: "--speed",
      value: v,
    });
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

export function replayCommand(program: Command): void {
  program
    .command("replay")
    .description(
      "replay an Earth-observation workload once per downlink mode (raw | summary | hybrid) and compare:\n" +
        "captures, bytes, time to insight, backlog, storage, contact use, energy, throttling",
    )
    .argument("<constellation>", "constellation YAML file")
    .argument(
      "<workload>",
      "workload JSONL/CSV file, gen:<land|shipping|wildfire|mixed>:<count>, or survey (image all sunlit land)",
    )
    .option("--mode <modes>", "comma-separated modes", REPLAY_MODES.join(","))
    .option("--duration <duration>", "virtual time to replay", "24h")
    .option("--from <iso>", "start time, ISO 8601 UTC (default: the constellation epoch)")
    .option(
      "--clock <clock>",
      "virtual (exact, as fast as possible) | realtime (paced at --speed)",
      "virtual",
    )
    .option(
      "--speed <x>",
      "realtime clock: virtual seconds per wall second (default: the YAML's emu.speed, else 1)",
    )
    .option(
      "--isolation <isolation>",
      "how nodes are hosted: pooled | process | inproc (default: inproc on the virtual clock, else pooled)",
    )
    .option("--seed <n>", "seed of generated workloads and of onboard scenes", "1")
    .option(
      "--out <dir>",
      "write replay.json, modes.csv, images-<mode>.csv, backlog.csv, latency-cdf.csv and SVG plots",
    )
    .option("--format <format>", "table | csv | json", "table")
    .option("--no-relay", "do not relay over the laser mesh")
    .option(
      "--engine <name|module>",
      "inference engine for every satellite: a built-in name or a module path (docs/eo-engines.md)",
    )
    .option(
      "--write-workload <file>",
      "also write the workload used (e.g. a generated one) as JSONL or CSV (by extension)",
    )
    .action(async (file: string, workload: string, opts: ReplayOpts) => {
      const format = parseFormat(opts.format, ["table", "csv", "json"]);
      const clock = parseChoice(opts.clock, ["virtual", "realtime"], "--clock");
      const isolation =
        opts.isolation === undefined
          ? undefined
          : parseChoice(opts.isolation, ["pooled", "process", "inproc"], "--isolation");
      const modes = parseModes(opts.mode);
      const seed = parseSeed(opts.seed);
      const speed = parseSpeed(opts.speed);
      if (speed !== undefined && clock === "virtual")
        throw new InputError(
          "--speed paces the realtime clock; the virtual clock has none (add --clock realtime)",
          {
            field: "--speed",
            value: opts.speed,
          },
        );
      const engine = opts.engine === undefined ? undefined : engineRefFromFlag(opts.engine);
      const c = loadForCli(file);
      const startUnixMs = parseInstant(opts.from, c, "--from");
      const durationMs = parseDuration(opts.duration, 86_400_000, "--duration");
      const reading = byteProgress("reading workload");
      let requests: ReturnType<typeof workloadFrom>;
      try {
        requests =
          workload === SURVEY
            ? []
            : docShortRequests(workloadFrom(workload, seed, durationMs, reading.update));
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
      // Without --out the modes' run dirs are temporary (named now, made by the first mode).
      const tmpRuns = staged
        ? undefined
        : join(tmpdir(), `constellate-replay-${process.pid}-${randomBytes(4).toString("hex")}`);
      // Ctrl-C while the scenario is planned (seconds of synchronous work) ends the process at once
      // (Node's default; a staging dir left then is removed by the next stage of that --out). From
      // the first mode on, it stops the running emulation, drops staged and temporary files, exit 130.
      const interrupted = new AbortController();
      const startHandling = () => {
        const intr = handleInterrupts();
        intr.onForce(forceStopEmulations);
        intr.onForce(() => {
          staged?.abort();
          if (tmpRuns) rmSync(tmpRuns, { recursive: true, force: true });
        });
        intr.signal.addEventListener("abort", () => interrupted.abort(intr.signal.reason), { once: true });
      };
      let json: Record<string, unknown>;
      let results: Awaited<ReturnType<typeof replay>>["results"];
      try {
        const bar = progressBar(durationMs, modes);
        let out: Awaited<ReturnType<typeof replay>>;
        try {
          out = await replay(c, requests, {
            startUnixMs,
            durationMs,
            seed,
            modes,
            relay: opts.relay,
            clock,
            ...(isolation !== undefined ? { isolation } : {}),
            ...(speed !== undefined ? { speed } : {}),
            runsDir: staged ? join(staged.path, "runs") : tmpRuns!,
            signal: interrupted.signal,
            onScenario: startHandling,
            onProgress: (mode, t) => bar.update(mode, t, startUnixMs),
            ...(engine ? { engine } : {}),
            ...(workload === SURVEY ? { survey: true } : {}),
          });
        } finally {
          bar.stop();
        }
        results = out.results;
        json = replayJson(out.execution, results, {
          constellation: c.name,
          workload,
          start: isoUtc(startUnixMs),
          durationS: durationMs / 1000,
          seed,
          satellites: c.satellites.length,
          stations: c.groundStations.length,
          contacts: out.scenario.contacts.length,
          captureOpportunities: out.scenario.opportunities.length,
          ...(out.survey ? { survey: out.survey } : {}),
        }) as unknown as Record<string, unknown>;
        if (staged) {
          const dir = staged.path;
          writeFileAtomic(join(dir, "replay.json"), `${JSON.stringify(json, null, 2)}\n`);
          writeFileAtomic(join(dir, "modes.csv"), sideBySideCsv(results));
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
      } finally {
        if (tmpRuns) rmSync(tmpRuns, { recursive: true, force: true });
      }
      const sv = (json as { survey?: { overSunlitLandFraction: number; captures: number } }).survey;
      const surveyLine = sv
        ? `survey imaging (${sv.captures.toLocaleString("en-US")} strip captures planned, imager on ${(100 * sv.overSunlitLandFraction).toFixed(1)} % of the time), `
        : undefined;
      // Wall-paced: how far behind each mode ran, on stderr whatever the format (never silently).
      for (const r of results)
        if (r.clockLag)
          process.stderr.write(
            `constellate: ${r.mode} on the realtime clock: lag p50 ${r.clockLag.p50Ms.toFixed(1)} ms, p99 ${r.clockLag.p99Ms.toFixed(1)} ms, max ${r.clockLag.maxMs.toFixed(1)} ms (wall), ${r.clockLag.stepsLate} steps late\n`,
          );
      if (format === "json") process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      else if (format === "csv") process.stdout.write(sideBySideCsv(results));
      else {
        process.stdout.write(
          `${c.name}: ${c.satellites.length} satellites, ${c.groundStations.length} stations, ` +
            (surveyLine ?? `${requests.length} requests, `) +
            `${(durationMs / 3_600_000).toFixed(1)} h from ${isoUtc(startUnixMs)}\n\n`,
        );
        process.stdout.write(formatTable(sideBySide(results)));
        const story = eoStory(results, { durationMs, satellites: c.satellites.length });
        if (story.length > 0) process.stdout.write(`\n${story.join("\n")}\n`);
      }
    });
}
