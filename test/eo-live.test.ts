/**
 * The replay through the live emulator (issue C): one satellite, one station, one target on the
 * ground track 60 s before the first pass. The raw image travels as a bundle over the emulated ground
 * link (capacity set to the Dove X-band 220 Mbps) and must arrive at AOS + bytes x 8 / rate, to
 * within the emulator's topology step (1 s: the link comes up at the first step after AOS). On the
 * virtual clock, so the bound is the model's, whatever the machine's load.
 */
import { degreesLat, degreesLong, eciToGeodetic, gstime, propagate } from "satellite.js";
import { describe, expect, it } from "vitest";
import { loadConstellationText } from "../src/config/load.js";
import { runReplayLive, startReplayEmulation } from "../src/eo/live.js";
import { buildScenario } from "../src/eo/scenario.js";
import { findPasses } from "../src/orbit/passes.js";

const YAML = `
name: one-eo-live
epoch: "2026-01-01T00:00:00Z"
shells:
  - name: s
    walker: { altitudeKm: 525, inclinationDeg: 97.5, planes: 1, satsPerPlane: 1, phasing: 0, raanSpreadDeg: 360, raanOffsetDeg: 78.3 }
    isl: { pattern: none }
    eo: { sensor: dove }
groundStations:
  stations:
    - { name: Svalbard, latDeg: 78.23, lonDeg: 15.41, altM: 500, minElevationDeg: 5 }
groundLinks: { capacityGbps: 0.22 }
`;

describe("replay through the live emulation", () => {
  it("delivers a raw image at AOS plus transfer time, as bundles over the emulated ground link", async () => {
    const c = loadConstellationText(YAML, "one-eo-live.yaml");
    const epoch = Date.parse(c.epoch);
    const sat = c.satellites[0]!;
    const pass = findPasses(c.satellites, c.groundStations[0]!, epoch + 600_000, epoch + 6 * 3_600_000)[0]!;
    const tCap = pass.aosUnixMs - 60_000;
    const pv = propagate(sat.satrec, new Date(tCap));
    if (!pv || typeof pv.position === "boolean") throw new Error("propagation failed");
    const g = eciToGeodetic(pv.position, gstime(new Date(tCap)));
    const start = tCap - 20_000;
    const durationMs = pass.aosUnixMs + 40_000 - start;
    const sc = await buildScenario(
      c,
      [
        {
          id: "t",
          index: 0,
          target: { kind: "point", latDeg: degreesLat(g.latitude), lonDeg: degreesLong(g.longitude) },
          priority: 3,
          tag: "land",
          startUnixMs: start,
          endUnixMs: start + durationMs,
        },
      ],
      { startUnixMs: start, durationMs, seed: 1, relay: false },
    );
    expect(sc.opportunities).toHaveLength(1);
    const emu = await startReplayEmulation(c, sc, { speed: 20, stepMs: 1000, clock: "virtual" });
    try {
      const r = await runReplayLive(sc, "raw", emu, { drainWallMs: 1000 });
      const bytes = Math.ceil(((24_600 * 16_400) / (3.7 * 3.7)) * 4 * 1.5);
      const expected = (pass.aosUnixMs - tCap) / 1000 + (bytes * 8) / 220e6;
      expect(r.imagesCaptured).toBe(1);
      expect(r.networkDrops).toEqual({});
      expect(r.imagesDelivered).toBe(1);
      expect(r.bytesDownlinked).toBe(bytes);
      expect(r.images[0]!.timeToInsightS).toBeGreaterThan(expected - 0.2);
      expect(r.images[0]!.timeToInsightS).toBeLessThan(expected + 1.2);
    } finally {
      await emu.stop();
    }
  });
});
