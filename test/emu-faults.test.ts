/**
 * Node failure on a hand-built ring: a node killed mid-run is detected, its links go down, routes go
 * around it (the longer way, whose delay we know by hand), and `restart` brings it back.
 * Process isolation: one OS process per node (8), SIGKILL one of them. Pooled: stop a node inside
 * its host. On the virtual clock: the round trips are asserted exactly. All child processes are gone
 * after stop().
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulation, startEmulationOn } from "../src/emu/emulation.js";
import { type HandLink, StaticTopologyProvider, snapshotFromLinks } from "../src/emu/topology-provider.js";
import { UNIX_MS_ULP } from "./emu-time.js";

// Ring of 6 satellites; station A (6) on sat 0, station B (7) on sat 3.
// Short way 0-1-2-3: 1 ms per ISL; long way 0-5-4-3: 2 ms per ISL; ground links 1 ms.
const A = 6;
const B = 7;
const CAP = 1e9;
function ringLinks(): HandLink[] {
  const l: HandLink[] = [];
  const both = (a: number, b: number, d: number) =>
    l.push(
      { from: a, to: b, delayMs: d, capacityBps: CAP },
      { from: b, to: a, delayMs: d, capacityBps: CAP },
    );
  both(0, 1, 1);
  both(1, 2, 1);
  both(2, 3, 1);
  both(3, 4, 2);
  both(4, 5, 2);
  both(5, 0, 2);
  both(A, 0, 1);
  both(B, 3, 1);
  return l;
}
const names = ["s0", "s1", "s2", "s3", "s4", "s5", "A", "B"];
const PING_BYTES = 64;
const serMs = ((PING_BYTES * 8) / CAP) * 1000;
// One-way by hand: short 1+1+1+1+1 = 5 ms, long 1+2+2+2+1 = 8 ms; 5 hops each way.
const SHORT_RTT = 2 * 5 + 10 * serMs;
const LONG_RTT = 2 * 8 + 10 * serMs;
// On the virtual clock the round trips are the hand model's, up to the rounding of each computed
// instant (tx end, arrival; 10 hops) to a Unix-ms double, however busy the machine is.
const RTT_TOL_MS = 2 * 10 * UNIX_MS_ULP;

async function waitFor(pred: () => boolean, ms: number, what: string): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

for (const isolation of ["process", "pooled"] as const) {
  describe(`emu faults (${isolation})`, () => {
    let emu: Emulation;
    let pids: number[] = [];

    beforeAll(async () => {
      const provider = new StaticTopologyProvider(snapshotFromLinks(6, 2, ringLinks()), names);
      emu = await startEmulationOn(provider, {
        isolation,
        clock: "virtual",
        pooledHosts: 2,
        restart: true,
        restartDelayWallMs: 2500,
        startMs: Date.parse("2026-01-01T00:00:00Z"),
      });
      await emu.waitAllUp(60_000);
      emu.resume();
      pids = emu.pids();
      // Warm the peer channels.
      await emu.ping(A, { destination: B, timeoutMs: 5000 });
    }, 90_000);

    afterAll(async () => {
      await emu?.stop();
      await waitFor(() => pids.every((p) => !alive(p)), 5000, "child processes to exit");
    }, 20_000);

    it("takes the short way while every node is up", async () => {
      const r = await emu.ping(A, { destination: B, timeoutMs: 5000 });
      expect(r.ok).toBe(true);
      expect(r.forward.map((h) => h.to)).toEqual([0, 1, 2, 3, B]);
      expect(Math.abs(r.rttMs - SHORT_RTT)).toBeLessThanOrEqual(RTT_TOL_MS);
      const model = emu.controller.modelRoute(A, B, "VIA_SPACE");
      expect(model.path).toEqual([A, 0, 1, 2, 3, B]);
      expect(model.oneWayMs).toBeCloseTo(5, 9);
    });

    it("detects a killed node, routes around it, and restarts it", async () => {
      const lost: number[] = [];
      const sub = emu.controller.nodeLost$.subscribe((id) => lost.push(id));
      const restartsBefore = emu.controller.nodes[1]!.restarts;
      await emu.killNode(1);
      await waitFor(() => lost.includes(1), 10_000, "node 1 reported down");
      sub.unsubscribe();
      // While it is down (restartDelayWallMs), traffic goes the long way.
      expect(emu.controller.nodes[1]!.up).toBe(false);
      const model = emu.controller.modelRoute(A, B, "VIA_SPACE");
      expect(model.path).toEqual([A, 0, 5, 4, 3, B]);
      expect(model.oneWayMs).toBeCloseTo(8, 9);
      await new Promise((r) => setTimeout(r, 50));
      // The first round trip the long way also opens its peer channels; measure the second.
      await emu.ping(A, { destination: B, timeoutMs: 5000 });
      const r = await emu.ping(A, { destination: B, timeoutMs: 5000 });
      expect(emu.controller.nodes[1]!.up).toBe(false);
      expect(r.ok).toBe(true);
      expect(r.forward.map((h) => h.to)).toEqual([0, 5, 4, 3, B]);
      expect(r.back.map((h) => h.to)).toEqual([3, 4, 5, 0, A]);
      expect(Math.abs(r.rttMs - LONG_RTT)).toBeLessThanOrEqual(RTT_TOL_MS);
      // --restart brings it back, and the short way with it.
      await waitFor(
        () => emu.controller.nodes[1]!.up && emu.controller.nodes[1]!.restarts === restartsBefore + 1,
        30_000,
        "node 1 restarted",
      );
      await new Promise((r) => setTimeout(r, 300));
      const r2 = await emu.ping(A, { destination: B, timeoutMs: 5000 });
      expect(r2.ok).toBe(true);
      expect(r2.forward.map((h) => h.to)).toEqual([0, 1, 2, 3, B]);
    }, 60_000);
  });
}
