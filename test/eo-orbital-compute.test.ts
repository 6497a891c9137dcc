/**
 * The orbital-compute scenario through the EO apps: the radiator caps the H100's duty, and the
 * onboard software feels it in the instants its inferences finish.
 *
 * By hand, from constellations/orbital-compute.yaml:
 * - radiator: 0.91 x 5.670374419e-8 x 0.6 m^2 x 333.15^4 K^4 = 381.39 W, so a 700 W H100 runs at
 *   duty d = 381.39 / 700 = 0.54484 (heat duty = eps sigma A T^4 / P, docs/eo-power.md);
 * - one survey unit: 10 frames of 16.8 x 11.2 km at 2.53 m GSD = 1,881.6 km^2 / 6.4009e-6 km^2 per
 *   px = 293.96 Mpx, 281 tiles of 1024^2 px;
 * - SAM ViT-H at 5.95e12 ops per tile, 7.5% of 1,979e12 ops/s: 0.0400876 s per tile, so a unit is
 *   281 x 0.0400876 = 11.2646 s of GPU at full duty and 11.2646 / 0.54484 = 20.675 s under the cap.
 * A unit is captured every ~15 s of flight, so work queues up and consecutive full units finish
 * 20.675 s apart: the cap, not the workload, sets the pace.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConstellation } from "../src/config/load.js";
import { replay } from "../src/eo/replay.js";
import { repoRoot } from "./cli-helpers.js";

const SIGMA = 5.670374419e-8; // CODATA 2018
const DUTY = (0.91 * SIGMA * 0.6 * 333.15 ** 4) / 700;
const UNIT_S = 281 * (5.95e12 / (1979e12 * 0.075));

describe("orbital compute: the radiator caps the accelerator", () => {
  it("spaces back-to-back inferences by their GPU time over the heat duty, and reports the time lost to heat", async () => {
    const c = loadConstellation(join(repoRoot, "constellations/orbital-compute.yaml"));
    const start = Date.parse(c.epoch);
    const durationMs = 90 * 60_000; // the first sunlit land is 63 min in
    const out = await replay(c, [], {
      startUnixMs: start,
      durationMs,
      seed: 1,
      modes: ["summary"],
      isolation: "inproc",
      survey: true,
    });
    const r = out.results[0]!;
    expect(r.imagesCaptured).toBeGreaterThan(10);
    expect(r.throttledPowerS).toBe(0);
    const full = Math.max(...r.images.map((i) => i.rawBytes));
    // In the order the accelerator ran them (a strip's last, shorter unit is in this order too).
    const done = r.images
      .filter((i) => Number.isFinite(i.inferredUnixMs))
      .sort((a, b) => a.inferredUnixMs - b.inferredUnixMs);
    let backToBack = 0;
    for (let k = 1; k < done.length; k++) {
      const prev = done[k - 1]!;
      const cur = done[k]!;
      if (cur.rawBytes !== full) continue;
      // Queued: captured before the previous one finished, so it started the instant that one ended.
      if (cur.captureUnixMs >= prev.inferredUnixMs) continue;
      backToBack++;
      expect((cur.inferredUnixMs - prev.inferredUnixMs) / 1000).toBeCloseTo(UNIT_S / DUTY, 2);
    }
    expect(backToBack).toBeGreaterThan(5);
    // Heat, not power, throttled: each capped unit lost (1 - d) x UNIT_S / d = UNIT_S (1/d - 1) s.
    expect(r.throttledHeatS).toBeGreaterThan(0.99 * backToBack * UNIT_S * (1 / DUTY - 1));
  }, 240_000);
});
