/**
 * A bundle inside a node whose process is killed is counted as lost with its node
 * (`lost-with-node`), not as a TTL expiry and not as queued forever: in the controller's totals
 * (summary.json is made of them), in events, and in metrics.ndjson. A bundle the killed node never
 * had (held at a live node) is not.
 *
 * A line of 4 satellites, 1 ms per link, on 2 pooled hosts (0,1 | 2,3). The link 2->3 runs at
 * 1 bit/s, so a 64-byte bundle from 0 to 3 sits in node 2's queue for 512 s (64 x 8 / 1 bps): it is
 * certainly inside node 2 when its host process is SIGKILLed.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulation, startEmulationOn } from "../src/emu/emulation.js";
import { StaticTopologyProvider, snapshotFromLinks } from "../src/emu/topology-provider.js";
import type { BundleEvent } from "../src/emu/wire.js";

const START_MS = Date.parse("2026-01-01T00:00:00Z");

async function waitFor(pred: () => boolean, ms: number, what: string): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("bundles lost with a killed node", () => {
  const runDir = mkdtempSync(join(tmpdir(), "emu-lost-"));
  let emu: Emulation;
  const events: BundleEvent[] = [];

  beforeAll(async () => {
    const both = (a: number, b: number, bps: number, back = bps) => [
      { from: a, to: b, delayMs: 1, capacityBps: bps },
      { from: b, to: a, delayMs: 1, capacityBps: back },
    ];
    const links = [...both(0, 1, 1e9), ...both(1, 2, 1e9), ...both(2, 3, 1, 1e9)];
    const provider = new StaticTopologyProvider(snapshotFromLinks(4, 0, links), ["s0", "s1", "s2", "s3"]);
    emu = await startEmulationOn(provider, {
      isolation: "pooled",
      pooledHosts: 2,
      clock: "realtime",
      startMs: START_MS,
      runDir,
    });
    emu.events$.subscribe((e) => events.push(e));
    await emu.waitAllUp(120_000);
    emu.resume();
  }, 150_000);

  afterAll(async () => {
    await emu?.stop();
    rmSync(runDir, { recursive: true, force: true });
  });

  it("counts the bundle in the killed node's queue as lost-with-node, at that node", async () => {
    const id = await emu.inject(0, { destination: 3, sizeBytes: 64 });
    // Two 1 ms hops and 0.5 us of serialization to reach node 2's queue; wait for its creation event.
    await waitFor(() => events.some((e) => e.id === id && e.type === "TYPE_CREATED"), 20_000, "creation");
    await new Promise((r) => setTimeout(r, 500));
    expect(emu.controller.currentTotals().queued).toBe(1);
    // SIGKILL the host process of nodes 2 and 3 (pooled: the node has no process of its own).
    await emu.killNode(2, "kill");
    await waitFor(
      () => (emu.controller.currentTotals().droppedByReason["lost-with-node"] ?? 0) > 0,
      30_000,
      "the loss to be counted",
    );
    const t = emu.controller.currentTotals();
    expect(t.droppedByReason["lost-with-node"]).toBe(1);
    expect(t.droppedByReason["ttl-expired"]).toBeUndefined();
    expect(t.queued).toBe(0);
    expect(t.created).toBe(t.delivered + t.dropped + t.queued);
    const drop = events.find((e) => e.id === id && e.type === "TYPE_DROPPED")!;
    expect([drop.reason, drop.reasonDetail]).toEqual(["DROP_REASON_LOST_WITH_NODE", "nodes 2,3"]);
    expect(drop.node).toBe(2);
    expect(drop.source).toBe(0);
  }, 60_000);

  it("does not count a bundle held at a live node (no route to the dead one)", async () => {
    const id = await emu.inject(0, { destination: 3, sizeBytes: 64 });
    await waitFor(() => events.some((e) => e.id === id && e.type === "TYPE_CREATED"), 20_000, "creation");
    // Long enough for a census, had one run: the loss above took 0.3 + 0.5 s plus the calls.
    await new Promise((r) => setTimeout(r, 2_000));
    const t = emu.controller.currentTotals();
    expect(t.droppedByReason["lost-with-node"]).toBe(1);
    expect(t.queued).toBe(1);
  }, 30_000);

  it("writes the loss into metrics.ndjson", async () => {
    await emu.stop(); // its last metrics line carries the final totals
    const lines = readFileSync(join(runDir, "metrics.ndjson"), "utf8").trim().split("\n");
    const last = JSON.parse(lines[lines.length - 1]!) as {
      totals: { droppedByReason: Record<string, number> };
    };
    expect(last.totals.droppedByReason["lost-with-node"]).toBe(1);
  }, 30_000);
});
