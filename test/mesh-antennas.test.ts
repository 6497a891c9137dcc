/**
 * Ground-station antennas: a station links to at most `antennas` satellites at once, the highest in
 * its sky (ties: the lower satellite id), chosen afresh at every instant from that instant's geometry.
 *
 * Hand geometry: one station at latitude 0, longitude 0, height 0, i.e. at ECEF (a, 0, 0) with
 * a = 6378.137 km (WGS-84 equatorial radius) and local vertical (1, 0, 0) exactly (cos 0 = 1,
 * sin 0 = 0). A satellite at (a + u, 0, w) is then u km above the station's horizontal plane and w km
 * across it: elevation = atan(u / |w|), slant range = sqrt(u^2 + w^2). Mask 10 deg.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadConstellation, loadConstellationText } from "../src/config/load.js";
import { meshSettingsOf, meshSettingsWithOverrides } from "../src/mesh/config.js";
import { readHypatiaDir } from "../src/mesh/hypatia.js";
import { TopologyBuilder } from "../src/mesh/topology.js";
import { LinkKind, type TopologySnapshot } from "../src/mesh/types.js";
import { elevationDegAt, makeObserver } from "../src/orbit/frames.js";
import { ConstellationPropagator } from "../src/orbit/propagate.js";
import type { EcefKmArray } from "../src/orbit/units.js";
import { InputError } from "../src/util/input-error.js";
import { C_KM_S, ecef, R_KM } from "./mesh-helpers.js";

/** A constellation of `n` satellites (positions given by hand below) and one equatorial station. */
function yaml(n: number, opts: { station?: string; groundLinks?: string } = {}): string {
  return `
name: antennas
epoch: "2026-01-01T00:00:00Z"
shells:
  - name: s
    walker: { altitudeKm: 550, inclinationDeg: 53, planes: 1, satsPerPlane: ${n}, phasing: 0, raanSpreadDeg: 360 }
    isl: { pattern: none }
groundStations:
  stations:
    - { name: Equator, latDeg: 0, lonDeg: 0, minElevationDeg: 10${opts.station ?? ""} }
${opts.groundLinks ?? ""}
`;
}

/** Satellites at (a + u, 0, w) for each [u, w], km. */
const above = (uw: readonly (readonly [number, number])[]): EcefKmArray =>
  ecef(uw.map(([u, w]) => [R_KM + u, 0, w] as const));

/**
 * Sat 0 at u = 500, w = 500: elevation atan(1) = 45 deg, range 500 sqrt 2 = 707.107 km.
 * Sat 1 at u = 1200, w = 0: elevation 90 deg (zenith), range 1200 km: higher, though farther.
 * Sat 2 at u = 100, w = -1000: elevation atan(0.1) = 5.71 deg, below the 10 deg mask: never linked.
 */
const TWO_UP = above([
  [500, 500],
  [1200, 0],
  [100, -1000],
]);

/** The satellites the station (node S) links to, ascending, checking up and down links pair up. */
function stationSats(s: TopologySnapshot): number[] {
  const S = s.satelliteCount;
  const up: number[] = [];
  for (let j = s.rowStart[S]!; j < s.rowStart[S + 1]!; j++) {
    expect(s.kind[j]).toBe(LinkKind.GslUp);
    up.push(s.target[j]!);
  }
  const down: number[] = [];
  for (let u = 0; u < S; u++)
    for (let j = s.rowStart[u]!; j < s.rowStart[u + 1]!; j++)
      if (s.target[j] === S) {
        expect(s.kind[j]).toBe(LinkKind.GslDown);
        down.push(u);
      }
  up.sort((a, b) => a - b);
  expect(down).toEqual(up);
  return up;
}

function snapshotOf(text: string, positions: EcefKmArray, overrides: string[] = []): TopologySnapshot {
  const c = loadConstellationText(text, "antennas.yaml");
  return TopologyBuilder.forConstellation(c, meshSettingsWithOverrides(c, overrides)).build(0, positions);
}

