/**
 * Soak (issue 13): starlink-shell1 (1,584 satellites + 100 stations), pooled on 2 hosts, realtime
 * clock at speed 1 as `launch` runs it, a ping London -> New York every 2 s. The RSS of every
 * process (the controller, this one, and each host) is sampled every 10 s; reported after the
 * warm-up and at the end, with the growth between them (goal: under 5 %). Last measured before the
 * fix: 537 -> 801 MB in 10 minutes (issue 13), then controller +18.5 %, pinging host +11 %.
 *
 * Opt-in, so `npm run bench` stays short: CONSTELLATE_BENCH_SOAK=1 node --expose-gc
 * dist/bench/run.js soak (CONSTELLATE_BENCH_SOAK_S: length, default 600, shorter to iterate;
 * CONSTELLATE_BENCH_SOAK_WARMUP_S: default 120; CONSTELLATE_BENCH_SOAK_PING_MS: the ping period,
 * default 2000, e.g. 200 makes a per-ping leak 10x faster; CONSTELLATE_BENCH_SOAK_HOST_FLAGS: node
 * flags for the hosts only, e.g. "--max-old-space-size=160", through NODE_OPTIONS;
 * CONSTELLATE_BENCH_SOAK_ALLOC=1: sample the hosts' allocations from the warm-up's end to the last
 * sample, garbage included, and print the top sites, src/emu/alloc-sampler.ts).
 * Every sample also carries what each host promoted into its old space so far (src/emu/gc-meter.ts):
 * the summary gives it per minute after the warm-up.
 * Every sample has each host's memory split (src/emu/host-memory.ts: JS heap used and reserved,
 * external and ArrayBuffer memory), asked over its IPC channel. With --expose-gc (passed on to the
 * hosts through NODE_OPTIONS), once a minute every process, the controller included, is also
 * sampled after a forced full GC: its live heap. Once a minute, not every sample, so that the
 * forced GCs change the RSS being measured as little as possible.
 *
 * What grew (docs/soak.md): node updates queued in the controller for hosts that read slower than
 * the steps come; the controller now folds them (src/emu/update-merge.ts). Each sample counts the
 * updates still waiting. Then, in the hosts, a channel kept open to every peer ever sent a hop
 * (src/emu/transport.ts now closes idle ones): each sample counts the peers held.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadConstellation } from "../src/config/load.js";
import type { AllocSummary } from "../src/emu/alloc-sampler.js";
import { startEmulation } from "../src/emu/emulation.js";
import type { HostMemory } from "../src/emu/host-memory.js";
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

/** Every 6th sample (a minute at 10 s) forces the GCs that measure the live heaps. */
const GC_EVERY_SAMPLES = 6;
const SAMPLE_EVERY_WALL_MS = 10_000;
/** A host busy (a forced GC of ~150 MiB on a loaded machine) may answer late; past this, no figure. */
const HOST_ANSWER_WALL_MS = 15_000;

/** NODE_OPTIONS for the hosts: --expose-gc when this process has gc, plus the asked flags. */
function hostNodeOptions(): string {
  const flags = [process.env.NODE_OPTIONS ?? ""];
  if ((globalThis as { gc?: unknown }).gc) flags.push("--expose-gc");
  flags.push(process.env.CONSTELLATE_BENCH_SOAK_HOST_FLAGS ?? "");
  return flags.filter((f) => f.trim() !== "").join(" ");
}

/** Allocation sites printed per host (the JSON keeps the sampler's 40). */
const ALLOC_SITES_SHOWN = 15;

const f0 = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : "-");
const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "-");

/** One host's split on one line (MiB). */
function memoryLine(name: string, m: HostMemory): string {
  return `${name}: RSS ${f0(m.rssMiB)}, JS heap ${f1(m.heapUsedMiB)} used of ${f1(m.heapTotalMiB)}, after GC ${f1(m.heapAfterGcMiB)}, external ${f1(m.externalMiB)} (ArrayBuffers ${f1(m.arrayBuffersMiB)}, after GC ${f1(m.arrayBuffersAfterGcMiB)}) MiB, ${m.hopPeers} hop peers, promoted ${f1(m.promotedMiB)} MiB in ${m.youngGcs} young GCs, ${f1(m.oldAllocatedMiB)} MiB allocated old`;
}

