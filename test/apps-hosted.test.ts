/**
 * ping.ts in real host processes (pooled, 3 hosts, so A and B live in different processes and every
 * hop is a gRPC call), on the realtime clock: the apps plan reaches the child hosts through
 * apps-plan.json, the app's ModelRoute goes to the controller over gRPC. The hand-made line gives
 * RTT 20 ms + 8 x 0.000512 ms serialization; the model's (propagation only) is 20 ms.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { nodeInfosOfNames, planApps } from "../src/emu/apps/plan.js";
import { type Emulation, startEmulationOn } from "../src/emu/emulation.js";
import { example, LINE_NAMES, lineProvider, SER64_MS, T0, tempRunDir } from "./apps-helpers.js";
import { UNIX_MS_ULP } from "./emu-time.js";

describe("ping.ts in pooled host processes (realtime)", () => {
  let emu: Emulation | null = null;
  afterEach(async () => {
    await emu?.stop();
    emu = null;
  });

  it("runs in the child hosts and measures RTTs at the hand-computed value within the realtime tolerance", async () => {
    const runDir = tempRunDir();
    const apps = await planApps({
      apps: [example("ping.ts")],
      config: ["ping.from=A", "ping.to=B", "ping.everyS=0.5"],
      nodes: nodeInfosOfNames(LINE_NAMES, 3),
      runDir,
    });
    emu = await startEmulationOn(lineProvider(), {
      isolation: "pooled",
      pooledHosts: 3,
      startMs: T0,
      speed: 1,
      runDir,
      apps,
      // Every station's column from the start, as before routes on demand: this checks the hosted
      // app's RTTs against the nodes' own lateness reports, and on a loaded machine a first route
      // answer's wait is not all reported yet (test/emu-routes-on-demand.test.ts covers that path).
      routeColumns: "stations",
    });
    await emu.waitAllUp();
    // Hosts [0,1] [2,3] [4,5]: A (3) and B (4) in different processes.
    const hostOf = (id: number) => emu!.controller.nodes[id]!.hostId;
    expect(hostOf(3)).not.toBe(hostOf(4));
    await new Promise((r) => setTimeout(r, 4000));
    // What the nodes themselves report of lateness carried into virtual time (bytes that reached a
    // node after their arrival instant): on a busy machine the realtime clock is late, and says so.
    const lateMs: number[] = [];
    for (const id of [0, 1, 2, 3, 4]) lateMs.push((await emu.nodeStatus(id)).counters.maxArrivalLateMs);
    const statusAt = emu.now();
    await emu.stop();
    emu = null;
    const rows = readFileSync(join(runDir, "apps/ping/pings.csv"), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(","));
    expect(rows.length).toBeGreaterThanOrEqual(4);
    const hand = 20 + 8 * SER64_MS;
    const answered = rows.filter((r) => r[1] !== "");
    expect(answered.length).toBeGreaterThanOrEqual(rows.length - 1);
    // The first ping may precede the controller's first topology step (no model yet: empty).
    expect(answered.slice(1).every((r) => r[2] === "20")).toBe(true);
    // The tolerance on realtime: each of the 8 receptions on the path (s0, s1, s2 twice; B; A) adds
    // at most its node's reported maximum lateness. (No wall-clock bound is asserted.)
    const [s0, s1, s2, a, b] = lateMs as [number, number, number, number, number];
    const toleranceMs = 2 * (s0 + s1 + s2) + a + b + 16 * UNIX_MS_ULP;
    for (const [sent, rtt] of answered) {
      // Never below the model: at most the Unix-ms rounding of 8 hops.
      expect(Number(rtt)).toBeGreaterThanOrEqual(hand - 16 * UNIX_MS_ULP);
      if (Number(sent) + 1000 < statusAt) expect(Number(rtt) - hand).toBeLessThanOrEqual(toleranceMs);
    }
  });
});
