/**
 * Run-relative instants (src/emu/run-time.ts): hop instants the emulator computes are exact where a
 * Unix-ms double cannot hold them.
 *
 * Near 1.77e12 ms (2026) a double steps 2^-12 ms = 0.244 us, and each hop's computed instants (tx end,
 * arrival) used to be rounded to it. The line below is chosen so that this rounding adds up: 64-byte
 * pings serialize in 2^-13 ms at 4,194,304,000 bit/s (512 bits / (2^22 x 1000) bit/ms), and every link's
 * light time is 2^-13 ms more than a whole number of ms. Those are dyadic, so on the run-relative
 * base (ms since the run's epoch, a few thousand here, where a double steps 2^-41 ms) every instant of
 * the chain is held exactly, and the expected values are exact: asserted with toBe. Worked in Unix-ms
 * doubles instead, the same round trip comes out 2.9 us off (checked below, so the case discriminates).
 */
import { afterEach, describe, expect, it } from "vitest";
import { type Emulation, startEmulationOn } from "../src/emu/emulation.js";
import { EventScheduler } from "../src/emu/event-scheduler.js";
import { runOfUnix, unixFloorOfRun, unixOfRun } from "../src/emu/run-time.js";
import { type HandLink, StaticTopologyProvider, snapshotFromLinks } from "../src/emu/topology-provider.js";
import type { BundleEvent, HopRecord, PingReply } from "../src/emu/wire.js";
import { UNIX_MS_ULP } from "./emu-time.js";

const T0 = Date.parse("2026-01-01T00:00:00Z");
/** 2^22 x 1000 bit/s: 64 bytes serialize in 512 / 4,194,304,000 s = 2^-13 ms. */
const CAP = 4_194_304_000;
const PING_SER_MS = 2 ** -13;
/** Light times: 2 ms (ground) and 3 ms (laser), each plus 2^-13 ms (assumed, hand-made line). */
const E = 2 ** -13;
const GSL_MS = 2 + E;
const ISL_MS = 3 + E;
const A = 5;
const B = 6;

/** Station A (5) - 0 - 1 - 2 - 3 - 4 - station B (6). */
function line(): StaticTopologyProvider {
  const l: HandLink[] = [];
  const both = (a: number, b: number, d: number) =>
    l.push(
      { from: a, to: b, delayMs: d, capacityBps: CAP },
      { from: b, to: a, delayMs: d, capacityBps: CAP },
    );
  both(A, 0, GSL_MS);
  for (let i = 0; i < 4; i++) both(i, i + 1, ISL_MS);
  both(4, B, GSL_MS);
  return new StaticTopologyProvider(snapshotFromLinks(5, 2, l), ["s0", "s1", "s2", "s3", "s4", "A", "B"]);
}

/** One-way light times A -> B, hop by hop. */
const FORWARD_PROP_MS = [GSL_MS, ISL_MS, ISL_MS, ISL_MS, ISL_MS, GSL_MS];

