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
  /** Default pooled: a few host processes serve every node. */
  isolation?: IsolationOption;
  /** Keep each mode's run directory here (`<dir>/<mode>/`); default: a temporary one, removed. */
  runsDir?: string;
  log?: Logger;
  /** Survey imaging: every satellite images sunlit land (survey.ts), beside any tasked requests. */
  survey?: boolean | Omit<SurveyOptions, "startUnixMs" | "durationMs">;
  /** Every satellite runs this inference engine instead of its shell's `eo.engine` (`--engine`). */
  engine?: EngineRef;
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
  let execution: ReplayExecution | undefined;
  try {
    for (const mode of o.modes) {
      const tw = performance.now();
      const dir = join(runsDir, mode);
      mkdirSync(dir, { recursive: true });
      const tasking = buildTasking(c, scenario, {
        mode,
        stepMs: emuSettings.stepMs,
        antennasOf: antennasOf(c),
        relay,
        ...(extraCaptures ? { extraCaptures } : {}),
      });
      const taskingPath = join(dir, "eo-tasking.json");
      writeTasking(taskingPath, tasking);
      const { exec } = await runMode(c, tasking, taskingPath, dir, o, emuSettings.stepMs);
      execution = exec;
      results.push(
        summarizeMode(tasking, readRecords(dir, tasking), { count: resolved.length, closedByEnd }),
      );
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
      isolation: o.isolation === "process" || o.isolation === "inproc" ? o.isolation : "pooled",
      hosts: 0,
      nodes: c.satellites.length + c.groundStations.length,
    },
    scenarioWallMs,
    runWallMs,
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
): Promise<{ exec: ReplayExecution }> {
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
    clock,
    isolation: o.isolation ?? "pooled",
    startMs: t.startUnixMs,
    durationMs: t.endUnixMs - t.startUnixMs,
    runDir: dir,
    apps: plan,
    ...(o.speed !== undefined ? { speed: o.speed } : {}),
    ...(o.log ? { log: o.log } : {}),
  });
  const stop = () => void emu.stop().finally(() => process.exit(130));
  process.once("SIGINT", stop);
  let progress: NodeJS.Timeout | undefined;
  try {
    await emu.waitAllUp();
    emu.resume();
    if (o.onProgress) {
      const report = o.onProgress;
      progress = setInterval(() => report(t.mode, Math.min(t.endUnixMs, emu.now())), 250);
    }
    await emu.done;
    o.onProgress?.(t.mode, t.endUnixMs);
    await o.onEnd?.(t.mode, emu);
    const st = emu.controller.status();
    o.log?.info(
      {
        mode: t.mode,
        steps: st.steps,
        rounds: st.rounds,
        stepsSkipped: st.stepsSkipped,
        meanStepMs: st.meanStepComputeMs,
      },
      "replay mode done",
    );
  } finally {
    if (progress) clearInterval(progress);
    process.off("SIGINT", stop);
    await emu.stop();
  }
  const pooled = emuSettingsOf(c).pooledHosts ?? DEFAULT_EMU_SETTINGS.pooledHosts;
  return {
    exec: {
      clock: emu.clock,
      isolation: emu.isolation,
      hosts: emu.isolation === "inproc" ? 1 : planHosts(emu.isolation, emu.nodeCount, pooled).length,
      nodes: emu.nodeCount,
    },
  };
}
