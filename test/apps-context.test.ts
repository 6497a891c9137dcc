/**
 * The app context's clock on the discrete-event clock, where instants are exact: at/after/every
 * (and cancel), compute resolving at start + durationS with energy durationS x powerW under the
 * default budget, a send created at the compute's end arriving one path later (A - s0 - s1 - s2 - B:
 * 10 ms, plus 125 B at 1 Gbit/s = 0.001 ms on each of 4 hops), and the node identity given to setup.
 * With a node budget (ctx.setComputeBudget, a hand-made one): compute starts and ends when the
 * budget says, to the ms, with its energy and the stretch as throttledS; drawPower reaches it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { nodeInfosOfNames, planApps } from "../src/emu/apps/plan.js";
import { type Emulation, startEmulationOn } from "../src/emu/emulation.js";
import type { BundleEvent } from "../src/emu/wire.js";
import { LINE_NAMES, lineProvider, T0, tempRunDir } from "./apps-helpers.js";
import { UNIX_MS_ULP } from "./emu-time.js";

describe("app context on the sim clock", () => {
  let emu: Emulation | null = null;
  afterEach(async () => {
    await emu?.stop();
    emu = null;
  });

  it("fires timers and resolves compute at exact virtual instants", async () => {
    const runDir = tempRunDir();
    const apps = await planApps({
      apps: [join(import.meta.dirname, "fixtures/apps/clockwork.ts")],
      config: ["clockwork.to=B"],
      nodes: nodeInfosOfNames(LINE_NAMES, 3),
      runDir,
    });
    emu = await startEmulationOn(lineProvider(), {
      isolation: "sim",
      startMs: T0,
      durationMs: 5000,
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
    const log = JSON.parse(readFileSync(join(runDir, "apps/clockwork/clock.json"), "utf8")) as {
      t0: number;
      node: { id: number; name: string; kind: string };
      at: number;
      after: number;
      ticks: number[];
      cancelledFired?: boolean;
      compute: { startUnixMs: number; endUnixMs: number; energyJ: number; throttledS: number };
      nowAfterCompute: number;
    };
    expect(log.t0).toBe(T0);
    expect(log.node).toEqual({ id: 3, name: "A", kind: "station" });
    expect(log.at).toBe(T0 + 250);
    expect(log.after).toBe(T0 + 500);
    expect(log.ticks).toEqual([T0 + 300, T0 + 600, T0 + 900]);
    expect(log.cancelledFired).toBeUndefined();
    expect(log.compute).toEqual({ startUnixMs: T0 + 1000, endUnixMs: T0 + 3000, energyJ: 20, throttledS: 0 });
    // The discrete-event clock holds virtual time while the await's continuation runs.
    expect(log.nowAfterCompute).toBe(T0 + 3000);
    const created = events.find((e) => e.type === "TYPE_CREATED" && e.metadata.after === "compute")!;
    expect(created.tUnixMs).toBe(T0 + 3000);
    const delivered = events.find((e) => e.type === "TYPE_DELIVERED" && e.id === created.id)!;
    expect(Math.abs(delivered.tUnixMs - (T0 + 3000 + 10 + 4 * 0.001))).toBeLessThanOrEqual(8 * UNIX_MS_ULP);
  });

  it("a node budget delays and stretches compute, exactly; drawPower reaches it; one budget per node", async () => {
    const runDir = tempRunDir();
    const apps = await planApps({
      apps: [join(import.meta.dirname, "fixtures/apps/budgeted.ts")],
      config: [],
      nodes: nodeInfosOfNames(LINE_NAMES, 3),
      runDir,
    });
    emu = await startEmulationOn(lineProvider(), {
      isolation: "sim",
      startMs: T0,
      durationMs: 7000,
      runDir,
      apps,
    });
    await emu.waitAllUp();
    emu.resume();
    await emu.done;
    await emu.stop();
    emu = null;
    const log = JSON.parse(readFileSync(join(runDir, "apps/budgeted/budget.json"), "utf8")) as {
      secondSetError?: string;
      compute: { startUnixMs: number; endUnixMs: number; energyJ: number; throttledS: number };
      nowAfterCompute: number;
      schedules: unknown[];
      draws: unknown[];
    };
    expect(log.secondSetError).toMatch(/already has a compute budget/);
    // Requested at T0 + 1 s; the budget starts it 0.5 s later and runs 2 s of work in 4 s.
    expect(log.schedules).toEqual([{ requestUnixMs: T0 + 1000, durationS: 2, powerW: 10, label: "infer" }]);
    expect(log.compute).toEqual({
      startUnixMs: T0 + 1500,
      endUnixMs: T0 + 5500,
      energyJ: 123,
      throttledS: 2,
    });
    expect(log.nowAfterCompute).toBe(T0 + 5500);
    expect(log.draws).toEqual([{ powerW: 8, fromUnixMs: T0 + 1000, toUnixMs: T0 + 1600, label: "radio" }]);
  });
});
