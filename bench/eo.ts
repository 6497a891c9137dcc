/**
 * Earth-observation replay benchmark: 24 h of constellations/eo-sso.yaml (48 satellites, 13 stations)
 * with the shipped 1,000-request workload (workloads/eo-sso-mixed-1000.jsonl), all three modes,
 * through the EO apps in the emulated nodes (the replay's default hosting: one in-process host on the
 * virtual clock). Reports wall time of the geometry (passes, eclipses, target accesses) and of each
 * mode's emulated run, with its synchronisation rounds and topology steps, and the process's CPU time
 * (every host is in this process, so it is the whole run's; the machine is shared: CPU time is the
 * steadier figure under load).
 *
 * CONSTELLATE_BENCH_EO_SEQUENTIAL=1: the modes one after another instead of at once (bench/eo-setup.ts).
 * CONSTELLATE_BENCH_EO_H=<hours>: a shorter (or longer) scenario than the day, for iterating on a
 * profile (`node --cpu-prof dist/bench/run.js eo`); the goal is quoted for 24 h only.
 *
 * Baseline, same process: a time-stepped sweep of the same 24 h at 1 s that only propagates every
 * satellite (wasm SGP4) each second, the propagation-only floor; the replay is reported as a ratio
 * against it. Goal (issue 10): at most 5x that floor.
 */
import { dirname, join } from "node:path";
import { loadConstellation } from "../src/config/load.js";
import { REPLAY_MODES } from "../src/eo/products.js";
import { loadWorkload } from "../src/eo/workload.js";
import { writeFileAtomic } from "../src/util/atomic-write.js";
import { modeRows, modesHow, propagationFloor, timedReplay } from "./eo-setup.js";
import type { BenchContext, BenchReport } from "./run.js";

export async function run(ctx: BenchContext): Promise<BenchReport> {
  const root = dirname(dirname(ctx.resultsDir));
  const c = loadConstellation(join(root, "constellations", "eo-sso.yaml"));
  const requests = loadWorkload(join(root, "workloads", "eo-sso-mixed-1000.jsonl"));
  const startUnixMs = Date.parse(c.epoch);
  const durationMs = benchHours(ctx.quick) * 3_600_000;
  ctx.log(
    `eo: ${c.satellites.length} satellites, ${c.groundStations.length} stations, ${requests.length} requests, ${durationMs / 3_600_000} h`,
  );

  const {
    out,
    wallMs: totalWallMs,
    cpuMs: totalCpuMs,
  } = await timedReplay(c, requests, {
    startUnixMs,
    durationMs,
    seed: 1,
    modes: REPLAY_MODES,
  });
  const base = await propagationFloor(c, startUnixMs, durationMs);
  const baselineWallMs = base.wallMs;
  const baselineCpuMs = base.cpuMs;
  const virtualPerWall = durationMs / totalWallMs;
  const modes = modeRows(out).map((m) => ({ ...m, ratioToBaseline: m.wallMs / baselineWallMs }));
  const json = {
    constellation: c.name,
    satellites: c.satellites.length,
    stations: c.groundStations.length,
    requests: requests.length,
    virtualS: durationMs / 1000,
    scenarioWallMs: out.scenarioWallMs,
    contacts: out.scenario.contacts.length,
    captureOpportunities: out.scenario.opportunities.length,
    modesAtOnce: out.modesAtOnce,
    modes,
    totalWallMs,
    totalCpuMs,
    execution: out.execution,
    virtualPerWall,
    baseline1sSteppedPropagationWallMs: baselineWallMs,
    baseline1sSteppedPropagationCpuMs: baselineCpuMs,
    ratioToBaseline: totalWallMs / baselineWallMs,
    cpuRatioToBaseline: totalCpuMs / baselineCpuMs,
    quick: ctx.quick,
  };
  const resultFile = join(ctx.resultsDir, "eo.json");
  writeFileAtomic(resultFile, `${JSON.stringify(json, null, 2)}\n`);
  return {
    summary: [
      `${durationMs / 3_600_000} h, ${c.satellites.length} sats, ${requests.length} requests, 3 modes ${modesHow(out)}: ${(totalWallMs / 1000).toFixed(2)} s wall ` +
        `(geometry and tasking ${(out.scenarioWallMs / 1000).toFixed(2)} s; ${out.modesAtOnce ? `modes together ${(modes[0]!.wallMs / 1000).toFixed(2)} s` : `runs ${modes.map((m) => `${m.mode} ${(m.wallMs / 1000).toFixed(2)} s`).join(", ")}`})`,
      ...modes.map(
        (m) =>
          `  ${m.mode}: ${out.modesAtOnce ? "" : `${(m.wallMs / 1000).toFixed(2)} s wall = ${m.ratioToBaseline.toFixed(1)}x the floor; `}${m.rounds} rounds, ${m.stepsComputed} steps computed (${m.meanStepMs.toFixed(2)} ms each), ${m.stepsSkipped} skipped`,
      ),
      `CPU time of ${out.execution.isolation === "inproc" ? "the whole run" : "this process (child hosts not counted)"} (${out.execution.isolation}, ${out.execution.hosts} host${out.execution.hosts === 1 ? "" : "s"}): ${(totalCpuMs / 1000).toFixed(2)} s; virtual/wall = ${virtualPerWall.toFixed(0)}x`,
      `baseline, 1 s stepped propagation alone: ${(baselineWallMs / 1000).toFixed(2)} s wall, ${(baselineCpuMs / 1000).toFixed(2)} s CPU; replay = ${(totalWallMs / baselineWallMs).toFixed(2)}x baseline in wall, ${(totalCpuMs / baselineCpuMs).toFixed(2)}x in CPU time (goal <= 5x)`,
    ],
    resultFile,
  };
}

/** The scenario's length: CONSTELLATE_BENCH_EO_H hours, else 24 (2 with --quick). */
function benchHours(quick: boolean): number {
  const env = process.env["CONSTELLATE_BENCH_EO_H"];
  if (env === undefined || env === "") return quick ? 2 : 24;
  const h = Number(env);
  if (!(h > 0 && h <= 240)) throw new Error(`CONSTELLATE_BENCH_EO_H: expected hours in (0, 240], got ${env}`);
  return h;
}
