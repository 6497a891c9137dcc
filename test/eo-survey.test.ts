/**
 * The survey imaging plan (src/eo/survey.ts): capture units sized from the orbit's ground speed,
 * captures only in daylight, dawn-dusk against mid-morning orbits, and a day of eo-sso against the
 * Earth's land fraction and a day/night split.
 */
import { gstime, sunPos } from "satellite.js";
import { beforeAll, describe, expect, it } from "vitest";
import { loadConstellation, loadConstellationText } from "../src/config/load.js";
import { loadLandMask } from "../src/eo/land.js";
import { type SurveyCapture, type SurveyPlan, surveyPlan } from "../src/eo/survey.js";
import { expectInputError } from "./expect-input-error.js";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A plane of `sats` satellites at 525 km, 97.5 deg (sun-synchronous there), Dove-class camera. */
const plane = (raanDeg: number, epoch: string, sats = 4) =>
  loadConstellationText(
    `
name: survey-test
epoch: "${epoch}"
shells:
  - name: p
    walker: { altitudeKm: 525, inclinationDeg: 97.5, planes: 1, satsPerPlane: ${sats}, phasing: 0, raanSpreadDeg: 360, eccentricity: 0.0001, raanOffsetDeg: ${raanDeg} }
    eo: { sensor: { preset: dove, swathKm: 27.2, sceneLengthKm: 18.1 } }
`,
    "survey-test.yaml",
  );

/**
 * RAAN giving a local time of ascending node: RAAN = RA(Sun) + (LTAN - 12 h) x 15 deg/h, the mean Sun
 * standing at local noon (Vallado, "Fundamentals of Astrodynamics and Applications", sec. 11.4).
 */
const raanForLtan = (sunRaDeg: number, ltanH: number) => (((sunRaDeg + (ltanH - 12) * 15) % 360) + 360) % 360;

/**
 * Sun elevation at a ground point, deg, computed here from satellite.js's Sun (Astronomical Almanac
 * formula) and GMST, not through the code under test. Geocentric vertical: within 0.2 deg of geodetic.
 */
