/**
 * Laser links on inferred structure (src/mesh/grid-inferred.ts) and without any (src/mesh/nearest.ts):
 * +Grid on a synthetic catalog's inferred planes is exactly the Walker +Grid of the generating
 * shells; on the real 2023 Starlink snapshot every assigned satellite gets at most its terminals'
 * links, unassigned ones none, and London - New York is reachable and faster than ideal fiber; the
 * nearest pattern links hand-placed satellites as their geometry says.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { json2satrec } from "satellite.js";
import { afterAll, describe, expect, it } from "vitest";
import { loadConstellation } from "../src/config/load.js";
import { mulberry32 } from "../src/eo/prng.js";
import { meshSettingsOf, resolveIsl } from "../src/mesh/config.js";
import { geodesicKm } from "../src/mesh/fiber.js";
import { islCandidatesOf, plusGridPairs } from "../src/mesh/grid.js";
import { inferredGridPairs } from "../src/mesh/grid-inferred.js";
import { runLatencyExperiment } from "../src/mesh/latency-experiment.js";
import { nearestPairs } from "../src/mesh/nearest.js";
import { TopologyBuilder } from "../src/mesh/topology.js";
import type { Constellation, ShellInfo, WalkerParams } from "../src/orbit/constellation.js";
import { type SatelliteElements, satrecEpochUnixMs } from "../src/orbit/elements.js";
import { ConstellationPropagator } from "../src/orbit/propagate.js";
import { inferStructure } from "../src/orbit/structure.js";
import { shellsFromStructure } from "../src/orbit/structure-shells.js";
import { syntheticCatalog } from "../src/orbit/synthetic-catalog.js";
import { generateWalkerShell } from "../src/orbit/walker.js";
import { C_KM_S } from "./mesh-helpers.js";

const STARLINK_3LE = fileURLToPath(new URL("../../shared/catalogs/starlink-2023-07-18.3le", import.meta.url));
const haveCatalog = existsSync(STARLINK_3LE);
const tmp = mkdtempSync(join(tmpdir(), "constellate-mesh-structure-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const walker = (p: Partial<WalkerParams>): WalkerParams => ({
  altitudeKm: 550,
  inclinationDeg: 53,
  planes: 24,
  satsPerPlane: 22,
  phasing: 5,
  raanSpreadDeg: 360,
  eccentricity: 0.0001,
  argOfPerigeeDeg: 0,
  raanOffsetDeg: 0,
  epoch: "2026-01-01T00:00:00Z",
  ...p,
});

describe("+Grid on inferred planes equals the generating Walker +Grid", () => {
  // Phasing F < P/2, so each cross-plane partner is the nearest argument of latitude (the slot
  // offset F*360/T is under half a slot), and at the seam it is slot s + F, as src/mesh/grid.ts's
  // Walker rule says. The Walker star (RAAN spread 180 deg) has no seam links in either.
  const shells = [
    walker({}),
    walker({ inclinationDeg: 70, altitudeKm: 570, planes: 12, satsPerPlane: 20, phasing: 1 }),
    walker({
      inclinationDeg: 97.6,
      altitudeKm: 560,
      planes: 6,
      satsPerPlane: 30,
      phasing: 0,
      raanSpreadDeg: 180,
    }),
  ];
  for (const [k, w] of shells.entries())
    it(`${w.planes} x ${w.satsPerPlane} at ${w.inclinationDeg} deg, F = ${w.phasing}, spread ${w.raanSpreadDeg}`, () => {
      const cat = syntheticCatalog([{ walker: w, operator: "SYN" }], {
        rng: mulberry32(20 + k),
        raanNoiseDeg: 0.2,
        meanAnomalyNoiseDeg: 1,
        epochSpreadDays: 2,
      });
      const parts = shellsFromStructure(cat.satellites, inferStructure(cat.satellites), {
        name: "syn",
        firstIndex: 0,
        settings: {},
      });
      expect(parts.shells).toHaveLength(1);
      const sh = parts.shells[0]!;
      if (sh.structure?.kind !== "inferred") throw new Error("expected an inferred shell");
      const labelOf = new Map(cat.satellites.map((s, i) => [s.name, cat.labels[i]!]));
      const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
      const lab = (s: SatelliteElements) => `${labelOf.get(s.name)!.plane}/${labelOf.get(s.name)!.slot}`;
      const inferred = inferredGridPairs(sh, sh.structure).map(([a, b]) =>
        key(lab(parts.satellites[a]!), lab(parts.satellites[b]!)),
      );
      const gen = generateWalkerShell(w, { shellName: "w", firstIndex: 0, noradBase: 1 });
      const genShell: ShellInfo = { name: "w", firstIndex: 0, count: gen.length, walker: w, settings: {} };
      const walkerPairs = plusGridPairs(genShell, gen, 0).map(([a, b]) =>
        key(`${gen[a]!.plane}/${gen[a]!.slot}`, `${gen[b]!.plane}/${gen[b]!.slot}`),
      );
      expect(new Set(inferred).size).toBe(inferred.length);
      expect(new Set(inferred)).toEqual(new Set(walkerPairs));
    });
});

/** Hand-made circular element set at RAAN 0, inclination 0 (equatorial), argument of latitude u. */
function equatorialSat(index: number, uDeg: number, altitudeKm = 550): SatelliteElements {
  const a = 6378.135 + altitudeKm;
  const revPerDay = (Math.sqrt(398600.8 / a ** 3) * 86_400) / (2 * Math.PI);
  const satrec = json2satrec({
    OBJECT_NAME: `EQ-${index}`,
    OBJECT_ID: `EQ-${index}`,
    EPOCH: "2026-01-01T00:00:00Z",
    MEAN_MOTION: revPerDay,
    ECCENTRICITY: 0,
    INCLINATION: 0.01,
    RA_OF_ASC_NODE: 0,
    ARG_OF_PERICENTER: 0,
    MEAN_ANOMALY: uDeg,
    NORAD_CAT_ID: 70_000 + index,
    ELEMENT_SET_NO: 1,
    BSTAR: 0,
    MEAN_MOTION_DOT: 0,
    MEAN_MOTION_DDOT: 0,
  });
  return {
    index,
    name: `EQ-${index}`,
    noradId: 70_000 + index,
    shell: "eq",
    plane: -1,
    slot: -1,
    satrec,
    epochUnixMs: satrecEpochUnixMs(satrec),
    source: "omm",
  };
}

