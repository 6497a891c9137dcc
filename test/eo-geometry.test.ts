/**
 * The replay on real geometry: one satellite (SSO, 525 km), one ground station, one target placed on
 * the satellite's ground track. The expected capture instant is where satellite.js puts the
 * sub-satellite point on the target; the expected raw time to insight is then the wait until the AOS of
 * the first pass after it (src/orbit/passes.ts, verified on its own) taken to the emulator's next 1 s
 * topology step (the ground link exists from the first step the satellite is in view), plus
 * bytes x 8 / 220 Mbps, plus the ground link's propagation delay (slant range / c: 525 km overhead
 * to 2,143 km at the 5 deg mask: sqrt((R + h)^2 - (R cos 5)^2) - R sin 5 with R = 6378.137 km,
 * h = 525 km; measured 2,146 km: the mesh's ground-link mask and the pass search differ by a few
 * hundredths of a degree, so the bound allows 0.1 ms).
 */
import { degreesLat, degreesLong, eciToGeodetic, gstime, propagate } from "satellite.js";
import { describe, expect, it } from "vitest";
import { loadConstellationText } from "../src/config/load.js";
import { replay } from "../src/eo/replay.js";
import { buildScenario, sunlightOf } from "../src/eo/scenario.js";
import { findEclipses } from "../src/orbit/eclipse.js";
import { findPasses } from "../src/orbit/passes.js";
import { C_KM_S, ONE_EO_YAML } from "./eo-one-sat.js";

describe("replay on one satellite, one station, one target", () => {
  it("captures at the overflight and delivers at the next AOS plus transfer time", async () => {
    const c = loadConstellationText(ONE_EO_YAML, "one-eo.yaml");
    const start = Date.parse(c.epoch);
    const sat = c.satellites[0]!;
    // Sub-satellite point 1000 s after the epoch, by satellite.js directly.
    const tCap = start + 1_000_000;
    const pv = propagate(sat.satrec, new Date(tCap));
    if (!pv || typeof pv.position === "boolean") throw new Error("propagation failed");
    const g = eciToGeodetic(pv.position, gstime(new Date(tCap)));
    const latDeg = degreesLat(g.latitude);
    const lonDeg = degreesLong(g.longitude);
    const requests = [
      {
        id: "t",
        index: 0,
        target: { kind: "point" as const, latDeg, lonDeg },
        priority: 3,
        tag: "land",
        startUnixMs: start,
        endUnixMs: start + 3_000_000,
      },
    ];
    const durationMs = 6 * 3_600_000;
    const sc = await buildScenario(c, requests, { startUnixMs: start, durationMs, seed: 1 });
    // Captured once, at the overflight (golden-section bracket 50 ms).
    expect(sc.opportunities).toHaveLength(1);
    expect(Math.abs(sc.opportunities[0]!.tMs - 1_000_000)).toBeLessThan(100);

    const passes = findPasses(c.satellites, c.groundStations[0]!, start, start + durationMs);
    const next = passes.find((p) => p.aosUnixMs > tCap)!;
    expect(passes.some((p) => p.aosUnixMs <= tCap && p.losUnixMs >= tCap)).toBe(false);
    const bytes = Math.ceil(((24_600 * 16_400) / (3.7 * 3.7)) * 4 * 1.5); // one Dove frame
    const transferS = (bytes * 8) / 220e6; // 6.43 s
    expect(next.losUnixMs - next.aosUnixMs).toBeGreaterThan(transferS * 1000);
    // The satellite's EO apps in its node, the image a bundle over the emulated ground link.
    const out = await replay(
      c,
      requests.map(({ index: _i, startUnixMs, endUnixMs, ...r }) => ({
        ...r,
        start: { absUnixMs: startUnixMs },
        end: { absUnixMs: endUnixMs },
      })),
      { startUnixMs: start, durationMs, seed: 1, modes: ["raw"], isolation: "inproc" },
    );
    const r = out.results[0]!;
    expect(r.imagesCaptured).toBe(1);
    expect(r.bytesCaptured).toBe(bytes);
    const img = r.images[0]!;
    expect(Math.abs(img.captureUnixMs - tCap)).toBeLessThan(100);
    const aosStep = start + Math.ceil((next.aosUnixMs - start) / 1000) * 1000;
    const base = aosStep + transferS * 1000;
    expect(img.insightUnixMs).toBeGreaterThanOrEqual(base + (525 / C_KM_S) * 1000);
    expect(img.insightUnixMs).toBeLessThanOrEqual(base + (2_143 / C_KM_S) * 1000 + 0.1);
    expect(r.bytesDownlinked).toBe(bytes);
    expect(r.contactTimeUsedS).toBeCloseTo(transferS, 9);
    expect(out.execution).toEqual({ clock: "virtual", isolation: "inproc", hosts: 1, nodes: 2 });
  });

  it("misses a target beyond half a swath of the ground track (nadir-only Dove)", async () => {
    const c = loadConstellationText(ONE_EO_YAML, "one-eo.yaml");
    const start = Date.parse(c.epoch);
    const sat = c.satellites[0]!;
    const tCap = start + 1_000_000;
    const pv = propagate(sat.satrec, new Date(tCap));
    if (!pv || typeof pv.position === "boolean") throw new Error("propagation failed");
    const g = eciToGeodetic(pv.position, gstime(new Date(tCap)));
    // 0.3 deg of arc east of the track (33 km; the track runs ~N-S): beyond the 12.3 km half swath.
    const latDeg = degreesLat(g.latitude);
    const lonDeg = degreesLong(g.longitude) + 0.3 / Math.cos((latDeg * Math.PI) / 180);
    const sc = await buildScenario(
      c,
      [
        {
          id: "t",
          index: 0,
          target: { kind: "point", latDeg, lonDeg },
          priority: 1,
          tag: "land",
          startUnixMs: start,
          endUnixMs: start + 3_000_000,
        },
      ],
      { startUnixMs: start, durationMs: 3_600_000, seed: 1 },
    );
    expect(sc.opportunities).toHaveLength(0);
  });

  it("turns eclipse intervals into sunlight changes: 0 in umbra, a ramp in penumbra, 1 after", () => {
    const c = loadConstellationText(ONE_EO_YAML, "one-eo.yaml");
    const start = Date.parse(c.epoch);
    const dur = 6 * 3_600_000;
    const ecl = findEclipses(c.satellites[0]!, start, start + dur);
    const umbra = ecl.filter((e) => e.kind === "umbra");
    expect(umbra.length).toBeGreaterThanOrEqual(3); // ~95 min orbit, LTAN 22:30: eclipsed every orbit in January
    const ch = sunlightOf(c, start, dur)[0]!;
    const fractionAt = (tMs: number) => {
      let f = 1;
      for (const x of ch) if (x.tMs <= tMs) f = x.fraction;
      return f;
    };
    for (const u of umbra) {
      const mid = (u.startUnixMs + u.endUnixMs) / 2 - start;
      expect(fractionAt(mid)).toBe(0);
      if (!u.endClipped) expect(fractionAt(u.endUnixMs - start + 60_000)).toBe(1); // past the exit penumbra (~10 s)
    }
    for (const p of ecl.filter((e) => e.kind === "penumbra" && !e.startClipped && !e.endClipped)) {
      const f = fractionAt((p.startUnixMs + p.endUnixMs) / 2 - start);
      expect(f).toBeGreaterThan(0);
      expect(f).toBeLessThan(1);
    }
  });
});
