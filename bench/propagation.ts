/**
 * Propagation benchmark: ECEF positions of every satellite per tick, at 1,584, 4,408 and 30,000
 * satellites, for ConstellationPropagator (wasm and js engines) against the plain satellite.js loop a
 * user would write (per tick `gstime(date)`, per satellite `propagate(satrec, date)` + `eciToEcf`,
 * written into a Float64Array), all in the same process.
 *
 * Satellites are synthetic Walker-delta shells built here with satellite.js `json2satrec` (circular,
 * no drag), independent of src/orbit/walker.ts. Each tick advances simulated time by 1 s. Per engine:
 * warm-up ticks, then timed ticks interleaved in rounds across engines (the machine is shared, so load
 * drift hits all alike); reported: median and p90 ms per tick, and the ratio of medians engine / plain
 * (< 1 is faster). Agreement with the plain loop is checked once per size (max coordinate difference),
 * so a fast wrong engine cannot pass unnoticed: the wasm engine does the plain loop's Julian-date
 * arithmetic and agrees to < 0.1 mm; the js engine takes minutes since epoch from Unix ms without the
 * Julian-date rounding (spacing 40 us) and differs from the plain loop by ~0.1 m at LEO speed.
 */
import { availableParallelism, cpus, platform, release } from "node:os";
import { join } from "node:path";
import { eciToEcf, gstime, json2satrec, propagate } from "satellite.js";
import { WGS72_MU_KM3_S2, WGS84_A_KM } from "../src/orbit/constants.js";
import { type SatelliteElements, satrecEpochUnixMs } from "../src/orbit/elements.js";
import { ConstellationPropagator, type PropagationEngine } from "../src/orbit/propagate.js";
import { formatTable, type Row } from "../src/report/table.js";
import { writeFileAtomic } from "../src/util/atomic-write.js";
import type { BenchContext, BenchReport } from "./run.js";

interface Shell {
  altitudeKm: number;
  inclinationDeg: number;
  planes: number;
  perPlane: number;
}

const EPOCH = "2025-01-01T00:00:00.000Z";

/** Constellation sizes and their shells (Starlink-like phase 1 for 4,408; a mega-shell set for 30,000). */
const SIZES: { count: number; label: string; shells: Shell[] }[] = [
  {
    count: 1_584,
    label: "Starlink shell 1",
    shells: [{ altitudeKm: 550, inclinationDeg: 53, planes: 72, perPlane: 22 }],
  },
  {
    count: 4_408,
    label: "Starlink phase 1",
    shells: [
      { altitudeKm: 550, inclinationDeg: 53, planes: 72, perPlane: 22 },
      { altitudeKm: 540, inclinationDeg: 53.2, planes: 72, perPlane: 22 },
      { altitudeKm: 570, inclinationDeg: 70, planes: 36, perPlane: 20 },
      { altitudeKm: 560, inclinationDeg: 97.6, planes: 6, perPlane: 58 },
      { altitudeKm: 560, inclinationDeg: 97.6, planes: 4, perPlane: 43 },
    ],
  },
  {
    count: 30_000,
    label: "synthetic mega-constellation",
    shells: [
      { altitudeKm: 340, inclinationDeg: 53, planes: 120, perPlane: 100 },
      { altitudeKm: 550, inclinationDeg: 43, planes: 100, perPlane: 90 },
      { altitudeKm: 1_100, inclinationDeg: 87.9, planes: 90, perPlane: 100 },
    ],
  },
];

function walkerSats(shells: Shell[]): SatelliteElements[] {
  const out: SatelliteElements[] = [];
  for (const sh of shells) {
    const aKm = WGS84_A_KM + sh.altitudeKm;
    const revPerDay = (Math.sqrt(WGS72_MU_KM3_S2 / aKm ** 3) * 86_400) / (2 * Math.PI);
    const total = sh.planes * sh.perPlane;
    for (let p = 0; p < sh.planes; p++)
      for (let s = 0; s < sh.perPlane; s++) {
        const index = out.length;
        const satrec = json2satrec({
          OBJECT_NAME: `BENCH-${index}`,
          OBJECT_ID: `BENCH-${index}`,
          EPOCH,
          MEAN_MOTION: revPerDay,
          ECCENTRICITY: 0.0001,
          INCLINATION: sh.inclinationDeg,
          RA_OF_ASC_NODE: (360 * p) / sh.planes,
          ARG_OF_PERICENTER: 0,
          // Walker phasing F = 1: plane p is offset by 360 F p / total.
          MEAN_ANOMALY: ((360 * s) / sh.perPlane + (360 * p) / total) % 360,
          NORAD_CAT_ID: 100_000 + index,
          ELEMENT_SET_NO: 999,
          BSTAR: 0.0001,
          MEAN_MOTION_DOT: 0,
          MEAN_MOTION_DDOT: 0,
        });
        out.push({
          index,
          name: `BENCH-${index}`,
          noradId: 100_000 + index,
          shell: `${sh.altitudeKm}km-${sh.inclinationDeg}deg`,
          plane: p,
          slot: s,
          satrec,
          epochUnixMs: satrecEpochUnixMs(satrec),
          source: "walker",
        });
      }
  }
  return out;
}

/** The baseline: what a satellite.js user writes for "ECEF of everyone at t". */
function plainTick(sats: readonly SatelliteElements[], date: Date, out: Float64Array): void {
  const gmst = gstime(date);
  for (let i = 0; i < sats.length; i++) {
    const pv = propagate(sats[i]!.satrec, date);
    if (pv === null) {
      out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = Number.NaN;
      continue;
    }
    const r = eciToEcf(pv.position, gmst);
    out[3 * i] = r.x;
    out[3 * i + 1] = r.y;
    out[3 * i + 2] = r.z;
  }
}

