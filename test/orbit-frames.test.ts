/**
 * Frames and look angles against published values and hand geometry.
 * Published: Vallado, "Fundamentals of Astrodynamics and Applications" (4th ed.), Example 3-5 (GMST)
 * and Example 7-1 (site vector); the IAU-1982 GMST at J2000.0; WGS-84 axes (NIMA TR8350.2).
 */
import { eciToEcf, gstime } from "satellite.js";
import { describe, expect, it } from "vitest";
import { WGS84_A_KM, WGS84_B_KM } from "../src/orbit/constants.js";
import {
  ecefToGeodetic,
  elevationDegAt,
  geodeticToEcef,
  gmstRad,
  julianDate,
  lookAngles,
  makeObserver,
  type Observer,
  temeToEcef,
  temeToEcefInto,
} from "../src/orbit/frames.js";
import { DEG_PER_RAD, ecefKm, newEcefKmArray, newTemeKmArray, temeKm } from "../src/orbit/units.js";

const deg = (rad: number) => rad * DEG_PER_RAD;

/** The observer's position plus d km along a direction given in local east/north/up components. */
function along(o: Observer, d: number, e: number, n: number, u: number) {
  const k = d / Math.hypot(e, n, u);
  return ecefKm(
    o.ecef.x + k * (e * o.east[0] + n * o.north[0] + u * o.up[0]),
    o.ecef.y + k * (e * o.east[1] + n * o.north[1] + u * o.up[1]),
    o.ecef.z + k * (e * o.east[2] + n * o.north[2] + u * o.up[2]),
  );
}

describe("GMST (IAU-1982)", () => {
  it("Vallado Example 3-5: 1992-08-20 12:14:00 UT1 -> 152.578787886 deg", () => {
    // JD spacing near 2.45e6 is 4.7e-10 day: 1.7e-7 deg of GMST.
    expect(deg(gmstRad(Date.UTC(1992, 7, 20, 12, 14, 0)))).toBeCloseTo(152.578787886, 6);
  });
  it("J2000.0 (2000-01-01 12:00 UT1, JD 2451545.0) -> 280.46061837 deg", () => {
    expect(julianDate(Date.UTC(2000, 0, 1, 12))).toBe(2_451_545.0);
    expect(deg(gmstRad(Date.UTC(2000, 0, 1, 12)))).toBeCloseTo(280.46061837, 7);
  });
  it("advances one full turn per sidereal day (86164.0905 s, IERS)", () => {
    const t0 = Date.UTC(2024, 0, 1);
    const d = gmstRad(t0 + 86_164_090.5) - gmstRad(t0);
    expect(Math.abs(Math.atan2(Math.sin(d), Math.cos(d)))).toBeLessThan(1e-7);
  });
});

describe("TEME -> ECEF", () => {
  it("rotates by -GMST about z, in agreement with satellite.js eciToEcf", () => {
    const t = Date.UTC(2024, 5, 1, 3, 4, 5);
    const g = gmstRad(t);
    const r = temeKm(7000, -1200, 3000);
    const ours = temeToEcef(r, g);
    const theirs = eciToEcf(r, gstime(new Date(t)));
    expect(ours.x).toBeCloseTo(theirs.x, 9);
    expect(ours.y).toBeCloseTo(theirs.y, 9);
    expect(ours.z).toBeCloseTo(theirs.z, 9);
    // Hand: the TEME x axis ends at longitude -GMST.
    const xAxis = temeToEcef(temeKm(1, 0, 0), g);
    expect(Math.atan2(xAxis.y, xAxis.x)).toBeCloseTo(-Math.atan2(Math.sin(g), Math.cos(g)), 12);
    // Packed form agrees with the single-point form.
    const teme = newTemeKmArray(2);
    teme.set([7000, -1200, 3000, 1, 2, 3]);
    const out = newEcefKmArray(2);
    temeToEcefInto(teme, g, out);
    expect(out[0]).toBeCloseTo(ours.x, 12);
    expect(out[1]).toBeCloseTo(ours.y, 12);
    expect(out[2]).toBe(3000);
  });
});

describe("geodetic <-> ECEF (WGS-84)", () => {
  it("known points: equator/prime meridian, equator/90E, poles", () => {
    const p = geodeticToEcef({ latDeg: 0, lonDeg: 0, altKm: 0 });
    expect([p.x, p.y, p.z]).toEqual([6378.137, 0, 0]);
    const q = geodeticToEcef({ latDeg: 0, lonDeg: 90, altKm: 0 });
    expect(q.x).toBeCloseTo(0, 9);
    expect(q.y).toBeCloseTo(6378.137, 9);
    const n = geodeticToEcef({ latDeg: 90, lonDeg: 0, altKm: 0 });
    expect(n.z).toBeCloseTo(6356.752314245, 9); // WGS-84 semi-minor axis, TR8350.2 Table 3.3
    const s = geodeticToEcef({ latDeg: -90, lonDeg: 0, altKm: 1 });
    expect(s.z).toBeCloseTo(-6357.752314245, 9);
  });
  it("Vallado Example 7-1: 39.007 N, 104.883 W, 2.187 km -> (-1275.1219, -4797.9890, 3994.2975) km", () => {
    const r = geodeticToEcef({ latDeg: 39.007, lonDeg: -104.883, altKm: 2.187 });
    expect(r.x).toBeCloseTo(-1275.1219, 4);
    expect(r.y).toBeCloseTo(-4797.989, 4);
    expect(r.z).toBeCloseTo(3994.2975, 4);
  });
  it("round-trips geodetic -> ECEF -> geodetic to < 1e-9 deg and < 1 mm", () => {
    let seed = 12345;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const cases = [
      { latDeg: 0, lonDeg: 0, altKm: 0 },
      { latDeg: 89.999, lonDeg: 45, altKm: 0.1 },
      { latDeg: -89.5, lonDeg: -170, altKm: 550 },
      { latDeg: 90, lonDeg: 0, altKm: 35_786 },
    ];
    for (let i = 0; i < 200; i++)
      cases.push({ latDeg: rnd() * 180 - 90, lonDeg: rnd() * 360 - 180, altKm: rnd() * 40_000 - 0.4 });
    for (const g of cases) {
      const back = ecefToGeodetic(geodeticToEcef(g));
      expect(Math.abs(back.latDeg - g.latDeg)).toBeLessThan(1e-9);
      if (Math.abs(g.latDeg) < 90) {
        const dLon = ((back.lonDeg - g.lonDeg + 540) % 360) - 180;
        expect(Math.abs(dLon * Math.cos((g.latDeg * Math.PI) / 180))).toBeLessThan(1e-9);
      }
      expect(Math.abs(back.altKm - g.altKm)).toBeLessThan(1e-6);
    }
  });
  it("a point on the polar axis is at latitude 90 and height above the semi-minor axis", () => {
    const g = ecefToGeodetic(ecefKm(0, 0, WGS84_B_KM + 500));
    expect(g.latDeg).toBe(90);
    expect(g.altKm).toBeCloseTo(500, 9);
  });
});

