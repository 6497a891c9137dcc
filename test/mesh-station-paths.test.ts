/**
 * walkPath (src/mesh/station-paths.ts) rebuilds a station-to-station path from a search's distances
 * alone, with no predecessors: the path it stores must run source -> satellites -> destination over
 * links of the snapshot and sum, in path order (pathValue), to exactly the textbook Dijkstra's
 * delay (test/reference-dijkstra.ts), on a real snapshot and on a graph full of ties.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConstellation } from "../src/config/load.js";
import { meshSettingsOf } from "../src/mesh/config.js";
import { MAX_PATH_NODES, pathValue, walkPath } from "../src/mesh/station-paths.js";
import { TopologyBuilder } from "../src/mesh/topology.js";
import type { TopologySnapshot } from "../src/mesh/types.js";
import { ConstellationPropagator } from "../src/orbit/propagate.js";
import { referenceDijkstra } from "./reference-dijkstra.js";

const CONSTELLATIONS = join(import.meta.dirname, "..", "constellations");

/** Walk every station pair (g < h) from the reference distances; returns the pairs with a path. */
function checkWalks(snap: TopologySnapshot, sources: number): number {
  const S = snap.satelliteCount;
  const G = snap.stationCount;
  const { rowStart, target, delayMs } = snap;
  const paths = new Int32Array(MAX_PATH_NODES);
  const firstHop = new Float64Array(snap.nodeCount);
  let walked = 0;
  for (let g = 0; g < Math.min(sources, G - 1); g++) {
    const source = S + g;
    const ref = referenceDijkstra(snap, source);
    firstHop.fill(Number.POSITIVE_INFINITY);
    for (let j = rowStart[source]!; j < rowStart[source + 1]!; j++)
      firstHop[target[j]!] = Math.min(firstHop[target[j]!]!, delayMs[j]!);
    for (let h = g + 1; h < G; h++) {
      const dest = S + h;
      const len = walkPath(rowStart, target, delayMs, S, ref.dist, paths, 0, MAX_PATH_NODES, source, dest);
      if (!Number.isFinite(ref.dist[dest]!)) {
        expect(len).toBe(0);
        continue;
      }
      // The reference's own path fits, so a walk must fit too (it is never longer: it follows
      // strictly falling distances, each step a link of the graph).
      let refLen = 1;
      for (let v = dest; v !== source; v = ref.prev[v]!) refLen++;
      if (refLen > MAX_PATH_NODES) continue;
      expect(len).toBeGreaterThan(1);
      expect(paths[0]).toBe(source);
      expect(paths[len - 1]).toBe(dest);
      for (let k = 0; k + 1 < len; k++) {
        const a = paths[k]!;
        const b = paths[k + 1]!;
        if (k > 0) expect(a).toBeLessThan(S);
        let linked = false;
        for (let j = rowStart[a]!; j < rowStart[a + 1]!; j++) if (target[j] === b) linked = true;
        expect(linked).toBe(true);
      }
      const v = pathValue(
        rowStart,
        target,
        delayMs,
        snap.nodeCount,
        S,
        firstHop,
        paths,
        0,
        len,
        source,
        dest,
      );
      expect(v).toBe(ref.dist[dest]);
      walked++;
    }
  }
  return walked;
}

describe("walkPath: a path from the distances alone", () => {
  it("starlink-shell1 at its epoch: every pair from 10 sources sums to the reference delay", async () => {
    const c = loadConstellation(join(CONSTELLATIONS, "starlink-shell1.yaml"));
    const builder = TopologyBuilder.forConstellation(c, meshSettingsOf(c));
    using prop = await ConstellationPropagator.create(c.satellites);
    const t0 = Date.parse(c.epoch);
    const snap = builder.build(t0, prop.at(t0).ecef);
    expect(checkWalks(snap, 10)).toBeGreaterThan(400);
  }, 60_000);

  it("a ring of 12 satellites with equal delays (two equal ways round) and a path too long to keep", () => {
    // Stations 12 and 13 see satellites 0 and 6 (opposite on the ring): both ways round are 6 hops
    // of 1 ms, a tie in exact and in float arithmetic.
    const sats = 12;
    const edges: [number, number, number][] = [];
    for (let i = 0; i < sats; i++) edges.push([i, (i + 1) % sats, 1], [(i + 1) % sats, i, 1]);
    edges.push([12, 0, 0.5], [0, 12, 0.5], [13, 6, 0.5], [6, 13, 0.5]);
    edges.sort((x, y) => x[0] - y[0]);
    const n = sats + 2;
    const rowStart = new Int32Array(n + 1);
    for (const [u] of edges) rowStart[u + 1]!++;
    for (let u = 0; u < n; u++) rowStart[u + 1]! += rowStart[u]!;
    const snap: TopologySnapshot = {
      tUnixMs: 0,
      satelliteCount: sats,
      stationCount: 2,
      nodeCount: n,
      linkCount: edges.length,
      rowStart,
      target: Int32Array.from(edges, (e) => e[1]),
      delayMs: Float64Array.from(edges, (e) => e[2]),
      distanceKm: new Float64Array(edges.length),
      capacityBps: new Float64Array(edges.length),
      kind: new Uint8Array(edges.length),
    };
    expect(checkWalks(snap, 1)).toBe(1);
    const ref = referenceDijkstra(snap, 12);
    expect(ref.dist[13]).toBe(7); // 0.5 + 6 x 1 + 0.5, by hand
    const paths = new Int32Array(16);
    // 9 nodes: station, 7 satellites, station.
    expect(walkPath(snap.rowStart, snap.target, snap.delayMs, sats, ref.dist, paths, 0, 9, 12, 13)).toBe(9);
    expect(walkPath(snap.rowStart, snap.target, snap.delayMs, sats, ref.dist, paths, 0, 8, 12, 13)).toBe(0);
    // Distances that no path sums to (a corrupted array) give no path rather than a wrong one.
    const bad = Float64Array.from(ref.dist);
    bad[13] = 6.75;
    expect(walkPath(snap.rowStart, snap.target, snap.delayMs, sats, bad, paths, 0, 16, 12, 13)).toBe(0);
  });
});
