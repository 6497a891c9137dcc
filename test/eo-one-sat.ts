/**
 * The one-satellite EO scene shared by test/eo-geometry.test.ts and test/eo-realtime.test.ts: an SSO
 * satellite at 525 km with a Dove camera, one station at Svalbard (5 deg mask), a 220 Mbit/s ground
 * link, and a target on the sub-satellite point 1000 s after the epoch (by satellite.js directly).
 */
import { degreesLat, degreesLong, eciToGeodetic, gstime, propagate } from "satellite.js";
import { loadConstellationText } from "../src/config/load.js";
import type { Constellation } from "../src/orbit/constellation.js";

/** Speed of light, km/s (exact, SI definition). */
export const C_KM_S = 299_792.458;

export const ONE_EO_YAML = `
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

/** One Dove frame's bytes: 24.6 x 16.4 km at 3.7 m GSD, 4 bands, 1.5 bytes per sample. */
export const DOVE_FRAME_BYTES = Math.ceil(((24_600 * 16_400) / (3.7 * 3.7)) * 4 * 1.5);

/** The scene, and the instant and point of the overflight 1000 s after its epoch. */
export function oneEoScene(): {
  c: Constellation;
  epochUnixMs: number;
  tCapUnixMs: number;
  latDeg: number;
  lonDeg: number;
} {
  const c = loadConstellationText(ONE_EO_YAML, "one-eo.yaml");
  const epochUnixMs = Date.parse(c.epoch);
  const tCapUnixMs = epochUnixMs + 1_000_000;
  const pv = propagate(c.satellites[0]!.satrec, new Date(tCapUnixMs));
  if (!pv || typeof pv.position === "boolean") throw new Error("propagation failed");
  const g = eciToGeodetic(pv.position, gstime(new Date(tCapUnixMs)));
  return { c, epochUnixMs, tCapUnixMs, latDeg: degreesLat(g.latitude), lonDeg: degreesLong(g.longitude) };
}
