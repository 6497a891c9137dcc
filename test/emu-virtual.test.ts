/**
 * The virtual clock (`clock: "virtual"`) through real gRPC hosts: delivery instants worked out by
 * hand for a known line (propagation + serialization + queueing behind an earlier bundle), pings
 * whose round trip is the hand model to the bit, and determinism: the same inputs give the same
 * event log, in the same order, with 1, 2 and 4 pooled host processes and in-process.
 *
 * Numbers: 10 Mbit/s, so 12,500 bytes serialize in 10 ms and 25,000 bytes in 20 ms; ground links
 * 2 ms, laser links 3 ms. Virtual start 2026-01-01 (Unix ms ~1.77e12, where one ulp is 2^-12 ms).
 */
import { afterEach, describe, expect, it } from "vitest";
import { type Emulation, type EmulationOptions, startEmulationOn } from "../src/emu/emulation.js";
import { type HandLink, StaticTopologyProvider, snapshotFromLinks } from "../src/emu/topology-provider.js";
import type { BundleEvent } from "../src/emu/wire.js";
import { UNIX_MS_ULP } from "./emu-time.js";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const CAP = 10e6;
const GSL_MS = 2;
const ISL_MS = 3;

function both(l: HandLink[], a: number, b: number, d: number, cap = CAP): void {
  l.push({ from: a, to: b, delayMs: d, capacityBps: cap }, { from: b, to: a, delayMs: d, capacityBps: cap });
}

/** Station A (5) - 0 - 1 - 2 - 3 - 4 - station B (6). */
function line(): StaticTopologyProvider {
  const l: HandLink[] = [];
  both(l, 5, 0, GSL_MS);
  for (let i = 0; i < 4; i++) both(l, i, i + 1, ISL_MS);
  both(l, 4, 6, GSL_MS);
  return new StaticTopologyProvider(snapshotFromLinks(5, 2, l), ["s0", "s1", "s2", "s3", "s4", "A", "B"]);
}

async function start(provider: StaticTopologyProvider, o: EmulationOptions): Promise<Emulation> {
  const emu = await startEmulationOn(provider, { clock: "virtual", startMs: T0, ...o });
  await emu.waitAllUp(60_000);
  return emu;
}

/** Run until virtual `untilMs` (the controller's own event there), then return. */
function runTo(emu: Emulation, untilMs: number): Promise<void> {
  return new Promise<void>((resolve) => emu.controller.clock.at(untilMs, resolve));
}

describe("virtual clock, pooled with 2 hosts", () => {
  let emu: Emulation | null = null;
  afterEach(async () => {
    await emu?.stop();
    emu = null;
  });

  it("delivers FIFO-queued bundles of unequal size at exactly the hand-computed instants", async () => {
    emu = await start(line(), { isolation: "pooled", pooledHosts: 2 });
    expect(emu.pids()).toHaveLength(2);
    const events: BundleEvent[] = [];
    emu.events$.subscribe((e) => events.push(e));
    const at = T0 + 1000;
    const ids = await emu.injectMany(5, [
      { destination: 6, sizeBytes: 12_500, atUnixMs: at },
      { destination: 6, sizeBytes: 25_000, atUnixMs: at },
      { destination: 6, sizeBytes: 12_500, atUnixMs: at },
    ]);
    emu.resume();
    await runTo(emu, T0 + 2000);
    const delivered = (id: string) => events.find((e) => e.id === id && e.type === "TYPE_DELIVERED");
    // First: 6 hops x 10 ms + (2 + 4 x 3 + 2) ms = 76. Second (20 ms per hop) starts 10 ms behind the
    // first and is the slower from then on: 10 + 6 x 20 + 16 = 146. Third waits behind the second at
    // every hop and leaves the last one 10 ms after it: 146 + 10 = 156.
    expect(ids.map((id) => delivered(id)!.tUnixMs - at)).toEqual([76, 146, 156]);
    expect(ids.map((id) => delivered(id)!.node)).toEqual([6, 6, 6]);
    expect(emu.controller.currentTotals()).toMatchObject({ created: 3, delivered: 3, dropped: 0, queued: 0 });
  }, 60_000);

  it("answers a ping after exactly the model round trip, with no lateness anywhere", async () => {
    emu = await start(line(), { isolation: "pooled", pooledHosts: 2 });
    emu.resume();
    const r = await emu.ping(5, { destination: 6 });
    expect(r.ok).toBe(true);
    expect(r.forward.map((h) => h.to)).toEqual([0, 1, 2, 3, 4, 6]);
    expect(r.back.map((h) => h.to)).toEqual([4, 3, 2, 1, 0, 5]);
    // 64 B at 10 Mbit/s = 0.0512 ms per hop, 12 hops; 2 x 16 ms propagation.
    const model = 2 * 16 + 12 * ((64 * 8) / CAP) * 1000;
    // Exact up to the rounding of each computed instant (tx end, arrival) to a Unix-ms double.
    expect(Math.abs(r.rttMs - model)).toBeLessThanOrEqual(2 * 12 * UNIX_MS_ULP);
    // Each hop arrives exactly at the next one's enqueue: no slack, no lateness anywhere.
    for (const hops of [r.forward, r.back])
      for (let i = 1; i < hops.length; i++) expect(hops[i]!.enqueuedRunMs).toBe(hops[i - 1]!.arrivalRunMs);
    const st = await emu.nodeStatus(3);
    expect(st.counters.lateArrivals).toBe(0);
    expect(st.counters.lateEvents).toBe(0);
  }, 60_000);
});

