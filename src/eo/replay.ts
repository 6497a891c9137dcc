/**
 * A whole replay: load the workload (a file, or a generator spec `gen:<kind>:<count>`), compute the
 * geometry once, then for each mode launch the constellation with the EO apps (apps/eo-onboard.ts on
 * every satellite, apps/eo-ground.ts on every station) on the emulator, and summarise what the apps
 * recorded. One driver: the EO software runs in the nodes and its products cross the emulated mesh
 * and ground links as bundles. The API behind `constellate replay`, `demo` and bench/eo.ts.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Logger } from "pino";
import type { ClockMode } from "../emu/clock.js";
import type { Emulation } from "../emu/emulation.js";
import { DEFAULT_EMU_SETTINGS, emuSettingsOf, type IsolationOption } from "../emu/settings.js";
import { meshSettingsOf } from "../mesh/config.js";
import type { Constellation } from "../orbit/constellation.js";
import { InputError } from "../util/input-error.js";
import { throwIfInterrupted } from "../util/interrupted.js";
import { MAX_WORKLOAD_REQUESTS } from "../util/limits.js";
import { didYouMean } from "../util/suggest.js";
import { withEngine } from "./config.js";
import { generateWorkload, WORKLOAD_KINDS, type WorkloadKind } from "./generators.js";
import type { EngineRef } from "./inference.js";
import { antennasOf } from "./pass-windows.js";
import type { ReplayMode } from "./products.js";
import {
  type ModeClockWork,
  type ModeRun,
  type ReplayExecution,
  replayIsolation,
  runReplayMode,
} from "./replay-mode.js";
import { ModeWorkers } from "./replay-workers.js";
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
  /**
   * Run the modes at once, one worker thread each, where that is possible (modesInWorkers); default
   * true. Each mode's result is the same either way; false runs them one after another here.
   */
  modeWorkers?: boolean;
}

