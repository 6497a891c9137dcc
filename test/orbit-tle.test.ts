/**
 * TLE / 3LE reader: column and checksum validation, name lines, and SGP4 states against Vallado's
 * verification vectors (../shared/sgp4-verification).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sgp4 } from "satellite.js";
import { describe, expect, it } from "vitest";
import { parseTleText } from "../src/orbit/tle.js";
import { expectInputError } from "./expect-input-error.js";

// The canonical ISS example of the format's documentation (Wikipedia "Two-line element set",
// CelesTrak): epoch 2008 day 264.51782528, checksums 7 and 7.
const ISS_L1 = "1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927";
const ISS_L2 = "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537";
const opts = { file: "sats.tle", shell: "test", firstIndex: 10 };
const DEG = 180 / Math.PI;

/** Checksum per the format spec, written independently of src/orbit/tle.ts. */
function fixChecksum(line: string): string {
  const body = line.slice(0, 68);
  let s = 0;
  for (const ch of body) s += ch === "-" ? 1 : /\d/.test(ch) ? Number(ch) : 0;
  return body + String(s % 10);
}

describe("parseTleText: well-formed input", () => {
  it("reads a 3LE with comments and blank lines; fields match the text", () => {
    const text = `# a comment\n\nISS (ZARYA)\n${ISS_L1}\n${ISS_L2}\n\n`;
    const [s, ...rest] = parseTleText(text, opts);
    expect(rest).toHaveLength(0);
    expect(s!.name).toBe("ISS (ZARYA)");
    expect(s!.noradId).toBe(25544);
    expect(s!.index).toBe(10);
    expect(s!.shell).toBe("test");
    expect([s!.plane, s!.slot, s!.source]).toEqual([-1, -1, "tle"]);
    expect(s!.satrec.inclo * DEG).toBeCloseTo(51.6416, 10);
    expect(s!.satrec.nodeo * DEG).toBeCloseTo(247.4627, 10);
    expect(s!.satrec.ecco).toBeCloseTo(0.0006703, 12);
    expect(s!.satrec.bstar).toBeCloseTo(-0.11606e-4, 12);
    // 2008 is a leap year: day 264 is 20 September; 0.51782528 d = 12:25:40.104 (hand computed).
    expect(s!.epochUnixMs).toBeCloseTo(Date.UTC(2008, 8, 20, 12, 25, 40, 104), -1);
  });

  it("reads bare TLE pairs, Space-Track '0 NAME' lines and CRLF line ends", () => {
    const text = `0 ISS\r\n${ISS_L1}\r\n${ISS_L2}\r\n${ISS_L1}\r\n${ISS_L2}\r\n`;
    const sats = parseTleText(text, { ...opts, firstIndex: 0 });
    expect(sats.map((s) => s.name)).toEqual(["ISS", "test-25544"]);
    expect(sats.map((s) => s.index)).toEqual([0, 1]);
  });

  it("decodes Alpha-5 catalogue numbers (A0001 = 100001)", () => {
    const l1 = fixChecksum(ISS_L1.replace("25544U", "A0001U"));
    const l2 = fixChecksum(ISS_L2.replace("2 25544", "2 A0001"));
    expect(parseTleText(`${l1}\n${l2}`, opts)[0]!.noradId).toBe(100_001);
  });

  const verFile = join(import.meta.dirname, "../../shared/sgp4-verification/SGP4-VER.TLE");
  const outFile = join(import.meta.dirname, "../../shared/sgp4-verification/tcppver.out");
  const haveShared = existsSync(verFile) && existsSync(outFile);
  it.skipIf(!haveShared)(
    "reads Vallado's 33 verification sets: 30 valid, the 3 hand-edited error cases fail their checksum",
    () => {
      const lines = readFileSync(verFile, "utf8").split(/\r?\n/);
      const ok: number[] = [];
      const bad: number[] = [];
      for (let i = 0; i < lines.length; i++) {
        if (!lines[i]!.startsWith("1 ")) continue;
        // Line 2 of this file carries start/stop/step after column 69: not part of the TLE.
        const pair = `${lines[i]}\n${lines[i + 1]!.slice(0, 69)}`;
        try {
          ok.push(parseTleText(pair, opts)[0]!.noradId);
        } catch (e) {
          expect((e as Error).message).toMatch(/checksum/);
          bad.push(Number(lines[i]!.slice(2, 7)));
        }
      }
      expect(ok).toHaveLength(30);
      expect(bad).toEqual([33333, 33334, 33335]);
      // First reference state of case 00005 (tcppver.out, t = 0 min): TEME km.
      const ref = readFileSync(outFile, "utf8").split(/\r?\n/)[1]!.trim().split(/\s+/).map(Number);
      const first = lines.findIndex((l) => l.startsWith("1 00005"));
      const s = parseTleText(`${lines[first]}\n${lines[first + 1]!.slice(0, 69)}`, opts)[0]!;
      const pv = sgp4(s.satrec, 0)!;
      expect(pv.position.x).toBeCloseTo(ref[1]!, 6);
      expect(pv.position.y).toBeCloseTo(ref[2]!, 6);
      expect(pv.position.z).toBeCloseTo(ref[3]!, 6);
    },
  );
});

