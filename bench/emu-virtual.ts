/**
 * Virtual-clock and controller benchmarks (issue 9), run from bench/emu.ts:
 *
 * - virtual: starlink-shell1 pooled (1,584 satellites + 100 stations, 2 host processes), a scenario
 *   of CONSTELLATE_BENCH_VIRTUAL_S seconds (default 3600; quick 300), 100 ms topology steps; every
 *   10 s a ping London -> New York and a 1 MB bundle each way between 20 other city pairs. Reports
 *   wall time from scenario time 0 to the end, virtual/wall (goal >= 30), rounds, steps computed
 *   and skipped, and how far each echo's round trip is from the model rebuilt hop by hop from an
 *   independent provider's snapshots (propagation at the step of each hop's transmission end,
 *   serialization size x 8 / capacity, plus the queueing wait the hop recorded; goal < 1 us).
 * - eosso: eo-sso (48 satellites + 13 stations) pooled on 2 hosts, 24 h of scenario
 *   (CONSTELLATE_BENCH_EOSSO_S), a ping Svalbard -> Neustrelitz every minute: wall time.
 * - stepcpu: the controller's CPU per 100 ms step under the realtime clock at shell1 and gen1 (goal
 *   12 / 40 ms), with every node registered (stub update streams that only count what they get),
 *   so the whole step runs: snapshot, next-hop trees for every tracked destination (those the
 *   virtual bench's traffic asks for: 42 stations; the default tracks a destination once asked), diffs. With
 *   CONSTELLATE_BENCH_STEPCPU_BASELINE=<another build's dist/>, that build's controller is stepped
 *   beside this one in the same process, in turn, and the ratio of their p50s reported.
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { pino } from "pino";
import { loadConstellation } from "../src/config/load.js";
import { Controller, type UpdateStream } from "../src/emu/controller.js";
import { startEmulation } from "../src/emu/emulation.js";
import { RunAuth } from "../src/emu/run-auth.js";
import { DEFAULT_EMU_SETTINGS } from "../src/emu/settings.js";
import { MeshTopologyProvider } from "../src/emu/topology-provider.js";
import type { HopRecord, PingReply } from "../src/emu/wire.js";
import type { TopologySnapshot } from "../src/mesh/types.js";
import { type Constellation, findStation } from "../src/orbit/constellation.js";
import { packageRoot } from "../src/util/package-root.js";
import { percentileSorted } from "../src/util/percentile.js";
import type { BenchContext } from "./run.js";

const STEP_MS = 100;

/**
 * CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat (Linux; NaN
 * elsewhere or once it is gone): on this shared machine wall time follows the load, CPU time much less.
 * Fields 14 and 15 are utime and stime in clock ticks; USER_HZ is 100 on Linux (getconf CLK_TCK).
 */
