/**
 * Benchmark entry point: `npm run bench` (builds, then `node dist/bench/run.js [name...]`).
 *
 * Runs each registered benchmark module's `run()` in turn, in one process, then prints a summary.
 * Every benchmark measures its baseline in the same run and reports ratios against it; results are
 * machine-specific, so each module writes its JSON under bench/results/ (gitignored, not committed).
 *
 * To add a benchmark: write bench/<name>.ts exporting `run(ctx): Promise<BenchReport>` and add one
 * import line to BENCHMARKS below. `node dist/bench/run.js propagation` runs only the named ones;
 * `--quick` asks modules for fewer ticks (a smoke run, numbers not for quoting); so does
 * CONSTELLATE_DOC_SHORT=1, with which test/doc-runner.ts runs the docs' bench commands.
 */
import { join } from "node:path";
import { packageRoot } from "../src/util/package-root.js";
import * as apps from "./apps.js";
import * as auth from "./auth.js";
import * as catalog from "./catalog.js";
import * as catalogScale from "./catalog-scale.js";
import * as cli from "./cli.js";
import * as emu from "./emu.js";
import * as eo from "./eo.js";
import * as eoLand from "./eo-land.js";
import * as eoSurvey200 from "./eo-survey200.js";
import * as interrupt from "./interrupt.js";
import * as mesh from "./mesh.js";
import * as meshAntennas from "./mesh-antennas.js";
import * as propagation from "./propagation.js";
import * as soak from "./soak.js";
import * as structure from "./structure.js";
import * as viewFrame from "./view-frame.js";
import * as wire from "./wire.js";

export interface BenchContext {
  /** Directory for JSON results (bench/results at the repository root). */
  resultsDir: string;
  /** Fewer iterations: a smoke run. */
  quick: boolean;
  /** Progress lines (stderr). */
  log: (line: string) => void;
}

export interface BenchReport {
  /** Short lines for the final summary, e.g. "30000 sats: wasm 12.3 ms/tick, 0.21x plain". */
  summary: string[];
  /** Where the module wrote its JSON result, if it did. */
  resultFile?: string;
}

export interface BenchModule {
  run(ctx: BenchContext): Promise<BenchReport>;
}

/** Registered benchmarks, run in this order. One line each. */
const BENCHMARKS: Record<string, BenchModule> = {
  propagation,
  mesh,
  "mesh-antennas": meshAntennas,
  eo,
  "eo-land": eoLand,
  "eo-survey200": eoSurvey200,
  emu,
  catalog,
  "catalog-scale": catalogScale,
  structure,
  apps,
  cli,
  auth,
  interrupt,
  soak,
  wire,
  "view-frame": viewFrame,
};

async function main(argv: string[]): Promise<number> {
  // CONSTELLATE_DOC_SHORT=1 (the doc runner, src/cli/doc-short.ts): the documented bench commands as a smoke run.
  const docShort = process.env.CONSTELLATE_DOC_SHORT === "1" && !argv.includes("--quick");
  if (docShort) process.stderr.write("constellate: CONSTELLATE_DOC_SHORT=1: benchmarks run --quick\n");
  const quick = argv.includes("--quick") || docShort;
  const names = argv.filter((a) => !a.startsWith("--"));
  for (const n of names)
    if (!(n in BENCHMARKS)) {
      process.stderr.write(`unknown benchmark "${n}"; known: ${Object.keys(BENCHMARKS).join(", ")}\n`);
      return 2;
    }
  const ctx: BenchContext = {
    resultsDir: join(packageRoot(), "bench", "results"),
    quick,
    log: (line) => process.stderr.write(`${line}\n`),
  };
  const selected = names.length > 0 ? names : Object.keys(BENCHMARKS);
  const reports: [string, BenchReport, number][] = [];
  for (const name of selected) {
    ctx.log(`== ${name}`);
    const t0 = performance.now();
    reports.push([name, await BENCHMARKS[name]!.run(ctx), (performance.now() - t0) / 1000]);
  }
  process.stdout.write("\n== summary\n");
  for (const [name, report, seconds] of reports) {
    process.stdout.write(
      `${name} (${seconds.toFixed(1)} s)${report.resultFile ? ` -> ${report.resultFile}` : ""}\n`,
    );
    for (const line of report.summary) process.stdout.write(`  ${line}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
