/**
 * A whole replay: load the workload (a file, or a generator spec `gen:<kind>:<count>`), compute the
 * geometry once, then for each mode launch the constellation with the EO apps (apps/eo-onboard.ts on
 * every satellite, apps/eo-ground.ts on every station) on the emulator, and summarise what the apps
 * recorded. One driver: the EO software runs in the nodes and its products cross the emulated mesh
 * and ground links as bundles. The API behind `constellate replay`, `demo` and bench/eo.ts.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "pino";
import type { AppsPlan } from "../emu/apps/plan.js";
import { nodeInfosOf } from "../emu/apps/plan.js";
import type { ClockMode } from "../emu/clock.js";
import { type Emulation, startEmulation } from "../emu/emulation.js";
import { planHosts } from "../emu/hosting.js";
import {
  DEFAULT_EMU_SETTINGS,
  emuSettingsOf,
  type Isolation,
  type IsolationOption,
} from "../emu/settings.js";
import { meshSettingsOf, stationAntennas } from "../mesh/config.js";
import type { Constellation } from "../orbit/constellation.js";
import { InputError } from "../util/input-error.js";
import { throwIfInterrupted } from "../util/interrupted.js";
import { MAX_WORKLOAD_REQUESTS } from "../util/limits.js";
import { didYouMean } from "../util/suggest.js";
import { GROUND_APP, ONBOARD_APP } from "./apps/records.js";
import { readRecords, summarizeMode } from "./collect.js";
import { withEngine } from "./config.js";
import { generateWorkload, WORKLOAD_KINDS, type WorkloadKind } from "./generators.js";
import type { EngineRef } from "./inference.js";
import type { ReplayMode } from "./products.js";
import type { ModeResult } from "./results.js";
import { buildScenario, satelliteConfigsOf } from "./scenario.js";
import type { ReplayScenario } from "./scenario-types.js";
import { type SurveyOptions, surveyPlan } from "./survey.js";
import { type EoTasking, writeTasking } from "./tasking.js";
import { buildTasking, surveyCapture } from "./tasking-build.js";
import { type CaptureRequest, loadWorkload, resolveWorkload } from "./workload.js";

export interface ReplayOptions {
  startUnixMs: number;
  durationMs: number;
  seed: number;
  modes: readonly ReplayMode[];
  /** Relay over the laser mesh (default: when the constellation has laser links). */
  relay?: boolean;
  /** Default virtual (exact, as fast as the CPUs allow); realtime paces at `speed`. */
  clock?: ClockMode;
  /** Virtual seconds per wall second on the realtime clock. */
  speed?: number;
  /** Default: replayIsolation(clock), inproc on the virtual clock, pooled on the realtime one. */
  isolation?: IsolationOption;
  /** Keep each mode's run directory here (`<dir>/<mode>/`); default: a temporary one, removed. */
  runsDir?: string;
  log?: Logger;
  /** Survey imaging: every satellite images sunlit land (survey.ts), beside any tasked requests. */
  survey?: boolean | Omit<SurveyOptions, "startUnixMs" | "durationMs">;
  /** Every satellite runs this inference engine instead of its shell's `eo.engine` (`--engine`). */
  engine?: EngineRef;
  /** Ctrl-C (src/cli/interrupt.ts): the running mode stops and replay rejects with the InterruptedError. */
  signal?: AbortSignal;
  /** Called with (mode, virtual time reached), a few times per wall second. */
  onProgress?(mode: ReplayMode, tUnixMs: number): void;
  /** Called when the geometry (passes, eclipses, accesses) is done, with its wall time. */
  onScenario?(sc: ReplayScenario, wallMs: number): void;
  /**
   * Called once per mode when its duration is reached, before the emulation stops (the virtual clock
   * is paused there): to read its state through the public API, e.g. scrape its metrics.
   */
  onEnd?(mode: ReplayMode, emu: Emulation): Promise<void> | void;
}

export interface ReplayExecution {
  clock: ClockMode;
  isolation: Isolation;
  hosts: number;
  nodes: number;
}

export interface ReplayOutcome {
  scenario: ReplayScenario;
  /** Survey runs: the fraction of satellite-time over land, and over sunlit land (the imager's duty). */
  survey?: { overLandFraction: number; overSunlitLandFraction: number; captures: number };
  results: ModeResult[];
  execution: ReplayExecution;
  scenarioWallMs: number;
  runWallMs: number[];
  /** Per mode, the virtual clock's work (controller status): synchronisation rounds and topology steps. */
  runClock: { rounds: number; stepsComputed: number; stepsSkipped: number; meanStepMs: number }[];
}

/**
 * `gen:<kind>:<count>` -> generated requests over the horizon; anything else is a file path, read
 * line by line (`onProgress(bytesRead, totalBytes)` while it streams).
 */
export function workloadFrom(
  spec: string,
  seed: number,
  horizonMs: number,
  onProgress?: (bytesRead: number, totalBytes: number) => void,
): CaptureRequest[] {
  if (!spec.startsWith("gen:")) return loadWorkload(spec, onProgress);
  const m = /^gen:([a-z]+):(\d{1,9})$/.exec(spec);
  if (!m)
    throw new InputError("expected gen:<kind>:<count>, the count a whole number (e.g. gen:land:500)", {
      field: "workload",
      value: spec,
    });
  const kind = m[1] as WorkloadKind;
  if (!WORKLOAD_KINDS.includes(kind))
    throw new InputError(
      `unknown generator${didYouMean(kind, WORKLOAD_KINDS) || ` (known: ${WORKLOAD_KINDS.join(", ")})`}`,
      { field: "workload", value: spec },
    );
  const count = Number(m[2]);
  if (count < 1 || count > MAX_WORKLOAD_REQUESTS)
    throw new InputError(`expected a count in 1..${MAX_WORKLOAD_REQUESTS}`, {
      field: "workload",
      value: spec,
    });
  return generateWorkload({ kind, seed, count, horizonMs });
}

