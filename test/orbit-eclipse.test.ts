import { describe, expect, it } from "vitest";
import { AU_KM, EARTH_SHADOW_RADIUS_KM, SUN_RADIUS_KM } from "../src/orbit/constants.js";
import {
  type EclipseInterval,
  findEclipses,
  illuminatedFraction,
  PENUMBRA,
  SUNLIT,
  shadowState,
  UMBRA,
} from "../src/orbit/eclipse.js";
import { sgp4Into } from "../src/orbit/propagate.js";
import { sunPositionTemeKm, sunRaDecDeg } from "../src/orbit/sun.js";
import { temeKm } from "../src/orbit/units.js";
import { circularOrbitSat, meanRadiusAndRate } from "./orbit-fixtures.js";

const R = EARTH_SHADOW_RADIUS_KM;

/** A circular orbit as an SGP4 element set (no drag). */
function circularSat(altitudeKm: number, inclinationDeg: number, raanDeg: number, epochIso: string) {
  return circularOrbitSat({ index: 7, altitudeKm, inclinationDeg, raanDeg, meanAnomalyDeg: 0, epochIso });
}

describe("shadowState", () => {
  const sun = temeKm(AU_KM, 0, 0);
  it("is umbra straight behind the Earth (anti-Sun direction)", () => {
    for (const r of [6_700, 7_000, 12_000, 42_164]) {
      const s = shadowState(temeKm(-r, 0, 0), sun);
      expect(s.state).toBe(UMBRA);
      expect(s.illuminatedFraction).toBe(0);
    }
  });
  it("is sunlit perpendicular to the Sun line and on the day side", () => {
    for (const p of [
      temeKm(0, 7_000, 0),
      temeKm(0, 0, -7_000),
      temeKm(7_000, 0, 0),
      temeKm(-100, 6_700, 0),
    ]) {
      const s = shadowState(p, sun);
      expect(s.state).toBe(SUNLIT);
      expect(s.illuminatedFraction).toBe(1);
    }
  });
  it("is penumbra with half the disc visible where the Sun's centre sits on the Earth's limb", () => {
    // Behind the terminator at (-s, R, 0): the line to the Sun's centre grazes the Earth (passes
    // R s / AU ~ 0.1 km inside the limb); the Sun's disc there is s * Rs/AU ~ 12.6 km across in radius,
    // so the limb cuts it 0.01 radii below the centre: visible fraction 0.5 - 2*0.009/pi ~ 0.494.
    const s = 2_700;
    const st = shadowState(temeKm(-s, R, 0), sun);
    expect(st.state).toBe(PENUMBRA);
    expect(st.illuminatedFraction).toBeGreaterThan(0.48);
    expect(st.illuminatedFraction).toBeLessThan(0.5);
  });
  it("darkens monotonically from the penumbra's outer edge to the umbra", () => {
    // At axial distance 2700 km the penumbra spans rho in about R +- 2700 * Rs/AU = R +- 12.6 km.
    let prev = 1.0000001;
    for (let rho = R + 14; rho >= R - 14; rho -= 0.5) {
      const f = illuminatedFraction(temeKm(-2_700, rho, 0), sun);
      expect(f).toBeLessThanOrEqual(prev);
      prev = f;
    }
    expect(shadowState(temeKm(-2_700, R + 14, 0), sun).state).toBe(SUNLIT);
    expect(shadowState(temeKm(-2_700, R - 14, 0), sun).state).toBe(UMBRA);
    expect(prev).toBe(0);
  });
});

describe("sun position", () => {
  it("is on the equator near RA 0 at the March equinox, at ~0.996 AU", () => {
    // 2024 March equinox: 2024-03-20 03:06 UT (USNO / IMCCE). The Sun moves 0.04 deg/h in declination.
    const t = Date.parse("2024-03-20T03:06:00Z");
    const { raDeg, decDeg } = sunRaDecDeg(t);
    expect(Math.abs(decDeg)).toBeLessThan(0.02);
    expect(Math.min(raDeg, 360 - raDeg)).toBeLessThan(0.05);
    const s = sunPositionTemeKm(t);
    // Earth-Sun distance on 2024-03-20: 0.9960 AU (Astronomical Almanac).
    expect(Math.hypot(s.x, s.y, s.z) / AU_KM).toBeCloseTo(0.996, 3);
  });
  it("is at declination ~+23.44 deg at the June solstice", () => {
    // 2024 June solstice: 2024-06-20 20:51 UT; declination = obliquity 23.4393 deg.
    expect(sunRaDecDeg(Date.parse("2024-06-20T20:51:00Z")).decDeg).toBeCloseTo(23.439, 1);
  });
});