describe("ground-station antennas (hand geometry)", () => {
  it("the built-in default is 1 antenna: the station keeps the higher satellite, not the nearer", () => {
    const s = snapshotOf(yaml(3), TWO_UP);
    expect(stationSats(s)).toEqual([1]);
    // Both directions of the kept pair, 1200 km long: delay 1200 / c.
    const S = s.satelliteCount;
    const j = s.rowStart[S]!;
    expect(s.distanceKm[j]).toBeCloseTo(1200, 9);
    expect(s.delayMs[j]).toBeCloseTo((1200 / C_KM_S) * 1000, 12);
    const k = s.rowStart[1]!;
    expect([s.target[k], s.kind[k], s.distanceKm[k]]).toEqual([S, LinkKind.GslDown, s.distanceKm[j]]);
  });

  it("antennas 2 keeps both satellites in view (and still not the one below the mask)", () => {
    const s = snapshotOf(yaml(3, { groundLinks: "groundLinks: { antennas: 2 }" }), TWO_UP);
    expect(stationSats(s)).toEqual([0, 1]);
    const S = s.satelliteCount;
    const byTarget = new Map<number, number>();
    for (let j = s.rowStart[S]!; j < s.rowStart[S + 1]!; j++) byTarget.set(s.target[j]!, s.distanceKm[j]!);
    expect(byTarget.get(0)).toBeCloseTo(500 * Math.SQRT2, 9);
    expect(byTarget.get(1)).toBeCloseTo(1200, 9);
  });

  it('"unlimited" links every satellite in view, as before antennas existed', () => {
    // Six satellites in view, elevations atan(u / w) by hand, plus one below the mask:
    // 0: (1000, 2000) 26.57 deg; 1: (1000, 577.35) 60.00; 2: (500, 2000) 14.04; 3: (1000, 0) 90;
    // 4: (1000, 1732.05) 30.00; 5: (1000, 1000) 45; 6: (100, 2000) 2.86 (below 10 deg).
    const six = above([
      [1000, 2000],
      [1000, 1000 / Math.sqrt(3)],
      [500, 2000],
      [1000, 0],
      [1000, 1000 * Math.sqrt(3)],
      [1000, 1000],
      [100, 2000],
    ]);
    const text = yaml(7, { groundLinks: "groundLinks: { antennas: unlimited }" });
    expect(stationSats(snapshotOf(text, six))).toEqual([0, 1, 2, 3, 4, 5]);
    // The same through the limited path: a count of at least the number in view changes nothing.
    expect(stationSats(snapshotOf(text, six, ["groundLinks.antennas=6"]))).toEqual([0, 1, 2, 3, 4, 5]);
    // 3 antennas: 90 (sat 3), 60 (sat 1), 45 (sat 5) deg. 5: also 30 (sat 4) and 26.57 (sat 0) deg.
    expect(stationSats(snapshotOf(text, six, ["groundLinks.antennas=3"]))).toEqual([1, 3, 5]);
    expect(stationSats(snapshotOf(text, six, ["groundLinks.antennas=5"]))).toEqual([0, 1, 3, 4, 5]);
    expect(stationSats(snapshotOf(text, six, ["groundLinks.antennas=1"]))).toEqual([3]);
  });

  it("a tie in elevation goes to the lower satellite id, wherever it is", () => {
    // Sats at w = +500 and w = -500, both u = 500: mirror images, 45 deg each (bit-identical
    // geometry); a third at (500, 1000), atan(0.5) = 26.57 deg.
    const tie = above([
      [500, 500],
      [500, -500],
      [500, 1000],
    ]);
    expect(stationSats(snapshotOf(yaml(3), tie))).toEqual([0]);
    const swapped = above([
      [500, -500],
      [500, 500],
      [500, 1000],
    ]);
    expect(stationSats(snapshotOf(yaml(3), swapped))).toEqual([0]);
    expect(stationSats(snapshotOf(yaml(3), tie, ["groundLinks.antennas=2"]))).toEqual([0, 1]);
  });

  it("a station's own antennas overrides groundLinks.antennas", () => {
    const text = yaml(3, { station: ", antennas: 2", groundLinks: "groundLinks: { antennas: 1 }" });
    const c = loadConstellationText(text, "antennas.yaml");
    expect(c.groundStations[0]!.antennas).toBe(2);
    expect(stationSats(snapshotOf(text, TWO_UP))).toEqual([0, 1]);
    // A command-line override moves only stations without their own (as capacityGbps does).
    expect(stationSats(snapshotOf(text, TWO_UP, ["groundLinks.antennas=unlimited"]))).toEqual([0, 1]);
    expect(stationSats(snapshotOf(yaml(3), TWO_UP, ["groundLinks.antennas=unlimited"]))).toEqual([0, 1]);
  });

  it("policy nearest still links the nearest satellite (one link fits any antenna count)", () => {
    const text = yaml(3, { groundLinks: "groundLinks: { policy: nearest, antennas: 1 }" });
    // Sat 0 is 707.1 km away, sat 1 1200 km: nearest is sat 0 though sat 1 is higher.
    expect(stationSats(snapshotOf(text, TWO_UP))).toEqual([0]);
  });

  it("the choice depends only on the instant: a builder that has run earlier ticks agrees with a fresh one", () => {
    const c = loadConstellationText(yaml(3), "antennas.yaml");
    const settings = meshSettingsOf(c);
    // At t = 1 s the roles swap: sat 0 at the zenith (u = 1200, w = 0), sat 1 at 45 deg.
    const later = above([
      [1200, 0],
      [500, 500],
      [100, -1000],
    ]);
    const running = TopologyBuilder.forConstellation(c, settings);
    expect(stationSats(running.build(0, TWO_UP))).toEqual([1]);
    expect(stationSats(running.build(1000, later))).toEqual([0]);
    expect(stationSats(TopologyBuilder.forConstellation(c, settings).build(1000, later))).toEqual([0]);
    // And back again, as a virtual clock jumping to an earlier event would ask.
    expect(stationSats(running.build(0, TWO_UP))).toEqual([1]);
  });
});

