/**
 * Node updates folded while a host reads slowly (src/emu/update-merge.ts, the controller's send):
 * applying the folded update must leave a node exactly as applying the updates one by one. The
 * node's rule (node.ts applyUpdate) is written again here as a plain map: links by target (down
 * removes the queue, up updates it or makes a new one, an empty address keeps the old), routes by
 * destination. Random sequences against it; then the controller itself, on a stub stream that
 * pushes back, sends one update at 'drain' instead of one per step.
 */
import { EventEmitter } from "node:events";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { Controller, type UpdateStream } from "../src/emu/controller.js";
import { RunAuth } from "../src/emu/run-auth.js";
import { DEFAULT_EMU_SETTINGS } from "../src/emu/settings.js";
import { type HandLink, StaticTopologyProvider, snapshotFromLinks } from "../src/emu/topology-provider.js";
import { foldNodeUpdate } from "../src/emu/update-merge.js";
import type { LinkEntry, NodeUpdate, RouteEntry } from "../src/emu/wire.js";
import { LINK_KIND_WIRE, noRouteWire } from "../src/emu/wire-enums.js";

/** What a node holds: per target its link state and which queue (a new one each time it is made). */
interface NodeModel {
  links: Map<number, { delayMs: number; capacityBps: number; kind: string; address: string; queue: number }>;
  routes: Map<number, RouteEntry>;
  tMs: number;
  queuesMade: number;
}

function model(): NodeModel {
  return { links: new Map(), routes: new Map(), tMs: 0, queuesMade: 0 };
}

function apply(n: NodeModel, u: NodeUpdate): void {
  if (u.tUnixMs > 0) n.tMs = u.tUnixMs;
  if (u.update !== "diff" || !u.diff) return;
  for (const l of u.diff.links) {
    const q = n.links.get(l.target);
    if (!l.up) n.links.delete(l.target);
    else if (q)
      Object.assign(q, {
        delayMs: l.delayMs,
        capacityBps: l.capacityBps,
        kind: l.kind,
        address: l.address || q.address,
      });
    else
      n.links.set(l.target, {
        delayMs: l.delayMs,
        capacityBps: l.capacityBps,
        kind: l.kind,
        address: l.address,
        queue: ++n.queuesMade,
      });
  }
  for (const r of u.diff.routes) n.routes.set(r.destination, r);
}

/** The node's state, with each queue named only as kept (made before `since`) or new. */
function view(n: NodeModel, since: number) {
  return {
    tMs: n.tMs,
    links: [...n.links.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([t, q]) => ({
        t,
        d: q.delayMs,
        c: q.capacityBps,
        k: q.kind,
        a: q.address,
        kept: q.queue <= since,
      })),
    routes: [...n.routes.values()].sort((a, b) => a.destination - b.destination),
  };
}

function update(tMs: number, links: LinkEntry[], routes: RouteEntry[] = []): NodeUpdate {
  return { tUnixMs: tMs, clock: null, update: "diff", diff: { links, routes } };
}

/** The wire's link kinds, by mesh/types.ts LinkKind number (1 GSL up, 2 GSL down, ...). */
const KIND = LINK_KIND_WIRE;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("foldNodeUpdate", () => {
  it("keeps an address given before when a later up gives none, and rebuilds a link that went down and up", () => {
    const seq = [
      update(1, [{ target: 5, up: true, delayMs: 2, capacityBps: 1e9, kind: KIND[1]!, address: "a:1" }]),
      update(2, [{ target: 5, up: true, delayMs: 3, capacityBps: 1e9, kind: KIND[1]!, address: "" }]),
      update(3, [{ target: 7, up: false, delayMs: 0, capacityBps: 0, kind: KIND[1]!, address: "" }]),
      update(4, [{ target: 7, up: true, delayMs: 9, capacityBps: 1e8, kind: KIND[2]!, address: "b:2" }]),
    ];
    const folded = seq.slice(1).reduce((into, u) => foldNodeUpdate(into, u), structuredClone(seq[0]!));
    expect(folded.tUnixMs).toBe(4);
    expect(folded.diff!.links).toEqual([
      { target: 5, up: true, delayMs: 3, capacityBps: 1e9, kind: KIND[1]!, address: "a:1" },
      { target: 7, up: false, delayMs: 0, capacityBps: 0, kind: KIND[1]!, address: "" },
      { target: 7, up: true, delayMs: 9, capacityBps: 1e8, kind: KIND[2]!, address: "b:2" },
    ]);
  });

  it("leaves a node as the updates one by one would, over 500 random sequences", () => {
    const rand = mulberry32(20261201);
    const int = (n: number) => Math.floor(rand() * n);
    for (let trial = 0; trial < 500; trial++) {
      // A node with some links already, then 2-8 updates over 6 targets and 4 destinations.
      const start = model();
      for (let t = 0; t < 6; t++)
        if (rand() < 0.5)
          apply(
            start,
            update(1, [
              { target: t, up: true, delayMs: 1, capacityBps: 1, kind: KIND[1]!, address: `s:${t}` },
            ]),
          );
      const seq: NodeUpdate[] = [];
      for (let k = 0, n = 2 + int(7); k < n; k++) {
        const links: LinkEntry[] = [];
        for (let j = 0, m = int(5); j < m; j++) {
          const up = rand() < 0.6;
          links.push({
            target: int(6),
            up,
            delayMs: up ? 1 + int(50) : 0,
            capacityBps: up ? 1e6 * (1 + int(3)) : 0,
            kind: KIND[1 + int(3)]!,
            address: up && rand() < 0.6 ? `h:${int(100)}` : "",
          });
        }
        const routes = Array.from({ length: int(3) }, () => ({
          destination: int(4),
          nextHop: int(6) - 1,
          reason: rand() < 0.2 ? noRouteWire("mesh-partitioned") : noRouteWire(""),
        }));
        seq.push(update(10 + k, links, routes));
      }
      const oneByOne = structuredClone(start);
      for (const u of seq) apply(oneByOne, u);
      const folded = structuredClone(start);
      apply(
        folded,
        seq.slice(1).reduce((into, u) => foldNodeUpdate(into, u), structuredClone(seq[0]!)),
      );
      expect(view(folded, start.queuesMade), `trial ${trial}`).toEqual(view(oneByOne, start.queuesMade));
    }
  });
});