function sunElevationDeg(c: SurveyCapture): number {
  const jd = c.tUnixMs / 86_400_000 + 2_440_587.5;
  const s = sunPos(jd).rsun;
  const g = gstime(jd);
  const x = Math.cos(g) * s.x + Math.sin(g) * s.y;
  const y = -Math.sin(g) * s.x + Math.cos(g) * s.y;
  const norm = Math.hypot(x, y, s.z);
  const lat = (c.latDeg * Math.PI) / 180;
  const lon = (c.lonDeg * Math.PI) / 180;
  const up = [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
  return (Math.asin((up[0]! * x + up[1]! * y + up[2]! * s.z) / norm) * 180) / Math.PI;
}

describe("capture units", () => {
  // January: south of ~67 S the Sun does not set, so passes over Antarctica make long imaging strips.
  const c = plane(78.3, "2026-01-01T00:00:00Z", 1);
  const start = Date.parse(c.epoch);
  let caps: SurveyCapture[] = [];
  beforeAll(() => {
    caps = surveyPlan(c, { startUnixMs: start, durationMs: 6 * HOUR_MS }).captures[0]!;
  });

  it("last framesPerCapture x sceneLength / ground speed, the ground speed v R / r of a 525 km orbit", () => {
    // By hand: r = 6378.135 + 525 = 6903.135 km (WGS-72 radius, which SGP4 and the Walker altitude
    // use); v = sqrt(398600.8 / 6903.135) = 7.5988 km/s; ground speed v x 6371.0088 / r = 7.0131 km/s;
    // a unit of 10 frames of 18.1 km lasts 181 / 7.0131 = 25.809 s.
    const expectedUnitS = 25.809;
    const spacings: number[] = [];
    for (let k = 1; k < caps.length; k++)
      if (caps[k - 1]!.frames === 10 && caps[k]!.tUnixMs - caps[k - 1]!.tUnixMs < 40_000)
        spacings.push((caps[k]!.tUnixMs - caps[k - 1]!.tUnixMs) / 1000);
    expect(spacings.length).toBeGreaterThan(20);
    // SGP4's osculating radius and speed differ from the mean circular orbit by ~0.2% (J2 short-period
    // terms), and instants are whole milliseconds.
    for (const s of spacings) expect(Math.abs(s / expectedUnitS - 1)).toBeLessThan(0.005);
  });

  it("cover frames x swath x scene length and at most framesPerCapture frames", () => {
    expect(caps.length).toBeGreaterThan(0);
    for (const cap of caps) {
      expect(cap.sat).toBe(0);
      expect(Number.isInteger(cap.frames) && cap.frames >= 1 && cap.frames <= 10).toBe(true);
      expect(cap.areaKm2).toBeCloseTo(cap.frames * 27.2 * 18.1, 6);
      expect(Number.isInteger(cap.tUnixMs)).toBe(true);
    }
  });

  it("are in time order, inside the window, over land in daylight", () => {
    const land = loadLandMask("50m");
    let overLand = 0;
    for (let k = 0; k < caps.length; k++) {
      const cap = caps[k]!;
      if (k > 0) expect(cap.tUnixMs).toBeGreaterThan(caps[k - 1]!.tUnixMs);
      expect(cap.tUnixMs).toBeGreaterThanOrEqual(start);
      expect(cap.tUnixMs).toBeLessThan(start + 6 * HOUR_MS);
      // A unit may start after a strip's last sample, up to 10 s (0.6 deg of Sun elevation) past it.
      expect(sunElevationDeg(cap)).toBeGreaterThan(-1);
      if (land.isLand(cap.latDeg, cap.lonDeg)) overLand++;
    }
    // Unit starts after a strip's last land sample can lie over the sea, a few percent of them.
    expect(overLand / caps.length).toBeGreaterThan(0.9);
  });

  it("take framesPerCapture", () => {
    const five = surveyPlan(c, { startUnixMs: start, durationMs: 6 * HOUR_MS, framesPerCapture: 5 });
    const frames = (cs: SurveyCapture[]) => cs.reduce((a, x) => a + x.frames, 0);
    expect(Math.max(...five.captures[0]!.map((x) => x.frames))).toBe(5);
    // The same strips, cut finer: the same frames (each strip's frame count does not depend on the cut).
    expect(frames(five.captures[0]!)).toBe(frames(caps));
    expect(five.captures[0]!.length).toBeGreaterThan(1.8 * caps.length);
  });
});

describe("dawn-dusk against 10:30 orbits at the March equinox", () => {
  // March equinox 2026: 20 March 14:46 UTC (USNO, "Earth's Seasons"); the Sun's RA is 0 then.
  const start = Date.parse("2026-03-20T14:46:00Z");
  const epoch = "2026-03-20T14:46:00Z";
  // Descending node at 10:30 local time = ascending node at 22:30 (as Sentinel-2 and constellations/eo-sso.yaml).
  const morning = plane(raanForLtan(0, 22.5), epoch);
  const dusk = plane(raanForLtan(0, 18), epoch);
  const dawn = plane(raanForLtan(0, 6), epoch);
  const opts = { startUnixMs: start, durationMs: DAY_MS, landResolution: "110m" as const };

  it("see the ground lit only at grazing Sun on the dawn-dusk orbit, high Sun on the 10:30", () => {
    // At the equinox the Sun lies in the equator plane, 90 deg from the dawn-dusk orbit's nodes; the
    // orbit normal is tilted i - 90 = 7.5 deg from the equator plane, so the beta angle is 82.5 deg and
    // the Sun's elevation at the sub-satellite point never exceeds 90 - 82.5 = 7.5 deg. The 10:30
    // orbit crosses the equator 22.5 deg (1.5 h) from local noon: the Sun stands 67.5 deg high there.
    const maxSun = (p: SurveyPlan) => Math.max(...p.captures.flat().map(sunElevationDeg));
    const pDusk = surveyPlan(dusk, opts);
    const pDawn = surveyPlan(dawn, opts);
    const pMorning = surveyPlan(morning, opts);
    for (const p of [pDusk, pDawn]) {
      expect(p.captures.flat().length).toBeGreaterThan(0);
      // 7.5 deg, plus the geocentric vs geodetic vertical (0.2 deg) and the Sun's daily drift.
      expect(maxSun(p)).toBeLessThan(8.5);
    }
    expect(maxSun(pMorning)).toBeGreaterThan(60);
    expect(maxSun(pMorning)).toBeLessThan(75);
  });

  it("image far less sunlit land on the dawn-dusk orbit once the Sun must be 10 deg high", () => {
    // 10 deg: an assumed cut-off for a usable optical image, above the dawn-dusk orbit's 7.5 deg ceiling.
    const high = { ...opts, minSunElevationDeg: 10 };
    const m = surveyPlan(morning, high).stats;
    expect(m.overSunlitLandFraction).toBeGreaterThan(0.1);
    for (const c of [dusk, dawn]) {
      const s = surveyPlan(c, high);
      expect(s.stats.overSunlitLandFraction).toBeLessThan(0.02 * m.overSunlitLandFraction);
      expect(s.captures.flat().length).toBe(0);
      // Not for lack of land: the same ground track is over land as often as the 10:30 one.
      expect(Math.abs(s.stats.overLandFraction - m.overLandFraction)).toBeLessThan(0.03);
    }
  });
});

describe("24 h of eo-sso (48 satellites, 525 km SSO)", () => {
  const c = loadConstellation(new URL("../constellations/eo-sso.yaml", import.meta.url).pathname);
  let plan: SurveyPlan;
  beforeAll(() => {
    plan = surveyPlan(c, { startUnixMs: Date.parse(c.epoch), durationMs: DAY_MS });
  });

  it("is over land as often as a circular orbit's time-weighted latitudes say", () => {
    // Independent of propagation: a circular orbit of inclination i spends equal time at each argument
    // of latitude u, at latitude asin(sin i sin u); over a day the Earth turns under it, so longitudes
    // are uniform. Average the mask over that distribution.
    const land = loadLandMask("50m");
    const sinI = Math.sin((97.5 * Math.PI) / 180);
    let hits = 0;
    let total = 0;
    for (let k = 0; k < 360; k++) {
      const lat = (Math.asin(sinI * Math.sin(((k + 0.5) * Math.PI) / 180)) * 180) / Math.PI;
      for (let lon = -179.75; lon < 180; lon += 0.5) {
        total++;
        if (land.isLand(lat, lon)) hits++;
      }
    }
    const expected = hits / total;
    // A polar orbit over-weights high latitudes (Antarctica, Greenland), so this exceeds 29%.
    expect(expected).toBeGreaterThan(0.3);
    expect(Math.abs(plan.stats.overLandFraction - expected)).toBeLessThan(0.01);
  });

  it("images sunlit land near 29% land x 50% daylight", () => {
    // 0.292 x 0.5 = 14.6%. Band 10.5-18.5%: the polar orbit's land fraction is ~33% rather than 29%
    // (test above), and on 1 January Antarctica (a tenth of the land) lies in 24 h daylight while the
    // Arctic land is in polar night, moving the day share of land by several points either way.
    const { overLandFraction, overSunlitLandFraction } = plan.stats;
    expect(overSunlitLandFraction).toBeGreaterThan(0.105);
    expect(overSunlitLandFraction).toBeLessThan(0.185);
    const dayShare = overSunlitLandFraction / overLandFraction;
    expect(dayShare).toBeGreaterThan(0.4);
    expect(dayShare).toBeLessThan(0.6);
  });

  it("has captures whose frames fill the imaging time", () => {
    // Imaging time = sunlit-land fraction x 48 satellites x 24 h; a frame lasts 18.1 km / 7.0131 km/s
    // = 2.581 s (hand-computed above). Each strip rounds up to whole frames, adding < 1 frame per strip.
    const frames = plan.captures.flat().reduce((a, x) => a + x.frames, 0);
    const imagingS = plan.stats.overSunlitLandFraction * 48 * 86_400;
    const ratio = (frames * 2.581) / imagingS;
    expect(ratio).toBeGreaterThan(0.99);
    expect(ratio).toBeLessThan(1.06);
    expect(plan.captures).toHaveLength(48);
    plan.captures.forEach((cs, i) => {
      expect(cs.length).toBeGreaterThan(0);
      for (const cap of cs) expect(cap.sat).toBe(i);
    });
  });
});

describe("bad options", () => {
  const c = plane(78.3, "2026-01-01T00:00:00Z", 1);
  const start = Date.parse(c.epoch);
  it.each([
    [{ startUnixMs: start, durationMs: 0 }, "durationMs"],
    [{ startUnixMs: Number.NaN, durationMs: HOUR_MS }, "startUnixMs"],
    [{ startUnixMs: start, durationMs: HOUR_MS, sampleS: -1 }, "sampleS"],
    [{ startUnixMs: start, durationMs: HOUR_MS, framesPerCapture: 2.5 }, "framesPerCapture"],
    [{ startUnixMs: start, durationMs: HOUR_MS, minSunElevationDeg: 90 }, "minSunElevationDeg"],
    [{ startUnixMs: start, durationMs: HOUR_MS, landResolution: "10m" as "50m" }, "landResolution"],
  ])("%o is an InputError naming %s", (opts, field) => {
    expectInputError(() => surveyPlan(c, opts), `field ${field}`);
  });
});
