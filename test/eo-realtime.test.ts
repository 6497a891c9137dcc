/**
 * The replay on the realtime clock (`replay --clock realtime`): the same EO apps, wall-paced at
 * --speed. One satellite, one station, one target on the ground track (as test/eo-geometry.test.ts,
 * whose hand bounds this reuses): the image is captured at the overflight and reaches the ground no
 * earlier than the physics allows (the next pass's first 1 s step in view, plus bytes x 8 / 220
 * Mbit/s, plus 525 km / c). No upper bound is asserted: on the realtime clock a busy machine makes
 * things late, and the replay reports how late (`lag`, wall ms), which is what is checked here.
 */
import { describe, expect, it } from "vitest";
import { replay } from "../src/eo/replay.js";
import { findPasses } from "../src/orbit/passes.js";
import { modeJson } from "../src/report/eo-table.js";
import { C_KM_S, DOVE_FRAME_BYTES, oneEoScene } from "./eo-one-sat.js";

describe("replay on the realtime clock", () => {
  it("delivers the image no earlier than the physics allows, and reports its lag", async () => {
    const { c, epochUnixMs: epoch, tCapUnixMs: tCap, latDeg, lonDeg } = oneEoScene();
    const next = findPasses(c.satellites, c.groundStations[0]!, epoch, epoch + 6 * 3_600_000).find(
      (p) => p.aosUnixMs > tCap,
    )!;
    // From a minute before the overflight to a minute after that pass: ~1.5 h of scenario, paced at
    // 300x (about 18 s of wall time).
    const start = tCap - 60_000;
    const durationMs = Math.ceil((next.losUnixMs + 60_000 - start) / 1000) * 1000;
    const out = await replay(
      c,
      [
        {
          id: "t",
          target: { kind: "point", latDeg, lonDeg },
          priority: 3,
          tag: "land",
          start: { absUnixMs: start },
          end: { absUnixMs: start + 600_000 },
        },
      ],
      {
        startUnixMs: start,
        durationMs,
        seed: 1,
        modes: ["raw"],
        isolation: "inproc",
        clock: "realtime",
        speed: 300,
      },
    );
    expect(out.execution.clock).toBe("realtime");
    const r = out.results[0]!;
    expect(r.imagesCaptured).toBe(1);
    const img = r.images[0]!;
    expect(Math.abs(img.captureUnixMs - tCap)).toBeLessThan(100);
    const bytes = DOVE_FRAME_BYTES;
    const aosStep = start + Math.ceil((next.aosUnixMs - start) / 1000) * 1000;
    const lowerBound = aosStep + ((bytes * 8) / 220e6) * 1000 + (525 / C_KM_S) * 1000;
    if (r.imagesDelivered === 1) expect(img.insightUnixMs).toBeGreaterThanOrEqual(lowerBound);
    // Not delivered within the window only if the host ran behind by more than a second of
    // scenario time (the window leaves a minute after the pass): then the lag must say so.
    else expect(r.clockLag!.maxMs * 300).toBeGreaterThan(1000);
    // The lag is reported (wall ms, finite, non-negative), in the result and in its JSON.
    expect(r.clockLag).toBeDefined();
    for (const v of [r.clockLag!.p50Ms, r.clockLag!.p99Ms, r.clockLag!.maxMs]) {
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(0);
    }
    expect(r.clockLag!.p50Ms).toBeLessThanOrEqual(r.clockLag!.maxMs);
    expect(modeJson(r).lag).toEqual(r.clockLag);
  }, 180_000);
});
