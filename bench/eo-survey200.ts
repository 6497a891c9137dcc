/**
 * Issue 10's second figure: a 24 h survey run of a 200-satellite EO constellation
 * (constellations/eo-sso-200.yaml: 10 x 20 at 525 km, the eo-sso payload and ground network), through
 * the EO apps in the emulated nodes on the virtual clock, the replay's default hosting. Every
 * satellite images sunlit land (src/eo/survey.ts). Reports wall and CPU time of the survey plan and
 * geometry and of each mode's run, with its synchronisation rounds and topology steps, against the
 * same run's floor: 1 s stepped propagation of the 200 satellites over the same window.
 *
 * CONSTELLATE_BENCH_SURVEY200_H sets the virtual hours (default 24, the issue's; --quick: 0.25) and
 * CONSTELLATE_BENCH_SURVEY200_MODES the modes (default raw,summary,hybrid).
 */
import { dirname, join } from "node:path";
import { loadConstellation } from "../src/config/load.js";
import { REPLAY_MODES, type ReplayMode } from "../src/eo/products.js";
import { writeFileAtomic } from "../src/util/atomic-write.js";
import { modeRows, modesHow, propagationFloor, timedReplay } from "./eo-setup.js";
import type { BenchContext, BenchReport } from "./run.js";

export async function run(ctx: BenchContext): Promise<BenchReport> {
  const root = dirname(dirname(ctx.resultsDir));
  const c = loadConstellation(join(root, "constellations", "eo-sso-200.yaml"));
  const hours = ctx.quick ? 0.25 : Number(process.env["CONSTELLATE_BENCH_SURVEY200_H"] ?? 24);
  if (!(hours > 0)) throw new Error(`CONSTELLATE_BENCH_SURVEY200_H must be > 0, got ${hours}`);
  const modes = (process.env["CONSTELLATE_BENCH_SURVEY200_MODES"]?.split(",") ?? [...REPLAY_MODES]).map(
    (m) => {
      if (!(REPLAY_MODES as readonly string[]).includes(m)) throw new Error(`unknown mode ${m}`);
      return m as ReplayMode;
    },
  );
  const startUnixMs = Date.parse(c.epoch);
  const durationMs = hours * 3_600_000;
  ctx.log(
    `eo-survey200: ${c.satellites.length} satellites, ${c.groundStations.length} stations, survey, ${hours} h, ${modes.join(",")}`,
  );

  const {
    out,
    wallMs: totalWallMs,
    cpuMs: totalCpuMs,
  } = await timedReplay(c, [], {
    startUnixMs,
    durationMs,
    seed: 1,
    modes,
    survey: true,
  });
  const base = await propagationFloor(c, startUnixMs, durationMs);
  const perMode = modeRows(out).map((m) => ({
    ...m,
    // The claim of issue 10's survey scenario: what fraction of what is captured reaches the ground.
    fractionOfCapturedBytesDownlinked: m.bytesCaptured > 0 ? m.bytesDownlinked / m.bytesCaptured : 0,
    fractionOfImagesDelivered: m.imagesCaptured > 0 ? m.imagesDelivered / m.imagesCaptured : 0,
  }));
  const json = {
    constellation: c.name,
    satellites: c.satellites.length,
    stations: c.groundStations.length,
    virtualS: durationMs / 1000,
    surveyUnits: out.survey?.captures ?? 0,
    scenarioWallMs: out.scenarioWallMs,
    modesAtOnce: out.modesAtOnce,
    modes: perMode,
    totalWallMs,
    totalCpuMs,
    execution: out.execution,
    baseline1sSteppedPropagationWallMs: base.wallMs,
    baseline1sSteppedPropagationCpuMs: base.cpuMs,
    ratioToBaseline: totalWallMs / base.wallMs,
    quick: ctx.quick,
  };
  const resultFile = join(ctx.resultsDir, "eo-survey200.json");
  writeFileAtomic(resultFile, `${JSON.stringify(json, null, 2)}\n`);
  return {
    summary: [
      `${hours} h survey, ${c.satellites.length} sats, ${modes.length} mode(s) ${modesHow(out)}: ${(totalWallMs / 1000).toFixed(1)} s wall, ${(json.totalCpuMs / 1000).toFixed(1)} s CPU ` +
        `(plan and geometry ${(out.scenarioWallMs / 1000).toFixed(1)} s; ${json.surveyUnits} survey units)`,
      ...perMode.map(
        (m) =>
          `  ${m.mode}: ${out.modesAtOnce ? "" : `${(m.wallMs / 1000).toFixed(1)} s wall; `}${m.rounds} rounds, ${m.stepsComputed} steps (${m.meanStepMs.toFixed(2)} ms each); ` +
          `${m.imagesCaptured} captured, ${m.imagesRefusedStorage} refused, ${m.imagesDelivered} delivered (${(100 * m.fractionOfImagesDelivered).toFixed(1)} %); ` +
          `${(m.bytesDownlinked / 1e9).toFixed(1)} of ${(m.bytesCaptured / 1e9).toFixed(1)} GB captured downlinked (${(100 * m.fractionOfCapturedBytesDownlinked).toFixed(2)} %); p50 time to insight ${m.p50S.toFixed(0)} s, p95 ${m.p95S.toFixed(0)} s`,
      ),
      `baseline, 1 s stepped propagation of ${c.satellites.length} satellites: ${(base.wallMs / 1000).toFixed(2)} s wall, ${(base.cpuMs / 1000).toFixed(2)} s CPU; run = ${json.ratioToBaseline.toFixed(1)}x baseline in wall, ${(totalCpuMs / base.cpuMs).toFixed(1)}x in CPU time`,
    ],
    resultFile,
  };
}
