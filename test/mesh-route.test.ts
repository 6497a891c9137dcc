/**
 * Routing on hand-built topologies: a small constellation whose shortest path is worked out by hand,
 * the reasons for no route, relaying through stations, and Dijkstra against an independent
 * Floyd-Warshall (written here) on random graphs.
 */
import { describe, expect, it } from "vitest";
import { Router } from "../src/mesh/route.js";
import type { TopologySnapshot } from "../src/mesh/types.js";
import { builder, C_KM_S, candidates, ecef, site } from "./mesh-helpers.js";

/**
 * Five satellites in the plane z = 8,000 km (far above the grazing sphere, so every line of sight
 * is clear) and two stations 1,600 km below S0 and S2 looking straight up with a 60 deg mask:
 *   S0 (0, 0)  S1 (3000, -500)  S2 (3000, 4000)  S3 (0, 4000)  S4 (1500, 2000, z = 9000)
 * Candidate links: 0-1, 1-2, 0-3, 3-2, 0-4, 4-2. Lengths by hand:
 *   0-1 = sqrt(3000^2 + 500^2) = 3041.38, 1-2 = 4500, 0-3 = 4000, 3-2 = 3000,
 *   0-4 = 4-2 = sqrt(1500^2 + 2000^2 + 1000^2) = sqrt(7,250,000) = 2692.58.
 * A sees only S0 (S1 at 27.7 deg, S3 at 21.8 deg, S4 at 46.1 deg, S2 at 17.7 deg); B only S2.
 * Shortest: A-S0-S4-S2-B, 1600 + 2 x 2692.582 + 1600 = 8585.165 km -> 28.637028 ms.
 * Without S4: A-S0-S3-S2-B = 1600 + 4000 + 3000 + 1600 = 10,200 km -> 34.023538 ms
 * (via S1 it would be 3041.38 + 4500 = 7541.38 > 7000).
 */
const SATS: [number, number, number][] = [
  [0, 0, 8000],
  [3000, -500, 8000],
  [3000, 4000, 8000],
  [0, 4000, 8000],
  [1500, 2000, 9000],
];
const PAIRS: [number, number][] = [
  [0, 1],
  [1, 2],
  [0, 3],
  [3, 2],
  [0, 4],
  [4, 2],
];
const UP: [number, number, number] = [0, 0, 1];
const A = site("A", [0, 0, 6400], UP, 60);
const B = site("B", [3000, 4000, 6400], UP, 60);
const BLIND = site("C", [0, 0, -6400], [0, 0, -1], 60);
// Node ids: satellites 0..4, then stations A = 5, B = 6, C = 7.

describe("shortest-delay routes", () => {
  it("finds the hand-computed path A-S0-S4-S2-B, 8,585.165 km, 28.637028 ms", () => {
    const snap = builder(5, candidates(5, PAIRS), [A, B, BLIND]).build(0, ecef(SATS));
    const r = new Router().route(snap, 5, 6);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.path).toEqual([5, 0, 4, 2, 6]);
    expect(r.hops).toBe(4);
    expect(r.delayMs).toBeCloseTo(28.637028, 5);
    expect(r.delayMs).toBeCloseTo(((1600 * 2 + 2 * Math.sqrt(7_250_000)) / C_KM_S) * 1000, 9);
  });

  it("with S4 down (NaN position) the route goes A-S0-S3-S2-B, 10,200 km, 34.023538 ms", () => {
    const sats = SATS.map((p) => [...p]) as [number, number, number][];
    sats[4] = [Number.NaN, Number.NaN, Number.NaN];
    const snap = builder(5, candidates(5, PAIRS), [A, B]).build(0, ecef(sats));
    const r = new Router().route(snap, 5, 6);
    expect(r.ok && r.path).toEqual([5, 0, 3, 2, 6]);
    expect(r.ok && r.delayMs).toBeCloseTo(34.023538, 5);
  });

  it("no satellite in view of the destination / of the source: says which", () => {
    const snap = builder(5, candidates(5, PAIRS), [A, B, BLIND]).build(0, ecef(SATS));
    const router = new Router();
    const toBlind = router.route(snap, 5, 7);
    expect(toBlind).toMatchObject({ ok: false, reason: "destination-has-no-satellite-in-view" });
    const fromBlind = router.route(snap, 7, 5);
    expect(fromBlind).toMatchObject({ ok: false, reason: "source-has-no-satellite-in-view" });
  });

  it("both stations see satellites but no laser links join them: mesh partitioned", () => {
    const snap = builder(5, candidates(5, []), [A, B]).build(0, ecef(SATS));
    const r = new Router().route(snap, 5, 6);
    expect(r).toMatchObject({ ok: false, reason: "mesh-partitioned" });
    if (!r.ok) expect(r.detail.length).toBeGreaterThan(0);
  });

  it("relays through a ground station only when allowed", () => {
    // S0 and S2 only, no lasers; station M midway (1500, 2000, 6400), mask 0, sees both at 32.6 deg.
    const M = site("M", [1500, 2000, 6400], UP, 0);
    const sats = ecef([SATS[0]!, SATS[2]!]);
    const snap = builder(2, candidates(2, []), [A, B, M]).build(0, sats);
    // Nodes: S0 = 0, S2 = 1, A = 2, B = 3, M = 4.
    const router = new Router();
    expect(router.route(snap, 2, 3)).toMatchObject({ ok: false, reason: "mesh-partitioned" });
    const r = router.route(snap, 2, 3, { relayThroughStations: true });
    expect(r.ok && r.path).toEqual([2, 0, 4, 1, 3]);
    // Legs: 1600 + 2 x sqrt(1500^2 + 2000^2 + 1600^2) + 1600 = 3200 + 2 x 3201.56 km.
    expect(r.ok && r.delayMs).toBeCloseTo(
      ((3200 + 2 * Math.sqrt(1500 ** 2 + 2000 ** 2 + 1600 ** 2)) / C_KM_S) * 1000,
      9,
    );
  });
});

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomGraph(
  n: number,
  m: number,
  seed: number,
  stations = 0,
): { snap: TopologySnapshot; w: Float64Array } {
  const r = rng(seed);
  const w = new Float64Array(n * n).fill(Number.POSITIVE_INFINITY);
  for (let i = 0; i < n; i++) w[i * n + i] = 0;
  const edges: [number, number, number][] = [];
  for (let k = 0; k < m; k++) {
    const u = Math.floor(r() * n);
    const v = Math.floor(r() * n);
    if (u === v) continue;
    const d = 1 + r() * 20;
    edges.push([u, v, d]);
    w[u * n + v] = Math.min(w[u * n + v]!, d);
  }
  edges.sort((a, b) => a[0] - b[0]);
  const rowStart = new Int32Array(n + 1);
  for (const [u] of edges) rowStart[u + 1]!++;
  for (let u = 0; u < n; u++) rowStart[u + 1]! += rowStart[u]!;
  const snap: TopologySnapshot = {
    tUnixMs: 0,
    satelliteCount: n - stations,
    stationCount: stations,
    nodeCount: n,
    linkCount: edges.length,
    rowStart,
    target: Int32Array.from(edges, (e) => e[1]),
    delayMs: Float64Array.from(edges, (e) => e[2]),
    distanceKm: Float64Array.from(edges, (e) => e[2]),
    capacityBps: new Float64Array(edges.length),
    kind: new Uint8Array(edges.length),
  };
  return { snap, w };
}

