/**
 * `constellate export-czml <constellation.yaml> [--from t] [--duration d] [--step s] [--pair "A:B"]
 * --out <file.czml>`: the constellation over a window as a CZML document Cesium loads (satellites,
 * ground stations, laser and ground links with their up intervals, the route of each pair per step).
 * With --run-dir, what happened in a launch: its window, nodes' up/down, links as the controller
 * had them (docs/czml.md). See docs/czml.md for sizes.
 */
import type { Command } from "commander";
import { findRunDir } from "../../emu/run-dir.js";
import { type RunRecord, readRunRecord } from "../../emu/run-record.js";
import { meshSettingsOf } from "../../mesh/config.js";
import { stepCount } from "../../mesh/latency-experiment.js";
import { buildCzml, czmlText } from "../../report/czml.js";
import { type CzmlLinkSet, sampleCzmlWindow } from "../../report/czml-window.js";
import { writeFileAtomic } from "../../util/atomic-write.js";
import { InputError } from "../../util/input-error.js";
import { loadForCli, parseDuration, parseInstant, parseStationPair } from "../common.js";
import { parseFormat, printRows } from "../output.js";
import { progressBar } from "../progress.js";

/**
 * Largest document written, MB: about what a browser tab parses in a few seconds. Measured sizes
 * (docs/czml.md): ~39 bytes per position sample (satellite x step), ~420 bytes per ground link and
 * pass. A starlink-gen1 day at 60 s steps is 4,408 x 1,441 = 6.35 M samples (~250 MB of positions
 * alone): refused before sampling, with a hint.
 */
export const DEFAULT_CZML_MAX_MB = 100;
/** Bytes one position sample costs as written ([t, x, y, z] at dm resolution), measured. */
const BYTES_PER_SAMPLE = 39;

interface ExportCzmlOpts {
  out: string;
  from?: string;
  duration?: string;
  step?: string;
  pair: string[];
  runDir?: string;
  links: string;
  maxMb: string;
  format?: string;
}