describe("look angles", () => {
  it("a satellite straight above the station (along the ellipsoid normal) is at 90 deg", () => {
    for (const latDeg of [0, 33.3, -51.2, 89.9]) {
      const o = makeObserver({ latDeg, lonDeg: 20, altKm: 0.3 });
      const sat = geodeticToEcef({ latDeg, lonDeg: 20, altKm: 550.3 });
      const la = lookAngles(o, sat);
      expect(la.elevationDeg).toBeCloseTo(90, 6);
      expect(la.rangeKm).toBeCloseTo(550, 6);
    }
  });
  it("at the pole: the zenith is the polar axis, and everything is due south", () => {
    const o = makeObserver({ latDeg: 90, lonDeg: 0, altKm: 0 });
    expect(o.ecef.z).toBeCloseTo(WGS84_B_KM, 9);
    expect(lookAngles(o, ecefKm(0, 0, WGS84_B_KM + 800)).elevationDeg).toBeCloseTo(90, 9);
    // A satellite over 80 N, 0 E at 800 km: hand geometry in the x-z plane.
    const sat = geodeticToEcef({ latDeg: 80, lonDeg: 0, altKm: 800 });
    const la = lookAngles(o, sat);
    const dz = sat.z - o.ecef.z;
    expect(la.elevationDeg).toBeCloseTo(Math.atan2(dz, sat.x) * DEG_PER_RAD, 9);
    expect(la.azimuthDeg).toBeCloseTo(180, 9); // toward +x from the north pole is south (lon 0)
  });
  it("azimuth of a point due east is 90 deg, due north 0, west 270, south 180", () => {
    const o = makeObserver({ latDeg: 30, lonDeg: 10, altKm: 0 });
    const e = lookAngles(o, along(o, 100, 1, 0, 0));
    expect(e.azimuthDeg).toBeCloseTo(90, 9);
    expect(e.elevationDeg).toBeCloseTo(0, 9);
    expect(lookAngles(o, along(o, 100, 0, 1, 0.1)).azimuthDeg).toBeCloseTo(0, 9);
    expect(lookAngles(o, along(o, 100, -1, 0, 0.1)).azimuthDeg).toBeCloseTo(270, 9);
    expect(lookAngles(o, along(o, 100, 0, -1, 0.1)).azimuthDeg).toBeCloseTo(180, 9);
    // 30 deg up toward the north-east: az 45, el 30.
    const ne = lookAngles(o, along(o, 1000, Math.SQRT1_2, Math.SQRT1_2, Math.tan(Math.PI / 6)));
    expect(ne.azimuthDeg).toBeCloseTo(45, 9);
    expect(ne.elevationDeg).toBeCloseTo(30, 9);
    expect(ne.rangeKm).toBeCloseTo(1000, 9);
  });
  it("a point a known distance below the horizon plane has negative elevation -atan(d / s)", () => {
    // Station on the equator at lon 0: its horizon plane is x = a. A point 10 km below that plane and
    // 3000 km along it is at elevation -atan(10 / 3000) = -0.19099 deg.
    const o = makeObserver({ latDeg: 0, lonDeg: 0, altKm: 0 });
    const la = lookAngles(o, ecefKm(WGS84_A_KM - 10, 3000, 0));
    expect(la.elevationDeg).toBeCloseTo(-Math.atan(10 / 3000) * DEG_PER_RAD, 9);
    expect(la.elevationDeg).toBeLessThan(0);
    // A 550 km satellite seen over the horizon: Earth-central angle beyond acos(a / r) = 22.97 deg.
    const r = WGS84_A_KM + 550;
    const beyond = ((Math.acos(WGS84_A_KM / r) + 0.01) * 180) / Math.PI;
    const sat = ecefKm(r * Math.cos((beyond * Math.PI) / 180), r * Math.sin((beyond * Math.PI) / 180), 0);
    expect(lookAngles(o, sat).elevationDeg).toBeLessThan(0);
    const packed = newEcefKmArray(1);
    packed.set([sat.x, sat.y, sat.z]);
    expect(elevationDegAt(o, packed, 0)).toBeCloseTo(lookAngles(o, sat).elevationDeg, 12);
  });
});
