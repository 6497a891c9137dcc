/**
 * Soak (issue 13): starlink-shell1 (1,584 satellites + 100 stations), pooled on 2 hosts, realtime
 * clock at speed 1 as `launch` runs it, a ping London -> New York every 2 s. The RSS of every
 * process (the controller, this one, and each host) is sampled every 10 s; reported after the
 * warm-up and at the end, with the growth between them (goal: under 5 %). Last measured before the
 * fix: 537 -> 801 MB in 10 minutes (issue 13), then controller +18.5 %, pinging host +11 %.
 *
 * Opt-in, so `npm run bench` stays short: CONSTELLATE_BENCH_SOAK=1 node --expose-gc
 * dist/bench/run.js soak (CONSTELLATE_BENCH_SOAK_S: length, default 600, shorter to iterate;
 * CONSTELLATE_BENCH_SOAK_WARMUP_S: default 120). With --expose-gc each sample also has this
 * process's (the controller's) JS heap after a forced GC, beside RSS.
 *
 * What grew (docs/soak.md): node updates queued in the controller for hosts that read slower than
 * the steps come; the controller now folds them (src/emu/update-merge.ts). Each sample counts the
 * updates still waiting.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadConstellation } from "../src/config/load.js";
import { startEmulation } from "../src/emu/emulation.js";
import { pingFailureText } from "../src/emu/wire-enums.js";
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

/** This process's JS heap in use, MiB, after a full GC when node runs with --expose-gc (else NaN). */
function heapAfterGcMiB(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return Number.NaN;
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

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
  const samples: {
    tS: number;
    rss: Record<string, number>;
    heapMiB: number;
    bufferedUpdates: number;
    /** Nodes whose stream pushes back now (their later updates fold, controller.ts send). */
    congested: number;
  }[] = [];
  let pings = 0;
  let answered = 0;
  const failures: Record<string, number> = Object.create(null);
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
          else {
            const why = pingFailureText(r.failure, r.dropReason, r.dropDetail) || "?";
            failures[why] = (failures[why] ?? 0) + 1;
          }
        })
        .catch((e: unknown) => {
          const k = `error: ${e instanceof Error ? e.message.slice(0, 60) : String(e)}`;
          failures[k] = (failures[k] ?? 0) + 1;
        });
    }, 2000);
    try {
      for (;;) {
        const tS = (performance.now() - t0) / 1000;
        const rss: Record<string, number> = { controller: rssMiB(process.pid) };
        pids.forEach((p, i) => {
          rss[names[i]!] = rssMiB(p);
        });
        // Node updates written to the nodes' streams and not yet taken by their hosts (objectMode:
        // writableLength counts messages): a host that reads slower than the steps come fills these.
        let bufferedUpdates = 0;
        let congested = 0;
        for (const r of emu.controller.nodes) {
          bufferedUpdates += (r.call as { writableLength?: number } | null)?.writableLength ?? 0;
          if (r.congested) congested++;
        }
        samples.push({ tS, rss, heapMiB: heapAfterGcMiB(), bufferedUpdates, congested });
        ctx.log(
          `soak ${tS.toFixed(0)} s: RSS ${Object.values(rss)
            .map((v) => v.toFixed(0))
            .join(
              " / ",
            )} MiB, controller heap after GC ${samples.at(-1)!.heapMiB.toFixed(1)} MiB, ${bufferedUpdates} updates buffered, ${congested} nodes pushing back`,
        );
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
  // A host's RSS saws up and down by ~20 % between its GCs (V8 grows the heap, then collects): one
  // sample against another measures the saw's phase. The medians of the minute after warm-up and
  // of the last minute say whether the level moved.
  const window = (from: number, to: number) => samples.filter((s) => s.tS >= from && s.tS <= to);
  const first = window(warm.tS, warm.tS + 60);
  const last = window(end.tS - 60, end.tS);
  const median = (xs: number[]) => {
    const v = xs.filter(Number.isFinite).sort((a, b) => a - b);
    return v.length === 0 ? Number.NaN : v[Math.floor(v.length / 2)]!;
  };
  const pct = (a: number, b: number) => (((b - a) / a) * 100).toFixed(1);
  const summary: string[] = [];
  for (const k of Object.keys(end.rss)) {
    const a = warm.rss[k]!;
    const b = end.rss[k]!;
    const ma = median(first.map((s) => s.rss[k]!));
    const mb = median(last.map((s) => s.rss[k]!));
    summary.push(
      `soak ${k}: RSS ${a.toFixed(0)} MiB after ${warm.tS.toFixed(0)} s warm-up -> ${b.toFixed(0)} MiB at ${end.tS.toFixed(0)} s (${pct(a, b)} %); minute medians ${ma.toFixed(0)} -> ${mb.toFixed(0)} MiB (${pct(ma, mb)} %; goal < 5 %)`,
    );
  }
  const ha = median(first.map((s) => s.heapMiB));
  const hb = median(last.map((s) => s.heapMiB));
  if (Number.isFinite(ha))
    summary.push(
      `soak controller: JS heap after a forced GC, minute medians ${ha.toFixed(1)} -> ${hb.toFixed(1)} MiB (${pct(ha, hb)} %); updates waiting for hosts ${median(first.map((s) => s.bufferedUpdates))} -> ${median(last.map((s) => s.bufferedUpdates))}`,
    );
  else summary.push("soak controller: JS heap after GC not measured (run node with --expose-gc)");
  const failed = Object.entries(failures).map(([k, n]) => `${k} ${n}`);
  summary.push(`soak: ${answered}/${pings} pings answered${failed.length ? ` (${failed.join(", ")})` : ""}`);
  for (const l of summary) ctx.log(l);
  const resultFile = join(ctx.resultsDir, "soak.json");
  writeFileAtomic(
    resultFile,
    `${JSON.stringify({ at: new Date().toISOString(), totalS, warmupS, pings, answered, failures, samples }, null, 2)}\n`,
  );
  return { summary, resultFile };
}