export interface ReplayOutcome {
  scenario: ReplayScenario;
  /** Survey runs: the fraction of satellite-time over land, and over sunlit land (the imager's duty). */
  survey?: { overLandFraction: number; overSunlitLandFraction: number; captures: number };
  results: ModeResult[];
  execution: ReplayExecution;
  /** Wall time of the geometry and the tasking built from it (once for all modes). */
  scenarioWallMs: number;
  /**
   * Per mode, wall time of its run. When the modes ran at once (modesInWorkers), each is the wall
   * time of all of them together.
   */
  runWallMs: number[];
  /** Per mode, the virtual clock's work (controller status): synchronisation rounds and topology steps. */
  runClock: ModeClockWork[];
  /** Whether the modes ran at once, one worker thread each. */
  modesAtOnce: boolean;
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

export {
  type ModeClockWork,
  REPLAY_METRICS_EVERY_MS,
  type ReplayExecution,
  replayIsolation,
} from "./replay-mode.js";

export function hasLaserLinks(c: Constellation): boolean {
  return meshSettingsOf(c).isl.some((s) => s.pattern !== "none");
}

/**
 * Whether the modes run at once, one worker thread each (replay-workers.ts): on the virtual clock with
 * the in-process host, more than one mode, and nothing that must run in the caller's thread (a
 * logger, or `onEnd`, which is handed the live emulation). Otherwise one after another, here.
 */
export function modesInWorkers(o: ReplayOptions, clock: ClockMode, isolation: IsolationOption): boolean {
  return (
    (o.modeWorkers ?? true) &&
    o.modes.length > 1 &&
    clock === "virtual" &&
    isolation === "inproc" &&
    o.log === undefined &&
    o.onEnd === undefined
  );
}

export async function replay(
  c: Constellation,
  requests: CaptureRequest[],
  o: ReplayOptions,
): Promise<ReplayOutcome> {
  const clock: ClockMode = o.clock ?? "virtual";
  const isolation = o.isolation ?? replayIsolation(clock);
  const t0 = performance.now();
  // Started before the geometry, so that loading their modules overlaps it (replay-workers.ts).
  const workers = modesInWorkers(o, clock, isolation) ? new ModeWorkers(o.modes) : undefined;
  try {
    return await replayWith(c, requests, o, { t0, clock, isolation, workers });
  } finally {
    await workers?.close();
  }
}

async function replayWith(
  c: Constellation,
  requests: CaptureRequest[],
  o: ReplayOptions,
  w: { t0: number; clock: ClockMode; isolation: IsolationOption; workers: ModeWorkers | undefined },
): Promise<ReplayOutcome> {
  const { t0, clock, isolation, workers } = w;
  const emuSettings = { ...DEFAULT_EMU_SETTINGS, stepMs: REPLAY_STEP_MS, ...emuSettingsOf(c) };
  // With the modes in workers, one of them finds the passes and cuts the antenna windows while this
  // thread does the rest of the geometry (pass-windows.ts): the same functions, so the same plan.
  const passes = workers?.passWindows({
    constellation: c,
    startUnixMs: o.startUnixMs,
    durationMs: o.durationMs,
    stepMs: emuSettings.stepMs,
  });
  // Settled by the awaits below; this only keeps a failure there from being reported as unhandled
  // while this thread is still busy.
  passes?.catch(() => {});
  const resolved = resolveWorkload(requests, o.startUnixMs);
  const survey =
    o.survey === undefined || o.survey === false
      ? undefined
      : surveyPlan(c, {
          ...(typeof o.survey === "object" ? o.survey : {}),
          startUnixMs: o.startUnixMs,
          durationMs: o.durationMs,
        });
  const scenario = await buildScenario(c, resolved, {
    startUnixMs: o.startUnixMs,
    durationMs: o.durationMs,
    seed: o.seed,
    ...(o.engine === undefined ? {} : { satelliteConfigs: withEngine(satelliteConfigsOf(c), o.engine) }),
    ...(passes ? { contacts: passes.then((p) => p.contacts) } : {}),
  });
  const extraCaptures = survey?.captures.map((list) => list.map((s, k) => surveyCapture(scenario, s, k)));
  const relay = o.relay ?? hasLaserLinks(c);
  const endUnixMs = o.startUnixMs + o.durationMs;
  const closedByEnd = new Set(resolved.filter((r) => r.endUnixMs <= endUnixMs).map((r) => r.index));
  const ownRuns = o.runsDir === undefined;
  const runsDir = o.runsDir ?? mkdtempSync(join(tmpdir(), "constellate-replay-"));
  const results: ModeResult[] = [];
  const runWallMs: number[] = [];
  const runClock: ReplayOutcome["runClock"] = [];
  let execution: ReplayExecution | undefined;
  // The plan is the same for every mode but for its name (the apps read the mode from it): built once.
  const plan = buildTasking(c, scenario, {
    mode: o.modes[0] ?? "raw",
    stepMs: emuSettings.stepMs,
    antennasOf: antennasOf(c),
    relay,
    ...(extraCaptures ? { extraCaptures } : {}),
    ...(passes ? { windows: (await passes).windows } : {}),
  });
  const scenarioWallMs = performance.now() - t0;
  o.onScenario?.(scenario, scenarioWallMs);
  const requestsInfo = { count: resolved.length, closedByEnd };
  const prepare = (mode: ReplayMode) => {
    const dir = join(runsDir, mode);
    mkdirSync(dir, { recursive: true });
    const tasking: EoTasking = { ...plan, mode };
    const taskingPath = join(dir, "eo-tasking.json");
    writeTasking(taskingPath, tasking);
    return { dir, tasking, taskingPath };
  };
  const record = (run: ModeRun, wallMs: number) => {
    execution = run.exec;
    runClock.push(run.clock);
    results.push(run.result);
    runWallMs.push(wallMs);
  };
  try {
    if (workers) {
      throwIfInterrupted(o.signal);
      const tw = performance.now();
      const jobs = o.modes.map((mode) => ({
        mode,
        constellation: c,
        ...prepare(mode),
        stepMs: emuSettings.stepMs,
        requests: requestsInfo,
        clock,
        isolation,
        progress: o.onProgress !== undefined,
      }));
      let runs: ModeRun[];
      try {
        runs = await workers.runAll(jobs, o.signal, o.onProgress);
      } catch (e) {
        throwIfInterrupted(o.signal);
        throw e;
      }
      throwIfInterrupted(o.signal);
      // The modes ran at once: each one's wall time is the whole run's.
      const wallMs = performance.now() - tw;
      for (const run of runs) record(run, wallMs);
    } else
      for (const mode of o.modes) {
        throwIfInterrupted(o.signal);
        const tw = performance.now();
        const { dir, tasking, taskingPath } = prepare(mode);
        record(
          await runReplayMode(c, tasking, taskingPath, dir, o, emuSettings.stepMs, requestsInfo),
          performance.now() - tw,
        );
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
      clock,
      isolation:
        isolation === "process" || isolation === "inproc" || isolation === "pooled"
          ? isolation
          : replayIsolation(clock),
      hosts: 0,
      nodes: c.satellites.length + c.groundStations.length,
    },
    scenarioWallMs,
    runWallMs,
    runClock,
    modesAtOnce: workers !== undefined,
  };
}
