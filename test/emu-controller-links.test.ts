/**
 * The controller's link diffs on a hand-made topology, through stub node streams (no gRPC): what
 * each node is told at each step. Fiber between stations never changes, so after the first step a
 * station hears of its fiber links again only when another station goes down or comes back.
 */
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { Controller, type UpdateStream } from "../src/emu/controller.js";
import { RunAuth } from "../src/emu/run-auth.js";
import { DEFAULT_EMU_SETTINGS } from "../src/emu/settings.js";
import { type HandLink, StaticTopologyProvider, snapshotFromLinks } from "../src/emu/topology-provider.js";
import type { NodeUpdate } from "../src/emu/wire.js";

const T0 = Date.parse("2026-01-01T00:00:00Z");
// s0 (satellite 0) sees stations A(1), B(2), C(3) at 2, 3, 4 ms; fiber A-B 5 ms, B-C 6 ms, A-C 7 ms.
const FIBER: Record<string, number> = { "0-1": 5, "1-2": 6, "0-2": 7 };
const fiberMs = (a: number, b: number) => FIBER[`${Math.min(a, b)}-${Math.max(a, b)}`] ?? Number.NaN;

function provider(): StaticTopologyProvider {
  const l: HandLink[] = [];
  for (const [st, d] of [
    [1, 2],
    [2, 3],
    [3, 4],
  ] as const)
    l.push(
      { from: 0, to: st, delayMs: d, capacityBps: 1e9 },
      { from: st, to: 0, delayMs: d, capacityBps: 1e9 },
    );
  return new StaticTopologyProvider(snapshotFromLinks(1, 3, l), ["s0", "A", "B", "C"], fiberMs);
}

interface Stub {
  stream: UpdateStream;
  updates: NodeUpdate[];
  close(): void;
}

function stub(node: number): Stub {
  const updates: NodeUpdate[] = [];
  const handlers: (() => void)[] = [];
  return {
    updates,
    stream: {
      request: { node, address: `stub:${node}`, hostId: "h", pid: 0 },
      write: (u) => updates.push(structuredClone(u)),
      end: () => {},
      on: (_e, fn) => handlers.push(fn),
    },
    close: () => {
      for (const h of handlers) h();
    },
  };
}

/** The fiber links of an update, as "target:up:delay". */
const fiberOf = (u: NodeUpdate | undefined) =>
  (u?.diff?.links ?? [])
    .filter((l) => l.kind === "LINK_KIND_FIBER")
    .map((l) => `${l.target}:${l.up ? "up" : "down"}:${l.delayMs}`)
    .sort();

let controller: Controller | null = null;
afterEach(async () => {
  await controller?.stop();
  controller = null;
});

describe("controller link diffs", () => {
  it("tells a station its fiber links once, then again only when a station goes down or comes back", () => {
    controller = new Controller({
      provider: provider(),
      settings: { ...DEFAULT_EMU_SETTINGS },
      startMs: T0,
      name: "hand",
      isolation: "inproc",
      log: pino({ level: "silent" }),
      clockMode: "realtime",
      auth: RunAuth.generate(),
    });
    const stubs = [0, 1, 2, 3].map(stub);
    for (const s of stubs) controller.register(s.stream);
    const A = stubs[1]!;
    const last = () => A.updates[A.updates.length - 1];
    controller.step(T0);
    expect(fiberOf(last())).toEqual(["2:up:5", "3:up:7"]);
    // Steps with nothing changed: nothing to tell A (no fiber, no radio link, no route).
    const told = A.updates.length;
    controller.step(T0 + 100);
    controller.step(T0 + 200);
    expect(A.updates.length).toBe(told);
    // C's stream ends: at the next step A loses its fiber link to C, and only that.
    stubs[3]!.close();
    controller.step(T0 + 300);
    expect(fiberOf(last())).toEqual(["3:down:0"]);
    // C registers again: A is told the link to C once more, with its fixed delay.
    const again = stub(3);
    controller.register(again.stream);
    controller.step(T0 + 400);
    expect(fiberOf(last())).toEqual(["3:up:7"]);
    // And C, new, hears of every fiber link it has (A 7 ms, B 6 ms).
    expect(fiberOf(again.updates[again.updates.length - 1])).toEqual(["1:up:7", "2:up:6"]);
  });
});