describe("virtual clock, in-process, with a node stopped mid-run", () => {
  it("routes around the stopped node the longer way, then back after the restart", async () => {
    // Ring of 6; A(6) on 0, B(7) on 3; short way via 1-2 (1 ms ISLs), long way via 5-4 (2 ms).
    const l: HandLink[] = [];
    both(l, 0, 1, 1);
    both(l, 1, 2, 1);
    both(l, 2, 3, 1);
    both(l, 3, 4, 2);
    both(l, 4, 5, 2);
    both(l, 5, 0, 2);
    both(l, 6, 0, 1);
    both(l, 7, 3, 1);
    const provider = new StaticTopologyProvider(snapshotFromLinks(6, 2, l), [
      "s0",
      "s1",
      "s2",
      "s3",
      "s4",
      "s5",
      "A",
      "B",
    ]);
    const emu = await start(provider, { isolation: "inproc", restart: true, restartDelayWallMs: 300 });
    try {
      emu.resume();
      const ser = ((64 * 8) / CAP) * 1000;
      const r1 = await emu.ping(6, { destination: 7 });
      expect(r1.forward.map((h) => h.to)).toEqual([0, 1, 2, 3, 7]);
      expect(Math.abs(r1.rttMs - (2 * 5 + 10 * ser))).toBeLessThanOrEqual(20 * UNIX_MS_ULP);
      await emu.killNode(1);
      // The controller learns it when the node's stream ends (wall time); its next round recomputes.
      const until = async (pred: () => boolean) => {
        const t0 = Date.now();
        while (!pred() && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 10));
      };
      await until(() => !emu.controller.nodes[1]!.up);
      expect(emu.controller.nodes[1]!.up).toBe(false);
      const r2 = await emu.ping(6, { destination: 7 });
      expect(r2.forward.map((h) => h.to)).toEqual([0, 5, 4, 3, 7]);
      expect(Math.abs(r2.rttMs - (2 * 8 + 10 * ser))).toBeLessThanOrEqual(20 * UNIX_MS_ULP);
      // The restart delay is wall time (a process coming back); the clock idles meanwhile.
      await until(() => emu.controller.nodes[1]!.up);
      const r3 = await emu.ping(6, { destination: 7 });
      expect(r3.forward.map((h) => h.to)).toEqual([0, 1, 2, 3, 7]);
    } finally {
      await emu.stop();
    }
  }, 60_000);
});

/**
 * A ring with several flows crossing each other (contention on shared links), pings both ways, a
 * TTL too short to make it, and a bundle to an unknown destination: every kind of event.
 */
function ring(): StaticTopologyProvider {
  const l: HandLink[] = [];
  const n = 8;
  for (let i = 0; i < n; i++) both(l, i, (i + 1) % n, 2 + (i % 3));
  both(l, 8, 0, 1.5);
  both(l, 9, 3, 1.5);
  both(l, 10, 6, 1.5);
  const names = [...Array.from({ length: n }, (_, i) => `s${i}`), "A", "B", "C"];
  return new StaticTopologyProvider(snapshotFromLinks(n, 3, l), names);
}

const wallMs: number[] = [];

async function workload(o: EmulationOptions): Promise<string> {
  const emu = await start(ring(), o);
  const lines: string[] = [];
  emu.events$.subscribe((e) => lines.push(JSON.stringify(e)));
  try {
    for (let k = 0; k < 5; k++) {
      const at = T0 + 100 + k * 7;
      await emu.injectMany(8, [
        { destination: 9, sizeBytes: 12_500, atUnixMs: at },
        { destination: 10, sizeBytes: 3_000, atUnixMs: at + 1 },
      ]);
      await emu.injectMany(9, [
        { destination: 8, sizeBytes: 25_000, atUnixMs: at },
        { destination: 10, sizeBytes: 12_500, atUnixMs: at },
      ]);
      await emu.injectMany(10, [{ destination: 8, sizeBytes: 6_000, atUnixMs: at + 2, ttlMs: 5 }]);
    }
    await emu.inject(8, { destination: 99, sizeBytes: 10, atUnixMs: T0 + 150 });
    // A satellite destination nobody tracks yet: routes come with the next step.
    await emu.inject(10, { destination: 2, sizeBytes: 1_000, atUnixMs: T0 + 120 });
    // Requests made before resume() start at scenario time 0; made while the clock runs, they land
    // between two rounds, whose instants depend on the hosts (not an input the model can repeat).
    const pings = [emu.ping(8, { destination: 10 }), emu.ping(9, { destination: 8 })];
    const end = runTo(emu, T0 + 5000);
    const t0 = performance.now();
    emu.resume();
    await end;
    wallMs.push(performance.now() - t0);
    await Promise.all(pings);
    return lines.join("\n");
  } finally {
    await emu.stop();
  }
}

describe("virtual clock determinism", () => {
  it("gives byte-identical event logs with 1, 2 and 4 hosts and in-process", async () => {
    const logs = {
      inproc: await workload({ isolation: "inproc" }),
      pooled1: await workload({ isolation: "pooled", pooledHosts: 1 }),
      pooled2: await workload({ isolation: "pooled", pooledHosts: 2 }),
      pooled4: await workload({ isolation: "pooled", pooledHosts: 4 }),
    };
    const n = logs.inproc.split("\n").length;
    // 5 rounds x 5 bundles + 2 + 2 pings x 2 bundles: created and delivered or dropped, each.
    expect(n).toBeGreaterThanOrEqual(2 * (25 + 2 + 4));
    expect(logs.inproc).toMatch(/DROP_REASON_TTL_EXPIRED/);
    expect(logs.inproc).toMatch(/DROP_REASON_NO_SUCH_DESTINATION/);
    expect(logs.pooled1).toBe(logs.inproc);
    expect(logs.pooled2).toBe(logs.inproc);
    expect(logs.pooled4).toBe(logs.inproc);
  }, 120_000);
});
