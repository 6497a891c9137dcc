/**
 * Hypatia's satellite-network-state format (../shared/hypatia-format): reading (counts, link counts,
 * max lengths), +Grid against Hypatia's own isls.txt, every listed ISL present in our snapshots, and
 * write -> read round trips.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loadConstellation } from "../src/config/load.js";
import { meshSettingsOf } from "../src/mesh/config.js";
import { islCandidatesOf, plusGridPairs } from "../src/mesh/grid.js";
import { readHypatiaDir, writeHypatiaDir } from "../src/mesh/hypatia.js";
import { TopologyBuilder } from "../src/mesh/topology.js";
import { ConstellationPropagator } from "../src/orbit/propagate.js";

const DIR = fileURLToPath(new URL("../../shared/hypatia-format/", import.meta.url));
const present =
  existsSync(join(DIR, "starlink_550", "tles.txt")) && existsSync(join(DIR, "kuiper_630", "tles.txt"));
if (!present) console.warn(`skipping Hypatia tests: ${DIR} (../shared/hypatia-format) is absent`);

const tmp: string[] = [];
afterAll(() => {
  for (const d of tmp) rmSync(d, { recursive: true, force: true });
});

const key = ([a, b]: readonly [number, number]) => (a < b ? `${a}-${b}` : `${b}-${a}`);

describe.skipIf(!present)("Hypatia format", () => {
  // Expected values from ../shared/hypatia-format/README.md and the files' line counts.
  it.each([
    ["starlink_550", 72, 22, 3168, 1089.68641819562, 5016.591233098428],
    ["kuiper_630", 34, 34, 2312, 1260.0, 5442.958203036287],
  ])("reads %s: %i x %i satellites, %i ISLs, 100 stations, max lengths", (name, P, S, isls, gslKm, islKm) => {
    const net = readHypatiaDir(join(DIR, name));
    expect(net.orbits).toBe(P);
    expect(net.satsPerOrbit).toBe(S);
    expect(net.constellation.satellites.length).toBe(P * S);
    expect(net.isls.length).toBe(isls);
    expect(net.constellation.groundStations.length).toBe(100);
    expect(net.constellation.groundStations[0]).toMatchObject({
      name: "Tokyo",
      latDeg: 35.6895,
      lonDeg: 139.69171,
    });
    expect(net.maxGslLengthKm).toBeCloseTo(gslKm, 9);
    expect(net.maxIslLengthKm).toBeCloseTo(islKm, 9);
    // TLE epoch day 00001.00000000 of year 00 = 2000-01-01T00:00:00Z.
    expect(net.constellation.epoch).toBe("2000-01-01T00:00:00.000Z");
  });

  it.each([
    "starlink_550",
    "kuiper_630",
  ])("our +Grid (offset 0) reproduces %s/isls.txt exactly, 4 links per satellite", (name) => {
    const net = readHypatiaDir(join(DIR, name));
    const c = net.constellation;
    const ours = plusGridPairs({ ...c.shells[0]!, walker: undefined }, c.satellites, 0);
    expect(new Set(ours.map(key))).toEqual(new Set(net.isls.map(key)));
    const deg = new Int32Array(c.satellites.length);
    for (const [a, b] of ours) {
      deg[a]!++;
      deg[b]!++;
    }
    expect(deg.every((d) => d === 4)).toBe(true);
  });

  it("every Starlink-550 ISL stays within Hypatia's max ISL length: all 3,168 are links of our snapshots", async () => {
    const net = readHypatiaDir(join(DIR, "starlink_550"));
    const c = net.constellation;
    const b = TopologyBuilder.forConstellation(c, meshSettingsOf(c));
    using prop = await ConstellationPropagator.create(c.satellites, { engine: "js" });
    const t0 = Date.parse(c.epoch);
    for (const tMs of [t0, t0 + 1_800_000, t0 + 86_400_000]) {
      const snap = b.build(tMs, prop.at(tMs).ecef);
      let isl = 0;
      for (let j = 0; j < snap.linkCount; j++) if (snap.kind[j] === 0) isl++;
      expect(isl).toBe(2 * 3168);
      for (let i = 0; i < c.satellites.length; i++) {
        let satNeighbours = 0;
        for (let j = snap.rowStart[i]!; j < snap.rowStart[i + 1]!; j++)
          if (snap.target[j]! < c.satellites.length) satNeighbours++;
        expect(satNeighbours).toBe(4);
      }
      // Stations see satellites by slant range only (<= 1,089.686 km).
      for (let j = 0; j < snap.linkCount; j++)
        if (snap.kind[j] !== 0) expect(snap.distanceKm[j]).toBeLessThanOrEqual(1089.68641819562);
    }
  });

  it.each([
    "starlink_550",
    "kuiper_630",
  ])("%s: write -> read round trip keeps TLE lines, ISLs, stations and lengths", (name) => {
    const src = join(DIR, name);
    const net = readHypatiaDir(src);
    const out = mkdtempSync(join(tmpdir(), "constellate-hypatia-"));
    tmp.push(out);
    const c = net.constellation;
    const summary = writeHypatiaDir(c, meshSettingsOf(c), out);
    expect(summary.satellites).toBe(c.satellites.length);
    const back = readHypatiaDir(out);
    expect(back.orbits).toBe(net.orbits);
    expect(back.satsPerOrbit).toBe(net.satsPerOrbit);
    // TLE lines are byte-identical to Hypatia's (names aside, which are ours to choose).
    const tleLines = (p: string) =>
      readFileSync(join(p, "tles.txt"), "utf8")
        .split("\n")
        .filter((l) => l.startsWith("1 ") || l.startsWith("2 "));
    expect(tleLines(out)).toEqual(tleLines(src));
    expect(new Set(back.isls.map(key))).toEqual(new Set(net.isls.map(key)));
    expect(back.constellation.groundStations.map((g) => [g.name, g.latDeg, g.lonDeg])).toEqual(
      c.groundStations.map((g) => [g.name, g.latDeg, g.lonDeg]),
    );
    expect(back.maxGslLengthKm).toBeCloseTo(net.maxGslLengthKm, 6);
    // We write max_isl_length = min(configured range, grazing line of sight at the TLEs' altitude).
    // Hypatia's mean motions put the shells lower than their names (Kepler, mu = 398,600.8:
    // 15.19 rev/day -> a = 6,887.0 km, h = 508.9 km; 14.80 rev/day -> h = 629.3 km), so the 80 km
    // grazing line of sight, 2 sqrt((R + h)^2 - (R + 80)^2), binds: 4,784.67 km and 5,439.50 km.
    expect(back.maxIslLengthKm).toBeCloseTo(name === "starlink_550" ? 4784.672 : 5439.498, 2);
    expect(back.maxIslLengthKm).toBeLessThanOrEqual(net.maxIslLengthKm);
    // Station ECEF: ours is WGS-84, Hypatia's WGS-72; they agree to a few metres.
    const ours = readFileSync(join(out, "ground_stations.txt"), "utf8").split("\n")[0]!.split(",");
    const theirs = readFileSync(join(src, "ground_stations.txt"), "utf8").split("\n")[0]!.split(",");
    for (const k of [5, 6, 7]) expect(Math.abs(Number(ours[k]) - Number(theirs[k]))).toBeLessThan(5);
  });

  it("starlink-shell1.yaml (Walker 72 x 22) -> Hypatia -> back: same grid, same ISLs, positions within 50 m", async () => {
    const c = loadConstellation(
      fileURLToPath(new URL("../constellations/starlink-shell1.yaml", import.meta.url)),
    );
    const out = mkdtempSync(join(tmpdir(), "constellate-hypatia-"));
    tmp.push(out);
    const settings = meshSettingsOf(c);
    writeHypatiaDir(c, settings, out);
    const back = readHypatiaDir(out);
    expect([back.orbits, back.satsPerOrbit]).toEqual([72, 22]);
    const cand = islCandidatesOf(c, settings.isl);
    const ours: [number, number][] = Array.from({ length: cand.count }, (_, k) => [cand.a[k]!, cand.b[k]!]);
    expect(new Set(back.isls.map(key))).toEqual(new Set(ours.map(key)));
    // TLE text keeps angles to 1e-4 deg (<= 5e-5 deg rounding = 6 m at 6,928 km) and mean motion to
    // 1e-8 rev/day, so the read-back orbits stay within tens of metres.
    using a = await ConstellationPropagator.create(c.satellites, { engine: "js" });
    using b = await ConstellationPropagator.create(back.constellation.satellites, { engine: "js" });
    for (const t of [Date.parse(c.epoch), Date.parse(c.epoch) + 600_000]) {
      const ea = a.at(t).ecef.slice();
      const eb = b.at(t).ecef;
      let worst = 0;
      for (let i = 0; i < ea.length; i += 3)
        worst = Math.max(
          worst,
          Math.hypot(ea[i]! - eb[i]!, ea[i + 1]! - eb[i + 1]!, ea[i + 2]! - eb[i + 2]!),
        );
      expect(worst).toBeLessThan(0.05);
    }
  });
});
