/**
 * Live emulation on a hand-built line topology, on the virtual clock: delivery instants exactly as
 * worked out by hand (propagation + serialization + queueing), store-and-forward until a route
 * appears, drops at TTL with their reason, and conservation of the bundle ledger. Real gRPC hops
 * between node servers in two pooled host processes. Each test pauses the clock at a chosen
 * instant (a controller event) and looks; nothing depends on how fast the machine is.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulation, startEmulationOn } from "../src/emu/emulation.js";
import { type HandLink, StaticTopologyProvider, snapshotFromLinks } from "../src/emu/topology-provider.js";
import type { BundleEvent } from "../src/emu/wire.js";
import { modelRouteText } from "../src/emu/wire-enums.js";
import { UNIX_MS_ULP } from "./emu-time.js";

// Line: station A (5) -> sat 0 -> 1 -> 2 -> 3 -> 4 -> station B (6), links in both directions.
const S = 5;
const A = 5;
const B = 6;
const CAP = 10e6; // 10 Mbit/s: a 12,500-byte bundle serializes in exactly 10 ms
const GSL_MS = 2;
const ISL_MS = 3;
const T0 = Date.parse("2026-01-01T00:00:00Z");
function lineLinks(withB: boolean): HandLink[] {
  const l: HandLink[] = [];
  const both = (a: number, b: number, d: number) =>
    l.push(
      { from: a, to: b, delayMs: d, capacityBps: CAP },
      { from: b, to: a, delayMs: d, capacityBps: CAP },
    );
  both(A, 0, GSL_MS);
  for (let i = 0; i < 4; i++) both(i, i + 1, ISL_MS);
  if (withB) both(4, B, GSL_MS);
  return l;
}
const names = ["s0", "s1", "s2", "s3", "s4", "A", "B"];

describe("emu delivery on a hand-built line (virtual clock, pooled, 2 host processes)", () => {
  let emu: Emulation;
  let provider: StaticTopologyProvider;
  let runDir: string;
  const events: BundleEvent[] = [];

  beforeAll(async () => {
    runDir = mkdtempSync(join(tmpdir(), "emu-delivery-"));
    provider = new StaticTopologyProvider(snapshotFromLinks(S, 2, lineLinks(true)), names, (a, b) =>
      a !== b ? 7 : Number.NaN,
    );
    emu = await startEmulationOn(provider, {
      clock: "virtual",
      isolation: "pooled",
      pooledHosts: 2,
      stepMs: 100,
      runDir,
      startMs: T0,
    });
    emu.events$.subscribe((e) => events.push(e));
    await emu.waitAllUp(30_000);
    emu.controller.sync!.pause();
    emu.resume();
  }, 60_000);

  afterAll(async () => {
    await emu?.stop();
    rmSync(runDir, { recursive: true, force: true });
  });

  /** A whole second of scenario time, at least 1 s ahead of now: each test's origin. */
  const nextBase = () => T0 + (Math.ceil((emu.now() - T0) / 1000) + 1) * 1000;
  /** Run the clock until virtual `tMs` and pause it there (a controller event). */
  const runTo = (tMs: number) =>
    new Promise<void>((resolve) => {
      emu.controller.clock.at(tMs, () => {
        emu.controller.sync!.pause();
        resolve();
      });
      emu.controller.sync!.resume();
    });
  /** Run `fn` at virtual instant `tMs` (between rounds: nothing runs meanwhile). */
  const atInstant = (tMs: number, fn: () => void) => emu.controller.clock.at(tMs, fn);
  const eventOf = (id: string, type: BundleEvent["type"]) =>
    events.find((e) => e.id === id && e.type === type);

  it("delivers along 6 hops at propagation + serialization, and queues a second bundle behind the first", async () => {
    const t0 = nextBase();
    const id1 = await emu.inject(A, { destination: B, sizeBytes: 12_500, atUnixMs: t0 });
    const id2 = await emu.inject(A, { destination: B, sizeBytes: 12_500, atUnixMs: t0 });
    await runTo(t0 + 200);
    // By hand: 6 hops x 10 ms serialization + (2 + 4 x 3 + 2) ms propagation = 76 ms.
    const d1 = eventOf(id1, "TYPE_DELIVERED")!;
    const d2 = eventOf(id2, "TYPE_DELIVERED")!;
    expect(d1.node).toBe(B);
    expect(d1.hops).toBe(6);
    expect(d1.tUnixMs - t0).toBe(76);
    // The second waits 10 ms behind the first on the first link, then pipelines: 86 ms.
    expect(d2.tUnixMs - t0).toBe(86);
  });

  it("takes the emulated fiber between stations when asked: RTT = 2 x 7 ms (the fiber table)", async () => {
    const t0 = nextBase();
    await runTo(t0);
    const reply = emu.ping(A, { destination: B, via: "VIA_FIBER", timeoutMs: 1000 });
    await runTo(t0 + 100);
    const r = await reply;
    expect(r.ok).toBe(true);
    expect(r.sentUnixMs).toBe(t0);
    expect(r.forward.map((h) => [h.from, h.to, h.linkKind])).toEqual([[A, B, "LINK_KIND_FIBER"]]);
    // 64 B at the default 100 Gbit/s fiber capacity: 5.12e-6 ms per direction.
    const model = 2 * 7 + 2 * ((64 * 8) / 100e9) * 1000;
    expect(Math.abs(r.rttMs - model)).toBeLessThanOrEqual(4 * UNIX_MS_ULP);
    expect(emu.controller.modelRoute(A, B, "VIA_FIBER").oneWayMs).toBe(7);
    // Fiber joins stations only: from satellite 0 there is none, and the reply says so as its enum.
    const none = emu.controller.modelRoute(0, B, "VIA_FIBER");
    expect([none.ok, none.reason, none.noRoute]).toEqual([
      false,
      "MODEL_ROUTE_FAILURE_FIBER_STATIONS_ONLY",
      "NO_ROUTE_REASON_UNSPECIFIED",
    ]);
    expect(modelRouteText(none)).toBe("fiber joins ground stations only");
  });

  it("carries a declared-size bundle without its bytes: 125 kB serializes 100 ms per hop", async () => {
    const t0 = nextBase();
    const id = await emu.inject(A, { destination: 2, sizeBytes: 125_000, atUnixMs: t0 });
    await runTo(t0 + 1000);
    // Satellite 2 is not a tracked destination yet: A asks for routes toward it, its host cuts the
    // round at t0 and the controller answers at that instant, so the bundle leaves at once:
    // A -> 0 -> 1 -> 2: 3 x 100 ms + 2 + 3 + 3 ms.
    const d = eventOf(id, "TYPE_DELIVERED")!;
    expect(d.hops).toBe(3);
    expect(d.tUnixMs - t0).toBe(308);
  });

  it("holds a bundle with no route and delivers it once the route appears", async () => {
    const t0 = nextBase();
    // B loses its link from the step at t0 on; it comes back from the step after t0 + 500.
    atInstant(t0 - 1, () => provider.setSnapshot(snapshotFromLinks(S, 2, lineLinks(false))));
    atInstant(t0 + 500, () => provider.setSnapshot(snapshotFromLinks(S, 2, lineLinks(true))));
    const id = await emu.inject(A, { destination: B, sizeBytes: 12_500, atUnixMs: t0 + 50 });
    await runTo(t0 + 400);
    expect(eventOf(id, "TYPE_DELIVERED")).toBeUndefined();
    const st = await emu.nodeStatus(A);
    expect(st.counters.held).toBe(1);
    await runTo(t0 + 1000);
    // The step at t0 + 500 was computed before the change at that instant; the next one, at
    // t0 + 600, has the route: released then, 76 ms to B.
    expect(eventOf(id, "TYPE_DELIVERED")!.tUnixMs - t0).toBe(600 + 76);
  });

  it("drops a held bundle at its TTL with the reason", async () => {
    const t0 = nextBase();
    atInstant(t0 - 1, () => provider.setSnapshot(snapshotFromLinks(S, 2, lineLinks(false))));
    const id = await emu.inject(A, { destination: B, sizeBytes: 100, ttlMs: 100, atUnixMs: t0 + 20 });
    await runTo(t0 + 300);
    const d = eventOf(id, "TYPE_DROPPED")!;
    expect(d.reason).toBe("DROP_REASON_TTL_EXPIRED");
    expect(d.reasonDetail).toMatch(/^destination-has-no-satellite-in-view/);
    expect(d.tUnixMs - t0).toBe(120);
    atInstant(t0 + 300, () => provider.setSnapshot(snapshotFromLinks(S, 2, lineLinks(true))));
    await runTo(t0 + 400);
  });

  it("drops at the queue's byte limit and conserves bundles: created = delivered + queued + dropped", async () => {
    // 20 x 1 MB at once into a 16 MiB queue: the 17th no longer fits (16 x 1e6 < 16 MiB < 17 x 1e6).
    const t0 = nextBase();
    const ids: string[] = [];
    for (let i = 0; i < 20; i++)
      ids.push(await emu.inject(A, { destination: 0, sizeBytes: 1_000_000, atUnixMs: t0 }));
    // 1 MB takes 800 ms at 10 Mbit/s: at t0 + 1000 one is delivered, 15 still queued.
    await runTo(t0 + 1000);
    const dropped = ids.filter((id) => eventOf(id, "TYPE_DROPPED"));
    expect(dropped.length).toBe(4);
    for (const id of dropped) expect(eventOf(id, "TYPE_DROPPED")!.reason).toBe("DROP_REASON_QUEUE_FULL");
    expect(ids.filter((id) => eventOf(id, "TYPE_DELIVERED"))).toHaveLength(1);
    // Conservation, with the clock paused (15 still queued) ...
    const statuses = await Promise.all(Array.from({ length: 7 }, (_, i) => emu.nodeStatus(i)));
    const nodeSum = (k: "created" | "delivered" | "dropped" | "held" | "queued" | "inFlight") =>
      statuses.reduce((s, n) => s + n.counters[k], 0);
    const tot = emu.controller.currentTotals();
    expect(tot.created).toBe(nodeSum("created"));
    expect(tot.delivered).toBe(nodeSum("delivered"));
    expect(tot.dropped).toBe(nodeSum("dropped"));
    expect(tot.queued).toBe(tot.created - tot.delivered - tot.dropped);
    expect(tot.queued).toBe(15);
    expect(nodeSum("held") + nodeSum("queued") + nodeSum("inFlight")).toBe(tot.queued);
    // The metrics file has lines, and the event log one per event.
    const lines = readFileSync(join(runDir, "metrics.ndjson"), "utf8").trim().split("\n");
    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.parse(lines.at(-1)!).totals).toBeDefined();
  }, 20_000);
});
