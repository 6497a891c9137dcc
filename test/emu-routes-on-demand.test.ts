/**
 * Routes on demand (the controller's default, `routeColumns: on-demand`): no destination has a
 * next-hop column until a node asks for routes toward it, and the first bundle toward it must still
 * leave at its own instant. Through real gRPC hosts (pooled, 2 host processes) on the virtual clock,
 * the first requests toward a station are made mid-step, from outside a round (a ping and an inject
 * started by a controller event) and inside one (an inject at its own instant); each delivery and
 * round trip is the hand-computed one. On the realtime clock, the first bundle toward an untracked
 * station is answered without a topology step.
 *
 * Numbers (as test/emu-virtual.test.ts): a line A(5) - 0 - 1 - 2 - 3 - 4 - B(6) at 10 Mbit/s,
 * ground links 2 ms, laser links 3 ms: 16 ms of propagation over 6 hops; 12,500 bytes serialize in
 * 10 ms per hop, 64 bytes (a ping) in 0.0512 ms.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type Emulation, startEmulationOn } from "../src/emu/emulation.js";
import { type HandLink, StaticTopologyProvider, snapshotFromLinks } from "../src/emu/topology-provider.js";
import type { BundleEvent, PingReply } from "../src/emu/wire.js";
import { UNIX_MS_ULP } from "./emu-time.js";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const CAP = 10e6;
const A = 5;
const B = 6;
/** Propagation A -> B: 2 + 4 x 3 + 2 ms. */
const PROP_MS = 16;
const HOPS = 6;

function line(): StaticTopologyProvider {
  const l: HandLink[] = [];
  const both = (a: number, b: number, d: number) =>
    l.push(
      { from: a, to: b, delayMs: d, capacityBps: CAP },
      { from: b, to: a, delayMs: d, capacityBps: CAP },
    );
  both(A, 0, 2);
  for (let i = 0; i < 4; i++) both(i, i + 1, 3);
  both(4, B, 2);
  return new StaticTopologyProvider(snapshotFromLinks(5, 2, l), ["s0", "s1", "s2", "s3", "s4", "A", "B"]);
}

let emu: Emulation | null = null;
afterEach(async () => {
  await emu?.stop();
  emu = null;
});

