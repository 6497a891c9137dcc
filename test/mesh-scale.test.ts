/**
 * The scale paths give the answers of a textbook Dijkstra: every-station-to-every-station delays
 * (StationDelays, on 1 and 2 threads, with its early stop) and the router's routes, against a
 * binary-heap Dijkstra written here, on shipped constellations at several instants, one with the
 * lasers off (partitioned pairs) and a station that sees no satellite. The reused station views
 * give the ground links a full scan of every satellite gives (that scan written here too), across
 * a time jump backwards and a satellite that drops out (NaN) and comes back elsewhere.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConstellation, loadConstellationText } from "../src/config/load.js";
import { meshSettingsOf } from "../src/mesh/config.js";
import { noRoute, Router } from "../src/mesh/route.js";
import { StationDelays } from "../src/mesh/station-delays.js";
import { distanceToViewLowerBoundKm, MARGIN_KM, type ViewRegion } from "../src/mesh/station-view.js";
import { TopologyBuilder } from "../src/mesh/topology.js";
import { LinkKind, type TopologySnapshot } from "../src/mesh/types.js";
import type { Constellation } from "../src/orbit/constellation.js";
import { ConstellationPropagator } from "../src/orbit/propagate.js";
import type { EcefKmArray } from "../src/orbit/units.js";
import { R_KM } from "./mesh-helpers.js";
import { referenceDijkstra } from "./reference-dijkstra.js";

const CONSTELLATIONS = join(import.meta.dirname, "..", "constellations");

/** The delay of a path summed link by link from the source, as a search sums it. */
function pathDelayMs(s: TopologySnapshot, path: number[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < path.length; i++) {
    let best = Number.POSITIVE_INFINITY;
    for (let j = s.rowStart[path[i]!]!; j < s.rowStart[path[i]! + 1]!; j++)
      if (s.target[j] === path[i + 1]) best = Math.min(best, s.delayMs[j]!);
    sum += best;
  }
  return sum;
}

interface Case {
  label: string;
  c: () => Constellation;
  offsetsMs: number[];
}

/** starlink-shell1 with its lasers off and a station at the South Pole (53 deg shell: none in view). */
const SHELL1_NO_LASERS = `name: shell1-no-lasers
epoch: "2026-01-01T00:00:00Z"
shells:
  - name: shell1
    walker: { altitudeKm: 550, inclinationDeg: 53, planes: 72, satsPerPlane: 22, phasing: 36, raanSpreadDeg: 360 }
    isl: { pattern: none }
groundStations:
  include: ["ground-stations/cities-100.yaml"]
  defaults: { minElevationDeg: 25 }
  stations:
    - { name: "South Pole", latDeg: -90, lonDeg: 0, altM: 2835 }
`;

const CASES: Case[] = [
  {
    label: "starlink-shell1",
    c: () => loadConstellation(join(CONSTELLATIONS, "starlink-shell1.yaml")),
    offsetsMs: [0, 3_600_000],
  },
  {
    label: "starlink-gen1",
    c: () => loadConstellation(join(CONSTELLATIONS, "starlink-gen1.yaml")),
    offsetsMs: [1_800_000],
  },
  {
    label: "kuiper-630",
    c: () => loadConstellation(join(CONSTELLATIONS, "kuiper-630.yaml")),
    offsetsMs: [600_000],
  },
  {
    label: "shell1, lasers off, a blind station",
    c: () => loadConstellationText(SHELL1_NO_LASERS, join(CONSTELLATIONS, "shell1-no-lasers.yaml")),
    offsetsMs: [0],
  },
];

