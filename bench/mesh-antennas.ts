/**
 * Ground-station antennas: the snapshot's cost with a finite antenna count against "unlimited" on
 * the same steps, in the same process, at 1,584 (starlink-shell1) and 29,988 satellites (the
 * synthetic Gen2 case of bench/mesh.ts), 100 cities. The builders' order rotates each step, so load
 * drift on this shared machine hits all alike. Unlimited takes the path that existed before
 * antennas (every satellite in view is pushed as found); a count collects the station's view into
 * typed arrays and keeps the best with a bounded heap (src/mesh/topology.ts). Each count's ground
 * links are checked: exactly min(count, in view) per station, so a fast wrong path shows.
 */
import { dirname, join } from "node:path";
import { loadConstellation } from "../src/config/load.js";
import { meshSettingsWithOverrides } from "../src/mesh/config.js";
import { TopologyBuilder } from "../src/mesh/topology.js";
import type { Constellation } from "../src/orbit/constellation.js";
import { ConstellationPropagator } from "../src/orbit/propagate.js";
import { formatTable, type Row } from "../src/report/table.js";
import { writeFileAtomic } from "../src/util/atomic-write.js";
import { syntheticConstellation } from "./mesh.js";
import type { BenchContext, BenchReport } from "./run.js";

const STEP_MS = 100;
const COUNTS = ["unlimited", "1", "4", "16"] as const;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

interface CaseResult {
  constellation: string;
  satellites: number;
  steps: number;
  /** Per antenna setting: median snapshot ms, its ratio to unlimited, ground links (directed) at the last step. */
  settings: { antennas: string; snapshotMs: number; overUnlimited: number; groundLinks: number }[];
  /** Stations whose link count was not min(antennas, in view) at some step (must be 0). */
  mismatches: number;
}

async function benchCase(c: Constellation, ctx: BenchContext): Promise<CaseResult> {
  const S = c.satellites.length;
  const G = c.groundStations.length;
  const builders = COUNTS.map((n) =>
    TopologyBuilder.forConstellation(c, meshSettingsWithOverrides(c, [`groundLinks.antennas=${n}`])),
  );
  using prop = await ConstellationPropagator.create(c.satellites, { engine: "wasm" });
  const big = S > 10_000;
  const warm = ctx.quick ? 2 : big ? 5 : 20;
  const steps = ctx.quick ? 5 : big ? 30 : 300;
  const times = COUNTS.map(() => [] as number[]);
  const gsl = COUNTS.map(() => 0);
  const inView = new Int32Array(G);
  let mismatches = 0;
  const t0 = Date.parse(c.epoch);
  for (let k = 0; k < warm + steps; k++) {
    const tUnixMs = t0 + k * STEP_MS;
    const ecef = prop.at(tUnixMs).ecef;
    for (let r = 0; r < COUNTS.length; r++) {
      const b = (r + k) % COUNTS.length;
      const a = performance.now();
      const snap = builders[b]!.build(tUnixMs, ecef);
      const e = performance.now();
      if (k >= warm) times[b]!.push(e - a);
      let links = 0;
      for (let g = 0; g < G; g++) {
        const n = snap.rowStart[S + g + 1]! - snap.rowStart[S + g]!;
        links += 2 * n;
        if (b === 0) inView[g] = n;
      }
      gsl[b] = links;
    }
    // Unlimited ran in this step too (whatever the order), so inView is this step's.
    for (let b = 1; b < COUNTS.length; b++) {
      const snap = builders[b]!.build(tUnixMs, ecef);
      const cap = Number(COUNTS[b]);
      for (let g = 0; g < G; g++)
        if (snap.rowStart[S + g + 1]! - snap.rowStart[S + g]! !== Math.min(cap, inView[g]!)) mismatches++;
    }
  }
  const base = median(times[0]!);
  const result: CaseResult = {
    constellation: c.name,
    satellites: S,
    steps,
    settings: COUNTS.map((n, b) => ({
      antennas: n,
      snapshotMs: median(times[b]!),
      overUnlimited: median(times[b]!) / base,
      groundLinks: gsl[b]!,
    })),
    mismatches,
  };
  ctx.log(
    `  ${c.name}: ${result.settings.map((s) => `${s.antennas} ${s.snapshotMs.toFixed(3)} ms`).join(", ")}; ${mismatches} mismatches`,
  );
  return result;
}

export async function run(ctx: BenchContext): Promise<BenchReport> {
  const root = dirname(dirname(ctx.resultsDir));
  const cases = [
    loadConstellation(join(root, "constellations", "starlink-shell1.yaml")),
    syntheticConstellation(root, "30k"),
  ];
  const results: CaseResult[] = [];
  for (const c of cases) {
    ctx.log(`  ${c.name}: ${c.satellites.length} satellites, ${c.groundStations.length} stations`);
    results.push(await benchCase(c, ctx));
  }
  const rows: Row[] = results.flatMap((r) =>
    r.settings.map((s) => ({
      constellation: r.constellation,
      satellites: r.satellites,
      antennas: s.antennas,
      "snapshot ms (p50)": s.snapshotMs,
      "/ unlimited": s.overUnlimited,
      "ground links": s.groundLinks,
      mismatches: r.mismatches,
    })),
  );
  process.stderr.write(formatTable(rows));
  const resultFile = join(ctx.resultsDir, "mesh-antennas.json");
  writeFileAtomic(
    resultFile,
    `${JSON.stringify({ node: process.version, quick: ctx.quick, results }, null, 2)}\n`,
  );
  return {
    summary: results.map(
      (r) =>
        `${r.satellites} sats: snapshot ${r.settings.map((s) => `${s.antennas} antennas ${s.snapshotMs.toFixed(3)} ms (${s.overUnlimited.toFixed(2)}x)`).join(", ")}; ${r.mismatches} mismatches`,
    ),
    resultFile,
  };
}
