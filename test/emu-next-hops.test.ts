/**
 * The controller's next hops against a plain Dijkstra's, on hand-made meshes: the routing table
 * (src/emu/next-hop-table.ts) step after step as delays move, a link goes and a node goes down,
 * and the controller itself through stub node streams, where a destination's column exists only
 * once it is asked for. The reference is test/reference-dijkstra.ts (a textbook heap Dijkstra
 * written apart from src/mesh/) run from the destination over the reversed links, and the reasons
 * are worked out here from their definitions.
 */
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { Controller, type UpdateStream } from "../src/emu/controller.js";
import { NextHopTable } from "../src/emu/next-hop-table.js";
import { REASON_CODES } from "../src/emu/next-hops.js";
import { RunAuth } from "../src/emu/run-auth.js";
import { DEFAULT_EMU_SETTINGS, type RouteColumns } from "../src/emu/settings.js";
import { type HandLink, StaticTopologyProvider, snapshotFromLinks } from "../src/emu/topology-provider.js";
import type { NodeUpdate } from "../src/emu/wire.js";
import { LinkKind, type TopologySnapshot } from "../src/mesh/types.js";
import { referenceDijkstra } from "./reference-dijkstra.js";

// A 3-plane x 4-slot +grid of satellites (0..11) and three stations (12, 13, 14).
const PLANES = 3;
const SLOTS = 4;
const S = PLANES * SLOTS;
const G = 3;
const N = S + G;
const sat = (plane: number, slot: number) => ((plane + PLANES) % PLANES) * SLOTS + ((slot + SLOTS) % SLOTS);
/** Which satellites each station sees (two each), with a base delay, ms. */
const VIEWS: [number, number, number][] = [
  [12, sat(0, 0), 2.2],
  [12, sat(1, 0), 2.9],
  [13, sat(1, 2), 2.4],
  [13, sat(2, 2), 3.3],
  [14, sat(2, 1), 2.6],
  [14, sat(0, 3), 3.1],
];

/**
 * The mesh at step k: delays that move from step to step by amounts no two paths share (so there
 * are no ties and the shortest paths are unique), without the links in `cut`, fiber 12-13 on top.
 */
function meshAt(k: number, cut: readonly [number, number][] = []): TopologySnapshot {
  const links: HandLink[] = [];
  const gone = (a: number, b: number) => cut.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
  const both = (a: number, b: number, d: number) => {
    if (gone(a, b)) return;
    links.push(
      { from: a, to: b, delayMs: d, capacityBps: 1e9 },
      { from: b, to: a, delayMs: d, capacityBps: 1e9 },
    );
  };
  let i = 0;
  for (let p = 0; p < PLANES; p++)
    for (let s = 0; s < SLOTS; s++) {
      // In-plane to the next slot, and cross-plane to the next plane's same slot.
      both(sat(p, s), sat(p, s + 1), 3.1 + 0.37 * p + 0.113 * s + 0.9 * Math.sin(0.7 * k + i++));
      if (p + 1 < PLANES) both(sat(p, s), sat(p + 1, s), 4.3 + 0.21 * s + 1.3 * Math.sin(0.5 * k + i++));
    }
  for (const [g, v, d] of VIEWS) both(g, v, d + 0.4 * Math.sin(0.3 * k + i++));
  links.push(
    { from: 12, to: 13, delayMs: 5, capacityBps: 1e9, kind: LinkKind.Fiber },
    { from: 13, to: 12, delayMs: 5, capacityBps: 1e9, kind: LinkKind.Fiber },
  );
  return snapshotFromLinks(S, G, links);
}

/** Every node's next hop toward dest and its reason code, from the reference Dijkstra. */
function reference(s: TopologySnapshot, up: Uint8Array, dest: number): { next: number[]; reason: string[] } {
  // Reversed links between up nodes, fiber left out (it is not part of the space mesh).
  const rev: HandLink[] = [];
  const upLinks = new Array<number>(N).fill(0);
  for (let u = 0; u < N; u++)
    for (let j = s.rowStart[u]!; j < s.rowStart[u + 1]!; j++) {
      const v = s.target[j]!;
      if (!up[u] || !up[v] || s.kind[j] === LinkKind.Fiber) continue;
      rev.push({ from: v, to: u, delayMs: s.delayMs[j]!, capacityBps: 1 });
      upLinks[u]!++;
    }
  const { prev } = referenceDijkstra(snapshotFromLinks(S, G, rev), dest);
  const next: number[] = [];
  const reason: string[] = [];
  for (let u = 0; u < N; u++) {
    const hop = up[dest] && u !== dest ? prev[u]! : -1;
    next.push(hop);
    if (u === dest || hop >= 0) reason.push("");
    else if (!up[dest]) reason.push("node-down");
    else if (u >= S && upLinks[u] === 0) reason.push("source-has-no-satellite-in-view");
    else if (dest >= S && upLinks[dest] === 0) reason.push("destination-has-no-satellite-in-view");
    else reason.push("mesh-partitioned");
  }
  return { next, reason };
}

