/**
 * Node state in the controller's public status RPC (GetStatus with node_states) and on the metrics
 * endpoint: the bytes on a node's links and what its apps publish (ctx.counter / ctx.gauge), in the
 * launch's own process (inproc) and in child host processes (pooled, 2 hosts).
 *
 * Hand-computed reference: station A sends five 1,000,000-byte bundles at T0 + 100 ms over its
 * 1 Gbit/s ground link, back to back: each serializes in 1e6 x 8 / 1e9 s = 8 ms, so bundle k
 * (0-based) is on the link until T0 + 100 + 8 (k + 1) ms. At a reading at virtual instant t, A's
 * link holds 1e6 x #{k : T0 + 108 + 8k > t} bytes. The virtual clock pauses at the run's end.
 */
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { nodeInfosOfNames, planApps } from "../src/emu/apps/plan.js";
import { type Emulation, startEmulationOn } from "../src/emu/emulation.js";
import { client, unary } from "../src/emu/grpc-util.js";
import { loadProtos } from "../src/emu/proto-loader.js";
import type { EmulationStatus, NodeState } from "../src/emu/wire.js";
import { emulationMetrics } from "../src/report/emu-metrics.js";
import { LINE_NAMES, lineProvider, T0, tempRunDir } from "./apps-helpers.js";

const COUNT = 5;
const SIZE_BYTES = 1_000_000;
/** 1 Gbit/s (apps-helpers CAP_BPS): ms per bundle. */
const SER_MS = (SIZE_BYTES * 8 * 1000) / 1e9;
const A = 3;

function expectedQueueBytesOfA(tMs: number): number {
  let n = 0;
  for (let k = 0; k < COUNT; k++) if (T0 + 100 + SER_MS * (k + 1) > tMs) n++;
  return n * SIZE_BYTES;
}

/** Prometheus text into "name{labels}" -> value. */
function parse(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    expect(m, `exposition line: ${line}`).not.toBeNull();
    out.set(`${m![1]}${m![2] ?? ""}`, Number(m![3]));
  }
  return out;
}

describe.each(["inproc", "pooled"] as const)("node state in GetStatus (%s)", (isolation) => {
  let emu: Emulation | null = null;
  afterEach(async () => {
    await emu?.stop();
    emu = null;
  });

  it("queue bytes by hand, app counters and gauges, over the RPC and on the metrics endpoint", async () => {
    const runDir = tempRunDir();
    const apps = await planApps({
      apps: [join(import.meta.dirname, "fixtures/apps/published.ts")],
      config: ["published.to=B", `published.count=${COUNT}`, `published.sizeBytes=${SIZE_BYTES}`],
      nodes: nodeInfosOfNames(LINE_NAMES, 3),
      runDir,
    });
    emu = await startEmulationOn(lineProvider(), {
      isolation,
      pooledHosts: 2,
      clock: "virtual",
      startMs: T0,
      // Ends (and the virtual clock pauses) while bundles 2..4 are still on A's link.
      durationMs: 120,
      runDir,
      apps,
    });
    await emu.waitAllUp();
    emu.resume();
    await emu.done;

    const ctl = client(loadProtos().Controller, emu.address, emu.auth);
    try {
      // Without node_states (as every caller before): no states, the rest as before.
      const plain = await unary<unknown, EmulationStatus>(ctl, "GetStatus", {});
      expect(plain.nodeStates).toEqual([]);
      expect(plain.nodesUp).toBe(6);

      const st = await unary<unknown, EmulationStatus>(ctl, "GetStatus", { nodeStates: true, nodes: [A] });
      expect(st.nodeStates).toHaveLength(1);
      const a = st.nodeStates![0]!;
      expect(a.node).toBe(A);
      expect(a.tUnixMs).toBeGreaterThanOrEqual(T0 + 100);
      expect(a.tUnixMs).toBeLessThan(T0 + 100 + COUNT * SER_MS);
      expect(a.queueBytes).toBe(expectedQueueBytesOfA(a.tUnixMs));
      expect(a.queueBytes).toBeGreaterThan(0);
      expect(a.heldBundles).toBe(0);
      const values = Object.fromEntries(a.appValues.map((v) => [`${v.app}/${v.name}`, v]));
      expect(values["published/bundles_sent"]).toMatchObject({ kind: "counter", value: COUNT });
      expect(values["published/level_bytes"]).toMatchObject({ kind: "gauge", value: COUNT * SIZE_BYTES });
      // A gauge read at the reading: virtual ms since the app's setup at T0.
      expect(values["published/elapsed_ms"]!.value).toBe(a.tUnixMs - T0);

      // Every node up (empty list): six states, in node order; only A has the app.
      const all = await unary<unknown, EmulationStatus>(ctl, "GetStatus", { nodeStates: true });
      expect(all.nodeStates!.map((s: NodeState) => s.node)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(all.nodeStates!.filter((s) => s.appValues.length > 0).map((s) => s.node)).toEqual([A]);

      // The metrics endpoint reads the same states (the clock is paused: the same values).
      const metrics = emulationMetrics(emu);
      try {
        const m = parse(await metrics.text());
        expect(m.get('constellate_app_bundles_sent_total{app="published",node="A"}')).toBe(COUNT);
        expect(m.get('constellate_app_level_bytes{app="published",node="A"}')).toBe(COUNT * SIZE_BYTES);
        const sum = all.nodeStates!.reduce((s, x) => s + x.queueBytes, 0);
        expect(m.get("constellate_queue_bytes")).toBe(sum);
        expect(sum).toBeGreaterThanOrEqual(a.queueBytes);
      } finally {
        metrics.dispose();
      }

      // Asking for a node that does not exist is the caller's error.
      await expect(unary(ctl, "GetStatus", { nodeStates: true, nodes: [99] })).rejects.toThrow(/no node 99/);
    } finally {
      ctl.close();
    }
  }, 90_000);
});
