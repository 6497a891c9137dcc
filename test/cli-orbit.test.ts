/**
 * The orbit commands end to end, through a real process: output shapes the issue fixes, and bad
 * input giving one clear line (file, field, value), exit status 2 and no stack trace.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, STACK_LINE } from "./cli-helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "constellate-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function expectUserError(args: string[], ...needles: string[]) {
  const r = runCli(args);
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr).not.toMatch(STACK_LINE);
  for (const n of needles) expect(r.stderr).toContain(n);
  return r;
}

describe("constellate passes/eclipses/positions/info output", () => {
  it("passes --format json is an array of { satellite, aos, tca, los, maxElevationDeg } with ISO UTC times", () => {
    const r = runCli([
      "passes",
      "constellations/starlink-shell1.yaml",
      "--station",
      "London",
      "--hours",
      "0.5",
      "--format",
      "json",
    ]);
    expect(r.status, r.stderr).toBe(0);
    const passes = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(passes.length).toBeGreaterThan(0);
    for (const p of passes) {
      expect(typeof p.satellite).toBe("number");
      for (const k of ["aos", "tca", "los"]) expect(p[k]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(Date.parse(p.aos as string)).toBeLessThanOrEqual(Date.parse(p.tca as string));
      expect(Date.parse(p.tca as string)).toBeLessThanOrEqual(Date.parse(p.los as string));
      // London's mask in starlink-shell1.yaml is 25 deg; nothing below it is a pass.
      expect(p.maxElevationDeg as number).toBeGreaterThanOrEqual(25);
      expect(p.maxElevationDeg as number).toBeLessThanOrEqual(90);
    }
  });

  it("eclipses --format json gives umbra/penumbra intervals; an SSO orbit at 525 km has ~35 min umbra per ~95 min orbit", () => {
    const r = runCli([
      "eclipses",
      "constellations/eo-sso.yaml",
      "--sat",
      "0",
      "--hours",
      "6",
      "--format",
      "json",
    ]);
    expect(r.status, r.stderr).toBe(0);
    const iv = JSON.parse(r.stdout) as Array<{
      kind: string;
      start: string;
      end: string;
      startClipped?: boolean;
      endClipped?: boolean;
    }>;
    expect(iv.every((e) => e.kind === "umbra" || e.kind === "penumbra")).toBe(true);
    const full = iv.filter((e) => e.kind === "umbra" && !e.startClipped && !e.endClipped);
    expect(full.length).toBeGreaterThanOrEqual(2);
    // Cylindrical-shadow upper bound for a 525 km circular orbit: 2 asin(R/r)/n = 2*asin(6378/6903)/n.
    // n = 2 pi / 95.2 min, so at most 2*1.177/0.0660 min = 35.7 min (beta angle 0); SSO at 22:30 LTAN has a
    // beta angle of ~20-40 deg, so shorter, but still over 25 min.
    for (const e of full) {
      const min = (Date.parse(e.end) - Date.parse(e.start)) / 60_000;
      expect(min).toBeGreaterThan(25);
      expect(min).toBeLessThan(35.8);
    }
  });

  it("info --format json reports the shipped shell's counts", () => {
    const r = runCli(["info", "constellations/kuiper-630.yaml", "--format", "json"]);
    expect(r.status, r.stderr).toBe(0);
    const info = JSON.parse(r.stdout) as {
      satellites: number;
      shells: Array<{ meanAltitudeKm: number; periodMin: number }>;
    };
    expect(info.satellites).toBe(34 * 34);
    expect(info.shells[0]!.meanAltitudeKm).toBeCloseTo(630, 0);
    // Kepler period at a = 6378.135 + 630 km: 2 pi sqrt(a^3 / mu) = 97.4 min (mu = 398600.8 km^3/s^2).
    expect(info.shells[0]!.periodMin).toBeGreaterThan(96.9);
    expect(info.shells[0]!.periodMin).toBeLessThan(97.9);
  });

  it("positions --format csv has one row per satellite with altitudes near the shell's", () => {
    const r = runCli(["positions", "constellations/telesat-1015.yaml", "--at", "2026-01-01T01:00:00Z"]);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines.length).toBe(1 + 27 * 13);
    const header = lines[0]!.split(",");
    const alt = header.indexOf("altKm");
    for (const l of lines.slice(1)) {
      const a = Number(l.split(",")[alt]);
      // Geodetic altitude = |r| minus the local ellipsoid radius: at the equator ~1,015 km, over the poles
      // up to 1,015 + (6378.137 - 6356.752) = 1,036.4 km; J2 short-period terms move |r| by a few km more.
      expect(a).toBeGreaterThan(1005);
      expect(a).toBeLessThan(1045);
    }
  });
});

describe("bad input: one line, exit 2, no stack", () => {
  it("an unknown station", () => {
    expectUserError(
      ["passes", "constellations/starlink-shell1.yaml", "--station", "Atlantis"],
      "--station",
      '"Atlantis"',
    );
  });
  it("a missing file", () => {
    expectUserError(["info", join(tmp, "nope.yaml")], "nope.yaml");
  });
  it("a YAML field of the wrong type names file, line, field and value", () => {
    const f = join(tmp, "bad-type.yaml");
    writeFileSync(
      f,
      [
        "name: bad",
        'epoch: "2026-01-01T00:00:00Z"',
        "shells:",
        "  - name: s",
        "    walker:",
        '      altitudeKm: "high"',
        "      inclinationDeg: 53",
        "      planes: 2",
        "      satsPerPlane: 2",
        "      phasing: 0",
        "      raanSpreadDeg: 360",
        "",
      ].join("\n"),
    );
    expectUserError(["info", f], "bad-type.yaml:6", "altitudeKm", "high");
  });
  it("a TLE with a wrong checksum names the element file and line", () => {
    const tle = join(tmp, "iss.tle");
    // The canonical ISS example TLE (CelesTrak's documentation) with the last digit of line 2 altered.
    writeFileSync(
      tle,
      [
        "ISS (ZARYA)",
        "1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927",
        "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563538",
        "",
      ].join("\n"),
    );
    const f = join(tmp, "tle.yaml");
    writeFileSync(
      f,
      [
        "name: t",
        'epoch: "2008-09-20T12:00:00Z"',
        "shells:",
        "  - name: iss",
        "    elements: { file: iss.tle, format: tle }",
        "",
      ].join("\n"),
    );
    expectUserError(["info", f], "iss.tle:3", "checksum");
  });
  it("a bad flag value", () => {
    expectUserError(
      ["passes", "constellations/starlink-shell1.yaml", "--station", "London", "--hours", "-3"],
      "--hours",
    );
    expectUserError(
      ["positions", "constellations/starlink-shell1.yaml", "--at", "yesterday"],
      "--at",
      "yesterday",
    );
    expectUserError(["eclipses", "constellations/eo-sso.yaml", "--sat", "4000"], "--sat", "4000");
  });
});