describe("every station to every station = textbook Dijkstra", () => {
  let one: StationDelays;
  let two: StationDelays;
  beforeAll(async () => {
    one = await StationDelays.create({ threads: 1 });
    two = await StationDelays.create({ threads: 2 });
  });
  afterAll(() => {
    one.close();
    two.close();
  });

  it.each(CASES)("$label: same delays bit for bit, same reasons, on 1 and 2 threads", async ({
    c: make,
    offsetsMs,
  }) => {
    const c = make();
    const settings = meshSettingsOf(c);
    const builder = TopologyBuilder.forConstellation(c, settings);
    using prop = await ConstellationPropagator.create(c.satellites);
    const S = c.satellites.length;
    const G = c.groundStations.length;
    const router = new Router();
    const reasons = new Map<string, number>();
    let reachable = 0;
    for (const dt of offsetsMs) {
      const t = Date.parse(c.epoch) + dt;
      const snap = builder.build(t, prop.at(t).ecef);
      const d1 = Float64Array.from(one.compute(snap, settings.routing));
      const d2 = two.compute(snap, settings.routing);
      for (let g = 0; g < G; g++) {
        const ref = referenceDijkstra(snap, S + g);
        router.run(snap, S + g, settings.routing);
        for (let h = 0; h < G; h++) {
          // Pair (g, h) is searched from the lower-numbered station, as StationDelays documents.
          const expected = g === h ? 0 : g < h ? ref.dist[S + h]! : d1[h * G + g]!;
          expect(d1[g * G + h]).toBe(expected);
          expect(d2[g * G + h]).toBe(expected);
          if (g < h) expect(router.dist[S + h]).toBe(ref.dist[S + h]);
          if (g >= h) continue;
          if (Number.isFinite(expected)) {
            reachable++;
            // The router's path: stations only at its ends, and its links add up to the delay.
            const r = router.resultTo(S + h);
            expect(r.ok).toBe(true);
            if (!r.ok) continue;
            expect(r.path[0]).toBe(S + g);
            expect(r.path.at(-1)).toBe(S + h);
            expect(r.path.slice(1, -1).every((v) => v < S)).toBe(true);
            expect(pathDelayMs(snap, r.path)).toBe(expected);
            // And it is the reference's path (no two paths tie to the last bit in real geometry).
            const refPath: number[] = [];
            for (let v = S + h; v !== -1; v = ref.prev[v]!) refPath.unshift(v);
            expect(r.path).toEqual(refPath);
          } else {
            const r = router.resultTo(S + h);
            expect(r.ok).toBe(false);
            if (r.ok) continue;
            expect(r).toEqual(noRoute(snap, S + g, S + h));
            reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);
          }
        }
      }
    }
    expect(reachable).toBeGreaterThan(0);
    if (c.name === "shell1-no-lasers") {
      // Without lasers most pairs share no satellite; the pole sees none (a 53 deg shell at 550 km
      // is seen at 25 deg elevation up to ~9 deg beyond its inclination, i.e. to ~62 deg latitude).
      expect(reasons.get("mesh-partitioned")).toBeGreaterThan(1000);
      expect(reasons.get("destination-has-no-satellite-in-view")).toBe(G - 1);
    } else {
      // A +Grid mesh is connected: a missing route is a station with nothing in view (Kuiper's 35 deg
      // mask leaves its northernmost cities blind at times), never a partition.
      expect(reasons.has("mesh-partitioned")).toBe(false);
    }
  });

  it.each([
    [1, 200, 30, 900],
    [2, 400, 50, 1600],
    [3, 120, 40, 300],
  ])("random graph (seed %i, %i satellites, %i stations, %i links) with small integer delays (many ties, many relaxations within one bucket)", (seed, sats, stations, m) => {
    let a = seed >>> 0;
    const rand = () => {
      // mulberry32
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const n = sats + stations;
    const edges: [number, number, number][] = [];
    for (let k = 0; k < m; k++) {
      const u = Math.floor(rand() * sats);
      const v = Math.floor(rand() * sats);
      if (u !== v) edges.push([u, v, 1 + Math.floor(rand() * 4)]);
    }
    // Each station links both ways to 1-3 satellites (some to none: blind).
    for (let g = 0; g < stations; g++)
      for (let k = Math.floor(rand() * 4); k > 0; k--) {
        const v = Math.floor(rand() * sats);
        const d = 1 + Math.floor(rand() * 4);
        edges.push([sats + g, v, d], [v, sats + g, d]);
      }
    edges.sort((x, y) => x[0] - y[0]);
    const rowStart = new Int32Array(n + 1);
    for (const [u] of edges) rowStart[u + 1]!++;
    for (let u = 0; u < n; u++) rowStart[u + 1]! += rowStart[u]!;
    const snap: TopologySnapshot = {
      tUnixMs: 0,
      satelliteCount: sats,
      stationCount: stations,
      nodeCount: n,
      linkCount: edges.length,
      rowStart,
      target: Int32Array.from(edges, (e) => e[1]),
      delayMs: Float64Array.from(edges, (e) => e[2]),
      distanceKm: new Float64Array(edges.length),
      capacityBps: new Float64Array(edges.length),
      kind: new Uint8Array(edges.length),
    };
    const d1 = Float64Array.from(one.compute(snap));
    const d2 = two.compute(snap);
    let finite = 0;
    for (let g = 0; g < stations - 1; g++) {
      const ref = referenceDijkstra(snap, sats + g);
      for (let h = g + 1; h < stations; h++) {
        expect(d1[g * stations + h]).toBe(ref.dist[sats + h]);
        expect(d2[g * stations + h]).toBe(ref.dist[sats + h]);
        if (Number.isFinite(ref.dist[sats + h]!)) finite++;
      }
    }
    expect(finite).toBeGreaterThan(stations);
  });

  it("the same instance serves snapshots of different sizes in turn (buffers grow and reach the workers)", async () => {
    for (const { c: make, offsetsMs } of [CASES[0]!, CASES[1]!, CASES[0]!]) {
      const c = make();
      const settings = meshSettingsOf(c);
      const builder = TopologyBuilder.forConstellation(c, settings);
      using prop = await ConstellationPropagator.create(c.satellites);
      const t = Date.parse(c.epoch) + offsetsMs[0]!;
      const snap = builder.build(t, prop.at(t).ecef);
      const d2 = two.compute(snap, settings.routing);
      const S = c.satellites.length;
      const G = c.groundStations.length;
      const ref = referenceDijkstra(snap, S + 3);
      for (let h = 4; h < G; h++) expect(d2[3 * G + h]).toBe(ref.dist[S + h]);
    }
  });

  it("a worker that dies mid-run is an error, not a hang", async () => {
    const sd = await StationDelays.create({ threads: 2, stallTimeoutMs: 300 });
    const c = CASES[0]!.c();
    const settings = meshSettingsOf(c);
    using prop = await ConstellationPropagator.create(c.satellites);
    const t = Date.parse(c.epoch);
    const snap = TopologyBuilder.forConstellation(c, settings).build(t, prop.at(t).ecef);
    sd.compute(snap, settings.routing);
    await (sd as unknown as { workers: { terminate(): Promise<number> }[] }).workers[0]!.terminate();
    expect(() => sd.compute(snap, settings.routing)).toThrow(/stopped answering/);
  });

  it("close() ends the workers; compute afterwards is an error", async () => {
    const sd = await StationDelays.create({ threads: 2 });
    sd.close();
    sd.close();
    const c = CASES[0]!.c();
    const snap = TopologyBuilder.forConstellation(c, meshSettingsOf(c)).build(
      0,
      new Float64Array(3 * c.satellites.length) as EcefKmArray,
    );
    expect(() => sd.compute(snap)).toThrow(/after close/);
  });
});

