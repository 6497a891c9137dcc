/**
 * constellations/eo-sso-200.yaml, the 200-satellite survey benchmark's constellation: its size and
 * its laser mesh at the epoch against hand geometry (the in-plane chord its comments derive).
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConstellation } from "../src/config/load.js";
import { MeshTopologyProvider } from "../src/emu/topology-provider.js";
import { LinkKind } from "../src/mesh/types.js";
import { SPEED_OF_LIGHT_KM_S } from "../src/orbit/constants.js";

const FILE = join(import.meta.dirname, "..", "constellations", "eo-sso-200.yaml");

describe("eo-sso-200.yaml", () => {
  it("is 10 planes x 20 at 525 km with eo-sso's 13 stations and payload", () => {
    const c = loadConstellation(FILE);
    expect(c.satellites).toHaveLength(200);
    expect(new Set(c.satellites.map((s) => s.plane)).size).toBe(10);
    expect(c.groundStations).toHaveLength(13);
    const eoSso = loadConstellation(join(import.meta.dirname, "..", "constellations", "eo-sso.yaml"));
    expect(c.groundStations.map((g) => g.name)).toEqual(eoSso.groundStations.map((g) => g.name));
    expect(c.shells[0]!.walker!.altitudeKm).toBe(525);
    expect(c.shells[0]!.walker!.inclinationDeg).toBe(97.5);
  });

  it("has the +Grid mesh the file's comments derive, at the epoch", async () => {
    const c = loadConstellation(FILE);
    const p = await MeshTopologyProvider.create(c);
    const s = p.snapshotAt(Date.parse(c.epoch));
    let isl = 0;
    for (let u = 0; u < 200; u++)
      for (let j = s.rowStart[u]!; j < s.rowStart[u + 1]!; j++) if (s.kind[j] === LinkKind.Isl) isl++;
    // Every in-plane neighbour pair (10 rings of 20) and every pair across adjacent planes of the
    // star (9 plane pairs x 20, no seam between plane 9 and plane 0): 200 + 180 links, both ways.
    expect(isl).toBe(2 * (200 + 180));
    // In-plane neighbours 18 deg apart on a 6,903.135 km orbit (WGS-72 radius 6,378.135 + 525):
    // chord 2 x 6903.135 x sin 9 deg = 2,159.77 km, 7.2042 ms of light time. Slack: SGP4's osculating
    // radius differs from the mean one by J2 short-period terms of order 10 km (3 km of chord, 0.01 ms).
    const chordKm = 2 * 6903.135 * Math.sin((9 * Math.PI) / 180);
    let delay01 = Number.NaN;
    for (let j = s.rowStart[0]!; j < s.rowStart[1]!; j++) if (s.target[j] === 1) delay01 = s.delayMs[j]!;
    expect(c.satellites[1]!.plane).toBe(0);
    expect(Math.abs(delay01 - (chordKm / SPEED_OF_LIGHT_KM_S) * 1000)).toBeLessThan(0.02);
  });
});
