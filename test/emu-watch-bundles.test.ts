/**
 * Controller.WatchBundles: the run's bundle events for a source/destination filter, through real
 * gRPC, in the launch's own process (inproc) and from child host processes (pooled, 2 hosts).
 *
 * Hand-computed reference (apps-helpers' line A(3) - s0 - s1 - s2 - B(4): ground links 2 ms,
 * ISLs 3 ms, 1 Gbit/s everywhere): station A sends five 1,000,000-byte bundles to B at T0 + 100 ms
 * (test/fixtures/apps/published.ts). Each serialises in 8 ms per hop, store and forward, so bundle
 * k leaves A's link at 100 + 8 (k + 1), reaches s0 at 110 + 8k, s1 at 121 + 8k, s2 at 132 + 8k and
 * B at 142 + 8k ms (each later link is free by then: its previous bundle left 8 ms earlier).
 */
import { join } from "node:path";
import type * as grpc from "@grpc/grpc-js";
import { afterEach, describe, expect, it } from "vitest";
import { nodeInfosOfNames, planApps } from "../src/emu/apps/plan.js";
import { type Emulation, startEmulationOn } from "../src/emu/emulation.js";
import { client } from "../src/emu/grpc-util.js";
import { loadProtos } from "../src/emu/proto-loader.js";
import { RunAuth } from "../src/emu/run-auth.js";
import type { BundleEvent } from "../src/emu/wire.js";
import { LINE_NAMES, lineProvider, T0, tempRunDir } from "./apps-helpers.js";

const A = 3;
const B = 4;

type Stream = grpc.ClientReadableStream<{ events: BundleEvent[]; missedEvents: number }>;

function watch(c: grpc.Client, req: { sources: number[]; destinations: number[] }): Stream {
  return (c as unknown as Record<string, (r: unknown) => Stream>).WatchBundles!.call(c, req);
}

/** Every message until the stream ends, or its error. */
function collect(
  s: Stream,
): Promise<{ events: BundleEvent[]; missed: number; error: grpc.ServiceError | null }> {
  const events: BundleEvent[] = [];
  let missed = 0;
  return new Promise((resolve) => {
    s.on("data", (m) => {
      events.push(...m.events);
      missed = m.missedEvents;
    });
    s.on("error", (error: grpc.ServiceError) => resolve({ events, missed, error }));
    s.on("end", () => resolve({ events, missed, error: null }));
  });
}

describe.each(["inproc", "pooled"] as const)("Controller.WatchBundles (%s)", (isolation) => {
  let emu: Emulation | null = null;
  afterEach(async () => {
    await emu?.stop();
    emu = null;
  });

  it("streams the asked pair's events at their hand-computed instants, and refuses bad or foreign calls", async () => {
    const runDir = tempRunDir();
    const apps = await planApps({
      apps: [join(import.meta.dirname, "fixtures/apps/published.ts")],
      config: ["published.to=B", "published.count=5", "published.sizeBytes=1000000"],
      nodes: nodeInfosOfNames(LINE_NAMES, 3),
      runDir,
    });
    emu = await startEmulationOn(lineProvider(), {
      isolation,
      pooledHosts: 2,
      clock: "virtual",
      startMs: T0,
      durationMs: 300,
      runDir,
      apps,
    });
    await emu.waitAllUp();
    const ctl = client(loadProtos().Controller, emu.address, emu.auth);
    const stranger = client(loadProtos().Controller, emu.address, RunAuth.generate());
    try {
      const pair = collect(watch(ctl, { sources: [A], destinations: [B] }));
      const other = collect(watch(ctl, { sources: [B], destinations: [] }));
      const bad = await collect(watch(ctl, { sources: [99], destinations: [] }));
      expect(bad.error?.code).toBe(3); // INVALID_ARGUMENT
      expect(bad.error?.details).toMatch(/node ids 0\.\.5/);
      const foreign = await collect(watch(stranger, { sources: [], destinations: [] }));
      expect(foreign.error?.code).toBe(16); // UNAUTHENTICATED
      emu.resume();
      await emu.done;
      await emu.stop();
      emu = null;
      const got = await pair;
      expect(got.error).toBeNull();
      expect(got.missed).toBe(0);
      const created = got.events.filter((e) => e.type === "TYPE_CREATED");
      const delivered = got.events.filter((e) => e.type === "TYPE_DELIVERED");
      expect(created.map((e) => e.tUnixMs - T0)).toEqual([100, 100, 100, 100, 100]);
      expect(delivered.map((e) => e.tUnixMs - T0).sort((x, y) => x - y)).toEqual([142, 150, 158, 166, 174]);
      expect(got.events.every((e) => e.source === A && e.destination === B)).toBe(true);
      expect(new Set(delivered.map((e) => e.id))).toEqual(new Set(created.map((e) => e.id)));
      // Nothing left B: the other watcher saw nothing, and its stream ended with the run.
      expect(await other).toEqual({ events: [], missed: 0, error: null });
    } finally {
      ctl.close();
      stranger.close();
    }
  }, 60_000);
});