describe("the nearest pattern (no planes or slots needed)", () => {
  const t0 = Date.parse("2026-01-01T00:00:00Z");
  it("five satellites 10 deg apart on one ring, k = 2: the four 10-deg neighbours, the ends once", () => {
    const sats = [0, 10, 20, 30, 40].map((u, i) => equatorialSat(i, u));
    const shell: ShellInfo = { name: "eq", firstIndex: 0, count: 5, settings: {} };
    const st = resolveIsl({ pattern: "nearest", k: 2 });
    const pairs = nearestPairs(shell, sats, st, t0);
    // 10-deg chords (2 r sin 5 deg = 1,207.5 km at r = 6,928 km) are the shortest; every 20-deg pair
    // has an end that already has k = 2 links, except (0, 20) and (20, 40): 20 already has two.
    expect(pairs.map(([a, b]) => `${a}-${b}`).sort()).toEqual(["0-1", "1-2", "2-3", "3-4"]);
  });

  it("range and the grazing line of sight bound the pattern", () => {
    // 0 and 10 deg apart: 1,207.5 km. With maxRange 1,000 km nobody links.
    const sats = [0, 10, 170].map((u, i) => equatorialSat(i, u));
    const shell: ShellInfo = { name: "eq", firstIndex: 0, count: 3, settings: {} };
    expect(nearestPairs(shell, sats, resolveIsl({ pattern: "nearest", maxRangeKm: 1000 }), t0)).toEqual([]);
    // 0 and 170 deg: the chord passes 6,928 cos(85 deg) = 604 km from the Earth's centre, through it:
    // even with a 20,000 km range only 0-1 links (1-2 is 160 deg: 1,203 km from the centre, also blocked).
    expect(nearestPairs(shell, sats, resolveIsl({ pattern: "nearest", maxRangeKm: 20_000 }), t0)).toEqual([
      [0, 1],
    ]);
  });
});