describe("ground-station antennas (Starlink shell 1, 100 cities)", () => {
  const c = loadConstellation(
    fileURLToPath(new URL("../constellations/starlink-shell1.yaml", import.meta.url)),
  );

  it("each station keeps its N highest satellites, as the orbit layer's elevations rank them", async () => {
    const S = c.satellites.length;
    const observers = c.groundStations.map((g) =>
      makeObserver({ latDeg: g.latDeg, lonDeg: g.lonDeg, altKm: g.altM / 1000 }),
    );
    const all = TopologyBuilder.forConstellation(c, meshSettingsOf(c));
    const limited = [1, 3].map((n) => ({
      n,
      builder: TopologyBuilder.forConstellation(
        c,
        meshSettingsWithOverrides(c, [`groundLinks.antennas=${n}`]),
      ),
    }));
    using prop = await ConstellationPropagator.create(c.satellites);
    const t0 = Date.parse(c.epoch);
    let compared = 0;
    // Steps and a jump, so the station view cache both reuses and refreshes its lists.
    for (const dtMs of [0, 100, 200, 37_000, 600_000]) {
      const pos = prop.at(t0 + dtMs).ecef;
      const inView: number[][] = [];
      const full = all.build(t0 + dtMs, pos);
      for (let g = 0; g < c.groundStations.length; g++)
        inView.push(Array.from(full.target.subarray(full.rowStart[S + g]!, full.rowStart[S + g + 1]!)));
      for (const { n, builder } of limited) {
        const snap = builder.build(t0 + dtMs, pos);
        for (let g = 0; g < c.groundStations.length; g++) {
          // Reference: rank the satellites in view by elevation from src/orbit/frames.ts (full sort).
          const ranked = inView[g]!.map((i) => ({ i, el: elevationDegAt(observers[g]!, pos, i) })).sort(
            (a, b) => b.el - a.el || a.i - b.i,
          );
          const want = ranked
            .slice(0, n)
            .map((r) => r.i)
            .sort((a, b) => a - b);
          const got = Array.from(snap.target.subarray(snap.rowStart[S + g]!, snap.rowStart[S + g + 1]!)).sort(
            (a, b) => a - b,
          );
          expect(got, `station ${c.groundStations[g]!.name} at +${dtMs} ms, ${n} antennas`).toEqual(want);
          if (inView[g]!.length > n) compared++;
        }
      }
    }
    // The limit bit somewhere (Starlink shell 1 at a 25 deg mask has several satellites over most cities).
    expect(compared).toBeGreaterThan(100);
  });
});