describe("routes on demand, virtual clock, pooled with 2 hosts", () => {
  it("a first request toward an untracked station mid-step leaves at its own instant", async () => {
    emu = await startEmulationOn(line(), {
      clock: "virtual",
      startMs: T0,
      isolation: "pooled",
      pooledHosts: 2,
    });
    await emu.waitAllUp(60_000);
    const e = emu;
    expect(e.pids()).toHaveLength(2);
    expect(e.controller.tracks(A)).toBe(false);
    expect(e.controller.tracks(B)).toBe(false);
    const events: BundleEvent[] = [];
    e.events$.subscribe((ev) => events.push(ev));
    // Mid-step (steps of 100 ms from T0): a controller event starts a ping A -> B, the first request
    // toward B, from outside any round; its echo is the first toward A.
    const pingAt = T0 + 1037.5;
    let ping: Promise<PingReply> | null = null;
    e.controller.clock.at(pingAt, () => {
      ping = e.ping(A, { destination: B });
    });
    // Inside a round at their own instant, later: a bundle from satellite 2 to B (tracked by then) and
    // one to satellite 4, which nobody asked for yet.
    const ids = await e.injectMany(2, [
      { destination: B, sizeBytes: 12_500, atUnixMs: T0 + 2063.25 },
      { destination: 4, sizeBytes: 12_500, atUnixMs: T0 + 2063.25 },
    ]);
    // From outside a round again: an inject at "now" from A to satellite 0 nobody asked for, mid-step.
    let injected: Promise<string> | null = null;
    e.controller.clock.at(T0 + 3041, () => {
      injected = e.inject(A, { destination: 0, sizeBytes: 12_500 });
    });
    const end = new Promise<void>((r) => e.controller.clock.at(T0 + 4000, r));
    e.resume();
    await end;
    const r = await ping!;
    expect(r.ok).toBe(true);
    expect(r.sentUnixMs).toBe(pingAt);
    expect(r.forward.map((h) => h.to)).toEqual([0, 1, 2, 3, 4, B]);
    expect(r.back.map((h) => h.to)).toEqual([4, 3, 2, 1, 0, A]);
    // The first hop is enqueued at the ping's own instant: the route was there before it moved on.
    expect(r.forward[0]!.enqueuedRunMs).toBe(pingAt - T0);
    // 2 x 16 ms propagation + 12 hops x 0.0512 ms serialization, up to the rounding of each instant.
    const model = 2 * PROP_MS + 2 * HOPS * ((64 * 8) / CAP) * 1000;
    expect(Math.abs(r.rttMs - model)).toBeLessThanOrEqual(2 * 2 * HOPS * UNIX_MS_ULP);
    // Each hop is enqueued at the previous one's arrival, the echo too: B's first request toward A
    // (untracked until then), made inside a round at the echo's arrival, held nothing back either.
    const all = [...r.forward, ...r.back];
    for (let i = 1; i < all.length; i++) expect(all[i]!.enqueuedRunMs).toBe(all[i - 1]!.arrivalRunMs);
    const delivered = (id: string) => events.find((ev) => ev.id === id && ev.type === "TYPE_DELIVERED");
    // Satellite 2 -> B: 3 hops (2-3, 3-4 at 3 ms, 4-B at 2 ms), 10 ms each to serialize: 30 + 8 = 38.
    expect(delivered(ids[0]!)!.tUnixMs - (T0 + 2063.25)).toBe(38);
    // Satellite 2 -> 4 (new destination), queued behind the bundle to B on link 2-3: it starts 10 ms
    // later and crosses 2 hops: 10 + 2 x 10 + 2 x 3 = 36.
    expect(delivered(ids[1]!)!.tUnixMs - (T0 + 2063.25)).toBe(36);
    // A -> satellite 0 (new), one hop: 10 + 2 = 12 ms after the inject's instant.
    const id0 = await injected!;
    const created0 = events.find((ev) => ev.id === id0 && ev.type === "TYPE_CREATED")!;
    expect(created0.tUnixMs).toBe(T0 + 3041);
    expect(delivered(id0)!.tUnixMs - (T0 + 3041)).toBe(12);
    for (const d of [A, B, 0, 4]) expect(e.controller.tracks(d), `tracks ${d}`).toBe(true);
    // Nobody asked toward satellites 1-3: no columns for them.
    for (const d of [1, 2, 3]) expect(e.controller.tracks(d), `tracks ${d}`).toBe(false);
    const st = await e.nodeStatus(2);
    expect(st.counters.lateArrivals).toBe(0);
    expect(st.counters.lateEvents).toBe(0);
  }, 90_000);
});

describe("routes on demand, realtime clock, in-process", () => {
  it("answers the first bundle toward an untracked station without a topology step", async () => {
    // Steps an hour apart: a bundle that waited for a step (or a resync, which is one) would show
    // in the step count.
    emu = await startEmulationOn(line(), {
      clock: "realtime",
      startMs: T0,
      isolation: "inproc",
      stepMs: 3_600_000,
    });
    await emu.waitAllUp(60_000);
    emu.resume();
    const e = emu;
    expect(e.controller.tracks(B)).toBe(false);
    const steps = e.controller.steps;
    const got = new Promise<BundleEvent>((resolve) =>
      e.deliveries$.subscribe((ev) => {
        if (ev.node === B) resolve(ev);
      }),
    );
    const id = await e.inject(A, { destination: B, sizeBytes: 64 });
    const ev = await got;
    expect(ev.id).toBe(id);
    expect(e.controller.tracks(B)).toBe(true);
    expect(e.controller.steps).toBe(steps);
    // Along the line, the model's path: six hops.
    expect(ev.hops).toBe(HOPS);
  }, 60_000);
});