interface Sample {
  tS: number;
  rss: Record<string, number>;
  /** The controller's JS heap after a forced GC (NaN between the minute samples, or without gc). */
  heapMiB: number;
  /** Each host's memory split (host-memory.ts), by name; absent when the host did not answer. */
  hosts: Record<string, HostMemory>;
  bufferedUpdates: number;
  /** Nodes whose stream pushes back now (their later updates fold, controller.ts send). */
  congested: number;
}

export async function run(ctx: BenchContext): Promise<BenchReport> {
  if (process.env.CONSTELLATE_BENCH_SOAK !== "1")
    return { summary: ["soak: skipped (10 minutes; CONSTELLATE_BENCH_SOAK=1 runs it)"] };
  const totalS = Number(process.env.CONSTELLATE_BENCH_SOAK_S ?? 600);
  const warmupS = Number(process.env.CONSTELLATE_BENCH_SOAK_WARMUP_S ?? Math.min(120, totalS / 5));
  const pingEveryMs = Number(process.env.CONSTELLATE_BENCH_SOAK_PING_MS ?? 2000);
  const c = loadConstellation(join(packageRoot(), "constellations", "starlink-shell1.yaml"));
  const S = c.satellites.length;
  // The hosts inherit this process's environment when spawned (spawn.ts): their flags go there.
  const nodeOptions = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = hostNodeOptions();
  const emu = await startEmulation(c, {
    clock: "realtime",
    isolation: "pooled",
    pooledHosts: 2,
    readyTimeoutMs: 600_000,
  }).finally(() => {
    if (nodeOptions === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = nodeOptions;
  });
  const samples: Sample[] = [];
  const sampleAlloc = process.env.CONSTELLATE_BENCH_SOAK_ALLOC === "1";
  let allocStarted = false;
  const allocs: Record<string, AllocSummary> = {};
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
    ctx.log(
      `soak: ${emu.nodeCount} nodes up; ${totalS} s, warm-up ${warmupS} s, ping every ${pingEveryMs} ms; hosts' NODE_OPTIONS "${hostNodeOptions()}"`,
    );
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
          // By kind: grpc-js puts timings in its messages ("after 120.119s"), one key each otherwise.
          const text = e instanceof Error ? e.message : String(e);
          const k = `error: ${text.replace(/[\d.]+s\b.*$/, "").slice(0, 60)}`;
          failures[k] = (failures[k] ?? 0) + 1;
        });
    }, pingEveryMs);
    try {
      for (let n = 0; ; n++) {
        const tS = (performance.now() - t0) / 1000;
        // The last sample too: the last minute's median then has one.
        const gc = n % GC_EVERY_SAMPLES === 0 || tS >= totalS;
        const rss: Record<string, number> = { controller: rssMiB(process.pid) };
        pids.forEach((p, i) => {
          rss[names[i]!] = rssMiB(p);
        });
        // The allocation sampler (opt-in) runs in the hosts from the warm-up's end to the last sample.
        const last = tS >= totalS;
        const alloc = !sampleAlloc
          ? undefined
          : last && allocStarted
            ? "stop"
            : !allocStarted && tS >= warmupS
              ? "start"
              : undefined;
        if (alloc === "start") allocStarted = true;
        const hosts: Record<string, HostMemory> = {};
        for (const [i, h] of (await emu.hostMemory(gc, HOST_ANSWER_WALL_MS, alloc)).entries())
          if (h.memory) {
            const { alloc: sites, ...m } = h.memory;
            hosts[`host h${i}`] = m;
            if (sites) allocs[`host h${i}`] = sites;
          }
        // Node updates written to the nodes' streams and not yet taken by their hosts (objectMode:
        // writableLength counts messages): a host that reads slower than the steps come fills these.
        let bufferedUpdates = 0;
        let congested = 0;
        for (const r of emu.controller.nodes) {
          bufferedUpdates += (r.call as { writableLength?: number } | null)?.writableLength ?? 0;
          if (r.congested) congested++;
        }
        const heapMiB = gc ? heapAfterGcMiB() : Number.NaN;
        samples.push({ tS, rss, heapMiB, hosts, bufferedUpdates, congested });
        ctx.log(
          `soak ${tS.toFixed(0)} s: RSS ${Object.values(rss)
            .map((v) => v.toFixed(0))
            .join(
              " / ",
            )} MiB, ${gc ? `controller heap after GC ${f1(heapMiB)} MiB, ` : ""}${bufferedUpdates} updates buffered, ${congested} nodes pushing back`,
        );
        if (gc)
          for (const k of names)
            ctx.log(`soak ${tS.toFixed(0)} s: ${hosts[k] ? memoryLine(k, hosts[k]) : `${k}: no answer`}`);
        if (tS >= totalS) break;
        await sleep(SAMPLE_EVERY_WALL_MS);
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
  // The hosts' split: heap after GC is live objects (a leak), heap reserved is V8's sizing, external
  // is Buffers and ArrayBuffers outside the heap; RSS above all three is native (gRPC, allocator).
  for (const k of Object.keys(end.hosts)) {
    const of = (ss: Sample[], f: (m: HostMemory) => number) =>
      median(ss.map((s) => (s.hosts[k] ? f(s.hosts[k]) : Number.NaN)));
    const line = (label: string, f: (m: HostMemory) => number) => {
      const a = of(first, f);
      const b = of(last, f);
      return `${label} ${f1(a)} -> ${f1(b)} MiB (${pct(a, b)} %)`;
    };
    summary.push(
      `soak ${k}, minute medians: ${[
        line("JS heap after GC", (m) => m.heapAfterGcMiB),
        line("heap reserved", (m) => m.heapTotalMiB),
        line("external", (m) => m.externalMiB),
        line("ArrayBuffers", (m) => m.arrayBuffersMiB),
        line("ArrayBuffers after GC", (m) => m.arrayBuffersAfterGcMiB),
        line("RSS beyond heap and external", (m) => m.rssMiB - m.heapTotalMiB - m.externalMiB),
      ].join("; ")}`,
    );
    // Promotion: garbage that outlived the young generation (gc-meter.ts), from the warm-up to the end.
    const pa = warm.hosts[k];
    const pb = end.hosts[k];
    if (pa && pb) {
      const min = (end.tS - warm.tS) / 60;
      summary.push(
        `soak ${k}: promoted ${f1((pb.promotedMiB - pa.promotedMiB) / min)} MiB/min into the old space and allocated ${f1((pb.oldAllocatedMiB - pa.oldAllocatedMiB) / min)} MiB/min there directly (${f0((pb.youngGcs - pa.youngGcs) / min)} young and ${f1((pb.majorGcs - pa.majorGcs) / min)} full GCs a minute, forced ones included) from ${warm.tS.toFixed(0)} to ${end.tS.toFixed(0)} s`,
      );
    }
    const a = allocs[k];
    if (a) {
      summary.push(
        `soak ${k}: allocated ${f0(a.totalBytes / 2 ** 20 / (a.windowWallMs / 60_000))} MiB/min (sampled over ${f0(a.windowWallMs / 1000)} s); top sites:`,
      );
      for (const x of a.sites.slice(0, ALLOC_SITES_SHOWN))
        summary.push(`    ${f1((x.bytes / a.totalBytes) * 100)} %  ${x.site}`);
    }
  }
  const failed = Object.entries(failures).map(([k, n]) => `${k} ${n}`);
  summary.push(`soak: ${answered}/${pings} pings answered${failed.length ? ` (${failed.join(", ")})` : ""}`);
  for (const l of summary) ctx.log(l);
  const resultFile = join(ctx.resultsDir, "soak.json");
  writeFileAtomic(
    resultFile,
    `${JSON.stringify({ at: new Date().toISOString(), totalS, warmupS, pingEveryMs, hostNodeOptions: hostNodeOptions(), pings, answered, failures, samples, allocs }, null, 2)}\n`,
  );
  return { summary, resultFile };
}
