/**
 * Land-mask benchmark (src/eo/land.ts): isLand calls per second at Natural Earth 1:50m and 1:110m,
 * on points uniform over the sphere by area (a survey's sub-satellite points are spread so).
 *
 * Baseline, same process and same points: the bounding-box pass alone (for each polygon, is the point
 * inside its box at L, L + 360 or L - 360), the part of the test every query pays before any polygon
 * test. Reported beside it: the mask as shipped (classification grid, then bbox + turf in coastal
 * cells) and the plain bbox + turf test without the grid, each as a ratio to the baseline's time.
 *
 * Then the survey plan (src/eo/survey.ts) of 24 h of constellations/eo-sso.yaml (48 satellites) and of
 * a 200-satellite 525 km SSO shell of our own (10 planes x 20), wall time against its own floor in the
 * same process: SGP4 alone (sgp4Into per satellite) at the same 10 s samples.
 */
import { dirname, join } from "node:path";
import { loadConstellation, loadConstellationText } from "../src/config/load.js";
import {
  type LandResolution,
  loadLandMask,
  polygonTest,
  prepareLand,
  readLandTopology,
} from "../src/eo/land.js";
import { SURVEY_DEFAULTS, surveyPlan } from "../src/eo/survey.js";
import type { Constellation } from "../src/orbit/constellation.js";
import { sgp4Into } from "../src/orbit/propagate.js";
import { MS_PER_MIN } from "../src/orbit/units.js";
import { writeFileAtomic } from "../src/util/atomic-write.js";
import type { BenchContext, BenchReport } from "./run.js";

function uniformPoints(n: number): { lat: Float64Array; lon: Float64Array } {
  let s = 12345;
  const rnd = () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    lat[i] = (Math.asin(2 * rnd() - 1) * 180) / Math.PI;
    lon[i] = 360 * rnd() - 180;
  }
  return { lat, lon };
}

/** Calls per second of f over the points (and how many were true, so the work is not optimised away). */
function rate(f: (lat: number, lon: number) => boolean, lat: Float64Array, lon: Float64Array, n: number) {
  let hits = 0;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) if (f(lat[i]!, lon[i]!)) hits++;
  const ms = performance.now() - t0;
  return { callsPerS: (n / ms) * 1000, ms, hits };
}

export async function run(ctx: BenchContext): Promise<BenchReport> {
  const n = ctx.quick ? 20_000 : 200_000;
  const nExact = ctx.quick ? 2_000 : 20_000;
  const { lat, lon } = uniformPoints(n);
  const results = [];
  const summary: string[] = [];
  for (const res of ["50m", "110m"] as LandResolution[]) {
    const t0 = performance.now();
    const mask = loadLandMask(res);
    const loadMs = performance.now() - t0;
    const land = prepareLand(readLandTopology(res));
    const { bboxes } = land;
    const m = bboxes.length / 4;
    const bboxOnly = (la: number, lo: number): boolean => {
      let any = 0;
      for (let i = 0; i < m; i++) {
        const k = 4 * i;
        if (la < bboxes[k + 1]! || la > bboxes[k + 3]!) continue;
        const x0 = bboxes[k]!;
        const x1 = bboxes[k + 2]!;
        if (
          (lo >= x0 && lo <= x1) ||
          (lo + 360 >= x0 && lo + 360 <= x1) ||
          (lo - 360 >= x0 && lo - 360 <= x1)
        )
          any++;
      }
      return any > 0;
    };
    const exact = polygonTest(land);
    rate(mask.isLand, lat, lon, Math.min(n, 10_000)); // warm-up
    const base = rate(bboxOnly, lat, lon, n);
    const shipped = rate(mask.isLand, lat, lon, n);
    const plain = rate(exact, lat, lon, nExact);
    const row = {
      resolution: res,
      points: n,
      loadMs,
      baselineBboxOnlyCallsPerS: base.callsPerS,
      isLandCallsPerS: shipped.callsPerS,
      isLandLandFraction: shipped.hits / n,
      plainBboxTurfCallsPerS: plain.callsPerS,
      isLandTimeOverBaseline: base.callsPerS / shipped.callsPerS,
      plainTimeOverBaseline: base.callsPerS / plain.callsPerS,
    };
    results.push(row);
    summary.push(
      `${res}: isLand ${(row.isLandCallsPerS / 1e6).toFixed(2)} M calls/s (${row.isLandTimeOverBaseline.toFixed(1)}x the bbox-only ` +
        `baseline's time, ${(row.baselineBboxOnlyCallsPerS / 1e6).toFixed(2)} M/s); without the grid ` +
        `${(row.plainBboxTurfCallsPerS / 1e3).toFixed(1)} k/s (${row.plainTimeOverBaseline.toFixed(0)}x); load ${row.loadMs.toFixed(0)} ms`,
    );
  }
  const root = dirname(dirname(ctx.resultsDir));
  const durationMs = (ctx.quick ? 2 : 24) * 3_600_000;
  const surveys = [];
  for (const c of [loadConstellation(join(root, "constellations", "eo-sso.yaml")), ssoShell200()]) {
    const startUnixMs = Date.parse(c.epoch);
    const t0 = performance.now();
    const plan = surveyPlan(c, { startUnixMs, durationMs });
    const planMs = performance.now() - t0;
    const floorMs = sgp4Floor(c, startUnixMs, durationMs);
    const row = {
      constellation: c.name,
      satellites: c.satellites.length,
      hours: durationMs / 3_600_000,
      planWallMs: planMs,
      sgp4FloorWallMs: floorMs,
      ratioToFloor: planMs / floorMs,
      captures: plan.captures.reduce((a, x) => a + x.length, 0),
      ...plan.stats,
    };
    surveys.push(row);
    summary.push(
      `survey ${row.constellation} (${row.satellites} sats, ${row.hours} h): ${(planMs / 1000).toFixed(2)} s wall, ` +
        `${row.ratioToFloor.toFixed(1)}x its SGP4-only floor (${(floorMs / 1000).toFixed(2)} s); ${row.captures} captures`,
    );
  }
  const resultFile = join(ctx.resultsDir, "eo-land.json");
  writeFileAtomic(resultFile, `${JSON.stringify({ quick: ctx.quick, results, surveys }, null, 2)}\n`);
  return { summary, resultFile };
}

/** SGP4 alone for every satellite at the survey's sample instants: the plan's propagation floor. */
function sgp4Floor(c: Constellation, startUnixMs: number, durationMs: number): number {
  const pos = new Float64Array(3 * c.satellites.length);
  const t0 = performance.now();
  for (let t = startUnixMs; t < startUnixMs + durationMs; t += SURVEY_DEFAULTS.sampleS * 1000)
    c.satellites.forEach((s, i) => {
      sgp4Into(s.satrec, (t - s.epochUnixMs) / MS_PER_MIN, pos, null, 3 * i);
    });
  return performance.now() - t0;
}

/** 200 satellites, 10 planes x 20 at 525 km, 97.5 deg (sun-synchronous there), Dove-class cameras. */
function ssoShell200(): Constellation {
  return loadConstellationText(
    [
      "name: sso-200",
      'epoch: "2026-01-01T00:00:00Z"',
      "shells:",
      "  - name: s",
      "    walker: { altitudeKm: 525, inclinationDeg: 97.5, planes: 10, satsPerPlane: 20, phasing: 1, raanSpreadDeg: 180, eccentricity: 0.0001, raanOffsetDeg: 78.3 }",
      "    eo: { sensor: { preset: dove, swathKm: 27.2, sceneLengthKm: 18.1 } }",
    ].join("\n"),
    "sso-200.yaml",
  );
}
