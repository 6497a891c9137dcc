/**
 * Soak (issue 13): starlink-shell1 (1,584 satellites + 100 stations), pooled on 2 hosts, realtime
 * clock at speed 1 as `launch` runs it, a ping London -> New York every 2 s. The RSS of every
 * process (the controller, this one, and each host) is sampled every 10 s; reported after the
 * warm-up and at the end, with the growth between them (goal: under 5 %). Last measured before the
 * fix: 537 -> 801 MB in 10 minutes, all of it in the host carrying the pings.
 *
 * Opt-in, so `npm run bench` stays short: CONSTELLATE_BENCH_SOAK=1 node dist/bench/run.js soak
 * (CONSTELLATE_BENCH_SOAK_S: length, default 600; CONSTELLATE_BENCH_SOAK_WARMUP_S: default 120).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadConstellation } from "../src/config/load.js";
import { startEmulation } from "../src/emu/emulation.js";
import { findStation } from "../src/orbit/constellation.js";
import { writeFileAtomic } from "../src/util/atomic-write.js";
import { packageRoot } from "../src/util/package-root.js";
import type { BenchContext, BenchReport } from "./run.js";

/** Resident set of a process, MiB (/proc/<pid>/status VmRSS, in kB). */
function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function run(ctx: BenchContext): Promise<BenchReport> {
  if (process.env.CONSTELLATE_BENCH_SOAK !== "1")
    return { summary: ["soak: skipped (10 minutes; CONSTELLATE_BENCH_SOAK=1 runs it)"] };
  const totalS = Number(process.env.CONSTELLATE_BENCH_SOAK_S ?? 600);
  const warmupS = Number(process.env.CONSTELLATE_BENCH_SOAK_WARMUP_S ?? Math.min(120, totalS / 5));
  const c = loadConstellation(join(packageRoot(), "constellations", "starlink-shell1.yaml"));
  const S = c.satellites.length;
  const emu = await startEmulation(c, {
    clock: "realtime",
    isolation: "pooled",
    pooledHosts: 2,
    readyTimeoutMs: 600_000,
  });
  const samples: { tS: number; rss: Record<string, number> }[] = [];
  let pings = 0;
  let answered = 0;
  try {
    await emu.waitAllUp();
    emu.resume();
    const london = S + findStation(c, "London")!.index;
    const newYork = S + findStation(c, "New York")!.index;
    const pids = emu.pids();
    // Which host serves the pinging station (contiguous blocks: stations are the last ids).
    const names = pids.map((_, i) => `host h${i}`);
    ctx.log(`soak: ${emu.nodeCount} nodes up; ${totalS} s, warm-up ${warmupS} s, ping every 2 s`);
    const t0 = performance.now();
    const pinger = setInterval(() => {
      pings++;
      emu
        .ping(london, { destination: newYork, timeoutMs: 5000 })
        .then((r) => {
          if (r.ok) answered++;
        })
        .catch(() => {});
    }, 2000);
    try {
      for (;;) {
        const tS = (performance.now() - t0) / 1000;
        const rss: Record<string, number> = { controller: rssMiB(process.pid) };
        pids.forEach((p, i) => {
          rss[names[i]!] = rssMiB(p);
        });
        samples.push({ tS, rss });
        if (tS >= totalS) break;
        await sleep(10_000);
      }
    } finally {
      clearInterval(pinger);
    }
  } finally {
    await emu.stop();
  }
  const at = (tS: number) => samples.find((s) => s.tS >= tS) ?? samples[samples.length - 1]!;
  const warm = at(warmupS);
  const end = samples[samples.length - 1]!;
  const summary: string[] = [];
  for (const k of Object.keys(end.rss)) {
    const a = warm.rss[k]!;
    const b = end.rss[k]!;
    summary.push(
      `soak ${k}: RSS ${a.toFixed(0)} MiB after ${warm.tS.toFixed(0)} s warm-up -> ${b.toFixed(0)} MiB at ${end.tS.toFixed(0)} s (${(((b - a) / a) * 100).toFixed(1)} %; goal < 5 %)`,
    );
  }
  summary.push(`soak: ${answered}/${pings} pings answered`);
  for (const l of summary) ctx.log(l);
  const resultFile = join(ctx.resultsDir, "soak.json");
  writeFileAtomic(
    resultFile,
    `${JSON.stringify({ at: new Date().toISOString(), totalS, warmupS, pings, answered, samples }, null, 2)}\n`,
  );
  return { summary, resultFile };
}