describe("run-time conversions", () => {
  it("Unix -> run is exact; run -> Unix rounds to nearest, or down for a bound", () => {
    // 0.75 of a Unix ulp past T0: not a Unix-ms double. Nearest is T0 + 1 ulp; down is T0.
    const t = 3 * 2 ** -14;
    expect(unixOfRun(T0, t)).toBe(T0 + UNIX_MS_ULP);
    expect(unixFloorOfRun(T0, t)).toBe(T0);
    // A representable instant stays itself both ways, and converts back exactly.
    expect(unixFloorOfRun(T0, 1037.5)).toBe(T0 + 1037.5);
    expect(runOfUnix(T0, T0 + 1037.5 + UNIX_MS_ULP)).toBe(1037.5 + UNIX_MS_ULP);
    expect(unixFloorOfRun(T0, Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("a host's scheduler adopting the run's epoch", () => {
  // A host restarted mid-run joins the rounds before its node's configuration (and the epoch) comes:
  // its now has moved on the provisional base 0 (Unix ms) and must carry over, not throw.
  it("carries now over to the epoch when nothing is scheduled; refuses once events are", () => {
    const epoch = Date.parse("2026-01-01T00:00:00Z");
    const s = new EventScheduler(Number.NEGATIVE_INFINITY);
    s.advanceTo(epoch + 12_345.5);
    s.setEpoch(epoch);
    expect(s.runEpochUnixMs).toBe(epoch);
    expect(s.nowRunMs()).toBe(12_345.5);
    expect(s.now()).toBe(epoch + 12_345.5);
    const t = new EventScheduler(epoch + 10);
    t.forNode(0).at(epoch + 20, () => {});
    expect(() => t.setEpoch(epoch)).toThrow(/after events were scheduled/);
  });
});

describe("run-relative hop instants, virtual clock, pooled with 2 hosts", () => {
  let emu: Emulation | null = null;
  afterEach(async () => {
    await emu?.stop();
    emu = null;
  });

  it("a ping's round trip and every hop instant are the exact hand values, where Unix ms is 2.9 us off", async () => {
    emu = await startEmulationOn(line(), {
      clock: "virtual",
      startMs: T0,
      isolation: "pooled",
      pooledHosts: 2,
    });
    await emu.waitAllUp(60_000);
    expect(emu.pids()).toHaveLength(2);
    const e = emu;
    const events: BundleEvent[] = [];
    e.events$.subscribe((ev) => events.push(ev));
    // A ping at scenario 500 ms, from a controller event (a repeatable instant), and two bundles
    // A -> B at 1000 ms: 12,800 bytes (25 x 2^-10 ms to serialize) and 25,600 bytes behind it.
    let ping: Promise<PingReply> | null = null;
    e.controller.clock.at(T0 + 500, () => {
      ping = e.ping(A, { destination: B });
    });
    const ids = await e.injectMany(A, [
      { destination: B, sizeBytes: 12_800, atUnixMs: T0 + 1000 },
      { destination: B, sizeBytes: 25_600, atUnixMs: T0 + 1000 },
    ]);
    const end = new Promise<void>((r) => e.controller.clock.at(T0 + 2000, r));
    e.resume();
    await end;
    const r = await ping!;
    expect(r.ok).toBe(true);
    expect(r.sentRunMs).toBe(500);
    expect(r.sentUnixMs).toBe(T0 + 500);

    // Round trip: 12 serializations of 2^-13 ms and twice 2 x (2 + E) + 4 x (3 + E) ms of light time.
    const modelRttMs = 12 * PING_SER_MS + 2 * (16 + 6 * E);
    expect(modelRttMs).toBe(32 + 24 * 2 ** -13);
    expect(r.rttMs).toBe(modelRttMs);
    // The same chain worked in Unix-ms doubles (each tx end and arrival rounded to 2^-12 ms) misses
    // the model by more than 0.5 us: this test fails on emulation arithmetic in Unix ms.
    let unixMs = T0 + 500;
    for (const p of [...FORWARD_PROP_MS, ...[...FORWARD_PROP_MS].reverse()])
      unixMs = unixMs + PING_SER_MS + p;
    expect(Math.abs(unixMs - (T0 + 500) - modelRttMs)).toBeGreaterThan(0.5e-3);

    // Every hop, in run ms: enqueued at the previous arrival, no wait, tx end = + 2^-13, arrival = + light.
    const hops: HopRecord[] = [...r.forward, ...r.back];
    expect(hops.map((h) => h.to)).toEqual([0, 1, 2, 3, 4, B, 4, 3, 2, 1, 0, A]);
    let t = 500;
    for (const [i, h] of hops.entries()) {
      const prop = i < 6 ? FORWARD_PROP_MS[i]! : FORWARD_PROP_MS[11 - i]!;
      expect(h).toMatchObject({
        enqueuedRunMs: t,
        txStartRunMs: t,
        txEndRunMs: t + PING_SER_MS,
        arrivalRunMs: t + PING_SER_MS + prop,
        propagationMs: prop,
      });
      t = t + PING_SER_MS + prop;
    }
    expect(t).toBe(500 + modelRttMs);

    // The bundles: the first takes 6 x 25 x 2^-10 ms plus 16 + 6E of light; the second, 50 x 2^-10 ms
    // per hop, waits for the first on the first link only (it is the slower one from then on).
    const ser1 = 25 * 2 ** -10;
    const ser2 = 50 * 2 ** -10;
    const first = 1000 + 6 * ser1 + 16 + 6 * E;
    const second = 1000 + ser1 + 6 * ser2 + 16 + 6 * E;
    const delivered = (id: string) => events.find((ev) => ev.id === id && ev.type === "TYPE_DELIVERED");
    // Records are Unix ms: the exact run instant, rounded once at the edge.
    expect(delivered(ids[0]!)!.tUnixMs).toBe(T0 + first);
    expect(delivered(ids[1]!)!.tUnixMs).toBe(T0 + second);
    const st = await e.nodeStatus(3);
    expect(st.counters.lateArrivals).toBe(0);
    expect(st.counters.lateEvents).toBe(0);
  }, 90_000);
});
