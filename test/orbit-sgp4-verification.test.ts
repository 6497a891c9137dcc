/**
 * SGP4 against Vallado's verification vectors (Vallado, Crawford, Hujsak, Kelso, "Revisiting
 * Spacetrack Report #3", AIAA 2006-6753), read from ../shared/sgp4-verification.
 *
 * The reference output tcppver.out was produced by Vallado's C++ driver (testcpp.cpp, opsmode 'i',
 * WGS-72). Its loop, reproduced by `driverTimes` below, prints t = 0 first, then steps from start to
 * stop (clamping the last step to stop) and stops at the first SGP4 error. One quirk of that driver:
 * when SGP4 fails already at t = 0 (case 33334), it still prints its position buffers, which hold the
 * previous case's last state. That line is not a state of the satellite; the test recognises it by
 * comparing it with the previous case's last line and counts it separately.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type SatRec, twoline2satrec } from "satellite.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SatelliteElements, satrecEpochUnixMs } from "../src/orbit/elements.js";
import { gmstRad } from "../src/orbit/frames.js";
import { ConstellationPropagator, SGP4_OK, sgp4Into } from "../src/orbit/propagate.js";

const VER_DIR = fileURLToPath(new URL("../../shared/sgp4-verification/", import.meta.url));
const TLE_PATH = `${VER_DIR}SGP4-VER.TLE`;
const OUT_PATH = `${VER_DIR}tcppver.out`;
const present = existsSync(TLE_PATH) && existsSync(OUT_PATH);

/** From ../shared/sgp4-verification/README.md. */
const REFERENCE_CASES = 33;
const REFERENCE_STATES = 667;
const ERROR_CASES = 7;

/**
 * The error codes the seven failing cases end with, in file order (22312, 28350, 28872, 29141, 33333,
 * 33334, 20413), as listed in the expected-errors list of python-sgp4's tcppver.out test (sgp4/tests.py):
 * eccentricity out of range (1) twice, decayed (6) twice, semi-latus rectum < 0 (4), perturbed
 * eccentricity (3), decayed (6).
 */
const EXPECTED_ERROR_CODES = [1, 1, 6, 6, 4, 3, 6];

/** 1 mm, in km. */
const POSITION_TOL_KM = 1e-6;
/** 1 mm/s, in km/s. */
const VELOCITY_TOL_KM_S = 1e-6;

interface VerCase {
  satnum: string;
  line1: string;
  line2: string;
  startMin: number;
  stopMin: number;
  stepMin: number;
}

/** A reference line: minutes since epoch, position (km), velocity (km/s), all TEME. */
type RefRow = [number, number, number, number, number, number, number];

function parseTleFile(text: string): VerCase[] {
  const lines = text.split(/\r?\n/).filter((l) => l.startsWith("1 ") || l.startsWith("2 "));
  const cases: VerCase[] = [];
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const line1 = lines[i]!;
    const line2Full = lines[i + 1]!;
    // Columns 1-69 are the TLE; after column 69 come start, stop and step in minutes since epoch.
    const [startMin, stopMin, stepMin] = line2Full.slice(69).trim().split(/\s+/).map(Number);
    if (!line1.startsWith("1 ") || !line2Full.startsWith("2 ") || stepMin === undefined)
      throw new Error(`SGP4-VER.TLE: malformed pair at TLE line ${i + 1}`);
    cases.push({
      satnum: line1.slice(2, 7).trim(),
      line1,
      line2: line2Full.slice(0, 69),
      startMin: startMin!,
      stopMin: stopMin!,
      stepMin,
    });
  }
  return cases;
}

function parseReference(text: string): { satnum: string; rows: RefRow[] }[] {
  const out: { satnum: string; rows: RefRow[] }[] = [];
  for (const line of text.split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f[1] === "xx") out.push({ satnum: f[0]!, rows: [] });
    else if (f.length >= 7 && out.length > 0)
      out[out.length - 1]!.rows.push(f.slice(0, 7).map(Number) as RefRow);
  }
  return out;
}

/** The instants (minutes since epoch) Vallado's testcpp.cpp driver evaluates, in order. */
function driverTimes(c: VerCase): number[] {
  const times = [0];
  let t = c.startMin;
  if (Math.abs(t) > 1e-8) t -= c.stepMin;
  while (t < c.stopMin) {
    t += c.stepMin;
    if (t > c.stopMin) t = c.stopMin;
    times.push(t);
  }
  return times;
}

const sameRow = (a: RefRow, b: RefRow) => a.slice(1).every((v, k) => v === b[k + 1]);