function cpuS(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

function linkOf(s: TopologySnapshot, u: number, v: number): number {
  for (let j = s.rowStart[u]!; j < s.rowStart[u + 1]!; j++) if (s.target[j] === v) return j;
  return -1;
}

/**
 * The virtual bench's traffic: a ping London -> New York and bundles both ways between 20 other
 * station pairs (node ids). The step CPU bench tracks the same 42 destinations.
 */
function trafficOf(c: Constellation): {
  london: number;
  newYork: number;
  pairs: (readonly [number, number])[];
} {
  const S = c.satellites.length;
  const london = S + findStation(c, "London")!.index;
  const newYork = S + findStation(c, "New York")!.index;
  const others = c.groundStations.map((_, i) => S + i).filter((id) => id !== london && id !== newYork);
  const pairs = Array.from({ length: 20 }, (_, i) => [others[i]!, others[i + 20]!] as const);
  return { london, newYork, pairs };
}

export async function virtualShell1(ctx: BenchContext): Promise<Record<string, number | string>> {
  const c = loadConstellation(join(packageRoot(), "constellations", "starlink-shell1.yaml"));
  const scenarioS = Number(process.env.CONSTELLATE_BENCH_VIRTUAL_S ?? (ctx.quick ? 300 : 3600));
  const startMs = Date.parse(c.epoch);
  const t0 = performance.now();
  const emu = await startEmulation(c, {
    clock: "virtual",
    isolation: "pooled",
    pooledHosts: 2,
    stepMs: STEP_MS,
    durationMs: scenarioS * 1000,
    readyTimeoutMs: 300_000,
  });
  try {
    await emu.waitAllUp();
    const readyS = (performance.now() - t0) / 1000;
    ctx.log(
      `virtual: ${emu.nodeCount} nodes up in ${readyS.toFixed(1)} s; running ${scenarioS} s of scenario`,
    );
    const { london, newYork, pairs } = trafficOf(c);
    const replies: Promise<PingReply>[] = [];
    let bundles = 0;
    let delivered = 0;
    emu.deliveries$.subscribe(() => delivered++);
    for (let t = 0; t < scenarioS * 1000; t += 10_000)
      emu.controller.clock.at(startMs + t, () => {
        replies.push(emu.ping(london, { destination: newYork, timeoutMs: 5000 }));
        for (const [a, b] of pairs) {
          void emu.inject(a, { destination: b, sizeBytes: 1e6 });
          void emu.inject(b, { destination: a, sizeBytes: 1e6 });
          bundles += 2;
        }
      });
    const hostPids = emu.pids();
    const hostCpu0 = hostPids.map(cpuS);
    const cpu0 = process.cpuUsage();
    const load0 = loadavg()[0]!;
    const w0 = performance.now();
    emu.resume();
    await emu.done;
    const wallS = (performance.now() - w0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const hostsCpuS = hostPids.reduce((a, pid, i) => a + cpuS(pid) - hostCpu0[i]!, 0);
    const load1 = loadavg()[0]!;
    const st = emu.controller.status();
    const rs = await Promise.all(replies);
    // The model, hop by hop, from a provider of its own (the emulator's is not consulted).
    const model = await MeshTopologyProvider.create(c);
    const snaps = new Map<number, TopologySnapshot>();
    const snapAt = (t: number): TopologySnapshot => {
      let s = snaps.get(t);
      if (!s) {
        const x = model.snapshotAt(t);
        s = {
          ...x,
          rowStart: x.rowStart.slice(),
          target: x.target.slice(),
          delayMs: x.delayMs.slice(),
          capacityBps: x.capacityBps.slice(),
        };
        snaps.set(t, s);
      }
      return s;
    };
    const errs: number[] = [];
    let ok = 0;
    let hopsChecked = 0;
    for (const r of rs) {
      if (!r.ok) continue;
      ok++;
      let rtt = 0;
      const hops: HopRecord[] = [...r.forward, ...r.back];
      for (const h of hops) {
        // Hop instants are run-relative: ms since the run's epoch, startMs (src/emu/run-time.ts).
        const s = snapAt(startMs + Math.floor(h.txEndRunMs / STEP_MS) * STEP_MS);
        const j = linkOf(s, h.from, h.to);
        const prop = j >= 0 ? s.delayMs[j]! : Number.NaN;
        const ser = j >= 0 ? ((64 * 8) / s.capacityBps[j]!) * 1000 : Number.NaN;
        rtt += h.txStartRunMs - h.enqueuedRunMs + ser + prop;
        hopsChecked++;
      }
      errs.push(Math.abs(r.rttMs - rtt));
    }
    model.dispose();
    errs.sort((a, b) => a - b);
    const res = {
      nodes: emu.nodeCount,
      hosts: emu.pids().length,
      readyS,
      scenarioS,
      wallS,
      virtualPerWall: scenarioS / wallS,
      controllerCpuS: (cpu.user + cpu.system) / 1e6,
      hostsCpuS,
      loadAvg1Start: load0,
      loadAvg1End: load1,
      rounds: st.rounds,
      stepsComputed: st.steps,
      stepsSkipped: st.stepsSkipped,
      meanStepComputeMs: st.meanStepComputeWallMs,
      pings: rs.length,
      pingsOk: ok,
      hopsChecked,
      rttErrP50Us: percentileSorted(errs, 50) * 1000,
      rttErrMaxUs: (errs.at(-1) ?? Number.NaN) * 1000,
      bundles,
      delivered,
    };
    ctx.log(`virtual: ${JSON.stringify(res)}`);
    return res;
  } finally {
    await emu.stop();
  }
}

export async function eoSso(ctx: BenchContext): Promise<Record<string, number | string>> {
  const c = loadConstellation(join(packageRoot(), "constellations", "eo-sso.yaml"));
  const scenarioS = Number(process.env.CONSTELLATE_BENCH_EOSSO_S ?? (ctx.quick ? 3600 : 86_400));
  const startMs = Date.parse(c.epoch);
  const S = c.satellites.length;
  const emu = await startEmulation(c, {
    clock: "virtual",
    isolation: "pooled",
    pooledHosts: 2,
    durationMs: scenarioS * 1000,
  });
  try {
    await emu.waitAllUp();
    // A pair the model routes at every sample (Svalbard - Troll, say, is partitioned in eo-sso:
    // no seam links in a Walker star, no relaying through stations; an unanswered ping is held
    // until its timeout, and a node holding bundles asks for every step).
    const from = S + findStation(c, "Svalbard SvalSat")!.index;
    const to = S + findStation(c, "Neustrelitz")!.index;
    const replies: Promise<PingReply>[] = [];
    for (let t = 0; t < scenarioS * 1000; t += 60_000)
      emu.controller.clock.at(startMs + t, () => {
        replies.push(emu.ping(from, { destination: to, timeoutMs: 30_000 }));
      });
    const w0 = performance.now();
    emu.resume();
    await emu.done;
    const wallS = (performance.now() - w0) / 1000;
    const rs = await Promise.all(replies);
    const st = emu.controller.status();
    const res = {
      nodes: emu.nodeCount,
      scenarioS,
      wallS,
      virtualPerWall: scenarioS / wallS,
      pings: rs.length,
      pingsOk: rs.filter((r) => r.ok).length,
      rounds: st.rounds,
      stepsComputed: st.steps,
      stepsSkipped: st.stepsSkipped,
    };
    ctx.log(`eosso: ${JSON.stringify(res)}`);
    return res;
  } finally {
    await emu.stop();
  }
}

/** What stepCpuOf needs of a build: this one's modules, or another build's (the baseline). */
interface StepBuild {
  Controller: typeof Controller;
  MeshTopologyProvider: typeof MeshTopologyProvider;
  RunAuth: typeof RunAuth;
  DEFAULT_EMU_SETTINGS: typeof DEFAULT_EMU_SETTINGS;
}

/**
 * CONSTELLATE_BENCH_STEPCPU_BASELINE=<dir>: the dist/ of another build (say the commit before a
 * change, checked out and built elsewhere), stepped in this same process beside this build's,
 * step for step in turn, so both see the same load. Its modules are loaded as they are.
 */
async function baselineBuild(): Promise<StepBuild | null> {
  const dir = process.env.CONSTELLATE_BENCH_STEPCPU_BASELINE;
  if (!dir) return null;
  const at = (f: string) => pathToFileURL(join(dir, f)).href;
  return {
    Controller: (await import(at("src/emu/controller.js"))).Controller,
    MeshTopologyProvider: (await import(at("src/emu/topology-provider.js"))).MeshTopologyProvider,
    RunAuth: (await import(at("src/emu/run-auth.js"))).RunAuth,
    DEFAULT_EMU_SETTINGS: (await import(at("src/emu/settings.js"))).DEFAULT_EMU_SETTINGS,
  };
}

async function stepCpuOf(
  file: string,
  steps: number,
  baseline: StepBuild | null,
): Promise<Record<string, number>> {
  const c = loadConstellation(join(packageRoot(), "constellations", file));
  const builds: StepBuild[] = [{ Controller, MeshTopologyProvider, RunAuth, DEFAULT_EMU_SETTINGS }];
  if (baseline) builds.push(baseline);
  const startMs = Date.parse(c.epoch);
  const runs = [];
  for (const b of builds) {
    const provider = await b.MeshTopologyProvider.create(c);
    const controller = new b.Controller({
      provider,
      settings: { ...b.DEFAULT_EMU_SETTINGS },
      startMs,
      name: c.name,
      isolation: "pooled",
      log: pino({ level: "silent" }),
      clockMode: "realtime",
      auth: b.RunAuth.generate(),
    });
    const run = { provider, controller, cpu: [] as number[], written: 0 };
    const n = provider.satelliteCount + provider.stationCount;
    for (let id = 0; id < n; id++) {
      const stream: UpdateStream = {
        request: { node: id, address: `stub:${id}`, hostId: "stub", pid: 0 },
        write: () => {
          run.written++;
        },
        end: () => {},
        on: () => {},
      };
      controller.register(stream);
    }
    controller.step(startMs);
    // Routes toward what the virtual bench's traffic asks for (42 stations), asked once as its nodes
    // would (on demand, answered on this snapshot). A build that tracks every station already has them.
    const { london, newYork, pairs } = trafficOf(c);
    for (const d of [london, newYork, ...pairs.flat()]) controller.track(d);
    runs.push(run);
  }
  for (let k = 1; k <= steps; k++)
    for (const r of k % 2 === 1 ? runs : [...runs].reverse()) {
      const u0 = process.cpuUsage();
      r.controller.step(startMs + k * STEP_MS);
      const u = process.cpuUsage(u0);
      r.cpu.push((u.user + u.system) / 1000);
    }
  for (const r of runs) {
    await r.controller.stop();
    r.provider.dispose();
    r.cpu.sort((a, b) => a - b);
  }
  const [me, base] = runs;
  return {
    nodes: c.satellites.length + c.groundStations.length,
    steps,
    cpuP50Ms: percentileSorted(me!.cpu, 50),
    cpuMeanMs: me!.cpu.reduce((a, b) => a + b, 0) / me!.cpu.length,
    cpuP99Ms: percentileSorted(me!.cpu, 99),
    updatesWritten: me!.written,
    ...(base
      ? {
          baselineCpuP50Ms: percentileSorted(base.cpu, 50),
          vsBaselineP50: percentileSorted(me!.cpu, 50) / percentileSorted(base.cpu, 50),
        }
      : {}),
  };
}

export async function stepCpu(ctx: BenchContext): Promise<Record<string, number | string>> {
  const steps = ctx.quick ? 20 : 100;
  // CPU time is what is compared, but a loaded machine still slows it (shared caches): say the load.
  const loadAverage1m = loadavg()[0]!;
  const baseline = await baselineBuild();
  const shell1 = await stepCpuOf("starlink-shell1.yaml", steps, baseline);
  ctx.log(`stepcpu shell1: ${JSON.stringify(shell1)}`);
  const gen1 = await stepCpuOf("starlink-gen1.yaml", steps, baseline);
  ctx.log(`stepcpu gen1: ${JSON.stringify(gen1)}`);
  return {
    loadAverage1m,
    shell1Nodes: shell1.nodes!,
    shell1CpuP50Ms: shell1.cpuP50Ms!,
    shell1CpuMeanMs: shell1.cpuMeanMs!,
    gen1Nodes: gen1.nodes!,
    gen1CpuP50Ms: gen1.cpuP50Ms!,
    gen1CpuMeanMs: gen1.cpuMeanMs!,
    ...(baseline
      ? {
          shell1BaselineCpuP50Ms: shell1.baselineCpuP50Ms!,
          shell1VsBaselineP50: shell1.vsBaselineP50!,
          gen1BaselineCpuP50Ms: gen1.baselineCpuP50Ms!,
          gen1VsBaselineP50: gen1.vsBaselineP50!,
        }
      : {}),
  };
}
