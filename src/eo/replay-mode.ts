/**
 * One mode of a replay: launch the constellation with the EO apps (apps/eo-onboard.ts on every
 * satellite, apps/eo-ground.ts on every station) on the emulator, run it to the end of the tasking,
 * and summarise what the apps recorded. Called by replay.ts for each mode, in its own thread or in a
 * worker (replay-workers.ts): a mode's run shares nothing with another's but the files it is given.
 */
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import type { AppsPlan } from "../emu/apps/plan.js";
import { nodeInfosOf } from "../emu/apps/plan.js";
import type { ClockMode } from "../emu/clock.js";
import { startEmulation } from "../emu/emulation.js";
import { planHosts } from "../emu/hosting.js";
import { DEFAULT_EMU_SETTINGS, emuSettingsOf, type Isolation } from "../emu/settings.js";
import type { Constellation } from "../orbit/constellation.js";
import { throwIfInterrupted } from "../util/interrupted.js";
import { GROUND_APP, ONBOARD_APP } from "./apps/records.js";
import { type RequestsInfo, readRecords, summarizeMode } from "./collect.js";
import type { ReplayOptions } from "./replay.js";
import type { ModeResult } from "./results.js";
import type { EoTasking } from "./tasking.js";

/**
 * The controller's metrics period in a replay (metrics.ndjson), virtual ms, unless the YAML's
 * emu.metricsEveryMs sets one: a minute. Decided: the emulator's 1 s default is one JSON line per
 * computed step, a twentieth of a replay's step time, and a day's replay reads none of them.
 */
export const REPLAY_METRICS_EVERY_MS = 60_000;

/**
 * The replay's hosting unless the caller picks one. Decided by measurement (docs/eo-replay.md, "Speed";
 * results are the same in every isolation by design): on the virtual clock one host in this process,
 * because a replay is a long series of short rounds and an in-process host's rounds are function
 * calls (src/emu/in-process.ts), while a child host's cost two loopback gRPC calls each, and a second
 * host only adds rounds (its lookahead is the shortest link between the hosts). On the realtime clock
 * the nodes keep their own pace on pooled child hosts.
 */
export function replayIsolation(clock: ClockMode): Isolation {
  return clock === "virtual" ? "inproc" : "pooled";
}

export interface ReplayExecution {
  clock: ClockMode;
  isolation: Isolation;
  hosts: number;
  nodes: number;
}

/** A mode's work on the virtual clock (controller status): synchronisation rounds and topology steps. */
export interface ModeClockWork {
  rounds: number;
  stepsComputed: number;
  stepsSkipped: number;
  meanStepMs: number;
}

/** The replay's options that reach one mode's emulation. */
export type ModeRunOptions = Pick<
  ReplayOptions,
  "clock" | "speed" | "isolation" | "log" | "signal" | "onProgress" | "onEnd"
>;

/** One mode's outcome: its summary, where it ran, and its clock's work. */
export interface ModeRun {
  result: ModeResult;
  exec: ReplayExecution;
  clock: ModeClockWork;
}

/**
 * Run `t.mode` (its tasking already written at `taskingPath`) in `dir`, and summarise its records.
 * `requests`: the workload's size and the requests whose window closes before the end.
 */
export async function runReplayMode(
  c: Constellation,
  t: EoTasking,
  taskingPath: string,
  dir: string,
  o: ModeRunOptions,
  stepMs: number,
  requests: RequestsInfo,
): Promise<ModeRun> {
  const { exec, clock, clockLag } = await runMode(c, t, taskingPath, dir, o, stepMs);
  return {
    result: { ...summarizeMode(t, readRecords(dir, t), requests), ...(clockLag ? { clockLag } : {}) },
    exec,
    clock,
  };
}

/** The EO apps' modules, next to this file (.ts under tsx/vitest, .js once built). */
function appModule(name: string): string {
  const ext = extname(fileURLToPath(import.meta.url));
  return fileURLToPath(new URL(`./apps/${name}${ext}`, import.meta.url));
}

