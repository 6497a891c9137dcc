import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EARTH_ROTATION_RAD_S, WGS84_A_KM } from "../src/orbit/constants.js";
import type { SatelliteElements } from "../src/orbit/elements.js";
import { gmstRad, lookAngles, makeObserver, temeToEcef } from "../src/orbit/frames.js";
import { findPasses, type Pass, type PassStation, passSamplingStepMs } from "../src/orbit/passes.js";
import { ConstellationPropagator, sgp4Into } from "../src/orbit/propagate.js";
import { temeKm } from "../src/orbit/units.js";
import { circularOrbitSat, meanRadiusAndRate } from "./orbit-fixtures.js";

const EPOCH = "2024-03-20T00:00:00.000Z";

function circularSat(
  index: number,
  altitudeKm: number,
  inclinationDeg: number,
  raanDeg: number,
  meanAnomalyDeg: number,
): SatelliteElements {
  return circularOrbitSat({ index, altitudeKm, inclinationDeg, raanDeg, meanAnomalyDeg, epochIso: EPOCH });
}

/** Elevation (deg) of a satellite from a station at an instant, via the frames module. */
function elevationDeg(sat: SatelliteElements, st: PassStation, t: number): number {
  const p = new Float64Array(3);
  sgp4Into(sat.satrec, (t - sat.epochUnixMs) / 60_000, p, null, 0);
  const obs = makeObserver({ latDeg: st.latDeg, lonDeg: st.lonDeg, altKm: st.altM / 1000 });
  return lookAngles(obs, temeToEcef(temeKm(p[0]!, p[1]!, p[2]!), gmstRad(t))).elevationDeg;
}

const durS = (p: Pass) => (p.losUnixMs - p.aosUnixMs) / 1000;

describe("findPasses: equatorial orbit over an equatorial station (hand geometry)", () => {
  const sat = circularSat(3, 550, 0, 0, 0);
  const from = sat.epochUnixMs;
  const to = from + 86_400_000;
  const { r, w } = meanRadiusAndRate(sat, 100);
  const wRel = w - EARTH_ROTATION_RAD_S;

  it("with a 10 deg mask: duration 2 psi / w_rel, max elevation 90 deg at mid-pass, one per synodic period", () => {
    const station: PassStation = { name: "EQ", latDeg: 0, lonDeg: 0, altM: 0, minElevationDeg: 10 };
    const e = (10 * Math.PI) / 180;
    const psi = Math.acos((WGS84_A_KM * Math.cos(e)) / r) - e;
    const expectedS = (2 * psi) / wRel;
    expect(expectedS).toBeGreaterThan(450); // ~510 s for 550 km
    expect(expectedS).toBeLessThan(560);
    const passes = findPasses([sat], station, from, to);
    const whole = passes.filter((p) => !p.aosClipped && !p.losClipped);
    // 24 h / (2 pi / w_rel) ~ 14.06 passes.
    expect(whole.length).toBeGreaterThanOrEqual(13);
    for (const p of whole) {
      expect(p.satellite).toBe(3);
      expect(p.station).toBe("EQ");
      expect(Math.abs(durS(p) - expectedS)).toBeLessThan(0.5);
      expect(p.maxElevationDeg).toBeGreaterThan(89.9);
      expect(Math.abs(p.tcaUnixMs - 0.5 * (p.aosUnixMs + p.losUnixMs))).toBeLessThan(200);
      // The mask is where AOS and LOS are: elevation changes ~0.1 deg/s there, edges are +-0.05 s.
      expect(elevationDeg(sat, station, p.aosUnixMs)).toBeCloseTo(10, 1);
      expect(elevationDeg(sat, station, p.losUnixMs)).toBeCloseTo(10, 1);
      expect(elevationDeg(sat, station, p.aosUnixMs - 1000)).toBeLessThan(10);
      expect(elevationDeg(sat, station, p.aosUnixMs + 1000)).toBeGreaterThan(10);
    }
    for (let k = 1; k < whole.length; k++) {
      const dt = (whole[k]!.tcaUnixMs - whole[k - 1]!.tcaUnixMs) / 1000;
      expect(Math.abs(dt - (2 * Math.PI) / wRel)).toBeLessThan(1);
    }
  });

  it("with a slant-range limit instead: cos psi = (a^2 + r^2 - rho^2) / (2 a r)", () => {
    const maxRangeKm = 1_200;
    const station: PassStation = {
      name: "EQR",
      latDeg: 0,
      lonDeg: 0,
      altM: 0,
      minElevationDeg: 0,
      maxRangeKm,
    };
    const psi = Math.acos((WGS84_A_KM ** 2 + r * r - maxRangeKm ** 2) / (2 * WGS84_A_KM * r));
    const expectedS = (2 * psi) / wRel;
    const passes = findPasses([sat], station, from, from + 6 * 3_600_000);
    const whole = passes.filter((p) => !p.aosClipped && !p.losClipped);
    expect(whole.length).toBeGreaterThanOrEqual(3);
    for (const p of whole) expect(Math.abs(durS(p) - expectedS)).toBeLessThan(0.5);
  });

  it("clips passes cut by the window and flags them", () => {
    const station: PassStation = { name: "EQ", latDeg: 0, lonDeg: 0, altM: 0, minElevationDeg: 10 };
    const full = findPasses([sat], station, from, from + 4 * 3_600_000).find((p) => !p.aosClipped)!;
    const startInside = findPasses([sat], station, full.tcaUnixMs, full.tcaUnixMs + 3_600_000);
    expect(startInside[0]!.aosClipped).toBe(true);
    expect(startInside[0]!.aosUnixMs).toBe(full.tcaUnixMs);
    expect(Math.abs(startInside[0]!.losUnixMs - full.losUnixMs)).toBeLessThan(100);
    const endInside = findPasses([sat], station, full.aosUnixMs - 600_000, full.tcaUnixMs);
    expect(endInside.length).toBe(1);
    expect(endInside[0]!.losClipped).toBe(true);
    expect(endInside[0]!.losUnixMs).toBe(full.tcaUnixMs);
    expect(Math.abs(endInside[0]!.aosUnixMs - full.aosUnixMs)).toBeLessThan(100);
  });

  it("an antipodal station never sees an equatorial satellite from a polar latitude", () => {
    // From latitude 80 deg the equatorial plane at 550 km is below the horizon: the Earth-central
    // angle to the orbit is 80 deg > acos(a / r) = 23 deg.
    const station: PassStation = { name: "POLAR", latDeg: 80, lonDeg: 0, altM: 0, minElevationDeg: 0 };
    expect(findPasses([sat], station, from, to)).toEqual([]);
  });
});

