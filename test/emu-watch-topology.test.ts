/**
 * Controller.WatchTopology: the run's links per computed step, through real gRPC (inproc).
 *
 * Hand-written reference: apps-helpers' line A(3) - s0 - s1 - s2 - B(4), C(5) alone. Its undirected
 * links, each once with the lower id first, are 0-1 and 1-2 (laser), 0-3 and 2-4 (satellite to
 * station: a downlink from the lower id). Stopping s1 withdraws 0-1 and 1-2.
 */
import type * as grpc from "@grpc/grpc-js";
import { afterEach, describe, expect, it } from "vitest";
import { type Emulation, startEmulationOn } from "../src/emu/emulation.js";
import { client } from "../src/emu/grpc-util.js";
import { loadProtos } from "../src/emu/proto-loader.js";
import { RunAuth } from "../src/emu/run-auth.js";
import type { RunTopology } from "../src/emu/wire.js";
import { lineProvider, T0 } from "./apps-helpers.js";

type Stream = grpc.ClientReadableStream<RunTopology>;

function watch(c: grpc.Client, minIntervalWallMs: number): Stream {
  return (c as unknown as Record<string, (r: unknown) => Stream>).WatchTopology!.call(c, {
    minIntervalWallMs,
  });
}

/** Every message until the stream ends, or its error. */
function collect(s: Stream): { messages: RunTopology[]; ended: Promise<grpc.ServiceError | null> } {
  const messages: RunTopology[] = [];
  s.on("data", (m: RunTopology) => messages.push(m));
  const ended = new Promise<grpc.ServiceError | null>((resolve) => {
    s.on("error", (e: grpc.ServiceError) => resolve(e));
    s.on("end", () => resolve(null));
  });
  return { messages, ended };
}

const links = (m: RunTopology) => m.a.map((a, i) => `${a}-${m.b[i]} ${m.kind[i]}`).sort();

const LINE = ["0-1 LINK_KIND_ISL", "0-3 LINK_KIND_GSL_DOWN", "1-2 LINK_KIND_ISL", "2-4 LINK_KIND_GSL_DOWN"];

describe("Controller.WatchTopology (inproc)", () => {
  let emu: Emulation | null = null;
  afterEach(async () => {
    await emu?.stop();
    emu = null;
  });

  it("virtual clock: the latest step at once, then one message per computed step, each the line's links", async () => {
    emu = await startEmulationOn(lineProvider(), {
      isolation: "inproc",
      clock: "virtual",
      startMs: T0,
      durationMs: 1_000,
    });
    await emu.waitAllUp();
    const ctl = client(loadProtos().Controller, emu.address, emu.auth);
    try {
      const w = collect(watch(ctl, 0));
      await expect.poll(() => w.messages.length, { timeout: 10_000 }).toBeGreaterThan(0);
      emu.resume();
      await emu.done;
      const stepsAtEnd = emu.controller.steps;
      await emu.stop();
      emu = null;
      expect(await w.ended).toBeNull();
      const m = w.messages;
      // Consecutive step counts, none skipped, up to the run's last computed step.
      expect(m.map((x) => x.steps)).toEqual(m.map((_, i) => m[0]!.steps + i));
      expect(m[m.length - 1]!.steps).toBe(stepsAtEnd);
      expect(m.length).toBeGreaterThan(1);
      for (const x of m) {
        expect(links(x)).toEqual(LINE);
        expect([...x.up]).toEqual([1, 1, 1, 1, 1, 1]);
        expect(x.skippedSteps).toBe(0);
        expect(x.tUnixMs).toBeGreaterThanOrEqual(T0);
        expect(x.tUnixMs).toBeLessThanOrEqual(T0 + 1_000);
      }
      // Instants never go back.
      for (let i = 1; i < m.length; i++) expect(m[i]!.tUnixMs).toBeGreaterThanOrEqual(m[i - 1]!.tUnixMs);
    } finally {
      ctl.close();
    }
  }, 60_000);

  it("realtime: throttled by min_interval_wall_ms, but a node lost goes out at once without its links; bad or foreign calls refused", async () => {
    emu = await startEmulationOn(lineProvider(), { isolation: "inproc", startMs: T0, speed: 1 });
    await emu.waitAllUp();
    emu.resume();
    const ctl = client(loadProtos().Controller, emu.address, emu.auth);
    const stranger = client(loadProtos().Controller, emu.address, RunAuth.generate());
    try {
      const bad = collect(watch(ctl, -1));
      expect((await bad.ended)?.code).toBe(3); // INVALID_ARGUMENT
      const foreign = collect(watch(stranger, 0));
      expect((await foreign.ended)?.code).toBe(16); // UNAUTHENTICATED
      expect(foreign.messages).toEqual([]);

      // An hour between messages: only the first, and then the membership change.
      const w = collect(watch(ctl, 3_600_000));
      await expect.poll(() => w.messages.length, { timeout: 10_000 }).toBe(1);
      expect(links(w.messages[0]!)).toEqual(LINE);
      const stepsBefore = emu.controller.steps;
      // Realtime steps every 100 ms: wait for a few to pass unsent.
      await expect.poll(() => emu!.controller.steps, { timeout: 10_000 }).toBeGreaterThan(stepsBefore + 3);
      expect(w.messages.length).toBe(1);
      await emu.killNode(1, "stop");
      await expect.poll(() => w.messages.length, { timeout: 10_000 }).toBe(2);
      const after = w.messages[1]!;
      expect([...after.up]).toEqual([1, 0, 1, 1, 1, 1]);
      expect(links(after)).toEqual(["0-3 LINK_KIND_GSL_DOWN", "2-4 LINK_KIND_GSL_DOWN"]);
      // The steps in between were counted, not sent.
      expect(after.skippedSteps).toBeGreaterThanOrEqual(3);
      expect(after.skippedSteps).toBe(after.steps - w.messages[0]!.steps - 1);
      await emu.stop();
      emu = null;
      expect(await w.ended).toBeNull();
    } finally {
      ctl.close();
      stranger.close();
    }
  }, 60_000);
});
