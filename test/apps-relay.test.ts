/**
 * examples/apps/relay.ts (store and forward) and send failures, on the discrete-event clock.
 * Topology: A(3) - s0 always (2 ms); s0 - B(4) only from T0 + 5 s on (a pass), 3 ms; C(5) alone.
 * A bundle from A reaches the relay on s0 at T0 + 1 s + 2 ms + serialization, waits onboard for the
 * pass, leaves at the step that brings the link (T0 + 5 s exactly, on the 100 ms step grid), and
 * arrives at B 3 ms plus serialization later.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { nodeInfosOfNames, planApps } from "../src/emu/apps/plan.js";
import { type Emulation, startEmulationOn } from "../src/emu/emulation.js";
import { type HandLink, StaticTopologyProvider, snapshotFromLinks } from "../src/emu/topology-provider.js";
import type { BundleEvent } from "../src/emu/wire.js";
import { dropText } from "../src/emu/wire-enums.js";
import type { TopologySnapshot } from "../src/mesh/types.js";
import { both, CAP_BPS, example, T0, tempRunDir } from "./apps-helpers.js";
import { UNIX_MS_ULP } from "./emu-time.js";

const NAMES = ["s0", "s1", "s2", "A", "B", "C"];
const PASS_MS = T0 + 5000;

/** The static line before the pass, plus s0 - B from PASS_MS on: a topology that changes once. */
class PassProvider extends StaticTopologyProvider {
  private readonly before: TopologySnapshot;
  private readonly during: TopologySnapshot;
  constructor() {
    const l: HandLink[] = [];
    both(l, 3, 0, 2);
    both(l, 0, 1, 3);
    both(l, 1, 2, 3);
    const before = snapshotFromLinks(3, 3, l);
    const l2 = [...l];
    both(l2, 0, 4, 3);
    super(before, NAMES);
    this.before = before;
    this.during = snapshotFromLinks(3, 3, l2);
  }
  override snapshotAt(tUnixMs: number): TopologySnapshot {
    const s = tUnixMs >= PASS_MS ? this.during : this.before;
    s.tUnixMs = tUnixMs;
    return s;
  }
  override fork(): Promise<StaticTopologyProvider> {
    return Promise.resolve(this);
  }
}

describe("apps: store and forward, send failures (sim clock)", () => {
  let emu: Emulation | null = null;
  afterEach(async () => {
    await emu?.stop();
    emu = null;
  });

  it("relay.ts keeps a bundle onboard until the pass the contact plan predicts, then delivers it", async () => {
    const runDir = tempRunDir();
    const apps = await planApps({
      apps: [example("relay.ts")],
      config: ["relay.to=B", "relay.nodes=s0", "relay.resolutionS=1", "relay.horizonS=60"],
      nodes: nodeInfosOfNames(NAMES, 3),
      runDir,
    });
    emu = await startEmulationOn(new PassProvider(), {
      isolation: "sim",
      startMs: T0,
      durationMs: 8000,
      runDir,
      apps,
    });
    const events: BundleEvent[] = [];
    emu.events$.subscribe((e) => events.push(e));
    await emu.waitAllUp();
    const [id] = await emu.injectMany(3, [
      { destination: 0, sizeBytes: 1000, atUnixMs: T0 + 1000, metadata: { app: "relay", scene: "x" } },
    ]);
    emu.resume();
    await emu.done;
    await emu.stop();
    emu = null;
    const ser = (1000 * 8 * 1000) / CAP_BPS; // 0.008 ms
    const atRelay = events.find((e) => e.id === id && e.type === "TYPE_DELIVERED")!;
    expect(Math.abs(atRelay.tUnixMs - (T0 + 1002 + ser))).toBeLessThanOrEqual(4 * UNIX_MS_ULP);
    const down = events.find((e) => e.type === "TYPE_DELIVERED" && e.node === 4)!;
    expect(down.metadata).toMatchObject({ scene: "x", relayedBy: "s0" });
    expect(Math.abs(down.tUnixMs - (PASS_MS + 3 + ser))).toBeLessThanOrEqual(4 * UNIX_MS_ULP);
    const csv = readFileSync(join(runDir, "apps/relay/relay-s0.csv"), "utf8").trim().split("\n");
    expect(csv[0]).toBe("id,receivedUnixMs,plannedUnixMs,sentUnixMs");
    const [rid, received, planned, sent] = csv[1]!.split(",");
    expect(rid).toBe(id);
    expect(Number(received)).toBe(atRelay.tUnixMs);
    expect(Number(sent)).toBe(PASS_MS);
    // Sampled every 1 s from the arrival instant: the first sample inside the pass.
    expect(Number(planned)).toBeGreaterThanOrEqual(PASS_MS);
    expect(Number(planned)).toBeLessThan(PASS_MS + 1000);
  });

  it("a send to an unreachable node fails with the node's reason once its TTL runs out", async () => {
    const runDir = tempRunDir();
    const apps = await planApps({
      apps: [join(import.meta.dirname, "fixtures/apps/unreachable.ts")],
      config: ["unreachable.from=A", "unreachable.to=C", "unreachable.ttlMs=500"],
      nodes: nodeInfosOfNames(NAMES, 3),
      runDir,
    });
    emu = await startEmulationOn(new PassProvider(), {
      isolation: "sim",
      startMs: T0,
      durationMs: 2000,
      runDir,
      apps,
    });
    const events: BundleEvent[] = [];
    emu.events$.subscribe((e) => events.push(e));
    await emu.waitAllUp();
    emu.resume();
    await emu.done;
    await emu.stop();
    emu = null;
    const r = JSON.parse(readFileSync(join(runDir, "apps/unreachable/result.json"), "utf8")) as {
      ok: boolean;
      isSendError: boolean;
      reason: string;
      sentUnixMs: number;
    };
    expect(r.ok).toBe(false);
    expect(r.isSendError).toBe(true);
    expect(r.sentUnixMs).toBe(T0 + 100);
    const drop = events.find((e) => e.type === "TYPE_DROPPED" && e.destination === 5)!;
    // Held without a route from T0 + 100 until its 500 ms TTL ran out; the app sees the ledger's reason.
    expect(drop.tUnixMs).toBe(T0 + 600);
    expect(r.reason).toBe(dropText(drop.reason, drop.reasonDetail));
    expect(r.reason).toMatch(/^ttl-expired: /);
  });
});