export function exportCzmlCommand(program: Command): void {
  program
    .command("export-czml")
    .description(
      "write the constellation over a time window as CZML for Cesium (satellites, stations, links, routes)",
    )
    .argument(
      "[constellation]",
      "constellation YAML file (with --run-dir: overrides the file controller.json names)",
    )
    .option(
      "--run-dir <dir>",
      "what happened in a launch: its window, its nodes' up/down, links as they were",
    )
    .requiredOption("--out <file>", "the CZML file to write (e.g. run.czml)")
    .option("--from <iso>", "start time, ISO 8601 UTC or 'now' (default: the constellation epoch)")
    .option("--duration <duration>", "length of the window (default 1h)")
    .option("--step <duration>", "sample step (positions are Lagrange-interpolated between samples)", "60s")
    .option("--pair <A:B>", 'highlight the route between two stations "A:B" (repeatable)', collect, [])
    .option("--links <set>", "links to include: all | isl | ground | none", "all")
    .option("--max-mb <n>", "refuse to write a larger document (MB)", String(DEFAULT_CZML_MAX_MB))
    .option("--format <format>", "summary format: table | csv | json", "table")
    .action(async (file: string | undefined, opts: ExportCzmlOpts) => {
      const format = parseFormat(opts.format);
      const links = opts.links as CzmlLinkSet;
      if (!["all", "isl", "ground", "none"].includes(links))
        throw new InputError("expected all, isl, ground or none", { field: "--links", value: opts.links });
      const maxMb = Number(opts.maxMb);
      if (!Number.isFinite(maxMb) || maxMb <= 0)
        throw new InputError("expected a positive number of MB", { field: "--max-mb", value: opts.maxMb });
      const rec = opts.runDir === undefined ? null : readRunRecordForCli(opts.runDir, opts);
      const yaml = file ?? rec?.info.constellationFile;
      if (yaml === undefined)
        throw new InputError(
          rec
            ? "the run dir does not say which constellation the run uses: give its YAML too"
            : "give a constellation YAML or --run-dir of a launch",
          { field: rec ? "--run-dir" : "<constellation>", value: opts.runDir },
        );
      const c = loadForCli(yaml);
      if (rec && rec.up.length !== c.satellites.length + c.groundStations.length)
        throw new InputError(
          `the run has ${rec.up.length} nodes, this constellation ${c.satellites.length + c.groundStations.length}: not the run's constellation`,
          { file: yaml, value: rec.info.name },
        );
      const startUnixMs = rec ? rec.fromMs : parseInstant(opts.from, c, "--from");
      const durationMs = rec ? rec.toMs - rec.fromMs : parseDuration(opts.duration, 3_600_000, "--duration");
      const stepMs = parseDuration(opts.step, 60_000, "--step");
      const pairs = opts.pair.map((p) => parseStationPair(c, p, "--pair"));
      const steps = stepCount(durationMs, stepMs);
      if (steps > 1_000_000)
        throw new InputError(
          `${steps.toLocaleString("en-US")} steps is too many (at most 1,000,000): raise --step`,
          {
            field: "--step",
            value: opts.step,
          },
        );
      const samples = steps * c.satellites.length;
      // Positions alone already too large: say so before spending the time to sample.
      if ((samples * BYTES_PER_SAMPLE) / 1e6 > maxMb)
        throw new InputError(
          `${c.satellites.length} satellites x ${steps} steps = ${samples.toLocaleString("en-US")} position samples, ` +
            `~${Math.round((samples * BYTES_PER_SAMPLE) / 1e6)} MB of CZML (more than --max-mb ${maxMb}): ` +
            "raise --step or shorten --duration",
          { field: "--step", value: opts.step ?? "60s" },
        );
      const bar = progressBar("czml");
      let w: Awaited<ReturnType<typeof sampleCzmlWindow>>;
      try {
        w = await sampleCzmlWindow(c, meshSettingsOf(c), {
          startUnixMs,
          durationMs,
          stepMs,
          links,
          pairs,
          onProgress: bar.update,
          ...(rec ? { nodesUp: rec.up } : {}),
        });
      } finally {
        bar.stop();
      }
      const packets = buildCzml(w);
      const text = czmlText(packets);
      const bytes = Buffer.byteLength(text);
      if (bytes / 1e6 > maxMb)
        throw new InputError(
          `the document would be ${Math.round(bytes / 1e6)} MB (${w.links.length.toLocaleString("en-US")} links), ` +
            `more than --max-mb ${maxMb}: try --links isl (ground links cost one packet per pass), a shorter --duration or a larger --step`,
          { field: "--max-mb", value: opts.maxMb },
        );
      writeFileAtomic(opts.out, text);
      const summary = {
        file: opts.out,
        satellites: w.satellites.length,
        stations: w.stations.length,
        steps,
        links: w.links.length,
        linkIntervals: w.links.reduce((n, l) => n + l.intervals.length, 0),
        routes: w.routes.length,
        ...(rec
          ? { runDir: rec.dir, nodesDownAtSomePoint: rec.up.filter((u) => !coversWhole(u, rec)).length }
          : {}),
        packets: packets.length,
        bytes,
      };
      printRows(format, [summary], summary);
    });
}

/** The run's record; its window replaces --from/--duration (a run has its own). */
function readRunRecordForCli(dir: string, opts: ExportCzmlOpts): RunRecord {
  if (opts.from !== undefined || opts.duration !== undefined)
    throw new InputError("a run has its own window: --from and --duration apply to a YAML alone", {
      field: opts.from !== undefined ? "--from" : "--duration",
      value: opts.from ?? opts.duration,
    });
  return readRunRecord(findRunDir(dir));
}

function coversWhole(u: readonly [number, number][], rec: RunRecord): boolean {
  return u.length === 1 && u[0]![0] <= rec.fromMs && u[0]![1] >= rec.toMs;
}

function collect(v: string, acc: string[]): string[] {
  return [...acc, v];
}