describe("next-hop table", () => {
  it("gives a hand-computed next hop on a line of three satellites", () => {
    // 12 - s0 - s1 - s2 - 13, and s0 - s2 directly but long (10 ms against 1 + 1).
    const line = snapshotFromLinks(3, 2, [
      ...[
        [3, 0, 2],
        [0, 1, 1],
        [1, 2, 1],
        [0, 2, 10],
        [2, 4, 2],
      ].flatMap(([a, b, d]) => [
        { from: a!, to: b!, delayMs: d!, capacityBps: 1e9 },
        { from: b!, to: a!, delayMs: d!, capacityBps: 1e9 },
      ]),
    ]);
    const table = new NextHopTable(5);
    const col = table.add(4);
    table.update(line, new Uint8Array(5).fill(1));
    // Toward station 4: 3 -> 0 -> 1 -> 2 -> 4; station 4 is the destination itself.
    expect(Array.from(col.next)).toEqual([1, 2, 4, 0, -1]);
  });

  it("equals a plain Dijkstra's at every step, with the entries that changed listed", () => {
    const up = new Uint8Array(N).fill(1);
    const table = new NextHopTable(N);
    const dests = [12, 13, 14, 5];
    for (const d of dests) table.add(d);
    let before = dests.map(() => ({
      next: new Array<number>(N).fill(-2),
      reason: new Array<string>(N).fill(""),
    }));
    let changes = 0;
    let reasonOnly = 0;
    for (let k = 0; k < 40; k++) {
      // Steps 10-14: an ISL is gone; 20-24: satellite 5 is down (so is the destination 5); 30-34:
      // station 14 sees nothing.
      const cut: [number, number][] = k >= 10 && k < 15 ? [[sat(1, 1), sat(1, 2)]] : [];
      if (k >= 30 && k < 35) cut.push([14, sat(2, 1)], [14, sat(0, 3)]);
      // 36: station 13 sees nothing; 37: nor does 12, whose reason toward 13 alone changes.
      if (k === 36 || k === 37) cut.push([13, sat(1, 2)], [13, sat(2, 2)]);
      if (k === 37) cut.push([12, sat(0, 0)], [12, sat(1, 0)]);
      up[5] = k >= 20 && k < 25 ? 0 : 1;
      const s = meshAt(k, cut);
      table.update(s, up);
      const now = dests.map((d) => reference(s, up, d));
      dests.forEach((d, i) => {
        const col = table.column(d)!;
        expect(Array.from(col.next), `next hops toward ${d} at step ${k}`).toEqual(now[i]!.next);
        expect(
          Array.from(col.reason, (r) => REASON_CODES[r]),
          `reasons toward ${d} at step ${k}`,
        ).toEqual(now[i]!.reason);
        const want: number[] = [];
        for (let u = 0; u < N; u++)
          if (
            u !== d &&
            (now[i]!.next[u] !== before[i]!.next[u] ||
              (now[i]!.next[u]! < 0 && now[i]!.reason[u] !== before[i]!.reason[u]))
          )
            want.push(u);
        expect(
          Array.from(col.changed.subarray(0, col.changedCount)),
          `changed toward ${d} at step ${k}`,
        ).toEqual(want);
        if (k > 0) changes += want.length;
        for (const u of want) if (now[i]!.next[u] === before[i]!.next[u]) reasonOnly++;
      });
      before = now;
    }
    // The moving delays, the cut, the outage and the blind stations do change routes.
    expect(changes).toBeGreaterThan(20);
    expect(reasonOnly).toBeGreaterThan(0);
  });
});

interface Stub {
  stream: UpdateStream;
  updates: NodeUpdate[];
}

function stub(node: number): Stub {
  const updates: NodeUpdate[] = [];
  return {
    updates,
    stream: {
      request: { node, address: `stub:${node}`, hostId: "h", pid: 0 },
      write: (u) => updates.push(structuredClone(u)),
      end: () => {},
      on: () => {},
    },
  };
}

let controller: Controller | null = null;
afterEach(async () => {
  await controller?.stop();
  controller = null;
});

