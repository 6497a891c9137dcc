/**
 * Structure-inference benchmark (issue 11): time to infer shells, planes and slots of the 2023
 * Starlink snapshot (4,428 satellites, when ../shared is present) and of a synthetic 10,956-satellite
 * catalog of six real-looking shells (Starlink Gen1's four filed shells plus two Gen2 shells of
 * 28 x 120, src/orbit/synthetic-catalog.ts: RAAN noise +-0.2 deg, mean anomaly +-2 deg, epochs over
 * +-2 days), and to build their +Grid candidate pairs.
 *
 * Baseline, in the same process and interleaved in rounds (the machine is shared): one SGP4
 * propagation of every satellite of the same catalog (`sgp4Into`, the js engine's inner loop), i.e.
 * the cost of one tick's positions. Reported: median ms of each and the ratio inference / baseline.
 * The synthetic run also checks that every generating plane came back (a fast wrong answer fails).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { mulberry32 } from "../src/eo/prng.js";
import { inferredGridPairs } from "../src/mesh/grid-inferred.js";
import type { WalkerParams } from "../src/orbit/constellation.js";
import type { SatelliteElements } from "../src/orbit/elements.js";
import { sgp4Into } from "../src/orbit/propagate.js";
import { inferStructure } from "../src/orbit/structure.js";
import { shellsFromStructure } from "../src/orbit/structure-shells.js";
import { syntheticCatalog } from "../src/orbit/synthetic-catalog.js";
import { parseTleText } from "../src/orbit/tle.js";
import { MS_PER_MIN } from "../src/orbit/units.js";
import { formatTable, type Row } from "../src/report/table.js";
import { writeFileAtomic } from "../src/util/atomic-write.js";
import { packageRoot } from "../src/util/package-root.js";
import type { BenchContext, BenchReport } from "./run.js";

export const EPOCH = "2026-01-01T00:00:00Z";
const shell = (
  altitudeKm: number,
  inclinationDeg: number,
  planes: number,
  satsPerPlane: number,
): WalkerParams => ({
  altitudeKm,
  inclinationDeg,
  planes,
  satsPerPlane,
  phasing: 1,
  raanSpreadDeg: 360,
  eccentricity: 0.0001,
  argOfPerigeeDeg: 0,
  raanOffsetDeg: 0,
  epoch: EPOCH,
});
/** Gen1 as filed (FCC DA 19-342, FCC 21-48) and two Gen2 shells of 28 x 120 (FCC 22-91, 525 and 530 km). */
export const SHELLS = [
  shell(550, 53, 72, 22),
  shell(540, 53.2, 72, 22),
  shell(570, 70, 36, 20),
  shell(560, 97.6, 6, 58),
  shell(525, 53, 28, 120),
  shell(530, 43, 28, 120),
];

/** The six shells as a noisy catalog (seed 1): the structure and catalog-scale benches share it. */
export function syntheticBenchCatalog(): ReturnType<typeof syntheticCatalog> {
  return syntheticCatalog(
    SHELLS.map((w) => ({ walker: w, operator: "SYNTH" })),
    { rng: mulberry32(1), raanNoiseDeg: 0.2, meanAnomalyNoiseDeg: 2, epochSpreadDays: 2 },
  );
}

function median(xs: number[]): number {
  const v = [...xs].sort((a, b) => a - b);
  return v[v.length >> 1]!;
}

function propagateAll(sats: readonly SatelliteElements[], tUnixMs: number, pos: Float64Array): void {
  for (let i = 0; i < sats.length; i++)
    sgp4Into(sats[i]!.satrec, (tUnixMs - sats[i]!.epochUnixMs) / MS_PER_MIN, pos, null, 3 * i);
}

function gridPairs(sats: readonly SatelliteElements[]): number {
  const parts = shellsFromStructure(sats, inferStructure(sats), { name: "b", firstIndex: 0, settings: {} });
  let n = 0;
  for (const sh of parts.shells)
    if (sh.structure?.kind === "inferred") n += inferredGridPairs(sh, sh.structure).length;
  return n;
}

export async function run(ctx: BenchContext): Promise<BenchReport> {
  const rounds = ctx.quick ? 3 : 9;
  const catalogs: { label: string; sats: SatelliteElements[]; planes?: number }[] = [];
  const real = join(packageRoot(), "..", "shared", "catalogs", "starlink-2023-07-18.3le");
  if (existsSync(real))
    catalogs.push({
      label: "Starlink 2023-07-18 snapshot",
      sats: parseTleText(readFileSync(real, "utf8"), { file: real, shell: "s", firstIndex: 0 }),
    });
  else ctx.log("structure: ../shared/catalogs absent, only the synthetic catalog is timed");
  const synth = syntheticBenchCatalog();
  catalogs.push({
    label: "synthetic, 6 shells",
    sats: synth.satellites,
    planes: SHELLS.reduce((n, w) => n + w.planes, 0),
  });

  const rows: Row[] = [];
  const summary: string[] = [];
  for (const cat of catalogs) {
    const n = cat.sats.length;
    const pos = new Float64Array(3 * n);
    const t = Date.parse(EPOCH);
    const inferMs: number[] = [];
    const gridMs: number[] = [];
    const baseMs: number[] = [];
    let planesFound = 0;
    // Warm-up, then rounds interleaving baseline and measured work.
    inferStructure(cat.sats);
    propagateAll(cat.sats, t, pos);
    for (let r = 0; r < rounds; r++) {
      let t0 = performance.now();
      propagateAll(cat.sats, t + r * 1000, pos);
      baseMs.push(performance.now() - t0);
      t0 = performance.now();
      const st = inferStructure(cat.sats);
      inferMs.push(performance.now() - t0);
      planesFound = st.shells.reduce((k, s) => k + s.planes.length, 0);
      t0 = performance.now();
      gridPairs(cat.sats);
      gridMs.push(performance.now() - t0);
    }
    if (cat.planes !== undefined && planesFound !== cat.planes)
      throw new Error(
        `structure bench: found ${planesFound} planes of ${cat.planes} in the synthetic catalog`,
      );
    const row = {
      catalog: cat.label,
      satellites: n,
      planesFound,
      inferMs: median(inferMs),
      inferAndGridMs: median(gridMs),
      oneSgp4TickMs: median(baseMs),
      inferOverTick: median(inferMs) / median(baseMs),
    };
    rows.push(row);
    summary.push(
      `${n} sats (${cat.label}): infer ${row.inferMs.toFixed(1)} ms, +Grid pairs incl. infer ${row.inferAndGridMs.toFixed(1)} ms, ${row.inferOverTick.toFixed(1)}x one SGP4 tick`,
    );
  }
  ctx.log(formatTable(rows));
  const resultFile = join(ctx.resultsDir, "structure.json");
  writeFileAtomic(resultFile, `${JSON.stringify({ rounds, rows }, null, 2)}\n`);
  return { summary, resultFile };
}
