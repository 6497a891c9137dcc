/**
 * CLI start-up and input streaming.
 *
 * 1. `constellate --help` (lazy command loading, src/cli/main.ts) against, in the same run, a
 *    process that imports every command module eagerly as the CLI did before issue 13, and a bare
 *    `node -e 0` (the floor). Each is a fresh process, median of N.
 * 2. Reading a 200,000-request JSONL workload line by line (loadWorkload) against JSON.parse of
 *    the same lines held whole in memory (the floor of any JSONL reader).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateWorkload } from "../src/eo/generators.js";
import { formatWorkloadJsonl, loadWorkload } from "../src/eo/workload.js";
import { writeFileAtomic } from "../src/util/atomic-write.js";
import type { BenchContext, BenchReport } from "./run.js";

function medianMs(runs: number, args: string[]): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { stdio: "ignore" });
    if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}`);
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)]!;
}

export async function run(ctx: BenchContext): Promise<BenchReport> {
  const here = dirname(fileURLToPath(import.meta.url));
  const main = join(here, "..", "src", "cli", "main.js");
  const index = pathToFileURL(join(here, "..", "src", "cli", "commands", "index.js")).href;
  const runs = ctx.quick ? 3 : 11;
  const floorMs = medianMs(runs, ["-e", "0"]);
  const helpMs = medianMs(runs, [main, "--help"]);
  const eagerMs = medianMs(runs, [
    "--input-type=module",
    "-e",
    `const { COMMANDS } = await import(${JSON.stringify(index)}); await Promise.all(COMMANDS.map((c) => c.load()));`,
  ]);
  ctx.log(
    `cli: --help ${helpMs.toFixed(0)} ms, eager imports ${eagerMs.toFixed(0)} ms, node -e 0 ${floorMs.toFixed(0)} ms`,
  );

  const n = ctx.quick ? 20_000 : 200_000;
  const dir = mkdtempSync(join(tmpdir(), "bench-cli-"));
  let readMs: number;
  let parseMs: number;
  try {
    const text = formatWorkloadJsonl(
      generateWorkload({ kind: "mixed", seed: 1, count: n, horizonMs: 86_400_000 }),
    );
    const file = join(dir, "w.jsonl");
    writeFileSync(file, text);
    const t0 = performance.now();
    const got = loadWorkload(file).length;
    readMs = performance.now() - t0;
    if (got !== n) throw new Error(`read ${got} of ${n}`);
    const t1 = performance.now();
    let k = 0;
    for (const line of text.split("\n")) if (line !== "") k += (JSON.parse(line) as object) ? 1 : 0;
    parseMs = performance.now() - t1;
    if (k !== n) throw new Error("baseline miscounted");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  ctx.log(
    `cli: ${n} requests streamed in ${readMs.toFixed(0)} ms; JSON.parse alone ${parseMs.toFixed(0)} ms`,
  );

  const json = {
    runs,
    floorMs,
    helpMs,
    eagerImportMs: eagerMs,
    workload: { requests: n, readMs, jsonParseMs: parseMs },
  };
  const resultFile = join(ctx.resultsDir, "cli.json");
  writeFileAtomic(resultFile, `${JSON.stringify(json, null, 2)}\n`);
  return {
    summary: [
      `--help ${helpMs.toFixed(0)} ms vs eager imports of every command ${eagerMs.toFixed(0)} ms (${(eagerMs / helpMs).toFixed(1)}x), node -e 0 ${floorMs.toFixed(0)} ms`,
      `${n} workload requests streamed: ${readMs.toFixed(0)} ms (${((n / readMs) * 1000).toFixed(0)}/s), ${(readMs / parseMs).toFixed(2)}x JSON.parse alone`,
    ],
    resultFile,
  };
}