describe.skipIf(!present)("SGP4 verification vectors (Vallado AIAA 2006-6753)", () => {
  const cases = present ? parseTleFile(readFileSync(TLE_PATH, "utf8")) : [];
  const reference = present ? parseReference(readFileSync(OUT_PATH, "utf8")) : [];

  it("reads all 33 cases and 667 reference lines", () => {
    expect(cases.length).toBe(REFERENCE_CASES);
    expect(reference.length).toBe(REFERENCE_CASES);
    expect(reference.reduce((n, r) => n + r.rows.length, 0)).toBe(REFERENCE_STATES);
    expect(reference.map((r) => Number(r.satnum))).toEqual(cases.map((c) => Number(c.satnum)));
  });

  it("sgp4Into matches every reference state within 1 mm and ends the 7 error cases in an error code", () => {
    const pos = new Float64Array(3);
    const vel = new Float64Array(3);
    let compared = 0;
    let staleLines = 0;
    let maxPosErrKm = 0;
    let maxVelErrKmS = 0;
    const errorCodes: number[] = [];
    cases.forEach((c, ci) => {
      const rows = reference[ci]!.rows;
      const satrec = twoline2satrec(c.line1, c.line2);
      const times = driverTimes(c);
      let j = 0;
      let code = SGP4_OK;
      for (const t of times) {
        code = sgp4Into(satrec, t, pos, vel, 0);
        if (code !== SGP4_OK) {
          // An error is a value, not a state: the output must be NaN, never a stale position.
          expect(Number.isNaN(pos[0]!) && Number.isNaN(vel[0]!)).toBe(true);
          errorCodes.push(code);
          break;
        }
        const row = rows[j++];
        expect(row, `case ${c.satnum}: a state at t=${t} min that the reference does not have`).toBeDefined();
        expect(row![0]).toBeCloseTo(t, 6);
        const dr = Math.hypot(pos[0]! - row![1], pos[1]! - row![2], pos[2]! - row![3]);
        const dv = Math.hypot(vel[0]! - row![4], vel[1]! - row![5], vel[2]! - row![6]);
        expect(dr, `case ${c.satnum} t=${t} min position error (km)`).toBeLessThanOrEqual(POSITION_TOL_KM);
        expect(dv, `case ${c.satnum} t=${t} min velocity error (km/s)`).toBeLessThanOrEqual(
          VELOCITY_TOL_KM_S,
        );
        maxPosErrKm = Math.max(maxPosErrKm, dr);
        maxVelErrKmS = Math.max(maxVelErrKmS, dv);
        compared++;
      }
      if (code !== SGP4_OK && j === 0) {
        // Failed at t = 0: the driver printed its stale buffers (the previous case's last line).
        expect(rows.length).toBe(1);
        const prev = reference[ci - 1]!.rows;
        expect(sameRow(rows[0]!, prev[prev.length - 1]!)).toBe(true);
        staleLines++;
      } else {
        // Every reference line was reproduced, and we stopped exactly where the driver did.
        expect(j, `case ${c.satnum}: states produced before stopping`).toBe(rows.length);
      }
      // A case ends in error exactly when the reference stops short of its stop time.
      const refLast = rows[rows.length - 1]![0];
      expect(code !== SGP4_OK, `case ${c.satnum} ends in error`).toBe(j === 0 || refLast < c.stopMin - 1e-6);
    });
    expect(compared + staleLines).toBe(REFERENCE_STATES);
    expect(staleLines).toBe(1);
    expect(compared).toBe(REFERENCE_STATES - 1);
    expect(errorCodes.length).toBe(ERROR_CASES);
    expect(errorCodes).toEqual(EXPECTED_ERROR_CODES);
    // Printed resolution of the reference is 1e-8 km and 1e-9 km/s; we should be near that.
    expect(maxPosErrKm).toBeLessThan(POSITION_TOL_KM);
    expect(maxVelErrKmS).toBeLessThan(VELOCITY_TOL_KM_S);
  });

  /**
   * ConstellationPropagator at whole-millisecond instants. The engines take Unix ms (the wasm one a JS
   * Date, 1 ms resolution), while TLE epochs are given to 1e-8 day (0.864 ms), so epoch + t is not a
   * whole millisecond. Fixture: each satellite's time origin is moved to the nearest whole ms before
   * the propagator is built (satrec.jdsatepoch is only used to turn dates into minutes since epoch;
   * SGP4's own initialisation has already run), so reference instants become whole ms. The one case
   * whose step is not whole ms (22312, t = 54.2028672 + 20k min) is then at most 0.5 ms off; that
   * residual is moved with the reference velocity, r(t') = r(t) + v (t' - t) (a LEO orbit, a (t'-t)^2/2
   * < 1e-9 km). The reference is rotated to ECEF with our GMST at t'.
   *
   * - js engine: tsince from the same whole-ms epoch, so it reproduces the reference to ~1 mm; the
   *   tolerance, 5 mm, leaves room for float rounding of tsince and the 22312 extrapolation.
   * - wasm engine: converts the Date to a Julian date (one double near 2.45e6 days, spacing 2^-31 day
   *   = 40 us) and subtracts the epoch Julian date (also one double, rounded from the whole ms): the
   *   time error is up to ~1.5 x 40 us = 60 us, 0.6 m at the fastest reference states (~10 km/s at
   *   perigee). Tolerance: 1 m (observed max 0.3 m). GMST from the rounded date differs by < 3e-9 rad,
   *   < 0.2 mm at GEO.
   *   Exception: case 33333 (e = 0.995, built to fail with a negative semi-latus rectum at 25 min) is
   *   ill-conditioned near its failure: the C++ build's libm (musl under emscripten) and V8's
   *   Math.sin/cos/pow differ in the last bit and that is amplified to metres (observed 9.7 m at
   *   t = 20 min, where its speed is only ~1 km/s, so time resolution explains < 0.1 m). It gets 20 m.
   */
  const engines = ["js", "wasm"] as const;
  const tolKm = { js: 5e-6, wasm: 1e-3 };
  const ILL_CONDITIONED_CASE = "33333";
  for (const engine of engines) {
    describe(`ConstellationPropagator (${engine}) at whole milliseconds`, () => {
      let prop: ConstellationPropagator;
      let sats: SatelliteElements[];
      beforeAll(async () => {
        sats = cases.map((c, i) => {
          const satrec: SatRec = twoline2satrec(c.line1, c.line2);
          const epochUnixMs = Math.round(satrecEpochUnixMs(satrec));
          satrec.jdsatepoch = epochUnixMs / 86_400_000 + 2_440_587.5;
          return {
            index: i,
            name: `VER-${c.satnum}`,
            noradId: Number(c.satnum),
            shell: "sgp4-verification",
            plane: -1,
            slot: -1,
            satrec,
            epochUnixMs,
            source: "tle",
          };
        });
        prop = await ConstellationPropagator.create(sats, { engine });
      });
      afterAll(() => prop?.dispose());

      it(`matches every reference state within ${tolKm[engine] * 1e3} m in ECEF`, () => {
        expect(prop.engine).toBe(engine);
        let compared = 0;
        let maxErrKm = 0;
        let regular = 0;
        cases.forEach((c, i) => {
          const rows = reference[i]!.rows;
          if (isStale(i)) return; // the stale line, see above
          const epochMs = sats[i]!.epochUnixMs;
          for (const row of rows) {
            const tsinceMs = row[0] * 60_000;
            const tUnixMs = epochMs + Math.round(tsinceMs);
            const dtS = (Math.round(tsinceMs) - tsinceMs) / 1000;
            const x = row[1] + row[4] * dtS;
            const y = row[2] + row[5] * dtS;
            const z = row[3] + row[6] * dtS;
            const g = gmstRad(tUnixMs);
            const cg = Math.cos(g);
            const sg = Math.sin(g);
            const st = prop.at(tUnixMs);
            expect(st.errors[i], `case ${c.satnum} t=${row[0]}`).toBe(SGP4_OK);
            const e = st.ecef;
            const err = Math.hypot(
              e[3 * i]! - (cg * x + sg * y),
              e[3 * i + 1]! - (-sg * x + cg * y),
              e[3 * i + 2]! - z,
            );
            const tol = engine === "wasm" && c.satnum === ILL_CONDITIONED_CASE ? 20e-3 : tolKm[engine];
            expect(err, `case ${c.satnum} t=${row[0]} min ECEF error (km)`).toBeLessThanOrEqual(tol);
            if (c.satnum !== ILL_CONDITIONED_CASE) {
              maxErrKm = Math.max(maxErrKm, err);
              regular++;
            }
            compared++;
          }
        });
        expect(compared).toBe(REFERENCE_STATES - 1);
        console.info(
          `${engine} engine: ${compared} states compared; max ECEF error ${(maxErrKm * 1e6).toFixed(3)} mm over the ${regular} outside case ${ILL_CONDITIONED_CASE}`,
        );
      });

      it("reports the error cases as error codes with NaN positions", () => {
        let errored = 0;
        cases.forEach((c, i) => {
          const rows = reference[i]!.rows;
          const stale = isStale(i);
          if (!stale && rows[rows.length - 1]![0] >= c.stopMin - 1e-6) return; // ran to its stop time
          // The driver instant right after the last reference state (t = 0 for the stale case).
          const tErr = stale ? 0 : driverTimes(c)[rows.length]!;
          const st = prop.at(sats[i]!.epochUnixMs + Math.ceil(tErr * 60_000));
          expect(st.errors[i], `case ${c.satnum} at t=${tErr} min`).not.toBe(SGP4_OK);
          expect(Number.isNaN(st.ecef[3 * i]!)).toBe(true);
          errored++;
        });
        expect(errored).toBe(ERROR_CASES);
      });
    });
  }

  /** Case i's only reference line is the driver's stale buffer (the previous case's last line). */
  function isStale(i: number): boolean {
    const rows = reference[i]!.rows;
    return rows.length === 1 && i > 0 && sameRow(rows[0]!, reference[i - 1]!.rows.at(-1)!);
  }
});

// Registered only when the data is absent: a describe.skipIf(present) still lists its it.skip as
// "skipped: reference data not found" while the data is there and the vectors above run.
if (!present)
  describe("SGP4 verification vectors", () => {
    it.skip(`skipped: reference data not found at ${VER_DIR} (needs ../shared/sgp4-verification)`, () => {});
  });