describe("parseTleText: bad input names file, line, field and value", () => {
  it("wrong checksum", () => {
    const bad = `${ISS_L2.slice(0, 68)}0`;
    const e = expectInputError(
      () => parseTleText(`ISS\n${ISS_L1}\n${bad}\n`, opts),
      "sats.tle:3:69",
      "line 2 checksum",
      'value "0"',
      /says 0, the line sums to 7/,
    );
    expect(e.location.line).toBe(3);
  });

  it("short line", () => {
    expectInputError(
      () => parseTleText(`${ISS_L1.slice(0, 60)}\n${ISS_L2}`, opts),
      "sats.tle:1",
      "line 1 length",
      /69 characters, this one has 60/,
    );
  });

  it("a shifted column", () => {
    // Inclination written one column to the left: the blank at column 17 is now a digit.
    const shifted = fixChecksum(ISS_L2.replace(" 51.6416 247", " 51.64160247"));
    expectInputError(() => parseTleText(`${ISS_L1}\n${shifted}`, opts), "sats.tle:2:17", "column 17");
  });

  it("malformed exponent field (BSTAR)", () => {
    const l1 = fixChecksum(ISS_L1.replace("-11606-4", "-1160E-4"));
    expectInputError(
      () => parseTleText(`${l1}\n${ISS_L2}`, opts),
      "sats.tle:1:54",
      "line 1 BSTAR drag term",
      'value "-1160E-4"',
    );
  });

  it("catalog numbers of the two lines differ", () => {
    const l2 = fixChecksum(ISS_L2.replace("2 25544", "2 25545"));
    expectInputError(
      () => parseTleText(`${ISS_L1}\n${l2}`, opts),
      "sats.tle:2:3",
      "line 2 catalog number",
      'value "25545"',
    );
  });

  it("inclination above 180 deg", () => {
    const l2 = fixChecksum(ISS_L2.replace(" 51.6416", "190.0000"));
    expectInputError(
      () => parseTleText(`${ISS_L1}\n${l2}`, opts),
      "sats.tle:2:9",
      "line 2 inclination",
      'value "190.0000"',
    );
  });

  it("eccentricity with an explicit decimal point", () => {
    const l2 = fixChecksum(ISS_L2.replace("0006703", ".000670"));
    expectInputError(() => parseTleText(`${ISS_L1}\n${l2}`, opts), "line 2 eccentricity", 'value ".000670"');
  });

  it("zero mean motion", () => {
    const l2 = fixChecksum(ISS_L2.replace("15.72125391", " 0.00000000"));
    expectInputError(() => parseTleText(`${ISS_L1}\n${l2}`, opts), "sats.tle:2:53", "line 2 mean motion");
  });

  it("epoch day 367", () => {
    const l1 = fixChecksum(ISS_L1.replace("08264.", "08367."));
    expectInputError(
      () => parseTleText(`${ISS_L1}\n${ISS_L2}\n${l1}\n${ISS_L2}`, opts),
      "sats.tle:3:21",
      "epoch day",
    );
  });

  it("line 2 missing, or line 2 where line 1 belongs", () => {
    expectInputError(() => parseTleText(`${ISS_L1}\n`, opts), "sats.tle:1", "not followed by line 2");
    expectInputError(
      () => parseTleText(`${ISS_L2}\n${ISS_L1}\n`, opts),
      "sats.tle:1:1",
      "expected TLE line 1",
    );
    expectInputError(() => parseTleText(`NAME\n`, opts), "sats.tle:1", "not followed by TLE line 1");
  });

  it("SGP4 rejects a sub-orbital element set (satrec.error after init)", () => {
    // Eccentricity 0.95 at 15.7 rev/day and mean anomaly 0: at epoch the satellite is at perigee,
    // a (1 - e) ~ 340 km from the Earth's centre, so sgp4init's closing sgp4(t = 0) reports decay.
    const l2 = fixChecksum(ISS_L2.replace("0006703", "9500000").replace("325.0288", "  0.0000"));
    expectInputError(() => parseTleText(`${ISS_L1}\n${l2}`, opts), "sats.tle:1", "SGP4 rejects", /decayed/);
  });
});
