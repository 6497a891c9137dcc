/**
 * A whole replay: load the workload (a file, or a generator spec `gen:<kind>:<count>`), build the
 * scenario once, run each mode on it. The API behind `constellate replay` and bench/eo.ts.
 */
import type { Constellation } from "../orbit/constellation.js";
import { InputError } from "../util/input-error.js";
import { MAX_WORKLOAD_REQUESTS } from "../util/limits.js";
import { didYouMean } from "../util/suggest.js";
import { withEngine } from "./config.js";
import { generateWorkload, WORKLOAD_KINDS, type WorkloadKind } from "./generators.js";
import type { EngineRef } from "./inference.js";
import { runReplayLive, startReplayEmulation } from "./live.js";
import type { ReplayMode } from "./onboard.js";
import { type ModeResult, type ReplayScenario, runReplay } from "./runner.js";
import { buildScenario, satelliteConfigsOf } from "./scenario.js";
import { type CaptureRequest, loadWorkload, resolveWorkload } from "./workload.js";

export interface ReplayOptions {
  startUnixMs: number;
  durationMs: number;
  seed: number;
  modes: readonly ReplayMode[];
  relay?: boolean;
  /** Every satellite runs this inference engine instead of its shell's `eo.engine` (`--engine`). */
  engine?: EngineRef;
  /** Called with (mode, virtual time reached). */
  onProgress?(mode: ReplayMode, tUnixMs: number): void;
  /**
   * Run through the live emulator (live.ts) at this clock speed (virtual ms per wall ms), one fresh
   * in-process emulation per mode; undefined: the in-process event runner.
   */
  liveSpeed?: number;
  /** Called when the geometry (passes, eclipses, accesses) is done, with its wall time. */
  onScenario?(sc: ReplayScenario, wallMs: number): void;
}

export interface ReplayOutcome {
  scenario: ReplayScenario;
  results: ModeResult[];
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
    ...(o.relay === undefined ? {} : { relay: o.relay }),
    ...(o.engine === undefined ? {} : { satelliteConfigs: withEngine(satelliteConfigsOf(c), o.engine) }),
  });
  const scenarioWallMs = performance.now() - t0;
  o.onScenario?.(scenario, scenarioWallMs);
  const results: ModeResult[] = [];
  const runWallMs: number[] = [];
  for (const mode of o.modes) {
    const t = performance.now();
    const onProgress = (tv: number) => o.onProgress?.(mode, tv);
    if (o.liveSpeed === undefined) results.push(runReplay(scenario, mode, { onProgress }));
    else {
      const emu = await startReplayEmulation(c, scenario, { speed: o.liveSpeed });
      const stop = () => void emu.stop().finally(() => process.exit(130));
      process.once("SIGINT", stop);
      try {
        results.push(await runReplayLive(scenario, mode, emu, { onProgress }));
      } finally {
        process.off("SIGINT", stop);
        await emu.stop();
      }
    }
    runWallMs.push(performance.now() - t);
  }
  return { scenario, results, scenarioWallMs, runWallMs };
}