// The controller: satellite 0 and stations A(1), B(2); s0's links to them change delay every step.
const T0 = Date.parse("2026-01-01T00:00:00Z");
function snapshotAt(step: number) {
  const l: HandLink[] = [];
  for (const st of [1, 2]) {
    const d = 2 + st + step;
    l.push(
      { from: 0, to: st, delayMs: d, capacityBps: 1e9 },
      { from: st, to: 0, delayMs: d, capacityBps: 1e9 },
    );
  }
  return snapshotFromLinks(1, 2, l);
}

/** A node stream as grpc-js's server stream behaves: write() returns false while it pushes back. */
class StubStream extends EventEmitter implements UpdateStream {
  readonly written: NodeUpdate[] = [];
  full = false;
  constructor(readonly request: UpdateStream["request"]) {
    super();
  }
  write(u: NodeUpdate): boolean {
    this.written.push(structuredClone(u));
    return !this.full;
  }
  end(): void {}
  drain(): void {
    this.full = false;
    this.emit("drain");
  }
}

let controllers: Controller[] = [];
afterEach(async () => {
  for (const c of controllers) await c.stop();
  controllers = [];
});

function run(congestA: boolean): { a: StubStream; node: NodeModel; writesWhileFull: number } {
  const provider = new StaticTopologyProvider(snapshotAt(0), ["s0", "A", "B"], () => Number.NaN);
  const c = new Controller({
    provider,
    settings: { ...DEFAULT_EMU_SETTINGS, delayToleranceMs: 0 },
    startMs: T0,
    name: "fold",
    isolation: "inproc",
    log: pino({ level: "silent" }),
    clockMode: "realtime",
    auth: RunAuth.generate(),
  });
  controllers.push(c);
  const streams = [0, 1, 2].map(
    (node) => new StubStream({ node, address: `stub:${node}`, hostId: "h", pid: 0 }),
  );
  for (const s of streams) c.register(s);
  const a = streams[1]!;
  c.step(T0);
  a.full = congestA;
  const before = a.written.length;
  for (let k = 1; k <= 10; k++) {
    provider.setSnapshot(snapshotAt(k));
    c.step(T0 + k * 100);
  }
  const writesWhileFull = a.written.length - before;
  if (congestA) a.drain();
  const node = model();
  for (const u of a.written) apply(node, u);
  return { a, node, writesWhileFull };
}

describe("controller send under back-pressure", () => {
  it("writes a node's steps as one folded update at 'drain', leaving it as the step-by-step updates do", () => {
    const free = run(false);
    const held = run(true);
    // Each of the 10 steps changed A's link to s0: one update a step when the stream takes them.
    expect(free.writesWhileFull).toBe(10);
    // Pushed back: the first write was refused room (false), the other nine waited, folded, for 'drain'.
    expect(held.writesWhileFull).toBe(1);
    expect(held.a.written.length).toBe(free.a.written.length - 10 + 2);
    expect(view(held.node, 0)).toEqual(view(free.node, 0));
    // The last step's delay, 2 + 1 + 10 ms, is what A holds.
    expect(held.node.links.get(0)?.delayMs).toBe(13);
  });
});
