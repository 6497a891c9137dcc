/**
 * StationDelays with kept paths and pruning (src/mesh/station-paths.ts, dialDistancesPruned) gives
 * a textbook Dijkstra's delays bit for bit, step after step: the previous step's paths bound each
 * search from above and the straight-line lower bound prunes it, and neither may change an answer
 * when paths move, break (a satellite on them drops out), or a time jump makes them useless. Forced
 * on at every size (`pathBoundsFromNodes: 0`); the reference search is test/reference-dijkstra.ts.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConstellation } from "../src/config/load.js";
import { meshSettingsOf } from "../src/mesh/config.js";
import { StationDelays } from "../src/mesh/station-delays.js";
import { TopologyBuilder } from "../src/mesh/topology.js";
import type { TopologySnapshot } from "../src/mesh/types.js";
import { ConstellationPropagator } from "../src/orbit/propagate.js";
import type { EcefKmArray } from "../src/orbit/units.js";
import { referenceDijkstra } from "./reference-dijkstra.js";

const CONSTELLATIONS = join(import.meta.dirname, "..", "constellations");

/** Every pair (g < h) of `got` against the reference search from g; returns the reachable pairs. */
function expectReference(snap: TopologySnapshot, got: Float64Array[]): number {
  const S = snap.satelliteCount;
  const G = snap.stationCount;
  let finite = 0;
  for (let g = 0; g < G - 1; g++) {
    const ref = referenceDijkstra(snap, S + g);
    for (let h = g + 1; h < G; h++) {
      const want = ref.dist[S + h]!;
      for (const d of got) {
        expect(d[g * G + h]).toBe(want);
        expect(d[h * G + g]).toBe(want);
      }
      if (Number.isFinite(want)) finite++;
    }
  }
  return finite;
}

