/**
 * The replay on the realtime clock (`replay --clock realtime`): the same EO apps, wall-paced at
 * --speed. One satellite, one station, one target on the ground track (as test/eo-geometry.test.ts,
 * whose hand bounds this reuses): the image is captured at the overflight and reaches the ground no
 * earlier than the physics allows (the next pass's first 1 s step in view, plus bytes x 8 / 220
 * Mbit/s, plus 525 km / c). No upper bound is asserted: on the realtime clock a busy machine makes
 * things late, and the replay reports how late (`lag`, wall ms), which is what is checked here.
 */
import { degreesLat, degreesLong, eciToGeodetic, gstime, propagate } from "satellite.js";
import { describe, expect, it } from "vitest";
import { loadConstellationText } from "../src/config/load.js";
import { replay } from "../src/eo/replay.js";
import { findPasses } from "../src/orbit/passes.js";
import { modeJson } from "../src/report/eo-table.js";

const C_KM_S = 299_792.458;

const YAML = `
name: one-eo
epoch: "2026-01-01T00:00:00Z"
shells:
  - name: s
    walker: { altitudeKm: 525, inclinationDeg: 97.5, planes: 1, satsPerPlane: 1, phasing: 0, raanSpreadDeg: 360, raanOffsetDeg: 78.3 }
    isl: { pattern: none }
    eo: { sensor: dove, accelerator: jetson-tx2 }
groundStations:
  stations:
    - { name: Svalbard, latDeg: 78.23, lonDeg: 15.41, altM: 500, minElevationDeg: 5 }
groundLinks: { capacityGbps: 0.22 }
`;

describe("replay on the realtime clock", () => {
  it("delivers the image no earlier than the physics allows, and reports its lag", async () => {
    const c = loadConstellationText(YAML, "one-eo.yaml");
    const epoch = Date.parse(c.epoch);
    const sat = c.satellites[0]!;
    const tCap = epoch + 1_000_000;
    const pv = propagate(sat.satrec, new Date(tCap));
    if (!pv || typeof pv.position === "boolean") throw new Error("propagation failed");
    const g = eciToGeodetic(pv.position, gstime(new Date(tCap)));
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
          target: { kind: "point", latDeg: degreesLat(g.latitude), lonDeg: degreesLong(g.longitude) },
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
    const bytes = Math.ceil(((24_600 * 16_400) / (3.7 * 3.7)) * 4 * 1.5); // one Dove frame
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
