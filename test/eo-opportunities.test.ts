/**
 * Capture opportunities at the edge of an agile sensor's reach (src/eo/opportunities.ts screens the
 * candidate runs before refining them: a run whose closest approach cannot be within the reach is
 * skipped). One satellite at 525 km, a Dove frame with 30 deg off-nadir pointing; targets placed
 * across the track from the sub-satellite point 1000 s after the epoch (satellite.js directly, then
 * a WGS-84 geodesic at right angles to the track, geographiclib).
 *
 * The reach, by hand (spherical Earth of R = 6378.137 km, as SMAD's Earth-central angle, Wertz &
 * Larson 3rd ed. sec. 5.3.1): sin(rho) = R / (R + h) = 0.92395 at h = 525 km; the nadir angle
 * eta = 30 deg gives cos(eps) = sin(eta) / sin(rho) = 0.54115, eps = 57.24 deg, Earth-central angle
 * lambda = 90 - eta - eps = 2.76 deg = 307.2 km; plus half the 24.6 km swath: 319.5 km. SGP4's
 * geodetic altitude moves it by ~0.6 km per km (520-540 km over an orbit), so targets 290 km off the
 * track must be captured and 350 km off must not.
 */
import { fileURLToPath } from "node:url";
import geodesic from "geographiclib-geodesic";
import { degreesLat, degreesLong, eciToGeodetic, gstime, propagate } from "satellite.js";
import { describe, expect, it } from "vitest";
import { loadConstellation, loadConstellationText } from "../src/config/load.js";
import { resolveSatelliteEo } from "../src/eo/config.js";
import { generateWorkload } from "../src/eo/generators.js";
import { opportunitiesOf } from "../src/eo/opportunities.js";
import { satelliteConfigsOf } from "../src/eo/scenario.js";
import { type ResolvedRequest, resolveWorkload } from "../src/eo/workload.js";

const YAML = `
name: one-agile
epoch: "2026-01-01T00:00:00Z"
shells:
  - name: s
    walker: { altitudeKm: 525, inclinationDeg: 97.5, planes: 1, satsPerPlane: 1, phasing: 0, raanSpreadDeg: 360, raanOffsetDeg: 78.3 }
    isl: { pattern: none }
    eo: { sensor: { preset: dove, offNadirMaxDeg: 30 }, accelerator: jetson-tx2 }
groundStations:
  stations:
    - { name: Svalbard, latDeg: 78.23, lonDeg: 15.41, altM: 500, minElevationDeg: 5 }
`;

const WGS84 = geodesic.Geodesic.WGS84;

function subPoint(satrec: Parameters<typeof propagate>[0], tUnixMs: number) {
  const pv = propagate(satrec, new Date(tUnixMs));
  if (!pv || typeof pv.position === "boolean") throw new Error("propagation failed");
  const g = eciToGeodetic(pv.position, gstime(new Date(tUnixMs)));
  return { latDeg: degreesLat(g.latitude), lonDeg: degreesLong(g.longitude) };
}

describe("capture opportunities at the edge of the reach", () => {
  it("captures targets 0-290 km across the track, near the overflight, and none 350-900 km off", async () => {
    const c = loadConstellationText(YAML, "one-agile.yaml");
    const start = Date.parse(c.epoch);
    const satrec = c.satellites[0]!.satrec;
    const tCap = start + 1_000_000;
    const here = subPoint(satrec, tCap);
    const ahead = subPoint(satrec, tCap + 1000);
    const trackAzi = WGS84.Inverse(here.latDeg, here.lonDeg, ahead.latDeg, ahead.lonDeg).azi1!;
    const offsetsKm = [0, 150, 290, -290, 350, -350, 500, 900];
    const requests: ResolvedRequest[] = offsetsKm.map((d, index) => {
      const p = WGS84.Direct(here.latDeg, here.lonDeg, trackAzi + (d >= 0 ? 90 : -90), Math.abs(d) * 1000);
      return {
        id: `off-${d}`,
        index,
        target: { kind: "point", latDeg: p.lat2!, lonDeg: p.lon2! },
        priority: 1,
        tag: "land",
        // One overflight: the window is about half an orbit (~95 min).
        startUnixMs: start,
        endUnixMs: start + 3_000_000,
      };
    });
    const configs = [resolveSatelliteEo({ sensor: { preset: "dove", offNadirMaxDeg: 30 } })];
    const opps = await opportunitiesOf(c, requests, configs, start, 6 * 3_600_000, 20_000);
    const captured = opps.map((o) => offsetsKm[o.request]);
    expect(captured.sort((a, b) => a! - b!)).toEqual([-290, 0, 150, 290]);
    // Each at the overflight: a target abeam is closest when the satellite is abeam of it (the
    // Earth's rotation under the track shifts that by well under the 7 km/s ground speed's second).
    for (const o of opps) expect(Math.abs(o.tMs - 1_000_000)).toBeLessThan(3_000);
  });
});

describe("the screen of candidate runs", () => {
  it("finds the same opportunities as refining every candidate run (48 satellites, 400 targets, 2 h)", async () => {
    const c = loadConstellation(fileURLToPath(new URL("../constellations/eo-sso.yaml", import.meta.url)));
    const start = Date.parse(c.epoch);
    const durationMs = 2 * 3_600_000;
    const requests = resolveWorkload(
      generateWorkload({ kind: "mixed", seed: 7, count: 400, horizonMs: durationMs }),
      start,
    );
    const configs = satelliteConfigsOf(c);
    const screened = await opportunitiesOf(c, requests, configs, start, durationMs, 20_000);
    const all = await opportunitiesOf(c, requests, configs, start, durationMs, 20_000, { screen: false });
    expect(all.length).toBeGreaterThan(100);
    expect(screened).toEqual(all);
  });
});