describe("Dijkstra agrees with Floyd-Warshall", () => {
  it.each([
    [40, 120, 1, "auto"],
    [60, 400, 2, "auto"],
    [80, 150, 3, "auto"],
    [40, 120, 1, "heap"],
    [60, 400, 2, "heap"],
    [80, 150, 3, "heap"],
  ] as const)("random directed graph, %i nodes, %i edges (seed %i), %s queue", (n, m, seed, queue) => {
    const { snap, w } = randomGraph(n, m, seed);
    // Floyd-Warshall, the textbook triple loop.
    const d = Float64Array.from(w);
    for (let k = 0; k < n; k++)
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          const via = d[i * n + k]! + d[k * n + j]!;
          if (via < d[i * n + j]!) d[i * n + j] = via;
        }
    const router = new Router();
    let reachable = 0;
    for (let s = 0; s < n; s++) {
      router.run(snap, s, { queue });
      for (let t = 0; t < n; t++) {
        const expected = d[s * n + t]!;
        if (Number.isFinite(expected)) {
          reachable++;
          expect(router.dist[t]).toBeCloseTo(expected, 9);
          // The path's links add up to the distance.
          const path = router.pathTo(t);
          let sum = 0;
          for (let i = 0; i + 1 < path.length; i++) sum += w[path[i]! * n + path[i + 1]!]!;
          expect(sum).toBeCloseTo(expected, 9);
        } else expect(router.dist[t]).toBe(Number.POSITIVE_INFINITY);
      }
    }
    expect(reachable).toBeGreaterThan(n); // the graphs are not trivially disconnected
  });
});

describe("stations as endpoints only", () => {
  it.each([
    [60, 300, 7, 12],
    [100, 500, 8, 20],
  ])("random graph, %i nodes, %i edges (seed %i), last %i nodes stations: Dijkstra = Floyd-Warshall over satellite intermediates", (n, m, seed, stations) => {
    const { snap, w } = randomGraph(n, m, seed, stations);
    const S = n - stations;
    // Floyd-Warshall with intermediate vertices restricted to satellites: a path may start or end at
    // a station but never pass through one.
    const d = Float64Array.from(w);
    for (let k = 0; k < S; k++)
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          const via = d[i * n + k]! + d[k * n + j]!;
          if (via < d[i * n + j]!) d[i * n + j] = via;
        }
    const router = new Router();
    for (const queue of ["auto", "heap"] as const)
      for (let src = 0; src < n; src++) {
        router.run(snap, src, { queue });
        for (let t = 0; t < n; t++) {
          const expected = d[src * n + t]!;
          if (Number.isFinite(expected)) expect(router.dist[t]).toBeCloseTo(expected, 9);
          else expect(router.dist[t]).toBe(Number.POSITIVE_INFINITY);
        }
        // Early stop at a station destination gives the same distance.
        for (const t of [S, n - 1]) {
          const r = router.route(snap, src, t, { queue });
          if (Number.isFinite(d[src * n + t]!)) expect(r.ok && r.delayMs).toBeCloseTo(d[src * n + t]!, 9);
          else expect(r.ok).toBe(false);
        }
      }
  });
});