describe("findEclipses", () => {
  const EQUINOX = "2024-03-20T03:06:00.000Z";

  const dur = (e: EclipseInterval) => (e.endUnixMs - e.startUnixMs) / 1000;

  it("equatorial LEO at equinox: penumbra-umbra-penumbra, umbra ~ cylinder estimate, penumbra ~8 s", () => {
    const sat = circularSat(550, 0, 0, EQUINOX);
    const from = sat.epochUnixMs;
    const to = from + 6 * 3_600_000;
    const ecl = findEclipses(sat, from, to);
    const { r, w } = meanRadiusAndRate(sat, 100);
    // Rate relative to the Sun direction (the Sun moves 2 pi / 365.25 d prograde).
    const wRel = w - (2 * Math.PI) / (365.25 * 86_400);
    const cylinderS = (2 * Math.asin(R / r)) / wRel;
    // Penumbra band: the shadow boundary widens with axial distance x at (tan aP + tan aU) ~ 2 Rs/d,
    // and rho changes at x * w there, so each band lasts ~ 2 Rs / (d w), whatever x is.
    const sun = sunPositionTemeKm(from);
    const penumbraS = (2 * SUN_RADIUS_KM) / (Math.hypot(sun.x, sun.y, sun.z) * wRel);
    expect(penumbraS).toBeGreaterThan(7);
    expect(penumbraS).toBeLessThan(10);

    const umbras = ecl.filter((e) => e.kind === "umbra" && !e.startClipped && !e.endClipped);
    // 6 h at ~95.6 min per orbit: 3 or 4 whole eclipses depending on phase.
    expect(umbras.length).toBeGreaterThanOrEqual(3);
    for (const u of umbras) {
      const i = ecl.indexOf(u);
      const before = ecl[i - 1];
      const after = ecl[i + 1];
      expect(before?.kind).toBe("penumbra");
      expect(after?.kind).toBe("penumbra");
      expect(before!.endUnixMs).toBe(u.startUnixMs);
      expect(after!.startUnixMs).toBe(u.endUnixMs);
      // The cylinder lies between the umbra and the penumbra's outer cone.
      expect(dur(u)).toBeLessThan(cylinderS);
      expect(dur(u) + dur(before!) + dur(after!)).toBeGreaterThan(cylinderS);
      // Stated tolerance 1%: the cone narrows the umbra by ~one penumbra band (~8.5 s, 0.4%); the Sun's
      // 0.01 deg position error and SGP4 radius variation (+-0.01 km) add < 1 s.
      expect(Math.abs(dur(u) - cylinderS) / cylinderS).toBeLessThan(0.01);
      // And that narrowing is itself about one penumbra band (two half-bands), within 25%.
      expect(cylinderS - dur(u)).toBeGreaterThan(0.75 * penumbraS);
      expect(cylinderS - dur(u)).toBeLessThan(1.25 * penumbraS);
      for (const p of [before!, after!]) {
        expect(dur(p)).toBeGreaterThan(0.85 * penumbraS);
        expect(dur(p)).toBeLessThan(1.15 * penumbraS);
      }
    }
    // Consecutive eclipses one synodic orbit apart.
    for (let k = 1; k < umbras.length; k++) {
      const dt = (umbras[k]!.startUnixMs - umbras[k - 1]!.startUnixMs) / 1000;
      expect(dt).toBeCloseTo((2 * Math.PI) / wRel, -1);
    }
    // States inside each interval agree with shadowState at its midpoint.
    const p = new Float64Array(3);
    for (const e of ecl) {
      const mid = 0.5 * (e.startUnixMs + e.endUnixMs);
      sgp4Into(sat.satrec, (mid - sat.epochUnixMs) / 60_000, p, null, 0);
      const st = shadowState(temeKm(p[0]!, p[1]!, p[2]!), sunPositionTemeKm(mid));
      expect(st.state).toBe(e.kind === "umbra" ? UMBRA : PENUMBRA);
      expect(e.satellite).toBe(7);
    }
  });

  it("boundaries are refined to well under 1 s (state flips within +-0.1 s of each boundary)", () => {
    const sat = circularSat(550, 0, 0, EQUINOX);
    const ecl = findEclipses(sat, sat.epochUnixMs, sat.epochUnixMs + 3 * 3_600_000);
    const p = new Float64Array(3);
    const stateAt = (t: number) => {
      sgp4Into(sat.satrec, (t - sat.epochUnixMs) / 60_000, p, null, 0);
      return shadowState(temeKm(p[0]!, p[1]!, p[2]!), sunPositionTemeKm(t)).state;
    };
    const rank = { penumbra: PENUMBRA, umbra: UMBRA } as const;
    for (const e of ecl) {
      if (!e.startClipped) expect(stateAt(e.startUnixMs + 100)).toBe(rank[e.kind]);
      if (!e.startClipped) expect(stateAt(e.startUnixMs - 100)).not.toBe(rank[e.kind]);
      if (!e.endClipped) expect(stateAt(e.endUnixMs - 100)).toBe(rank[e.kind]);
      if (!e.endClipped) expect(stateAt(e.endUnixMs + 100)).not.toBe(rank[e.kind]);
    }
  });

  it("polar orbit facing the Sun (beta = 90 deg) is never in shadow", () => {
    const t = Date.parse(EQUINOX);
    const { raDeg } = sunRaDecDeg(t);
    const sat = circularSat(550, 90, (raDeg + 90) % 360, EQUINOX);
    expect(findEclipses(sat, t, t + 6 * 3_600_000)).toEqual([]);
  });

  it("finds a short grazing eclipse even when the coarse step is longer than the eclipse", () => {
    // beta = 66 deg; eclipse-free above asin(R/r) = 67.0 deg at 550 km. Cylinder: shadow while
    // cos(u) > sqrt(1 - (R/r)^2) / cos(beta), here u < ~14 deg, ~7 min per orbit.
    const t = Date.parse(EQUINOX);
    const { raDeg } = sunRaDecDeg(t);
    const sat = circularSat(550, 90, (raDeg + 66) % 360, EQUINOX);
    const fine = findEclipses(sat, t, t + 4 * 3_600_000, { stepMs: 5_000 });
    const coarse = findEclipses(sat, t, t + 4 * 3_600_000, { stepMs: 900_000 });
    const umbras = fine.filter((e) => e.kind === "umbra" && !e.startClipped && !e.endClipped);
    expect(umbras.length).toBeGreaterThanOrEqual(2);
    for (const u of umbras) {
      expect(dur(u)).toBeGreaterThan(200);
      expect(dur(u)).toBeLessThan(900);
    }
    expect(coarse.length).toBe(fine.length);
    coarse.forEach((e, k) => {
      expect(e.kind).toBe(fine[k]!.kind);
      expect(Math.abs(e.startUnixMs - fine[k]!.startUnixMs)).toBeLessThan(200);
      expect(Math.abs(e.endUnixMs - fine[k]!.endUnixMs)).toBeLessThan(200);
    });
  });

  it("clips and flags an eclipse in progress at the window start", () => {
    const sat = circularSat(550, 0, 0, EQUINOX);
    const ecl = findEclipses(sat, sat.epochUnixMs, sat.epochUnixMs + 3 * 3_600_000);
    const u = ecl.find((e) => e.kind === "umbra" && !e.startClipped)!;
    const mid = 0.5 * (u.startUnixMs + u.endUnixMs);
    const cut = findEclipses(sat, mid, mid + 3_600_000);
    expect(cut[0]!.kind).toBe("umbra");
    expect(cut[0]!.startClipped).toBe(true);
    expect(cut[0]!.startUnixMs).toBe(mid);
    expect(Math.abs(cut[0]!.endUnixMs - u.endUnixMs)).toBeLessThan(200);
    expect(cut[1]!.kind).toBe("penumbra");
  });
});