describe.skipIf(!haveCatalog)("the 2023 Starlink snapshot with structure: infer", () => {
  // Skipped only when ../shared/catalogs is absent (a checkout without the shared reference data).
  const yaml = (isl: string) =>
    [
      "name: starlink-2023",
      "epoch: 2023-07-18T00:00:00Z",
      "shells:",
      "  - name: starlink",
      `    elements: { file: ${JSON.stringify(STARLINK_3LE)}, format: tle }`,
      "    structure: infer",
      isl,
      "groundStations:",
      "  stations:",
      "    - { name: London, latDeg: 51.5074, lonDeg: -0.1278 }",
      "    - { name: New-York, latDeg: 40.7128, lonDeg: -74.006 }",
      // User terminals in Hypatia's model: a station links to every satellite in range (Kassing et
      // al., "Exploring the "Internet from space" with Hypatia", IMC 2020), not the 1-antenna default.
      "groundLinks: { antennas: unlimited }",
      "",
    ].join("\n");
  const load = (name: string, isl = ""): Constellation => {
    writeFileSync(join(tmp, name), yaml(isl));
    return loadConstellation(join(tmp, name));
  };
  const c = haveCatalog ? load("sl.yaml") : (undefined as unknown as Constellation);

  it("+Grid pairs per inferred shell: a ring per plane and min(|p|, |q|) between neighbouring planes", () => {
    // Counted from the plane sizes alone: a plane of n >= 3 is a ring of n links (2: one link), and
    // adjacent planes (RAAN gap <= 90 deg) are matched one-to-one, so min(|p|, |q|) links.
    for (const sh of c.shells) {
      const st = sh.structure;
      if (st?.kind !== "inferred") continue;
      const P = st.planeStart.length - 1;
      const size = (p: number) => st.planeStart[p + 1]! - st.planeStart[p]!;
      let expected = 0;
      for (let p = 0; p < P; p++) {
        expected += size(p) >= 3 ? size(p) : size(p) - 1;
        const q = (p + 1) % P;
        const gap = (((st.raanDeg[q]! - st.raanDeg[p]!) % 360) + 360) % 360;
        if (P > 2 && gap <= 90) expected += Math.min(size(p), size(q));
      }
      expect(inferredGridPairs(sh, st)).toHaveLength(expected);
    }
  });

  it("+Grid candidates: at most 4 per assigned satellite, none for unassigned, most get all 4", () => {
    const cand = islCandidatesOf(c, meshSettingsOf(c).isl);
    const degree = new Int32Array(c.satellites.length);
    for (let k = 0; k < cand.count; k++) {
      degree[cand.a[k]!]!++;
      degree[cand.b[k]!]!++;
      // Links stay within one inferred shell.
      expect(c.satellites[cand.a[k]!]!.shell).toBe(c.satellites[cand.b[k]!]!.shell);
    }
    let full = 0;
    let assigned = 0;
    for (const s of c.satellites) {
      if (s.plane < 0) expect(degree[s.index]).toBe(0);
      else {
        assigned++;
        expect(degree[s.index]).toBeLessThanOrEqual(4);
        if (degree[s.index] === 4) full++;
      }
    }
    expect(assigned).toBeGreaterThan(3500);
    // Not all: planes differ in size (a plane's extra satellites find no partner in a smaller
    // neighbour), and the 97.6 deg shell's missing plane leaves two planes with one neighbour.
    expect(full / assigned).toBeGreaterThan(0.85);
  });

  it("snapshots give no satellite more than its 4 terminals, and the mesh holds for a day", async () => {
    const b = TopologyBuilder.forConstellation(c, meshSettingsOf(c), []);
    using prop = await ConstellationPropagator.create(c.satellites, { engine: "wasm" });
    const t0 = Date.parse(c.epoch);
    const up: number[] = [];
    for (const t of [t0, t0 + 86_400_000]) {
      const snap = b.build(t, prop.at(t).ecef);
      let links = 0;
      for (let i = 0; i < c.satellites.length; i++) {
        const n = snap.rowStart[i + 1]! - snap.rowStart[i]!;
        expect(n).toBeLessThanOrEqual(4);
        links += n;
      }
      up.push(links / 2);
    }
    // Partners are neighbours in slot or argument of latitude, so most are within 4,000 km and above
    // the grazing altitude at the epoch; and they share altitude, so they are still a day later
    // (partners 5 km apart in altitude would drift ~6 deg apart along-track in that day).
    expect(up[0]!).toBeGreaterThan(0.9 * b.isl.count);
    expect(Math.abs(up[1]! - up[0]!)).toBeLessThan(0.01 * up[0]!);
  });

  it("London - New York is reachable and faster than ideal fiber at most steps of 5 minutes", async () => {
    const london = c.groundStations[0]!;
    const ny = c.groundStations[1]!;
    const exp = await runLatencyExperiment(c, meshSettingsOf(c), [[london, ny]], {
      startUnixMs: Date.parse(c.epoch),
      durationMs: 300_000,
      stepMs: 30_000,
    });
    // Ideal fiber, computed here: the WGS-84 geodesic (5,585 km) at c / 1.4682 (SMF-28), both ways.
    const fiberMs = ((2 * geodesicKm(51.5074, -0.1278, 40.7128, -74.006) * 1.4682) / C_KM_S) * 1000;
    expect(fiberMs).toBeCloseTo(54.7, 1);
    const samples = exp.pairs[0]!.samples;
    expect(samples).toHaveLength(11);
    const faster = samples.filter((s) => s.rttMs !== null && s.rttMs < fiberMs).length;
    expect(samples.every((s) => s.rttMs !== null)).toBe(true);
    expect(faster).toBeGreaterThanOrEqual(9);
    // And physically possible: no faster than light along the geodesic at the ground.
    for (const s of samples) expect(s.rttMs!).toBeGreaterThan(((2 * 5585) / C_KM_S) * 1000);
  });

  it("the nearest pattern on the same catalog: at most k links each, and the route exists too", async () => {
    const near = load("near.yaml", "    isl: { pattern: nearest, k: 3 }");
    const cand = islCandidatesOf(near, meshSettingsOf(near).isl);
    const degree = new Int32Array(near.satellites.length);
    for (let k = 0; k < cand.count; k++) {
      degree[cand.a[k]!]!++;
      degree[cand.b[k]!]!++;
    }
    expect(Math.max(...degree)).toBe(3);
    expect(cand.count).toBeGreaterThan(near.satellites.length);
    const exp = await runLatencyExperiment(
      near,
      meshSettingsOf(near),
      [[near.groundStations[0]!, near.groundStations[1]!]],
      {
        startUnixMs: Date.parse(near.epoch),
        durationMs: 0,
        stepMs: 1000,
      },
    );
    expect(exp.pairs[0]!.samples[0]!.rttMs).not.toBeNull();
  });
});