describe("findPasses: inclined shell, mid-latitude station", () => {
  // Eight satellites of a 53 deg, 550 km shell in four planes, and a 25 deg mask station.
  const sats = Array.from({ length: 8 }, (_, i) =>
    circularSat(i, 550, 53, (i % 4) * 90, Math.floor(i / 4) * 180),
  );
  const station: PassStation = { name: "ZRH", latDeg: 47.37, lonDeg: 8.54, altM: 408, minElevationDeg: 25 };
  const from = sats[0]!.epochUnixMs;
  const to = from + 86_400_000;
  let wasm: ConstellationPropagator;
  beforeAll(async () => {
    wasm = await ConstellationPropagator.create(sats, { engine: "wasm" });
  });
  afterAll(() => wasm?.dispose());

  it("derives the default step from geometry (quarter of the shortest overhead pass)", () => {
    // 550 km (SGP4 radius ~6925 km), 25 deg mask: psi = acos(6378.137 cos 25 / r) - 25 deg ~ 8.4 deg;
    // rate <= w_sat + w_earth ~ 1.17e-3 rad/s: shortest overhead pass ~250 s, step ~63 s.
    const step = passSamplingStepMs(sats, station);
    expect(step).toBeGreaterThan(55_000);
    expect(step).toBeLessThan(70_000);
  });

  const key = (p: Pass) => `${p.satellite}@${Math.round(p.aosUnixMs / 60_000)}`;

  it("default step, a 1 s step, a coarse 300 s step and wasm sampling find the same passes", () => {
    const fine = findPasses(sats, station, from, to, { stepMs: 1_000 });
    const dflt = findPasses(sats, station, from, to);
    const coarse = findPasses(sats, station, from, to, { stepMs: 300_000 });
    const viaWasm = findPasses(sats, station, from, to, { propagator: wasm });
    expect(fine.length).toBeGreaterThan(10);
    // Some passes are short (low culmination): shorter than the coarse step, most found only by the dip search.
    expect(fine.filter((p) => durS(p) < 300).length).toBeGreaterThan(20);
    for (const other of [dflt, coarse, viaWasm]) {
      expect(other.map(key)).toEqual(fine.map(key));
      other.forEach((p, k) => {
        const f = fine[k]!;
        expect(Math.abs(p.aosUnixMs - f.aosUnixMs)).toBeLessThan(150);
        expect(Math.abs(p.losUnixMs - f.losUnixMs)).toBeLessThan(150);
        expect(Math.abs(p.maxElevationDeg - f.maxElevationDeg)).toBeLessThan(0.01);
      });
    }
    for (const p of fine) {
      expect(p.maxElevationDeg).toBeGreaterThanOrEqual(25);
      expect(p.maxElevationDeg).toBeLessThanOrEqual(90);
      expect(p.aosUnixMs).toBeLessThanOrEqual(p.tcaUnixMs);
      expect(p.tcaUnixMs).toBeLessThanOrEqual(p.losUnixMs);
      // The peak is a maximum: 5 s either side is lower.
      const el = elevationDeg(sats[p.satellite]!, station, p.tcaUnixMs);
      expect(Math.abs(el - p.maxElevationDeg)).toBeLessThan(1e-6);
      expect(elevationDeg(sats[p.satellite]!, station, p.tcaUnixMs - 5_000)).toBeLessThan(el);
      expect(elevationDeg(sats[p.satellite]!, station, p.tcaUnixMs + 5_000)).toBeLessThan(el);
    }
  });

  it("one satellite or a subset: the matching subset of all passes", () => {
    const all = findPasses(sats, station, from, to);
    const some = findPasses(sats, station, from, to, { satellites: [2, 5] });
    expect(some.map(key)).toEqual(all.filter((p) => p.satellite === 2 || p.satellite === 5).map(key));
  });
});
