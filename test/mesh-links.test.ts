/**
 * Laser and ground links from hand-placed geometry: delay = distance / c, the grazing-altitude cut,
 * the elevation mask and range limit, the nearest-satellite policy, re-acquisition.
 */
import { describe, expect, it } from "vitest";
import { maxLineOfSightKm, tangentAltitudeKm } from "../src/mesh/geometry.js";
import { LinkKind } from "../src/mesh/types.js";
import { builder, C_KM_S, candidates, ecef, neighbours, R_KM, site } from "./mesh-helpers.js";

describe("laser links", () => {
  it("two satellites 6,000 km apart: one link each way, delay = distance / c = 20.01385 ms", () => {
    // Both at x = R + 81 km, y = +-3000 km: the chord's closest point to the centre is (R + 81, 0, 0),
    // so the line of sight grazes at 81 km, above the 80 km limit; the separation is 6,000 km.
    const pos = ecef([
      [R_KM + 81, 3000, 0],
      [R_KM + 81, -3000, 0],
    ]);
    const snap = builder(2, candidates(2, [[0, 1]])).build(0, pos);
    expect(snap.linkCount).toBe(2);
    expect(neighbours(snap, 0)).toEqual([1]);
    expect(neighbours(snap, 1)).toEqual([0]);
    for (let j = 0; j < 2; j++) {
      expect(snap.distanceKm[j]).toBeCloseTo(6000, 9);
      // 6000 km / 299,792.458 km/s = 20.013845711889 ms (hand computation).
      expect(snap.delayMs[j]).toBeCloseTo(20.013845711889, 9);
      expect(snap.delayMs[j]).toBeCloseTo((6000 / C_KM_S) * 1000, 12);
      expect(snap.capacityBps[j]).toBe(25e9);
      expect(snap.kind[j]).toBe(LinkKind.Isl);
    }
  });

  it("a line of sight dipping to 79 km (below the 80 km grazing altitude) gives no link", () => {
    const pos = ecef([
      [R_KM + 79, 3000, 0],
      [R_KM + 79, -3000, 0],
    ]);
    expect(tangentAltitudeKm(R_KM + 79, 3000, 0, R_KM + 79, -3000, 0)).toBeCloseTo(79, 9);
    const snap = builder(2, candidates(2, [[0, 1]])).build(0, pos);
    expect(snap.linkCount).toBe(0);
    // The same pair with a 70 km grazing altitude links.
    const snap2 = builder(2, candidates(2, [[0, 1]], { grazingAltitudeKm: 70 })).build(0, pos);
    expect(snap2.linkCount).toBe(2);
  });

  it("the grazing point may lie beyond an endpoint: then the endpoint itself is the lowest point", () => {
    // Both satellites on the same side, the segment pointing away from the Earth: lowest point is A.
    expect(tangentAltitudeKm(R_KM + 500, 0, 0, R_KM + 1500, 100, 0)).toBeCloseTo(500, 9);
  });

  it("a link beyond the maximum range is absent", () => {
    const pos = ecef([
      [R_KM + 1000, 2000, 0],
      [R_KM + 1000, -2000, 0],
    ]);
    expect(builder(2, candidates(2, [[0, 1]], { maxRangeKm: 4001 })).build(0, pos).linkCount).toBe(2);
    expect(builder(2, candidates(2, [[0, 1]], { maxRangeKm: 3999 })).build(0, pos).linkCount).toBe(0);
  });

  it("a satellite with NaN position (SGP4 error) has no links", () => {
    const pos = ecef([
      [R_KM + 1000, 0, 0],
      [Number.NaN, Number.NaN, Number.NaN],
    ]);
    expect(builder(2, candidates(2, [[0, 1]])).build(0, pos).linkCount).toBe(0);
  });

  it("max line of sight for two 550 km satellites at 80 km grazing is Hypatia's Starlink-550 max ISL length", () => {
    // ../shared/hypatia-format/starlink_550/description.txt: max_isl_length_m=5016591.2330984278
    // (Hypatia uses the WGS-72 radius, 2 m smaller; the difference here is < 2 m).
    expect(Math.abs(maxLineOfSightKm(550, 550, 80) - 5016.591233098428)).toBeLessThan(0.002);
  });

  it("a re-formed link waits for the re-acquisition time; links present at the first tick are established", () => {
    const near = ecef([
      [R_KM + 1000, 1000, 0],
      [R_KM + 1000, -1000, 0],
    ]);
    const far = ecef([
      [R_KM + 1000, 3000, 0],
      [R_KM + 1000, -3000, 0],
    ]);
    const b = builder(2, candidates(2, [[0, 1]], { maxRangeKm: 5000, reacquisitionMs: 5000 }));
    expect(b.build(0, near).linkCount).toBe(2); // established at the start of the run
    expect(b.build(1000, far).linkCount).toBe(0); // 6,000 km > 5,000 km: lost
    expect(b.build(2000, near).linkCount).toBe(0); // feasible again since t = 2 s
    expect(b.build(6999, near).linkCount).toBe(0); // 4.999 s < 5 s
    expect(b.build(7000, near).linkCount).toBe(2); // 5 s after it became feasible
  });

  it("terminals per satellite cap the links, in-plane (first-listed) links kept", () => {
    // Satellite 0 has 3 candidates but 2 terminals: the first two listed survive.
    const c = candidates(
      4,
      [
        [0, 1],
        [0, 2],
        [0, 3],
      ],
      { terminals: 2 },
    );
    expect(c.count).toBe(2);
    expect([c.b[0], c.b[1]]).toEqual([1, 2]);
  });
});

