/**
 * Walker shell generator: counts, names, indices, RAAN spacing and inter-plane phasing (hand-computed
 * from the Walker definition), the propagated mean altitude (averaged here independently of the
 * generator's own calibration), and the sun-synchronous inclination against published missions.
 */
import { propagate, type SatRec, sgp4 } from "satellite.js";
import { describe, expect, it } from "vitest";
import type { WalkerParams } from "../src/orbit/constellation.js";
import { generateWalkerShell, ssoInclinationDeg } from "../src/orbit/walker.js";

const DEG = 180 / Math.PI;
const R_WGS72_KM = 6378.135; // SGP4's equatorial radius (Vallado et al. 2006, WGS-72)
const EPOCH = "2026-01-01T00:00:00Z";

function shell(p: Partial<WalkerParams>): WalkerParams {
  return {
    altitudeKm: 550,
    inclinationDeg: 53,
    planes: 6,
    satsPerPlane: 4,
    phasing: 2,
    raanSpreadDeg: 360,
    eccentricity: 0.0001,
    argOfPerigeeDeg: 0,
    raanOffsetDeg: 0,
    epoch: EPOCH,
    ...p,
  };
}
const opts = { shellName: "sh", firstIndex: 100, noradBase: 2_000_000 };

/** RAAN (deg) and argument of latitude (deg) of the osculating orbit, from TEME r and v. */
function nodeAndLatitudeArg(satrec: SatRec, tMin: number): { raanDeg: number; uDeg: number } {
  const pv = sgp4(satrec, tMin)!;
  const r = pv.position;
  const v = pv.velocity;
  const h = { x: r.y * v.z - r.z * v.y, y: r.z * v.x - r.x * v.z, z: r.x * v.y - r.y * v.x };
  // Node vector N = z x h = (-h.y, h.x, 0).
  const raan = Math.atan2(h.x, -h.y);
  const nx = Math.cos(raan);
  const ny = Math.sin(raan);
  const rn = Math.hypot(r.x, r.y, r.z);
  let u = Math.acos((nx * r.x + ny * r.y) / rn);
  if (r.z < 0) u = 2 * Math.PI - u;
  return { raanDeg: (((raan * DEG) % 360) + 360) % 360, uDeg: u * DEG };
}

const angleDiff = (a: number, b: number) => ((((a - b) % 360) + 540) % 360) - 180;

describe("generateWalkerShell: pattern", () => {
  const sats = generateWalkerShell(shell({}), opts);

  it("counts, order, names, indices and synthetic NORAD ids", () => {
    expect(sats).toHaveLength(24);
    expect(sats[0]!.name).toBe("sh-P0-S0");
    expect(sats[5]!.name).toBe("sh-P1-S1");
    expect(sats[23]!.name).toBe("sh-P5-S3");
    expect(sats.map((s) => s.index)).toEqual(Array.from({ length: 24 }, (_, i) => 100 + i));
    expect(sats[5]!.noradId).toBe(2_000_005);
    expect([sats[5]!.plane, sats[5]!.slot]).toEqual([1, 1]);
    expect(sats.every((s) => s.source === "walker" && s.shell === "sh")).toBe(true);
    expect(new Set(sats.map((s) => s.noradId)).size).toBe(24);
    expect(sats[0]!.epochUnixMs).toBe(Date.UTC(2026, 0, 1));
  });

  it("elements: 6/4/2 delta -> RAAN 60 deg apart, slots 90 deg apart, planes offset 2*360/24 = 30 deg", () => {
    for (const s of sats) {
      expect(s.satrec.inclo * DEG).toBeCloseTo(53, 10);
      expect(s.satrec.nodeo * DEG).toBeCloseTo(60 * s.plane, 9);
      expect(s.satrec.mo * DEG).toBeCloseTo((90 * s.slot + 30 * s.plane) % 360, 9);
      expect(s.satrec.bstar).toBe(0);
    }
  });

  it("propagated 1 h: adjacent planes' nodes 60 deg apart, their first satellites 30 deg apart in latitude argument", () => {
    const t = 60;
    for (let j = 0; j < 6; j++) {
      const sa = sats[j * 4]!.satrec;
      const sb = sats[((j + 1) % 6) * 4]!.satrec;
      // Osculating node from r x v (short-period J2 terms differ between the two by < 0.1 deg).
      const a = nodeAndLatitudeArg(sa, t);
      const b = nodeAndLatitudeArg(sb, t);
      expect(Math.abs(angleDiff(b.raanDeg, a.raanDeg) - 60)).toBeLessThan(0.1);
      // Mean argument of latitude (argument of perigee + mean anomaly of SGP4's mean elements).
      const ma = sgp4(sa, t)!.meanElements;
      const mb = sgp4(sb, t)!.meanElements;
      const du = (mb.om + mb.mm - ma.om - ma.mm) * DEG;
      // Plane 5 -> plane 0 wraps the pattern: 6 * F * 360 / T = 180 deg = 2 slots, so 30 - 180.
      const expected = j === 5 ? 30 - 180 : 30;
      expect(Math.abs(angleDiff(du, expected))).toBeLessThan(0.01);
    }
  });

  it("Walker star: 27 planes over 180 deg -> 6.667 deg apart; offset moves plane 0", () => {
    const star = generateWalkerShell(
      shell({ planes: 27, satsPerPlane: 13, phasing: 13, raanSpreadDeg: 180, raanOffsetDeg: 10 }),
      opts,
    );
    expect(star).toHaveLength(351);
    expect(star[13]!.satrec.nodeo * DEG).toBeCloseTo(10 + 180 / 27, 9);
    expect(star[26 * 13]!.satrec.nodeo * DEG).toBeCloseTo(10 + (26 * 180) / 27, 9);
    // Plane 1 slot 0: 13 * 360 / 351 = 13.333 deg.
    expect(star[13]!.satrec.mo * DEG).toBeCloseTo(13.3333333, 6);
  });

  it("Starlink 72/22/36: plane j is offset j * 8.1818 deg (half a 16.36 deg slot)", () => {
    const s = generateWalkerShell(shell({ planes: 72, satsPerPlane: 22, phasing: 36 }), opts);
    expect(s).toHaveLength(1584);
    expect(s[22]!.satrec.mo * DEG).toBeCloseTo(8.181818, 5);
    expect(s[22]!.satrec.nodeo * DEG).toBeCloseTo(5, 9);
    expect(s[44]!.satrec.mo * DEG).toBeCloseTo(16.363636, 5);
    expect(s[23]!.satrec.mo * DEG).toBeCloseTo(24.545454, 5);
  });

  it("rejects F >= P", () => {
    expect(() => generateWalkerShell(shell({ phasing: 6 }), opts)).toThrow(/phasing/);
  });
});

