/**
 * The discrete-event mode (`isolation: "sim"`): the same nodes, link model and controller on a
 * virtual clock with no wall time, so delivery times are exactly the model's, computed here by hand
 * for FIFO queueing of unequal bundles on a line, and a node stopped mid-run is routed around.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type Emulation, startEmulationOn } from "../src/emu/emulation.js";
import { type HandLink, StaticTopologyProvider, snapshotFromLinks } from "../src/emu/topology-provider.js";
import type { BundleEvent } from "../src/emu/wire.js";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const CAP = 10e6; // 12,500 B serialize in 10 ms, 25,000 B in 20 ms

function both(l: HandLink[], a: number, b: number, d: number): void {
  l.push({ from: a, to: b, delayMs: d, capacityBps: CAP }, { from: b, to: a, delayMs: d, capacityBps: CAP });
}

async function until(emu: Emulation, pred: () => boolean, what: string): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > 10_000)
      throw new Error(`timed out (wall) waiting for ${what} at virtual ${emu.now() - T0} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("emu sim (discrete-event)", () => {
  let emu: Emulation | null = null;
  afterEach(async () => {
    await emu?.stop();
    emu = null;
  });

  it("delivers FIFO-queued bundles of unequal size at exactly the hand-computed instants", async () => {
    // Line A(5) - 0 - 1 - 2 - 3 - 4 - B(6): ground links 2 ms, ISLs 3 ms.
    const l: HandLink[] = [];
    both(l, 5, 0, 2);
    for (let i = 0; i < 4; i++) both(l, i, i + 1, 3);
    both(l, 4, 6, 2);
    const provider = new StaticTopologyProvider(snapshotFromLinks(5, 2, l), [
      "s0",
      "s1",
      "s2",
      "s3",
      "s4",
      "A",
      "B",
    ]);
    emu = await startEmulationOn(provider, { isolation: "sim", startMs: T0 });
    const events: BundleEvent[] = [];
    emu.events$.subscribe((e) => events.push(e));
    await emu.waitAllUp();
    const at = T0 + 1000;
    const ids = await emu.injectMany(5, [
      { destination: 6, sizeBytes: 12_500, atMs: at },
      { destination: 6, sizeBytes: 25_000, atMs: at },
      { destination: 6, sizeBytes: 12_500, atMs: at },
    ]);
    emu.resume();
    const delivered = (id: string) => events.find((e) => e.id === id && e.type === "TYPE_DELIVERED");
    await until(emu, () => ids.every((id) => delivered(id)), "deliveries");
    // First: 6 x 10 ms + 16 ms propagation = 76. Second (20 ms per hop) starts at 10 ms behind the
    // first: 10 + 6 x 20 + 16 = 146. Third waits behind the second at every hop: 146 + 10 = 156.
    expect(ids.map((id) => delivered(id)!.tMs - at)).toEqual([76, 146, 156]);
    const t = emu.controller.currentTotals();
    expect(t).toMatchObject({ created: 3, delivered: 3, dropped: 0, queued: 0 });
  });

  it("routes around a stopped node, then back after the restart", async () => {
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
    emu = await startEmulationOn(provider, {
      isolation: "sim",
      startMs: T0,
      restart: true,
      restartDelayWallMs: 5000,
    });
    await emu.waitAllUp();
    emu.resume();
    const ser = ((64 * 8) / CAP) * 1000;
    const r1 = await emu.ping(6, { destination: 7 });
    expect(r1.forward.map((h) => h.to)).toEqual([0, 1, 2, 3, 7]);
    // Unix-ms doubles near 1.8e12 resolve 2^-12 ms (0.24 us): compare to 1 us.
    expect(Math.abs(r1.rttMs - (2 * 5 + 10 * ser))).toBeLessThan(1e-3);
    await emu.killNode(1);
    expect(emu.controller.nodes[1]!.up).toBe(false);
    const r2 = await emu.ping(6, { destination: 7 });
    expect(r2.forward.map((h) => h.to)).toEqual([0, 5, 4, 3, 7]);
    expect(Math.abs(r2.rttMs - (2 * 8 + 10 * ser))).toBeLessThan(1e-3);
    // Restart after 5 s of virtual time.
    await until(emu, () => emu!.controller.nodes[1]!.up, "restart");
    const r3 = await emu.ping(6, { destination: 7 });
    expect(r3.forward.map((h) => h.to)).toEqual([0, 1, 2, 3, 7]);
  });
});
