/**
 * A ground station's RF capacity: the constellation-wide `groundLinks.capacityGbps`, or the station
 * entry's own `capacityGbps`, on both its up and down links. Geometry by hand: two satellites 550 km
 * straight above two equatorial stations 90 deg apart (each sees only its own satellite), so every
 * ground link is 550 km long and its rate is the one written in the YAML below.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConstellation, loadConstellationText } from "../src/config/load.js";
import { meshSettingsOf, meshSettingsWithOverrides } from "../src/mesh/config.js";
import { TopologyBuilder } from "../src/mesh/topology.js";
import { LinkKind, type TopologySnapshot } from "../src/mesh/types.js";
import { InputError } from "../src/util/input-error.js";
import { ecef, R_KM } from "./mesh-helpers.js";

const YAML = `
name: two-stations
epoch: "2026-01-01T00:00:00Z"
shells:
  - name: s
    walker: { altitudeKm: 550, inclinationDeg: 53, planes: 1, satsPerPlane: 2, phasing: 0, raanSpreadDeg: 360 }
    isl: { pattern: none }
groundStations:
  stations:
    - { name: Dove, latDeg: 0, lonDeg: 0, capacityGbps: 0.22 }
    - { name: Default, latDeg: 0, lonDeg: 90 }
groundLinks: { capacityGbps: 5 }
`;

/** Satellite 0 above (lat 0, lon 0), satellite 1 above (lat 0, lon 90); WGS-84 equator radius. */
const OVERHEAD = ecef([
  [R_KM + 550, 0, 0],
  [0, R_KM + 550, 0],
]);

/** Every link as [from, to, kind, capacityBps, distanceKm], sorted by from then to. */
function links(s: TopologySnapshot): [number, number, number, number, number][] {
  const out: [number, number, number, number, number][] = [];
  for (let u = 0; u < s.nodeCount; u++)
    for (let j = s.rowStart[u]!; j < s.rowStart[u + 1]!; j++)
      out.push([u, s.target[j]!, s.kind[j]!, s.capacityBps[j]!, s.distanceKm[j]!]);
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

describe("per-station ground-link capacity", () => {
  it("a station's own capacityGbps sets both its links; the others take groundLinks.capacityGbps", () => {
    const c = loadConstellationText(YAML, "two.yaml");
    expect(c.groundStations.map((g) => g.capacityGbps)).toEqual([0.22, undefined]);
    const snap = TopologyBuilder.forConstellation(c, meshSettingsOf(c)).build(0, OVERHEAD);
    // Nodes: satellites 0, 1; stations 2 (Dove), 3 (Default).
    const got = links(snap);
    expect(got.map(([u, v, k, cap]) => [u, v, k, cap])).toEqual([
      [0, 2, LinkKind.GslDown, 0.22e9],
      [1, 3, LinkKind.GslDown, 5e9],
      [2, 0, LinkKind.GslUp, 0.22e9],
      [3, 1, LinkKind.GslUp, 5e9],
    ]);
    for (const l of got) expect(l[4]).toBeCloseTo(550, 9);
  });

  it("a command-line override of groundLinks.capacityGbps moves only the stations without their own", () => {
    const c = loadConstellationText(YAML, "two.yaml");
    const s = meshSettingsWithOverrides(c, ["groundLinks.capacityGbps=1"]);
    const caps = links(TopologyBuilder.forConstellation(c, s).build(0, OVERHEAD)).map((l) => l[3]);
    expect(caps).toEqual([0.22e9, 1e9, 0.22e9, 1e9]);
  });

  it("without any setting a station gets the 20 Gbps default (del Portillo et al. 2019)", () => {
    const c = loadConstellationText(YAML.replace("groundLinks: { capacityGbps: 5 }", ""), "two.yaml");
    const caps = links(TopologyBuilder.forConstellation(c, meshSettingsOf(c)).build(0, OVERHEAD)).map(
      (l) => l[3],
    );
    expect(caps).toEqual([0.22e9, 20e9, 0.22e9, 20e9]);
  });

  describe("in station-set files", () => {
    const dir = mkdtempSync(join(tmpdir(), "constellate-cap-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("are carried from an included set", () => {
      writeFileSync(
        join(dir, "set.yaml"),
        "name: set\nstations:\n  - { name: Dove, latDeg: 0, lonDeg: 0, capacityGbps: 0.22 }\n",
      );
      writeFileSync(
        join(dir, "c.yaml"),
        YAML.replace(
          /groundStations:[\s\S]*?groundLinks/,
          'groundStations:\n  include: ["set.yaml"]\ngroundLinks',
        ),
      );
      const c = loadConstellation(join(dir, "c.yaml"));
      expect(c.groundStations).toHaveLength(1);
      expect(c.groundStations[0]!.capacityGbps).toBe(0.22);
    });

    it("reject a non-positive capacity with the file, line and field", () => {
      writeFileSync(
        join(dir, "bad.yaml"),
        "name: set\nstations:\n  - { name: X, latDeg: 0, lonDeg: 0, capacityGbps: 0 }\n",
      );
      writeFileSync(
        join(dir, "c2.yaml"),
        YAML.replace(
          /groundStations:[\s\S]*?groundLinks/,
          'groundStations:\n  include: ["bad.yaml"]\ngroundLinks',
        ),
      );
      let err: unknown;
      try {
        loadConstellation(join(dir, "c2.yaml"));
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InputError);
      const e = err as InputError;
      expect(e.location.file).toBe(join(dir, "bad.yaml"));
      expect(e.location.line).toBe(3);
      expect(e.location.field).toContain("capacityGbps");
    });
  });
});