/**
 * Mean altitude as defined in src/orbit/walker.ts, computed here independently: satellite.js
 * `propagate` by Date over ten periods starting one day after epoch, 5,000 samples.
 */
function measuredMeanAltitudeKm(satrec: SatRec, epochMs: number): number {
  const periodMs = ((2 * Math.PI) / satrec.no) * 60_000;
  const t0 = epochMs + 86_400_000;
  const n = 5000;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const pv = propagate(satrec, new Date(t0 + ((i + 0.5) * 10 * periodMs) / n));
    if (!pv) throw new Error("propagation failed");
    sum += Math.hypot(pv.position.x, pv.position.y, pv.position.z) - R_WGS72_KM;
  }
  return sum / n;
}

/** Kepler mean motion, rev/day, for a = R + h with WGS-72 mu = 398600.8 km^3/s^2 (hand formula). */
const keplerRevPerDay = (hKm: number) =>
  (Math.sqrt(398_600.8 / (R_WGS72_KM + hKm) ** 3) * 86_400) / (2 * Math.PI);

describe("generateWalkerShell: altitude after propagation (tolerance 0.5 km)", () => {
  const cases: [string, Partial<WalkerParams>][] = [
    ["Starlink 550 km, 53 deg", { altitudeKm: 550, inclinationDeg: 53 }],
    ["Kuiper 630 km, 51.9 deg", { altitudeKm: 630, inclinationDeg: 51.9 }],
    ["Telesat 1015 km, 98.98 deg", { altitudeKm: 1015, inclinationDeg: 98.98, raanSpreadDeg: 180 }],
    ["SSO 525 km, 97.50 deg", { altitudeKm: 525, inclinationDeg: 97.5, raanSpreadDeg: 180 }],
  ];
  for (const [label, p] of cases) {
    it(label, () => {
      const sats = generateWalkerShell(shell(p), opts);
      // A satellite other than the calibration's (plane 3, slot 2), a day later.
      const s = sats[3 * 4 + 2]!;
      expect(Math.abs(measuredMeanAltitudeKm(s.satrec, s.epochUnixMs) - p.altitudeKm!)).toBeLessThan(0.5);
      // SGP4's J2 corrections move the mean motion only slightly from Kepler's.
      const nRevPerDay = (s.satrec.nokozai * 1440) / (2 * Math.PI);
      expect(Math.abs(nRevPerDay - keplerRevPerDay(p.altitudeKm!))).toBeLessThan(0.01);
    });
  }

  it("550 km: mean motion 15.05 rev/day (Kepler, hand computed: a = 6928.135 km -> 15.0549)", () => {
    const s = generateWalkerShell(shell({}), opts)[0]!;
    expect((s.satrec.nokozai * 1440) / (2 * Math.PI)).toBeCloseTo(15.05, 1);
  });
});

describe("against Hypatia's Kuiper-630 shell", () => {
  it("630 km / 51.9 deg gives Hypatia's 14.80 rev/day (../shared/hypatia-format README) to 0.005", () => {
    const s = generateWalkerShell(shell({ altitudeKm: 630, inclinationDeg: 51.9 }), opts)[0]!;
    expect(Math.abs((s.satrec.nokozai * 1440) / (2 * Math.PI) - 14.8)).toBeLessThan(0.005);
  });
});

describe("ssoInclinationDeg (J2 nodal precession = 360 deg / tropical year)", () => {
  it("matches published sun-synchronous missions to 0.05 deg", () => {
    // Landsat 8: 705 km, 98.2 deg (USGS Landsat 8 Data Users Handbook, sec. 1).
    expect(Math.abs(ssoInclinationDeg(705) - 98.2)).toBeLessThan(0.05);
    // Sentinel-1: 693 km, 98.18 deg (ESA Sentinel-1 User Handbook, orbit).
    expect(Math.abs(ssoInclinationDeg(693) - 98.18)).toBeLessThan(0.05);
    // Starlink polar shells: 560 km, 97.6 deg (FCC 21-48).
    expect(Math.abs(ssoInclinationDeg(560) - 97.6)).toBeLessThan(0.05);
  });

  it("a generated SSO shell's propagated node drifts 0.9856 deg/day eastward (360 / 365.2422)", () => {
    const h = 525;
    const s = generateWalkerShell(shell({ altitudeKm: h, inclinationDeg: ssoInclinationDeg(h) }), opts)[0]!;
    const days = 30;
    const a = nodeAndLatitudeArg(s.satrec, 0).raanDeg;
    const b = nodeAndLatitudeArg(s.satrec, days * 1440).raanDeg;
    const rate = angleDiff(b, a) / days;
    expect(Math.abs(rate - 360 / 365.2422)).toBeLessThan(0.01);
  });
});
