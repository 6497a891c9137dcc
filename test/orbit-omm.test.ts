/**
 * OMM JSON reader: CelesTrak (numbers) and Space-Track (strings) styles, validation errors naming file,
 * array index, field and value, and SGP4 states against Vallado's verification vector for case 00005.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sgp4 } from "satellite.js";
import { describe, expect, it } from "vitest";
import { parseOmmJson } from "../src/orbit/omm.js";
import { expectInputError } from "./expect-input-error.js";

const opts = { file: "gp.json", shell: "omm", firstIndex: 5 };
const DEG = 180 / Math.PI;

/**
 * Vallado case 00005 (SGP4-VER.TLE) written as OMM by hand: epoch 2000 day 179.78495062 =
 * 27 June 2000 (leap year: 31+29+31+30+31 = 152 days to 31 May; 179 - 152 = 27 June), 0.78495062 d =
 * 18:50:19.733568; BSTAR 0.28098e-4; ndot 0.00000023 rev/day^2.
 */
const case5 = {
  OBJECT_NAME: "VANGUARD 1",
  OBJECT_ID: "1958-002B",
  EPOCH: "2000-06-27T18:50:19.733568",
  MEAN_MOTION: 10.82419157,
  ECCENTRICITY: 0.1859667,
  INCLINATION: 34.2682,
  RA_OF_ASC_NODE: 348.7242,
  ARG_OF_PERICENTER: 331.7664,
  MEAN_ANOMALY: 19.3264,
  EPHEMERIS_TYPE: 0,
  CLASSIFICATION_TYPE: "U",
  NORAD_CAT_ID: 5,
  ELEMENT_SET_NO: 475,
  REV_AT_EPOCH: 41366,
  BSTAR: 0.28098e-4,
  MEAN_MOTION_DOT: 0.00000023,
  MEAN_MOTION_DDOT: 0,
};

describe("parseOmmJson", () => {
  it("reads a CelesTrak-style array; fields carried into the satrec", () => {
    const sats = parseOmmJson(JSON.stringify([case5, { ...case5, NORAD_CAT_ID: 6, OBJECT_NAME: "B" }]), opts);
    expect(sats.map((s) => [s.index, s.noradId, s.name, s.source])).toEqual([
      [5, 5, "VANGUARD 1", "omm"],
      [6, 6, "B", "omm"],
    ]);
    const s = sats[0]!;
    expect(s.satrec.inclo * DEG).toBeCloseTo(34.2682, 10);
    expect(s.satrec.ecco).toBe(0.1859667);
    expect(s.epochUnixMs).toBeCloseTo(Date.UTC(2000, 5, 27, 18, 50, 19, 733.568), 0);
  });

  const outFile = join(import.meta.dirname, "../../shared/sgp4-verification/tcppver.out");
  it.skipIf(!existsSync(outFile))("matches Vallado's reference states for case 00005 (0 and 360 min)", () => {
    const s = parseOmmJson(JSON.stringify(case5), opts)[0]!;
    const lines = readFileSync(outFile, "utf8").split(/\r?\n/);
    for (const row of [lines[1]!, lines[2]!]) {
      const ref = row.trim().split(/\s+/).map(Number);
      const pv = sgp4(s.satrec, ref[0]!)!;
      // OMM epochs carry microseconds, TLE epochs 1e-8 day (0.86 ms): a few metres at most.
      expect(Math.abs(pv.position.x - ref[1]!)).toBeLessThan(0.01);
      expect(Math.abs(pv.position.y - ref[2]!)).toBeLessThan(0.01);
      expect(Math.abs(pv.position.z - ref[3]!)).toBeLessThan(0.01);
    }
  });

  it("accepts Space-Track style numeric strings and a single object", () => {
    const asStrings = Object.fromEntries(
      Object.entries(case5).map(([k, v]) => [k, typeof v === "number" ? String(v) : v]),
    );
    const [a] = parseOmmJson(JSON.stringify(asStrings), opts);
    const [b] = parseOmmJson(JSON.stringify(case5), opts);
    expect(a!.satrec.no).toBe(b!.satrec.no);
    expect(a!.noradId).toBe(5);
  });

  it("missing field: names file, index and field", () => {
    const { MEAN_MOTION: _, ...noMm } = case5;
    expectInputError(
      () => parseOmmJson(JSON.stringify([case5, noMm]), opts),
      "gp.json",
      "field [1].MEAN_MOTION",
      /missing/,
    );
  });

  it("wrong type and out-of-range values: names field and value", () => {
    expectInputError(
      () => parseOmmJson(JSON.stringify([{ ...case5, INCLINATION: "abc" }]), opts),
      "field [0].INCLINATION",
      'value "abc"',
    );
    expectInputError(
      () => parseOmmJson(JSON.stringify([{ ...case5, ECCENTRICITY: 1.2 }]), opts),
      "field [0].ECCENTRICITY",
      "value 1.2",
      /\[0, 1\)/,
    );
    expectInputError(
      () => parseOmmJson(JSON.stringify({ ...case5, MEAN_MOTION: 0 }), opts),
      "field MEAN_MOTION",
      "value 0",
    );
    expectInputError(
      () => parseOmmJson(JSON.stringify([{ ...case5, EPOCH: "27/06/2000" }]), opts),
      "field [0].EPOCH",
      'value "27/06/2000"',
    );
    expectInputError(
      () => parseOmmJson(JSON.stringify([{ ...case5, REF_FRAME: "GCRF" }]), opts),
      "field [0].REF_FRAME",
    );
  });

  it("not JSON, or not an object", () => {
    expectInputError(() => parseOmmJson("[{", opts), "gp.json", /not valid JSON/);
    expectInputError(() => parseOmmJson("[1]", opts), "field [0]", /JSON object/);
  });
});