/**
 * The topology step of a replay, unless the YAML's emu.stepMs sets one: 1 s. Decided: an EO day needs
 * the geometry to the second (a ground link's delay drifts by well under 0.1 ms per second at LEO
 * range rates of ~7 km/s), not the 100 ms the latency experiments use, and every step a transfer
 * spans is a synchronisation round of the virtual clock.
 */
export const REPLAY_STEP_MS = 1_000;

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

/** The EO apps' modules, next to this file (.ts under tsx/vitest, .js once built). */
function appModule(name: string): string {
  const ext = extname(fileURLToPath(import.meta.url));
  return fileURLToPath(new URL(`./apps/${name}${ext}`, import.meta.url));
}

/** A station's antenna count, as the mesh resolves it (Infinity: no limit). */
function antennasOf(c: Constellation): (station: number) => number {
  const gl = meshSettingsOf(c).groundLinks;
  return (g) => stationAntennas(c.groundStations[g]!, gl);
}

export function hasLaserLinks(c: Constellation): boolean {
  return meshSettingsOf(c).isl.some((s) => s.pattern !== "none");
}

export async function replay(
  c: Constellation,
  requests: CaptureRequest[],
  o: ReplayOptions,
): Promise<ReplayOutcome> {
  const resolved = resolveWorkload(requests, o.startUnixMs);
  const t0 = performance.now();
  const scenario = await buildScenario(c, resolved, {
    startUnixMs: o.startUnixMs,
    durationMs: o.durationMs,
    seed: o.seed,
    ...(o.engine === undefined ? {} : { satelliteConfigs: withEngine(satelliteConfigsOf(c), o.engine) }),
  });
  const survey =
    o.survey === undefined || o.survey === false
      ? undefined
      : surveyPlan(c, {
          ...(typeof o.survey === "object" ? o.survey : {}),
          startUnixMs: o.startUnixMs,
          durationMs: o.durationMs,
        });
  const extraCaptures = survey?.captures.map((list) => list.map((s, k) => surveyCapture(scenario, s, k)));
  const scenarioWallMs = performance.now() - t0;
  o.onScenario?.(scenario, scenarioWallMs);
  const emuSettings = { ...DEFAULT_EMU_SETTINGS, stepMs: REPLAY_STEP_MS, ...emuSettingsOf(c) };
  const relay = o.relay ?? hasLaserLinks(c);
  const endUnixMs = o.startUnixMs + o.durationMs;
  const closedByEnd = new Set(resolved.filter((r) => r.endUnixMs <= endUnixMs).map((r) => r.index));
  const ownRuns = o.runsDir === undefined;
  const runsDir = o.runsDir ?? mkdtempSync(join(tmpdir(), "constellate-replay-"));
  const results: ModeResult[] = [];
  const runWallMs: number[] = [];
  const runClock: ReplayOutcome["runClock"] = [];
  let execution: ReplayExecution | undefined;
  // The plan is the same for every mode but for its name (the apps read the mode from it): built once,
  // its antenna windows being most of a day's geometry time.
  let plan: EoTasking | undefined;
  try {
    for (const mode of o.modes) {
      throwIfInterrupted(o.signal);
      const tw = performance.now();
      const dir = join(runsDir, mode);
      mkdirSync(dir, { recursive: true });
      plan ??= buildTasking(c, scenario, {
        mode,
        stepMs: emuSettings.stepMs,
        antennasOf: antennasOf(c),
        relay,
        ...(extraCaptures ? { extraCaptures } : {}),
      });
      const tasking: EoTasking = { ...plan, mode };
      const taskingPath = join(dir, "eo-tasking.json");
      writeTasking(taskingPath, tasking);
      const { exec, clock, clockLag } = await runMode(c, tasking, taskingPath, dir, o, emuSettings.stepMs);
      execution = exec;
      runClock.push(clock);
      results.push({
        ...summarizeMode(tasking, readRecords(dir, tasking), { count: resolved.length, closedByEnd }),
        ...(clockLag ? { clockLag } : {}),
      });
      runWallMs.push(performance.now() - tw);
    }
  } finally {
    if (ownRuns) rmSync(runsDir, { recursive: true, force: true });
  }
  return {
    scenario,
    ...(survey
      ? {
          survey: {
            ...survey.stats,
            captures: survey.captures.reduce((a, l) => a + l.length, 0),
          },
        }
      : {}),
    results,
    execution: execution ?? {
      clock: o.clock ?? "virtual",
      isolation:
        o.isolation === "process" || o.isolation === "inproc" || o.isolation === "pooled"
          ? o.isolation
          : replayIsolation(o.clock ?? "virtual"),
      hosts: 0,
      nodes: c.satellites.length + c.groundStations.length,
    },
    scenarioWallMs,
    runWallMs,
    runClock,
  };
}

/** Launch one mode: the EO apps on every node, until the duration ends; their records are in `dir`. */
async function runMode(
  c: Constellation,
  t: EoTasking,
  taskingPath: string,
  dir: string,
  o: ReplayOptions,
  stepMs: number,
): Promise<{
  exec: ReplayExecution;
  clock: ReplayOutcome["runClock"][number];
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
  let clockWork: ReplayOutcome["runClock"][number] = {
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