/** Launch one mode: the EO apps on every node, until the duration ends; their records are in `dir`. */
async function runMode(
  c: Constellation,
  t: EoTasking,
  taskingPath: string,
  dir: string,
  o: ModeRunOptions,
  stepMs: number,
): Promise<{
  exec: ReplayExecution;
  clock: ModeClockWork;
  clockLag?: ModeResult["clockLag"];
}> {
  const nodes = nodeInfosOf(c);
  const S = c.satellites.length;
  const plan: AppsPlan = {
    apps: [
      {
        name: ONBOARD_APP,
        module: appModule(ONBOARD_APP),
        options: { tasking: taskingPath },
        nodes: nodes.filter((n) => n.id < S).map((n) => n.id),
      },
      {
        name: GROUND_APP,
        module: appModule(GROUND_APP),
        options: { tasking: taskingPath },
        nodes: nodes.filter((n) => n.id >= S).map((n) => n.id),
      },
    ],
    nodes,
    runDir: dir,
  };
  const clock: ClockMode = o.clock ?? "virtual";
  // A link's FIFO must hold a whole product: onboard, the radio's buffer is the mass storage, so a
  // raw image (hundreds of MB) is queued whole. Decided: room for four of the largest, unless the
  // YAML's emu.linkQueueBytes says otherwise.
  let largest = 0;
  for (const s of t.satellites) for (const k of s.captures) if (k.rawBytes > largest) largest = k.rawBytes;
  const linkQueueBytes =
    emuSettingsOf(c).linkQueueBytes ?? Math.max(DEFAULT_EMU_SETTINGS.linkQueueBytes, 4 * largest);
  const emu = await startEmulation(c, {
    linkQueueBytes,
    stepMs,
    metricsEveryMs: emuSettingsOf(c).metricsEveryMs ?? REPLAY_METRICS_EVERY_MS,
    clock,
    isolation: o.isolation ?? replayIsolation(clock),
    startMs: t.startUnixMs,
    durationMs: t.endUnixMs - t.startUnixMs,
    runDir: dir,
    apps: plan,
    ...(o.speed !== undefined ? { speed: o.speed } : {}),
    ...(o.log ? { log: o.log } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
  });
  let progress: NodeJS.Timeout | undefined;
  let clockLag: ModeResult["clockLag"];
  let clockWork: ModeClockWork = {
    rounds: 0,
    stepsComputed: 0,
    stepsSkipped: 0,
    meanStepMs: 0,
  };
  try {
    await emu.waitAllUp();
    emu.resume();
    if (o.onProgress) {
      const report = o.onProgress;
      progress = setInterval(() => report(t.mode, Math.min(t.endUnixMs, emu.now())), 250);
    }
    await emu.done;
    throwIfInterrupted(o.signal);
    o.onProgress?.(t.mode, t.endUnixMs);
    await o.onEnd?.(t.mode, emu);
    const st = emu.controller.status();
    // Wall-paced: say how far behind it ran, never silently (the virtual clock has no lag).
    if (emu.clock === "realtime")
      clockLag = {
        p50Ms: st.lag?.p50WallMs ?? 0,
        p99Ms: st.lag?.p99WallMs ?? 0,
        maxMs: st.lag?.maxWallMs ?? 0,
        stepsLate: st.lag?.stepsLate ?? 0,
      };
    clockWork = {
      rounds: st.rounds,
      stepsComputed: st.steps,
      stepsSkipped: st.stepsSkipped,
      meanStepMs: st.meanStepComputeWallMs,
    };
    o.log?.info(
      {
        mode: t.mode,
        steps: st.steps,
        rounds: st.rounds,
        stepsSkipped: st.stepsSkipped,
        meanStepMs: st.meanStepComputeWallMs,
      },
      "replay mode done",
    );
  } finally {
    if (progress) clearInterval(progress);
    await emu.stop();
  }
  const pooled = emuSettingsOf(c).pooledHosts ?? DEFAULT_EMU_SETTINGS.pooledHosts;
  return {
    clock: clockWork,
    exec: {
      clock: emu.clock,
      isolation: emu.isolation,
      hosts: emu.isolation === "inproc" ? 1 : planHosts(emu.isolation, emu.nodeCount, pooled).length,
      nodes: emu.nodeCount,
    },
    ...(clockLag ? { clockLag } : {}),
  };
}