/** Ground links of a snapshot as "station sat distance" strings. */
function groundLinks(s: TopologySnapshot): string[] {
  const out: string[] = [];
  for (let u = s.satelliteCount; u < s.nodeCount; u++)
    for (let j = s.rowStart[u]!; j < s.rowStart[u + 1]!; j++)
      if (s.kind[j] === LinkKind.GslUp) out.push(`${u} ${s.target[j]} ${s.distanceKm[j]}`);
  return out;
}

describe("reused station views = scanning every satellite", () => {
  it("starlink-shell1 over 300 ticks of 100 ms, a jump back in time, and a satellite that drops out", async () => {
    const c = loadConstellation(join(CONSTELLATIONS, "starlink-shell1.yaml"));
    const settings = meshSettingsOf(c);
    const builder = TopologyBuilder.forConstellation(c, settings);
    using prop = await ConstellationPropagator.create(c.satellites);
    const S = c.satellites.length;
    const t0 = Date.parse(c.epoch);
    const ticks = [...Array.from({ length: 300 }, (_, k) => t0 + 100 * k), t0 + 7_200_000, t0 + 50, t0 + 150];
    // Satellites 0..39 go missing (NaN) at the jump back to t0 + 50 and are back at t0 + 150.
    let checked = 0;
    for (const t of ticks) {
      const ecef = Float64Array.from(prop.at(t).ecef) as EcefKmArray;
      if (t === t0 + 50) for (let k = 0; k < 3 * 40; k++) ecef[k] = Number.NaN; // satellites 0..39
      const snap = builder.build(t, ecef);
      // The full scan, as the builder's documentation defines a ground link: above the elevation
      // mask (w . up >= sin(mask) |w|) and within range, every satellite against every station.
      const expected: string[] = [];
      builder.stations.forEach((st, g) => {
        const sinMask = Math.sin((st.minElevationDeg * Math.PI) / 180);
        for (let i = 0; i < S; i++) {
          const dx = ecef[3 * i]! - st.x;
          const dy = ecef[3 * i + 1]! - st.y;
          const dz = ecef[3 * i + 2]! - st.z;
          const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
          if (dx * st.upX + dy * st.upY + dz * st.upZ >= sinMask * d && d <= st.maxRangeKm)
            expected.push(`${S + g} ${i} ${d}`);
        }
      });
      expect(groundLinks(snap)).toEqual(expected);
      checked += expected.length;
    }
    expect(checked).toBeGreaterThan(300 * 100); // ~10 satellites in view of each of 100 cities
    // Reuse happened: far fewer list refreshes than station-ticks.
    expect(builder.views.refreshes).toBeLessThan((ticks.length * c.groundStations.length) / 4);
  });

  it("distance bound from a station's view region, on hand-computed geometry", () => {
    // Station on the x axis at the Earth's radius, looking along +x.
    const region = (maskDeg: number, maxRangeKm = Infinity): ViewRegion => ({
      x: R_KM,
      y: 0,
      z: 0,
      upX: 1,
      upY: 0,
      upZ: 0,
      sinMask: Math.sin((maskDeg * Math.PI) / 180),
      cosMask: Math.cos((maskDeg * Math.PI) / 180),
      maxRangeKm,
    });
    // Mask 0: the region is the half-space x >= R; a point 100 km below that plane is 100 km away.
    expect(distanceToViewLowerBoundKm(region(0), R_KM - 100, 500, 0)).toBeCloseTo(100, 9);
    // Mask 30 deg: cone half-angle 60 deg; a point 1,000 km away on the horizon (90 deg off the
    // axis) is 30 deg outside the cone: 1000 sin 30 = 500 km.
    expect(distanceToViewLowerBoundKm(region(30), R_KM, 1000, 0)).toBeCloseTo(500, 9);
    // Inside the cone: 0. Inside the cone but 3,000 km out with a 2,000 km range: 1,000 km.
    expect(distanceToViewLowerBoundKm(region(30), R_KM + 500, 100, 0)).toBe(0);
    expect(distanceToViewLowerBoundKm(region(30, 2000), R_KM + 3000, 0, 0)).toBeCloseTo(1000, 9);
    // NaN positions are never excluded (NaN >= margin is false).
    expect(distanceToViewLowerBoundKm(region(30), Number.NaN, 0, 0) >= MARGIN_KM).toBe(false);
  });
});
