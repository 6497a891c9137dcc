/**
 * The mesh on a real shipped constellation (Starlink shell 1, 72 x 22 at 550 km) and the latency
 * experiment end to end: +Grid gives every satellite 4 laser links, in-plane links have the chord
 * length of a 22-satellite ring, routes respect geometry recomputed here from the propagated
 * positions, unreachable steps carry their reason, and `constellate latency --format json` has the
 * documented shape.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../src/cli/main.js";
import { loadConstellation } from "../src/config/load.js";
import { meshSettingsOf } from "../src/mesh/config.js";
import { runCrossover } from "../src/mesh/crossover.js";
import { runLatencyExperiment } from "../src/mesh/latency-experiment.js";
import { TopologyBuilder } from "../src/mesh/topology.js";
import { LinkKind } from "../src/mesh/types.js";
import { type Constellation, findStation, type GroundStation } from "../src/orbit/constellation.js";
import { lookAngles, makeObserver } from "../src/orbit/frames.js";
import { ConstellationPropagator } from "../src/orbit/propagate.js";
import { ecefKm } from "../src/orbit/units.js";
import { C_KM_S } from "./mesh-helpers.js";

const FILE = fileURLToPath(new URL("../constellations/starlink-shell1.yaml", import.meta.url));
let c: Constellation;
const tmp: string[] = [];
beforeAll(() => {
  c = loadConstellation(FILE);
});
afterAll(() => {
  for (const d of tmp) rmSync(d, { recursive: true, force: true });
});

describe("+Grid on starlink-shell1 (72 x 22, 550 km, 53 deg)", () => {
  it("every satellite has exactly 4 laser links (2 in-plane, 2 cross-plane) at the epoch and 30 min later", async () => {
    const b = TopologyBuilder.forConstellation(c, meshSettingsOf(c), []);
    expect(b.isl.count).toBe((72 * 22 * 4) / 2);
    using prop = await ConstellationPropagator.create(c.satellites, { engine: "js" });
    const t0 = Date.parse(c.epoch);
    for (const t of [t0, t0 + 1_800_000]) {
      const snap = b.build(t, prop.at(t).ecef);
      for (let i = 0; i < 1584; i++) {
        const me = c.satellites[i]!;
        const nb = Array.from(snap.target.subarray(snap.rowStart[i]!, snap.rowStart[i + 1]!)).map(
          (j) => c.satellites[j]!,
        );
        expect(nb.length).toBe(4);
        expect(nb.filter((s) => s.plane === me.plane).length).toBe(2);
        expect(nb.filter((s) => s.plane !== me.plane).length).toBe(2);
      }
      // In-plane neighbours are 1/22 of the ring apart: chord 2 r sin(pi / 22) with
      // r = 6378.135 + 550 km -> 1971.95 km (eccentricity 0.0001 and J2 move it by < 15 km).
      for (let i = 0; i < 1584; i += 97) {
        for (let j = snap.rowStart[i]!; j < snap.rowStart[i + 1]!; j++) {
          expect(snap.kind[j]).toBe(LinkKind.Isl);
          expect(snap.distanceKm[j]).toBeLessThanOrEqual(4000);
          if (c.satellites[snap.target[j]!]!.plane === c.satellites[i]!.plane)
            expect(Math.abs(snap.distanceKm[j]! - 1971.95)).toBeLessThan(15);
        }
      }
    }
  });
});

describe("latency experiment, London - New York on starlink-shell1", () => {
  it("each step's route starts and ends above the 25 deg mask, and its RTT is twice the recomputed path length / c", async () => {
    const london = findStation(c, "London")!;
    const ny = findStation(c, "New York")!;
    const t0 = Date.parse(c.epoch);
    const exp = await runLatencyExperiment(c, meshSettingsOf(c), [[london, ny]], {
      startUnixMs: t0,
      durationMs: 4000,
      stepMs: 1000,
      engine: "js",
    });
    expect(exp.steps).toBe(5);
    const p = exp.pairs[0]!;
    expect(p.samples.length).toBe(5);
    using prop = await ConstellationPropagator.create(c.satellites, { engine: "js" });
    const S = c.satellites.length;
    const lo = makeObserver({ latDeg: london.latDeg, lonDeg: london.lonDeg, altKm: 0 });
    const no = makeObserver({ latDeg: ny.latDeg, lonDeg: ny.lonDeg, altKm: 0 });
    // Straight chord London -> New York through the Earth: no path can be shorter.
    const chordKm = Math.hypot(lo.ecef.x - no.ecef.x, lo.ecef.y - no.ecef.y, lo.ecef.z - no.ecef.z);
    for (const s of p.samples) {
      expect(s.rttMs).not.toBeNull();
      const path = s.path!;
      expect(path[0]).toBe(S + london.index);
      expect(path.at(-1)).toBe(S + ny.index);
      expect(s.hops).toBe(path.length - 1);
      const e = prop.at(s.tUnixMs).ecef;
      const pos = (n: number) =>
        n >= S
          ? n === S + london.index
            ? lo.ecef
            : no.ecef
          : ecefKm(e[3 * n]!, e[3 * n + 1]!, e[3 * n + 2]!);
      let km = 0;
      for (let i = 0; i + 1 < path.length; i++) {
        const a = pos(path[i]!);
        const b = pos(path[i + 1]!);
        km += Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);
      }
      expect(s.rttMs!).toBeCloseTo(((2 * km) / C_KM_S) * 1000, 6);
      expect(s.rttMs!).toBeGreaterThan(((2 * chordKm) / C_KM_S) * 1000);
      expect(lookAngles(lo, pos(path[1]!)).elevationDeg).toBeGreaterThanOrEqual(25);
      expect(lookAngles(no, pos(path.at(-2)!)).elevationDeg).toBeGreaterThanOrEqual(25);
    }
    expect(p.summary.unreachable).toBe(0);
    expect(p.summary.minMs).toBeLessThanOrEqual(p.summary.medianMs!);
    expect(p.summary.medianMs).toBeLessThanOrEqual(p.summary.maxMs!);
  });

  it("a station no 53 deg shell can see (South Pole) is unreachable with its reason, every step", async () => {
    const pole: GroundStation = {
      index: 999,
      name: "South Pole",
      latDeg: -90,
      lonDeg: 0,
      altM: 2835,
      minElevationDeg: 25,
    };
    const london = findStation(c, "London")!;
    const exp = await runLatencyExperiment(
      c,
      meshSettingsOf(c),
      [
        [london, pole],
        [pole, london],
      ],
      {
        startUnixMs: Date.parse(c.epoch),
        durationMs: 1000,
        stepMs: 1000,
        engine: "js",
      },
    );
    for (const s of exp.pairs[0]!.samples)
      expect(s).toMatchObject({ rttMs: null, hops: null, reason: "destination-has-no-satellite-in-view" });
    for (const s of exp.pairs[1]!.samples)
      expect(s).toMatchObject({ rttMs: null, reason: "source-has-no-satellite-in-view" });
    expect(exp.pairs[0]!.summary).toMatchObject({ unreachable: 2, medianMs: null });
  });
});

describe("crossover sampling", () => {
  it("all-pairs RTTs equal the pairwise experiment's at the same instant", async () => {
    const t0 = Date.parse(c.epoch);
    const settings = meshSettingsOf(c);
    const res = await runCrossover(c, settings, {
      startUnixMs: t0,
      durationMs: 0,
      timeSamples: 1,
      maxStations: 4,
      engine: "js",
    });
    expect(res.pairs.length).toBe(6); // 4 stations: 4 x 3 / 2 pairs
    for (const p of res.pairs.slice(0, 3)) {
      const a = findStation(c, p.from)!;
      const b = findStation(c, p.to)!;
      const exp = await runLatencyExperiment(c, settings, [[a, b]], {
        startUnixMs: t0,
        durationMs: 0,
        stepMs: 1000,
        engine: "js",
      });
      expect(exp.pairs[0]!.samples[0]!.rttMs).toBe(p.medianRttMs);
      expect(exp.pairs[0]!.geodesicKm).toBe(p.geodesicKm);
    }
  });
});

describe("constellate latency (CLI)", () => {
  it("--format json has { pairs: [ { from, to, geodesicKm, fiberRttMs, samples, summary } ] } and --out writes CSV, JSON, SVG", async () => {
    const out = mkdtempSync(join(tmpdir(), "constellate-latency-"));
    tmp.push(out);
    let stdout = "";
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      stdout += String(chunk);
      return true;
    });
    let code: number;
    try {
      code = await main([
        "node",
        "constellate",
        "latency",
        FILE,
        "--pair",
        "London:New York",
        "--duration",
        "2s",
        "--step",
        "1s",
        "--format",
        "json",
        "--out",
        out,
        "--engine",
        "js",
      ]);
    } finally {
      spy.mockRestore();
    }
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.pairs).toHaveLength(1);
    const p = doc.pairs[0];
    expect(p).toMatchObject({ from: "London", to: "New York" });
    expect(typeof p.geodesicKm).toBe("number");
    expect(typeof p.fiberRttMs).toBe("number");
    expect(p.samples).toHaveLength(3);
    for (const s of p.samples) {
      expect(typeof s.t).toBe("string");
      expect(typeof s.rttMs).toBe("number");
      expect(typeof s.hops).toBe("number");
    }
    for (const k of ["minMs", "medianMs", "maxMs", "unreachable"]) expect(p.summary).toHaveProperty(k);
    for (const f of ["samples.csv", "summary.csv", "latency.json", "latency.svg"])
      expect(existsSync(join(out, f))).toBe(true);
    expect(readFileSync(join(out, "latency.svg"), "utf8")).toMatch(/^<svg/);
    expect(readFileSync(join(out, "samples.csv"), "utf8").split("\n")[0]).toBe(
      "t,from,to,rttMs,hops,fiberRttMs,reason,path",
    );
  });

  it("an unknown station is an input error (exit 2)", async () => {
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      expect(await main(["node", "constellate", "latency", FILE, "--pair", "London:Atlantis"])).toBe(2);
    } finally {
      err.mockRestore();
    }
  });
});