interface Timing {
  engine: string;
  count: number;
  ticks: number;
  medianMs: number;
  p90Ms: number;
  minMs: number;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** A per-tick function under test and the tick times it took. */
interface Contender {
  engine: string;
  tick: (k: number) => void;
  ms: number[];
}

/**
 * Time the contenders interleaved: after warm-up, `rounds` rounds each run `ticks / rounds` timed ticks
 * of every contender in turn, so drift in machine load (the machine is shared) hits all of them alike.
 */
function timeInterleaved(contenders: Contender[], warmup: number, ticks: number, rounds: number): void {
  let k = 0;
  for (const c of contenders) for (let w = 0; w < warmup; w++) c.tick(k++);
  const perRound = Math.ceil(ticks / rounds);
  for (let r = 0; r < rounds; r++)
    for (const c of contenders)
      for (let j = 0; j < perRound; j++) {
        const t0 = performance.now();
        c.tick(k++);
        c.ms.push(performance.now() - t0);
      }
}

function summarise(c: Contender, count: number): Timing {
  const ms = [...c.ms].sort((a, b) => a - b);
  return {
    engine: c.engine,
    count,
    ticks: ms.length,
    medianMs: quantile(ms, 0.5),
    p90Ms: quantile(ms, 0.9),
    minMs: ms[0]!,
  };
}

export async function run(ctx: BenchContext): Promise<BenchReport> {
  const results: (Timing & { ratioVsPlain: number; maxDiffVsPlainKm: number })[] = [];
  const summary: string[] = [];
  for (const size of SIZES) {
    const sats = walkerSats(size.shells);
    if (sats.length !== size.count)
      throw new Error(`bench: built ${sats.length} sats, expected ${size.count}`);
    // About 3 s of timed work per engine at the slowest (plain); at least 20 timed ticks.
    const ticks = ctx.quick ? 5 : Math.max(20, Math.round(300_000 / size.count));
    const warmup = ctx.quick ? 2 : Math.max(5, Math.round(ticks / 5));
    const t0 = Date.parse(EPOCH) + 3_600_000;
    const tickMs = 1_000;
    ctx.log(`${size.count} satellites (${size.label}): ${warmup} warm-up + ${ticks} timed ticks per engine`);
    const timings: [Timing, number][] = [];

    const plainOut = new Float64Array(3 * sats.length);
    const date = new Date(t0);
    const props: ConstellationPropagator[] = [];
    try {
      const engines: PropagationEngine[] = ["wasm", "js"];
      for (const engine of engines) props.push(await ConstellationPropagator.create(sats, { engine }));
      // Agreement with the plain loop at one instant (whole ms: the same instant for all paths).
      const tCheck = t0 + 12_345_000;
      date.setTime(tCheck);
      plainTick(sats, date, plainOut);
      const maxDiffKm = props.map((prop) => {
        const st = prop.at(tCheck);
        let maxDiff = 0;
        for (let i = 0; i < 3 * sats.length; i++)
          maxDiff = Math.max(maxDiff, Math.abs(st.ecef[i]! - plainOut[i]!));
        return maxDiff;
      });
      const contenders: Contender[] = [
        {
          engine: "plain satellite.js",
          ms: [],
          tick: (k) => {
            date.setTime(t0 + k * tickMs);
            plainTick(sats, date, plainOut);
          },
        },
        ...props.map((prop) => ({
          engine: `ours (${prop.engine})`,
          ms: [],
          tick: (k: number) => {
            prop.at(t0 + k * tickMs);
          },
        })),
      ];
      timeInterleaved(contenders, warmup, ticks, ctx.quick ? 1 : 5);
      const [plain, ...ours] = contenders.map((c) => summarise(c, sats.length));
      timings.push([plain!, 0]);
      for (const [j, t] of ours.entries()) timings.push([t, maxDiffKm[j]!]);
    } finally {
      for (const prop of props) prop.dispose();
    }
    const plain = timings[0]![0];
    for (const [t, maxDiff] of timings) {
      const ratio = t.medianMs / plain.medianMs;
      results.push({ ...t, ratioVsPlain: ratio, maxDiffVsPlainKm: maxDiff });
      if (t === plain) continue;
      summary.push(
        `${String(size.count).padStart(6)} sats, ${t.engine.padEnd(11)}: ${t.medianMs.toFixed(2)} ms/tick ` +
          `(plain ${plain.medianMs.toFixed(2)}), ours/plain ${ratio.toFixed(3)}`,
      );
    }
  }

  const rows: Row[] = results.map((r) => ({
    satellites: r.count,
    engine: r.engine,
    ticks: r.ticks,
    "median ms/tick": Number(r.medianMs.toFixed(3)),
    "p90 ms/tick": Number(r.p90Ms.toFixed(3)),
    "Msat/s": Number((r.count / r.medianMs / 1000).toFixed(2)),
    "ours/plain": Number(r.ratioVsPlain.toFixed(3)),
    "max |d| vs plain (m)": Number((r.maxDiffVsPlainKm * 1000).toFixed(4)),
  }));
  process.stdout.write(
    `\nECEF propagation per tick (median of timed ticks; ratio < 1 = faster than plain)\n`,
  );
  process.stdout.write(formatTable(rows));

  const resultFile = join(ctx.resultsDir, "propagation.json");
  const json = {
    benchmark: "propagation",
    date: new Date().toISOString(),
    quick: ctx.quick,
    machine: {
      node: process.version,
      platform: `${platform()} ${release()}`,
      cpu: cpus()[0]?.model ?? "unknown",
      parallelism: availableParallelism(),
    },
    tickMs: 1_000,
    results,
  };
  writeFileAtomic(resultFile, `${JSON.stringify(json, null, 2)}\n`);
  return { summary, resultFile };
}
