/**
 * What bench/eo.ts and bench/eo-survey200.ts share: a replay timed in wall and CPU time (every host
 * and every mode's worker thread is in this process, so process CPU time is the whole run's), the
 * propagation-only floor it is compared with, and the per-mode rows.
 *
 * CONSTELLATE_BENCH_EO_SEQUENTIAL=1 runs the modes one after another in this thread (the replay's
 * `modeWorkers: false`) instead of at once in worker threads, to compare the two.
 */
import type { ReplayMode } from "../src/eo/products.js";
import { type ReplayOptions, type ReplayOutcome, replay } from "../src/eo/replay.js";
import type { CaptureRequest } from "../src/eo/workload.js";
import type { Constellation } from "../src/orbit/constellation.js";
import { ConstellationPropagator } from "../src/orbit/propagate.js";

export interface TimedReplay {
  out: ReplayOutcome;
  wallMs: number;
  cpuMs: number;
}

export async function timedReplay(
  c: Constellation,
  requests: CaptureRequest[],
  o: ReplayOptions,
): Promise<TimedReplay> {
  const sequential = process.env["CONSTELLATE_BENCH_EO_SEQUENTIAL"] === "1";
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const out = await replay(c, requests, { ...o, ...(sequential ? { modeWorkers: false } : {}) });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { out, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** The floor: 1 s time-stepped propagation (wasm SGP4) of every satellite over the same window. */
export async function propagationFloor(
  c: Constellation,
  startUnixMs: number,
  durationMs: number,
): Promise<{ wallMs: number; cpuMs: number }> {
  const prop = await ConstellationPropagator.create(c.satellites);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let check = 0;
  try {
    for (let t = 0; t <= durationMs; t += 1000) check += prop.at(startUnixMs + t).ecef[0]!;
  } finally {
    prop.dispose();
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  void check;
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Per mode: its run's wall time (all modes together when they ran at once), clock work and results. */
export function modeRows(out: ReplayOutcome) {
  return out.results.map((r, i) => ({
    mode: r.mode as ReplayMode,
    wallMs: out.runWallMs[i]!,
    ...out.runClock[i]!,
    imagesCaptured: r.imagesCaptured,
    imagesRefusedStorage: r.imagesRefusedStorage,
    imagesDelivered: r.imagesDelivered,
    bytesCaptured: r.bytesCaptured,
    bytesDownlinked: r.bytesDownlinked,
    p50S: r.timeToInsightS.p50,
    p95S: r.timeToInsightS.p95,
  }));
}

/** How the modes ran, for the summary line. */
export function modesHow(out: ReplayOutcome): string {
  return out.modesAtOnce ? "at once, one worker thread each" : "one after another";
}