describe("ground links", () => {
  // Station on the equator at longitude 0: ECEF (R, 0, 0), local vertical +x. A satellite at
  // (R + h, h / tan(e), 0) is seen at elevation e exactly (right triangle with legs h and h / tan e).
  const h = 500;
  const at = (eDeg: number): [number, number, number] => [R_KM + h, h / Math.tan((eDeg * Math.PI) / 180), 0];
  const pos = ecef([
    at(10),
    at(24.9),
    at(25.1),
    at(60),
    [R_KM + h, 0, 0], // zenith
    [R_KM - 10, 3000, 0], // below the horizon
  ]);
  const station = (mask: number, maxRangeKm = Infinity) =>
    site("eq", [R_KM, 0, 0], [1, 0, 0], mask, maxRangeKm);

  it("a station links to exactly the satellites above its 25 deg mask, both directions", () => {
    const snap = builder(6, candidates(6, []), [station(25)]).build(0, pos);
    expect(neighbours(snap, 6)).toEqual([2, 3, 4]);
    for (const sat of [2, 3, 4]) expect(neighbours(snap, sat)).toEqual([6]);
    for (const sat of [0, 1, 5]) expect(neighbours(snap, sat)).toEqual([]);
    const j = snap.rowStart[6]!;
    expect(snap.kind[j]).toBe(LinkKind.GslUp);
    expect(snap.kind[snap.rowStart[4]!]).toBe(LinkKind.GslDown);
    // Zenith satellite: 500 km straight up.
    const k = Array.from(snap.target.subarray(j, snap.rowStart[7]!)).indexOf(4);
    expect(snap.distanceKm[j + k]).toBeCloseTo(500, 9);
  });

  it("the mask is the only cut: just under 10 deg sees the five satellites above the horizon", () => {
    const snap = builder(6, candidates(6, []), [station(10 - 1e-9)]).build(0, pos);
    expect(neighbours(snap, 6)).toEqual([0, 1, 2, 3, 4]);
  });

  it("a slant-range limit (Hypatia-style) cuts by distance: 600 km keeps the 60 deg (577 km) and zenith satellites", () => {
    // Ranges: h / sin(e): 25.1 deg -> 1,178 km, 60 deg -> 577.4 km, zenith -> 500 km.
    const snap = builder(6, candidates(6, []), [station(0, 600)]).build(0, pos);
    expect(neighbours(snap, 6)).toEqual([3, 4]);
  });

  it("policy 'nearest' keeps only the closest visible satellite", () => {
    const snap = builder(6, candidates(6, []), [station(25)], "nearest").build(0, pos);
    expect(neighbours(snap, 6)).toEqual([4]);
    expect(snap.linkCount).toBe(2);
  });
});
