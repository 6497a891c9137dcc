/**
 * Constellation catalog loader: every shipped file loads with the published satellite count, shells
 * and stations are assembled as documented, and bad input gives an InputError naming file:line:column,
 * field and value.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConstellation } from "../src/config/load.js";
import { findStation } from "../src/orbit/constellation.js";
import { InputError } from "../src/util/input-error.js";
import { expectInputError } from "./expect-input-error.js";

const ROOT = join(import.meta.dirname, "..");
const CAT = join(ROOT, "constellations");
const DEG = 180 / Math.PI;

describe("shipped constellations", () => {
  // Published totals: FCC 19-30 / 21-48 (Starlink), FCC 20-102 (Kuiper 630 km shell: 34 x 34),
  // Telesat 2020 amendment (27 x 13), and our EO designs (6 x 8, and 10 x 20 for the survey bench).
  const cases: [string, number, number[], number][] = [
    ["starlink-shell1.yaml", 1584, [1584], 100],
    ["starlink-gen1.yaml", 4408, [1584, 1584, 720, 348, 172], 100],
    ["kuiper-630.yaml", 1156, [1156], 100],
    ["telesat-1015.yaml", 351, [351], 100],
    ["eo-sso.yaml", 48, [48], 13],
    ["eo-sso-200.yaml", 200, [200], 13],
  ];
  for (const [file, total, shellCounts, stations] of cases) {
    it(`${file}: ${total} satellites, ${stations} stations`, () => {
      const c = loadConstellation(join(CAT, file));
      expect(c.satellites).toHaveLength(total);
      expect(c.shells.map((s) => s.count)).toEqual(shellCounts);
      expect(c.groundStations).toHaveLength(stations);
      // Indices are global and dense; shells are contiguous.
      expect(c.satellites.every((s, i) => s.index === i)).toBe(true);
      let next = 0;
      for (const sh of c.shells) {
        expect(sh.firstIndex).toBe(next);
        next += sh.count;
      }
      expect(c.epoch).toBe("2026-01-01T00:00:00.000Z");
      expect(new Set(c.satellites.map((s) => s.noradId)).size).toBe(total);
      expect(c.groundStations.every((g, i) => g.index === i)).toBe(true);
      // The editor modeline is the first line of every shipped file.
      expect(readFileSync(join(CAT, file), "utf8").split("\n")[0]).toBe(
        "# yaml-language-server: $schema=./constellation.schema.json",
      );
    });
  }

  it("starlink-gen1: the five FCC 21-48 shells with their altitude and inclination", () => {
    const c = loadConstellation(join(CAT, "starlink-gen1.yaml"));
    expect(c.shells.map((s) => [s.walker!.altitudeKm, s.walker!.inclinationDeg])).toEqual([
      [540, 53.2],
      [550, 53],
      [570, 70],
      [560, 97.6],
      [560, 97.6],
    ]);
    expect(c.shells.map((s) => s.firstIndex)).toEqual([0, 1584, 3168, 3888, 4236]);
    // NORAD base 1,000,000 * (shell position + 1).
    expect(c.satellites[1584]!.noradId).toBe(2_000_000);
    expect(c.satellites[4407]!.noradId).toBe(5_000_171);
    expect(c.satellites[3888]!.satrec.inclo * DEG).toBeCloseTo(97.6, 9);
  });

  it("cities-100: London and New York at their coordinates; masks from the constellation defaults", () => {
    const c = loadConstellation(join(CAT, "starlink-shell1.yaml"));
    const london = findStation(c, "London")!;
    const ny = findStation(c, "New York")!;
    // London 51.5085 N 0.1257 W, New York 40.7170 N 74.0037 W (UN WUP 2018 / Hypatia list).
    expect([london.latDeg, london.lonDeg]).toEqual([51.50853, -0.12574]);
    expect(ny.latDeg).toBeCloseTo(40.717, 3);
    expect(ny.lonDeg).toBeCloseTo(-74.004, 3);
    expect(london.minElevationDeg).toBe(25);
    expect(new Set(c.groundStations.map((g) => g.name.toLowerCase())).size).toBe(100);
    expect(findStation(loadConstellation(join(CAT, "kuiper-630.yaml")), "London")!.minElevationDeg).toBe(35);
    expect(findStation(loadConstellation(join(CAT, "telesat-1015.yaml")), "Tokyo")!.minElevationDeg).toBe(10);
  });

  it("eo-sso: sun-synchronous inclination at 525 km, Walker star, EO stations with a 5 deg mask", () => {
    const c = loadConstellation(join(CAT, "eo-sso.yaml"));
    // Hand computation (WGS-72): a = 6903.135 km, n = sqrt(mu/a^3) = 1.10126e-3 rad/s,
    // cos i = -(2 pi / 365.2422 d) / (1.5 n J2 (R/a)^2) = -0.13006 -> i = 97.497 deg.
    expect(c.shells[0]!.walker!.inclinationDeg).toBeCloseTo(97.497, 2);
    expect(c.shells[0]!.walker!.raanSpreadDeg).toBe(180);
    expect(c.satellites[8]!.satrec.nodeo * DEG).toBeCloseTo(78.3 + 30, 9);
    expect(c.groundStations.every((g) => g.minElevationDeg === 5)).toBe(true);
    expect(findStation(c, "Svalbard SvalSat")!.latDeg).toBeGreaterThan(78);
    expect(findStation(c, "Troll TrollSat")!.latDeg).toBeLessThan(-72);
  });
});

describe("loader behaviour and bad input", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "constellate-config-"));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const SET = [
    "name: two",
    "description: two stations",
    "defaults: { minElevationDeg: 10 }",
    "stations:",
    '  - { name: "Alpha", latDeg: 10, lonDeg: 20 }',
    '  - { name: "Beta", latDeg: -10, lonDeg: 30, altM: 100, minElevationDeg: 15 }',
    "",
  ].join("\n");
  const walkerShell = (extra = "") =>
    [
      "  - name: w",
      "    walker:",
      "      altitudeKm: 550",
      "      inclinationDeg: 53",
      "      planes: 2",
      "      satsPerPlane: 3",
      "      phasing: 1",
      `      raanSpreadDeg: 360${extra}`,
    ].join("\n");
  const ISS_L1 = "1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927";
  const ISS_L2 = "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537";

  it("mixes generated and file shells, includes, inline stations, defaults and layer settings", () => {
    write("sub-sets.yaml", SET);
    write("iss.tle", `ISS (ZARYA)\n${ISS_L1}\n${ISS_L2}\n`);
    write(
      "iss.json",
      JSON.stringify([
        {
          OBJECT_NAME: "ISS (ZARYA)",
          NORAD_CAT_ID: 25544,
          EPOCH: "2008-09-20T12:25:40.104",
          MEAN_MOTION: 15.72125391,
          ECCENTRICITY: 0.0006703,
          INCLINATION: 51.6416,
          RA_OF_ASC_NODE: 247.4627,
          ARG_OF_PERICENTER: 130.536,
          MEAN_ANOMALY: 325.0288,
          BSTAR: -0.11606e-4,
          MEAN_MOTION_DOT: -0.00002182,
          MEAN_MOTION_DDOT: 0,
        },
      ]),
    );
    const p = write(
      "mixed.yaml",
      [
        "name: mixed",
        "description: test",
        'epoch: "2026-03-01T12:00:00Z"',
        "shells:",
        walkerShell(),
        "    isl: { terminals: 2 }",
        "    eo: { engine: my-engine }",
        "  - name: tle",
        "    elements: { file: iss.tle, format: tle }",
        "  - name: omm",
        "    elements: { file: iss.json, format: omm }",
        "groundStations:",
        '  include: ["sub-sets.yaml"]',
        "  stations:",
        '    - { name: "Gamma", latDeg: 0, lonDeg: 0, maxRangeKm: 1100 }',
        "routing: { relayThroughStations: true }",
        "eo: { rawOverMesh: true }",
        "",
      ].join("\n"),
    );
    const c = loadConstellation(p);
    expect(c.name).toBe("mixed");
    expect(c.description).toBe("test");
    expect(c.satellites).toHaveLength(8);
    expect(c.shells.map((s) => [s.name, s.firstIndex, s.count])).toEqual([
      ["w", 0, 6],
      ["tle", 6, 1],
      ["omm", 7, 1],
    ]);
    expect(c.shells[0]!.walker!.epoch).toBe("2026-03-01T12:00:00.000Z");
    expect(c.shells[0]!.walker!.eccentricity).toBe(0);
    expect(c.satellites[0]!.epochUnixMs).toBe(Date.UTC(2026, 2, 1, 12));
    expect(c.shells[1]!.elementsFile).toBe("iss.tle");
    expect([c.satellites[6]!.name, c.satellites[6]!.index, c.satellites[7]!.noradId]).toEqual([
      "ISS (ZARYA)",
      6,
      25544,
    ]);
    // TLE and OMM of the same element set agree in the satrec.
    expect(c.satellites[7]!.satrec.inclo).toBeCloseTo(c.satellites[6]!.satrec.inclo, 12);
    // Layer sections are carried keyed by name (validated, defaults filled, by the owning layer's schema).
    expect(c.shells[0]!.settings).toMatchObject({ isl: { terminals: 2 }, eo: { engine: "my-engine" } });
    expect(Object.keys(c.shells[0]!.settings).sort()).toEqual(["eo", "isl"]);
    expect(c.shells[1]!.settings).toEqual({});
    expect(c.settings).toMatchObject({ routing: { relayThroughStations: true }, eo: { rawOverMesh: true } });
    expect(Object.keys(c.settings).sort()).toEqual(["eo", "routing"]);
    expect(c.groundStations.map((g) => [g.name, g.minElevationDeg, g.altM, g.maxRangeKm])).toEqual([
      ["Alpha", 10, 0, undefined], // set-file default
      ["Beta", 15, 100, undefined], // station's own value
      ["Gamma", 25, 0, 1100], // built-in default 25 deg
    ]);
  });

  it("the constellation's defaults override a set file's, a station's own value overrides both", () => {
    write("sub-sets.yaml", SET);
    const p = write(
      "defaults.yaml",
      [
        "name: d",
        'epoch: "2026-01-01T00:00:00Z"',
        "shells:",
        walkerShell(),
        "groundStations:",
        '  include: ["sub-sets.yaml"]',
        "  defaults: { minElevationDeg: 40 }",
        "",
      ].join("\n"),
    );
    expect(loadConstellation(p).groundStations.map((g) => g.minElevationDeg)).toEqual([40, 15]);
  });

  it("field of the wrong type: file:line:column, field path and value", () => {
    const p = write(
      "wrongtype.yaml",
      `name: x\nepoch: "2026-01-01T00:00:00Z"\nshells:\n${walkerShell()}`.replace(
        "altitudeKm: 550",
        'altitudeKm: "550km"',
      ),
    );
    const e = expectInputError(
      () => loadConstellation(p),
      `${p}:6:19`,
      "field shells[0].walker.altitudeKm",
      'value "550km"',
      /expected number/,
    );
    expect(e.location.line).toBe(6);
  });

  it("missing field: names the field and the line of its parent", () => {
    const p = write(
      "missing.yaml",
      `name: x\nepoch: "2026-01-01T00:00:00Z"\nshells:\n${walkerShell()}`.replace("      planes: 2\n", ""),
    );
    expectInputError(() => loadConstellation(p), `${p}:5:`, "field shells[0].walker.planes", /missing/);
  });

  it("unknown key (strict): names the key's own line", () => {
    const p = write(
      "unknown.yaml",
      `name: x\nepoch: "2026-01-01T00:00:00Z"\nshells:\n${walkerShell("\n      altitudKm: 3")}`,
    );
    expectInputError(
      () => loadConstellation(p),
      `${p}:12:7`,
      "field shells[0].walker.altitudKm",
      /unknown key/,
    );
    const top = write("unknown-top.yaml", `name: x\nepoch: "2026-01-01T00:00:00Z"\nshell: []\n`);
    expectInputError(() => loadConstellation(top), `${top}:3:1`, "field shell", /unknown key/);
  });

  it("walker and elements together, phasing >= planes", () => {
    const both = write(
      "both.yaml",
      `name: x\nepoch: "2026-01-01T00:00:00Z"\nshells:\n${walkerShell()}\n    elements: { file: a.tle, format: tle }\n`,
    );
    expectInputError(() => loadConstellation(both), "field shells[0].elements", /exactly one of walker/);
    const f = write(
      "phasing.yaml",
      `name: x\nepoch: "2026-01-01T00:00:00Z"\nshells:\n${walkerShell()}`.replace("phasing: 1", "phasing: 2"),
    );
    expectInputError(() => loadConstellation(f), `${f}:10:16`, "field shells[0].walker.phasing", "value 2");
  });

  it("unknown station include: names the include line and the file", () => {
    const p = write(
      "noinclude.yaml",
      [
        "name: x",
        'epoch: "2026-01-01T00:00:00Z"',
        "shells:",
        walkerShell(),
        "groundStations:",
        "  include:",
        "    - nowhere.yaml",
        "",
      ].join("\n"),
    );
    expectInputError(
      () => loadConstellation(p),
      `${p}:14:7`,
      "field groundStations.include[0]",
      'value "nowhere.yaml"',
      /file not found/,
    );
  });

  it("duplicate station: names both files and lines", () => {
    write("sub-sets.yaml", SET);
    const p = write(
      "dup.yaml",
      [
        "name: x",
        'epoch: "2026-01-01T00:00:00Z"',
        "shells:",
        walkerShell(),
        "groundStations:",
        '  include: ["sub-sets.yaml"]',
        "  stations:",
        '    - { name: "beta", latDeg: 1, lonDeg: 2 }',
        "",
      ].join("\n"),
    );
    expectInputError(
      () => loadConstellation(p),
      `${p}:15:`,
      "field groundStations.stations[0].name",
      'value "beta"',
      new RegExp(`first defined at ${join(dir, "sub-sets.yaml").replace(/[.\\/]/g, "\\$&")}:6`),
    );
  });

  it("bad element file: the TLE's own file and line", () => {
    write("bad.tle", `ISS\n${ISS_L1}\n${ISS_L2.slice(0, 68)}1\n`);
    const p = write(
      "badtle.yaml",
      `name: x\nepoch: "2026-01-01T00:00:00Z"\nshells:\n  - name: t\n    elements: { file: bad.tle, format: tle }\n`,
    );
    expectInputError(() => loadConstellation(p), `${join(dir, "bad.tle")}:3:69`, "line 2 checksum");
    const q = write(
      "notle.yaml",
      `name: x\nepoch: "2026-01-01T00:00:00Z"\nshells:\n  - name: t\n    elements: { file: missing.tle, format: tle }\n`,
    );
    expectInputError(() => loadConstellation(q), `${q}:5:`, "shells[0].elements.file", /file not found/);
  });

  it("YAML syntax error, bad epoch, missing file", () => {
    const p = write("syntax.yaml", "name: x\nepoch: [\n");
    expectInputError(() => loadConstellation(p), `${p}:`, /YAML syntax error/);
    const q = write("epoch.yaml", `name: x\nepoch: "yesterday"\nshells:\n${walkerShell()}`);
    expectInputError(() => loadConstellation(q), `${q}:2:8`, "field epoch", 'value "yesterday"');
    expectInputError(() => loadConstellation(join(dir, "absent.yaml")), "absent.yaml", /file not found/);
  });
});

describe("the emu section", () => {
  const dir = mkdtempSync(join(tmpdir(), "constellate-emu-section-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const body = (emu: string) =>
    [
      "name: t",
      'epoch: "2026-01-01T00:00:00Z"',
      "shells:",
      "  - name: s",
      "    walker: { altitudeKm: 550, inclinationDeg: 53, planes: 2, satsPerPlane: 2, phasing: 0, raanSpreadDeg: 360 }",
      emu,
      "",
    ].join("\n");

  it("reaches the emulator's settings from the YAML", async () => {
    const { emuSettingsOf } = await import("../src/emu/settings.js");
    const f = join(dir, "ok.yaml");
    writeFileSync(f, body("emu: { speed: 5, stepMs: 200 }"));
    const s = emuSettingsOf(loadConstellation(f));
    expect(s.speed).toBe(5);
    expect(s.stepMs).toBe(200);
  });

  it("rejects a misspelt emu key with file, line and field", () => {
    const f = join(dir, "bad.yaml");
    writeFileSync(f, body("emu: { stepMS: 200 }"));
    expect(() => loadConstellation(f)).toThrow(InputError);
    expect(() => loadConstellation(f)).toThrow(/bad\.yaml:6.*emu\.stepMS/);
  });
});