describe("antenna settings in the catalogs", () => {
  const cat = (f: string) => fileURLToPath(new URL(`../constellations/${f}`, import.meta.url));

  it("the files compared with Hypatia (100 cities) are unlimited; the EO network has 1 antenna per station", () => {
    for (const f of [
      "starlink-shell1.yaml",
      "starlink-shell1-mesh.yaml",
      "kuiper-630.yaml",
      "telesat-1015.yaml",
    ])
      expect(meshSettingsOf(loadConstellation(cat(f))).groundLinks.antennas, f).toBe(
        Number.POSITIVE_INFINITY,
      );
    expect(meshSettingsOf(loadConstellation(cat("eo-sso.yaml"))).groundLinks.antennas).toBe(1);
  });

  const HYP = fileURLToPath(new URL("../../shared/hypatia-format/starlink_550", import.meta.url));
  it.skipIf(!existsSync(HYP))(
    "a Hypatia directory reads as unlimited (Hypatia links a station to every satellite in range)",
    () => {
      const net = readHypatiaDir(HYP);
      expect(meshSettingsOf(net.constellation).groundLinks.antennas).toBe(Number.POSITIVE_INFINITY);
      // Its stations, for the record, set no own count.
      expect(net.constellation.groundStations.every((g) => g.antennas === undefined)).toBe(true);
    },
  );
  if (!existsSync(HYP))
    console.warn(`skipping the Hypatia antenna check: ${join(HYP)} (../shared/hypatia-format) is absent`);
});

describe("antenna input errors", () => {
  function errorOf(f: () => unknown): InputError {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return e as InputError;
    }
    throw new Error("expected an InputError");
  }

  for (const bad of [0, 1.5, -2]) {
    it(`a station with antennas: ${bad} names the file, line, field and value`, () => {
      const e = errorOf(() => loadConstellationText(yaml(3, { station: `, antennas: ${bad}` }), "bad.yaml"));
      expect(e.location).toMatchObject({
        file: "bad.yaml",
        field: "groundStations.stations[0].antennas",
        value: bad,
      });
      // The station entry is line 10 of the text above (line 1 is empty).
      expect(e.location.line).toBe(10);
      expect(e.message).toContain("expected an integer >= 1");
    });
  }

  for (const bad of ["0", "1.5", "many"]) {
    it(`groundLinks.antennas: ${bad} names the field and value`, () => {
      const e = errorOf(() =>
        loadConstellationText(yaml(3, { groundLinks: `groundLinks: { antennas: ${bad} }` }), "bad.yaml"),
      );
      const value = bad === "many" ? "many" : Number(bad);
      expect(e.location).toMatchObject({ file: "bad.yaml", field: "groundLinks.antennas", value });
      // zod names the branch that came closest: the count's rule for numbers, both forms for a word.
      expect(e.message).toContain(
        bad === "many" ? 'expected an integer >= 1 or "unlimited"' : "expected an integer >= 1",
      );
    });
  }

  it("a bad --mesh override names the flag, the key and the value", () => {
    const c = loadConstellationText(yaml(3), "ok.yaml");
    const e = errorOf(() => meshSettingsWithOverrides(c, ["groundLinks.antennas=0"]));
    expect(e.location).toMatchObject({
      field: "--mesh antennas",
      value: "groundLinks.antennas=0",
    });
  });
});