describe("kept paths and pruning = textbook Dijkstra", () => {
  let one: StationDelays;
  let two: StationDelays;
  beforeAll(async () => {
    one = await StationDelays.create({ threads: 1, pathBoundsFromNodes: 0 });
    two = await StationDelays.create({ threads: 2, pathBoundsFromNodes: 0 });
  });
  afterAll(() => {
    one.close();
    two.close();
  });

  it("starlink-shell1: 6 steps of 100 ms, a jump of an hour, the satellites of a route dropping out and back", async () => {
    const c = loadConstellation(join(CONSTELLATIONS, "starlink-shell1.yaml"));
    const settings = meshSettingsOf(c);
    const builder = TopologyBuilder.forConstellation(c, settings);
    using prop = await ConstellationPropagator.create(c.satellites);
    const S = c.satellites.length;
    const t0 = Date.parse(c.epoch);
    const ticks = [
      ...Array.from({ length: 6 }, (_, k) => t0 + 100 * k),
      t0 + 3_600_000,
      t0 + 3_600_100,
      t0 + 3_600_200,
    ];
    let dropped: number[] = [];
    let reachable = 0;
    for (const t of ticks) {
      const ecef = Float64Array.from(prop.at(t).ecef) as EcefKmArray;
      // At t0 + 1 h + 100 ms the satellites of station 0's route to station 1 (kept from the step
      // before) are gone (NaN positions: no links), and back one step later.
      if (t === t0 + 3_600_100) for (const v of dropped) ecef.fill(Number.NaN, 3 * v, 3 * v + 3);
      const snap = builder.build(t, ecef);
      const d1 = Float64Array.from(one.compute(snap, settings.routing));
      const d2 = two.compute(snap, settings.routing);
      reachable += expectReference(snap, [d1, d2]);
      if (t === t0 + 3_600_000) {
        const ref = referenceDijkstra(snap, S);
        dropped = [];
        for (let v = ref.prev[S + 1]!; v !== S && v !== -1; v = ref.prev[v]!) dropped.push(v);
        expect(dropped.length).toBeGreaterThan(2);
      }
    }
    expect(reachable).toBeGreaterThan(ticks.length * 4000);
  }, 120_000);

  it.each([
    [1, 300, 25, 1500],
    [2, 500, 40, 2500],
    [3, 150, 30, 500],
  ])("random graph with positions (seed %i, %i satellites, %i stations, %i links), small integer delays (ties everywhere), then links changed and removed", (seed, sats, stations, m) => {
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
    // Integer lattice positions in a 12-unit cube; a link's delay is its length rounded up plus
    // 0..2, so every delay is >= its straight length (the lower bound holds) and sums tie often.
    const pos = Float64Array.from({ length: 3 * n }, () => Math.floor(rand() * 12));
    const len = (u: number, v: number) =>
      Math.hypot(
        pos[3 * u]! - pos[3 * v]!,
        pos[3 * u + 1]! - pos[3 * v + 1]!,
        pos[3 * u + 2]! - pos[3 * v + 2]!,
      );
    let edges: [number, number, number][] = [];
    for (let k = 0; k < m; k++) {
      const u = Math.floor(rand() * sats);
      const v = Math.floor(rand() * sats);
      if (u === v) continue;
      const d = Math.max(1, Math.ceil(len(u, v))) + Math.floor(rand() * 3);
      edges.push([u, v, d], [v, u, d]);
    }
    for (let g = 0; g < stations; g++)
      for (let k = Math.floor(rand() * 4); k > 0; k--) {
        const v = Math.floor(rand() * sats);
        const d = Math.max(1, Math.ceil(len(sats + g, v))) + Math.floor(rand() * 3);
        edges.push([sats + g, v, d], [v, sats + g, d]);
      }
    const snapshot = (es: [number, number, number][]): TopologySnapshot => {
      const sorted = [...es].sort((x, y) => x[0] - y[0]);
      const rowStart = new Int32Array(n + 1);
      for (const [u] of sorted) rowStart[u + 1]!++;
      for (let u = 0; u < n; u++) rowStart[u + 1]! += rowStart[u]!;
      return {
        tUnixMs: 0,
        satelliteCount: sats,
        stationCount: stations,
        nodeCount: n,
        linkCount: sorted.length,
        rowStart,
        target: Int32Array.from(sorted, (e) => e[1]),
        delayMs: Float64Array.from(sorted, (e) => e[2]),
        distanceKm: new Float64Array(sorted.length),
        capacityBps: new Float64Array(sorted.length),
        kind: new Uint8Array(sorted.length),
        nodeEcefKm: pos,
      };
    };
    let finite = 0;
    for (let step = 0; step < 3; step++) {
      const snap = snapshot(edges);
      finite += expectReference(snap, [Float64Array.from(one.compute(snap)), two.compute(snap)]);
      // Next step: a tenth of the links one longer or (if still >= their length) one shorter, and a
      // tenth removed, so kept paths turn suboptimal or break. A station's links change both ways
      // alike (as the topology builder makes them: a station with no link out has none in, which
      // the searches' target list relies on); satellite links one direction at a time.
      const change = (d: number, u: number, v: number): number | null => {
        const r = rand();
        if (r < 0.1) return null;
        if (r < 0.2) return d + 1;
        if (r < 0.3 && d - 1 >= Math.max(1, len(u, v))) return d - 1;
        return d;
      };
      const gsl = new Map<string, number | null>();
      edges = edges.flatMap(([u, v, d]) => {
        let nd: number | null;
        if (u >= sats || v >= sats) {
          const key = u < v ? `${u} ${v} ${d}` : `${v} ${u} ${d}`;
          if (!gsl.has(key)) gsl.set(key, change(d, u, v));
          nd = gsl.get(key)!;
        } else nd = change(d, u, v);
        return nd === null ? [] : [[u, v, nd] as [number, number, number]];
      });
    }
    expect(finite).toBeGreaterThan(stations);
  });
});
