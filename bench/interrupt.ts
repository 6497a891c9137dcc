/**
 * Ctrl-C latency of `launch` (issue 13: everything ends within 2 s). For each isolation mode, a
 * launch of a 12-node plane (10 satellites, 2 stations) is started from dist/, and once its nodes
 * are up and it has run for a second, SIGINT goes to its process group as a terminal sends it. Two
 * wall times: until the CLI exits, and until no process of its group is left (the children's
 * own exit included). Baseline in the same run: a bare `node` that exits on SIGINT (the floor of
 * signal delivery and process teardown on this machine). Median and max of N runs per mode.
 *
 * `node dist/bench/run.js interrupt` (--quick: 1 run per mode). The test that Ctrl-C leaves
 * nothing at any moment is test/emu-interrupt.test.ts (and -2, replay-interrupt); it asserts no timing.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeFileAtomic } from "../src/util/atomic-write.js";
import type { BenchContext, BenchReport } from "./run.js";

const YAML = `name: plane10
epoch: "2026-01-01T00:00:00Z"
shells:
  - name: p
    walker: { altitudeKm: 550, inclinationDeg: 53, planes: 1, satsPerPlane: 10, phasing: 0, raanSpreadDeg: 360, eccentricity: 0.0001 }
    isl: { maxRangeKm: 5000 }
groundStations:
  stations:
    - { name: "Quito", latDeg: -0.18, lonDeg: -78.47, altM: 0 }
    - { name: "Nairobi", latDeg: -1.29, lonDeg: 36.82, altM: 0 }
`;

function groupAlive(pgid: number): boolean {
  try {
    const out = execFileSync("ps", ["-o", "stat=", "-g", String(pgid)], { encoding: "utf8" });
    return out.split("\n").some((s) => s.trim() !== "" && !s.trim().startsWith("Z"));
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** SIGINT the group once `ready` matches its stderr (plus settleMs); wall ms to exit and to empty group. */
async function timeInterrupt(
  args: string[],
  ready: RegExp,
  settleMs: number,
): Promise<{ exitMs: number; groupMs: number; code: number | null }> {
  let err = "";
  const child: ChildProcess = spawn(process.execPath, args, {
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr!.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const t0 = Date.now();
  while (!ready.test(err)) {
    if (Date.now() - t0 > 180_000 || child.exitCode !== null) {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {}
      throw new Error(`not ready: ${err}`);
    }
    await sleep(20);
  }
  await sleep(settleMs);
  const s0 = performance.now();
  process.kill(-child.pid!, "SIGINT");
  const code = await exited;
  const exitMs = performance.now() - s0;
  while (groupAlive(child.pid!)) await sleep(5);
  return { exitMs, groupMs: performance.now() - s0, code };
}

function stats(xs: number[]): { medianMs: number; maxMs: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { medianMs: s[Math.floor(s.length / 2)]!, maxMs: s[s.length - 1]! };
}

export async function run(ctx: BenchContext): Promise<BenchReport> {
  const here = dirname(fileURLToPath(import.meta.url));
  const main = join(here, "..", "src", "cli", "main.js");
  const dir = mkdtempSync(join(tmpdir(), "bench-interrupt-"));
  const yaml = join(dir, "plane10.yaml");
  writeFileSync(yaml, YAML);
  const runs = ctx.quick ? 1 : 5;
  const result: Record<string, unknown> = {};
  const summary: string[] = [];
  try {
    const floor: number[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await timeInterrupt(
        [
          "-e",
          "process.on('SIGINT', () => process.exit(130)); process.stderr.write('ready\\n'); setInterval(() => {}, 1000);",
        ],
        /ready/,
        200,
      );
      floor.push(r.groupMs);
    }
    const base = stats(floor);
    result.floor = base;
    summary.push(`bare node on SIGINT: median ${base.medianMs.toFixed(0)} ms (the floor)`);
    for (const isolation of ["process", "pooled", "inproc"]) {
      const exit: number[] = [];
      const group: number[] = [];
      for (let i = 0; i < runs; i++) {
        const r = await timeInterrupt(
          [main, "launch", yaml, "--isolation", isolation, "--run-dir", join(dir, `run-${isolation}-${i}`)],
          /nodes up/,
          1000,
        );
        if (r.code !== 130)
          throw new Error(`launch --isolation ${isolation} exited ${r.code} on SIGINT, not 130`);
        exit.push(r.exitMs);
        group.push(r.groupMs);
      }
      const e = stats(exit);
      const g = stats(group);
      result[isolation] = { exit: e, group: g, runs };
      const line = `launch ${isolation} (12 nodes), SIGINT while running: exit median ${e.medianMs.toFixed(0)} / max ${e.maxMs.toFixed(0)} ms, whole group gone median ${g.medianMs.toFixed(0)} / max ${g.maxMs.toFixed(0)} ms (${(g.medianMs / base.medianMs).toFixed(1)}x the floor; goal 2000 ms)`;
      ctx.log(line);
      summary.push(line);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const resultFile = join(ctx.resultsDir, "interrupt.json");
  writeFileAtomic(resultFile, `${JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2)}\n`);
  return { summary, resultFile };
}
