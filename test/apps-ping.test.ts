/**
 * examples/apps/ping.ts on the discrete-event clock (`isolation: sim`), on a hand-made line whose
 * delays make every instant hand-computable: A - s0 - s1 - s2 - B, 2 + 3 + 3 + 2 = 10 ms one way,
 * 4 hops each way, 64-byte bundles at 1 Gbit/s (0.000512 ms per hop). The RTT is therefore
 * 20 ms + 8 x 0.000512 ms = 20.004096 ms; the model's (propagation only) is 20 ms.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { nodeInfosOfNames, planApps } from "../src/emu/apps/plan.js";
import { type Emulation, startEmulationOn } from "../src/emu/emulation.js";
import { example, LINE_NAMES, lineProvider, SER64_MS, T0, tempRunDir } from "./apps-helpers.js";
import { UNIX_MS_ULP } from "./emu-time.js";

describe("ping.ts on the sim clock", () => {
  let emu: Emulation | null = null;
  afterEach(async () => {
    await emu?.stop();
    emu = null;
  });

  it("measures RTTs equal to the hand-computed geometry, beside the model's, at exact send instants", async () => {
    const runDir = tempRunDir();
    const apps = await planApps({
      apps: [example("ping.ts")],
      config: ["ping.from=A", "ping.to=B", "ping.everyS=1"],
      nodes: nodeInfosOfNames(LINE_NAMES, 3),
      runDir,
    });
    // Assigned to the two stations only (its default: [from, to]).
    expect(apps.apps[0]!.nodes).toEqual([3, 4]);
    emu = await startEmulationOn(lineProvider(), {
      isolation: "sim",
      startMs: T0,
      durationMs: 5_500,
      runDir,
      apps,
    });
    await emu.waitAllUp();
    emu.resume();
    await emu.done;
    await emu.stop();
    emu = null;
    const csv = readFileSync(join(runDir, "apps/ping/pings.csv"), "utf8").trim().split("\n");
    expect(csv[0]).toBe("sentUnixMs,rttMs,modelRttMs");
    const rows = csv.slice(1).map((l) => l.split(",").map(Number));
    // Every 1 s from 1 s after the node came up (virtual T0) until the 5.5 s duration ends.
    expect(rows.map((r) => r[0]! - T0)).toEqual([1000, 2000, 3000, 4000, 5000]);
    for (const [, rtt, model] of rows) {
      expect(model).toBe(20);
      // Two Unix-ms roundings (tx end, arrival) per hop, 8 hops.
      expect(Math.abs(rtt! - (20 + 8 * SER64_MS))).toBeLessThanOrEqual(16 * UNIX_MS_ULP);
    }
  });

  it("leaves rttMs empty for pings that got no answer before the run ended", async () => {
    const runDir = tempRunDir();
    const apps = await planApps({
      apps: [example("ping.ts")],
      config: ["ping.from=A", "ping.to=B", "ping.everyS=1"],
      nodes: nodeInfosOfNames(LINE_NAMES, 3),
      runDir,
    });
    // The run ends 10 ms after the second ping: it is on its way back, so unanswered.
    emu = await startEmulationOn(lineProvider(), {
      isolation: "sim",
      startMs: T0,
      durationMs: 2_010,
      runDir,
      apps,
    });
    await emu.waitAllUp();
    emu.resume();
    await emu.done;
    await emu.stop();
    emu = null;
    const csv = readFileSync(join(runDir, "apps/ping/pings.csv"), "utf8").trim().split("\n");
    expect(csv.length).toBe(3);
    expect(csv[2]).toBe(`${T0 + 2000},,20`);
    expect(csv[1]!.split(",")[1]).not.toBe("");
  });
});