/** A controller on the realtime clock over `provider` (stepped by hand), every node a stub stream. */
function controllerOf(provider: StaticTopologyProvider, routeColumns: RouteColumns): Stub[] {
  controller = new Controller({
    provider,
    settings: { ...DEFAULT_EMU_SETTINGS, routeColumns },
    startMs: Date.parse("2026-01-01T00:00:00Z"),
    name: "grid",
    isolation: "inproc",
    log: pino({ level: "silent" }),
    clockMode: "realtime",
    auth: RunAuth.generate(),
  });
  const stubs = Array.from({ length: N }, (_, u) => stub(u));
  for (const s of stubs) controller.register(s.stream);
  return stubs;
}

describe("controller next hops", () => {
  it("tells every node the plain Dijkstra's next hop toward each station, and toward a satellite once asked", () => {
    const T0 = Date.parse("2026-01-01T00:00:00Z");
    const names = Array.from({ length: N }, (_, i) => `n${i}`);
    const provider = new StaticTopologyProvider(meshAt(0), names);
    // Every station tracked from the start (the on-demand default is the next test's).
    const stubs = controllerOf(provider, "stations");
    // What each node was last told toward each destination.
    const told = new Map<string, number>();
    const take = () => {
      for (const s of stubs) {
        for (const u of s.updates)
          for (const r of u.diff?.routes ?? [])
            told.set(`${s.stream.request.node}>${r.destination}`, r.nextHop);
        s.updates.length = 0;
      }
    };
    const SAT = 5;
    for (let k = 0; k <= 12; k++) {
      provider.setSnapshot(meshAt(k));
      // Stations are tracked from the start; satellite 5 only once a node asks (here: step 4).
      if (k === 4) controller!.track(SAT);
      controller!.step(T0 + 100 * k);
      take();
      if (k < 4) expect([...told.keys()].some((key) => key.endsWith(`>${SAT}`))).toBe(false);
      for (const d of k < 4 ? [12, 13, 14] : [12, 13, 14, SAT]) {
        const ref = reference(meshAt(k), new Uint8Array(N).fill(1), d);
        for (let u = 0; u < N; u++)
          if (u !== d) expect(told.get(`${u}>${d}`), `node ${u} toward ${d} at step ${k}`).toBe(ref.next[u]);
      }
    }
  });
});

describe("controller next hops on demand (the default)", () => {
  it("answers a column asked for mid-step at once, on that step's snapshot, equal to a plain Dijkstra's, then keeps it", () => {
    const T0 = Date.parse("2026-01-01T00:00:00Z");
    const names = Array.from({ length: N }, (_, i) => `n${i}`);
    const provider = new StaticTopologyProvider(meshAt(0), names);
    expect(DEFAULT_EMU_SETTINGS.routeColumns).toBe("on-demand");
    const stubs = controllerOf(provider, DEFAULT_EMU_SETTINGS.routeColumns);
    const c = controller!;
    const told = new Map<string, number>();
    const take = () => {
      for (const s of stubs) {
        for (const u of s.updates)
          for (const r of u.diff?.routes ?? [])
            told.set(`${s.stream.request.node}>${r.destination}`, r.nextHop);
        s.updates.length = 0;
      }
    };
    const STATION = 13;
    const expectTold = (k: number, d: number) => {
      const ref = reference(meshAt(k), new Uint8Array(N).fill(1), d);
      for (let u = 0; u < N; u++)
        if (u !== d) expect(told.get(`${u}>${d}`), `node ${u} toward ${d} after step ${k}`).toBe(ref.next[u]);
    };
    for (let k = 0; k <= 8; k++) {
      provider.setSnapshot(meshAt(k));
      c.step(T0 + 100 * k);
      take();
      if (k < 3) {
        // Nobody asked: no column, nothing told toward any destination.
        expect(told.size).toBe(0);
        expect(c.tracks(STATION)).toBe(false);
      }
      if (k === 3) {
        // Mid-step 3 a node asks (WantRoutes). The provider already holds step 4's mesh: the answer
        // must be on step 3's snapshot, the one the nodes' links are from until step 4.
        provider.setSnapshot(meshAt(k + 1));
        const steps = c.steps;
        expect(c.track(STATION)).toBe(true);
        expect(c.steps).toBe(steps);
        take();
        expectTold(3, STATION);
        expect(c.track(STATION)).toBe(false);
        expect(c.tracks(STATION)).toBe(true);
      }
      if (k >= 3) expectTold(k, STATION);
      // Only the asked destination has a column.
      for (const d of [12, 14]) expect([...told.keys()].some((key) => key.endsWith(`>${d}`))).toBe(false);
    }
  });
});
