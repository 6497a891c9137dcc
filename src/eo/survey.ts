/**
 * Survey imaging plan: when each satellite of a constellation images, if its imager runs whenever the
 * ground below it is land in daylight (issue 10, "Survey imaging"). Pure geometry: no storage, power
 * or downlink here; the replay's onboard app applies those limits to the captures planned here.
 *
 * Model (docs/eo-survey.md):
 * - Every `sampleS` (default 10 s, assumed: 70 km of ground track at LEO, ~4 Dove scenes) the
 *   sub-satellite point (geodetic, WGS-84) is tested for land (src/eo/land.ts, Natural Earth) and for
 *   daylight: the Sun's elevation there above the ellipsoid horizon must exceed `minSunElevationDeg`
 *   (default SURVEY_MIN_SUN_ELEVATION_DEG, 0 deg, assumed: the Sun above the horizon; real optical
 *   missions set their own cut-off, and at 0 deg a dawn-dusk orbit images at grazing Sun; see
 *   docs/eo-survey.md). A sample stands for the interval up to the next one.
 * - Consecutive imaging samples form a strip. A strip is cut into capture units of `framesPerCapture`
 *   frames; a frame covers the shell's `sceneLengthKm` along track, so a unit lasts
 *   framesPerCapture x sceneLengthKm / groundSpeedKmS, the ground speed taken at the strip start. The
 *   last unit of a strip holds the frames left (frames = ceil(strip length / frame length) in all).
 * - A capture's position is the sub-satellite point at its start instant; its area is
 *   frames x swathKm x sceneLengthKm (nadir footprint, no overlap between frames).
 *
 * Propagation: satellite.js SGP4 per satellite into packed typed arrays through the orbit layer's
 * sgp4Into and temeToEcefInto: the path ConstellationPropagator's "js" engine takes. The batch
 * (wasm) propagator is not used because it is created asynchronously and this plan is a synchronous
 * function of its inputs; one call per satellite per sample is what the js engine does anyway.
 */
import type { Constellation } from "../orbit/constellation.js";
import { ecefToGeodetic, gmstRad, temeToEcef, temeToEcefInto } from "../orbit/frames.js";
import { SGP4_OK, sgp4Into } from "../orbit/propagate.js";
import { sunPositionTemeKm } from "../orbit/sun.js";
import {
  ecefKm,
  MS_PER_MIN,
  MS_PER_S,
  newEcefKmArray,
  newTemeKmArray,
  RAD_PER_DEG,
  temeKm,
  type UnixMs,
} from "../orbit/units.js";
import { InputError } from "../util/input-error.js";
import { LAND_RESOLUTIONS, type LandResolution, loadLandMask } from "./land.js";
import { satelliteConfigsOf } from "./scenario.js";
import { EARTH_MEAN_RADIUS_KM } from "./sensor.js";

export interface SurveyCapture {
  tUnixMs: number;
  sat: number;
  latDeg: number;
  lonDeg: number;
  frames: number;
  areaKm2: number;
}

export interface SurveyOptions {
  startUnixMs: number;
  durationMs: number;
  sampleS?: number;
  framesPerCapture?: number;
  landResolution?: "110m" | "50m";
  /**
   * Least Sun elevation at the sub-satellite point for imaging, deg (default
   * SURVEY_MIN_SUN_ELEVATION_DEG). An addition to the interface of issue 10, optional: at 0 deg a
   * dawn-dusk orbit "sees" sunlit ground half the time at a Sun never higher than 90 deg - beta.
   */
  minSunElevationDeg?: number;
}

export interface SurveyStats {
  /** Fraction of satellite-time (all satellites, SGP4 failures excluded) with land below. */
  overLandFraction: number;
  /** ... with land below in daylight: the fraction of time the imager runs. */
  overSunlitLandFraction: number;
}

export interface SurveyPlan {
  /** Per satellite (constellation index), by time. */
  captures: SurveyCapture[][];
  stats: SurveyStats;
}

export const SURVEY_DEFAULTS = {
  /** Sampling step of the land and daylight tests, s (assumed; see the header). */
  sampleS: 10,
  /** Frames per capture unit (assumed: a unit is what the onboard app stores and processes as one image). */
  framesPerCapture: 10,
  landResolution: "50m" as LandResolution,
} as const;

/**
 * Least Sun elevation at the sub-satellite point for optical imaging, deg. Assumed: 0, the Sun above
 * the horizon. The Sun's direction is taken from the Earth's centre: the parallax from a ground point,
 * at most R/AU = 4.3e-5 rad (0.0024 deg), is far below the 0.01 deg of the Sun model (src/orbit/sun.ts).
 */
export const SURVEY_MIN_SUN_ELEVATION_DEG = 0;

/**
 * Ground speed of the sub-satellite point, km/s: the satellite's angular rate v / r carried over the
 * Earth's surface, v R / r (for a circular orbit the ground-track speed 2 pi R / P; Wertz & Larson,
 * "Space Mission Analysis and Design", 3rd ed., ch. 5). R is the IUGG mean radius (sensor.ts); the
 * Earth's rotation under the track (<= 0.465 km/s at the equator, mostly across track for a
 * near-polar orbit) is ignored, as is the radial part of v (near-circular orbits).
 */
export function groundSpeedKmS(speedKmS: number, radiusKm: number): number {
  return (speedKmS * EARTH_MEAN_RADIUS_KM) / radiusKm;
}

/** The survey imaging plan of constellation `c` over [startUnixMs, startUnixMs + durationMs). */
export function surveyPlan(c: Constellation, opts: SurveyOptions): SurveyPlan {
  const { startUnixMs, durationMs } = opts;
  const sampleS = opts.sampleS ?? SURVEY_DEFAULTS.sampleS;
  const framesPerCapture = opts.framesPerCapture ?? SURVEY_DEFAULTS.framesPerCapture;
  const resolution = opts.landResolution ?? SURVEY_DEFAULTS.landResolution;
  const minSunDeg = opts.minSunElevationDeg ?? SURVEY_MIN_SUN_ELEVATION_DEG;
  if (!Number.isFinite(startUnixMs))
    throw new InputError("must be a finite Unix time, ms", { field: "startUnixMs", value: startUnixMs });
  if (!(durationMs > 0) || !Number.isFinite(durationMs))
    throw new InputError("must be a positive duration, ms", { field: "durationMs", value: durationMs });
  if (!(sampleS > 0) || !Number.isFinite(sampleS))
    throw new InputError("must be a positive number of seconds", { field: "sampleS", value: sampleS });
  if (!Number.isInteger(framesPerCapture) || framesPerCapture < 1)
    throw new InputError("must be a whole number of frames >= 1", {
      field: "framesPerCapture",
      value: framesPerCapture,
    });
  if (!(minSunDeg >= -90 && minSunDeg < 90))
    throw new InputError("must be an elevation in [-90, 90) deg", {
      field: "minSunElevationDeg",
      value: minSunDeg,
    });
  if (!LAND_RESOLUTIONS.includes(resolution))
    throw new InputError(`must be one of ${LAND_RESOLUTIONS.join(", ")}`, {
      field: "landResolution",
      value: resolution,
    });

  const land = loadLandMask(resolution);
  const sats = c.satellites;
  const n = sats.length;
  const sensors = satelliteConfigsOf(c).map((cfg) => cfg.sensor);
  const captures: SurveyCapture[][] = Array.from({ length: n }, () => []);
  const endUnixMs = startUnixMs + durationMs;
  const stepMs = sampleS * MS_PER_S;
  const sinMinSun = Math.sin(minSunDeg * RAD_PER_DEG);

  const teme = newTemeKmArray(n);
  const ecef = newEcefKmArray(n);
  const errors = new Int8Array(n);
  /** Start of each satellite's open strip, ms; NaN when not imaging. */
  const stripStart = new Float64Array(n).fill(Number.NaN);
  let weightMs = 0;
  let landMs = 0;
  let sunlitLandMs = 0;

  const one = new Float64Array(3);
  const oneVel = new Float64Array(3);
  /** Sub-satellite point of satellite i at t, or null if SGP4 fails there. */
  const subPoint = (i: number, t: UnixMs) => {
    const s = sats[i]!;
    if (sgp4Into(s.satrec, (t - s.epochUnixMs) / MS_PER_MIN, one, oneVel, 0) !== SGP4_OK) return null;
    return ecefToGeodetic(temeToEcef(temeKm(one[0]!, one[1]!, one[2]!), gmstRad(t)));
  };

  /** Cut satellite i's strip [s, e) into capture units. */
  const closeStrip = (i: number, s: UnixMs, e: UnixMs) => {
    const sensor = sensors[i]!;
    const sat = sats[i]!;
    if (sgp4Into(sat.satrec, (s - sat.epochUnixMs) / MS_PER_MIN, one, oneVel, 0) !== SGP4_OK) return;
    const speed = Math.hypot(oneVel[0]!, oneVel[1]!, oneVel[2]!);
    const radius = Math.hypot(one[0]!, one[1]!, one[2]!);
    const frameMs = (sensor.sceneLengthKm / groundSpeedKmS(speed, radius)) * MS_PER_S;
    // A frame started before the strip ends is taken whole (1e-9: a strip of exactly k frames is k).
    let framesLeft = Math.ceil((e - s) / frameMs - 1e-9);
    const frameAreaKm2 = sensor.swathKm * sensor.sceneLengthKm;
    const out = captures[i]!;
    for (let j = 0; framesLeft > 0; j++) {
      const frames = Math.min(framesPerCapture, framesLeft);
      framesLeft -= frames;
      // Whole milliseconds, as every instant of the emulator's clocks.
      const t = Math.round(s + j * framesPerCapture * frameMs);
      const g = subPoint(i, t);
      if (!g) continue;
      out.push({
        tUnixMs: t,
        sat: i,
        latDeg: g.latDeg,
        lonDeg: g.lonDeg,
        frames,
        areaKm2: frames * frameAreaKm2,
      });
    }
  };

  // Instants from the start by index, so a fractional step does not accumulate rounding.
  for (let k = 0, t = startUnixMs; t < endUnixMs; k++, t = startUnixMs + k * stepMs) {
    const w = Math.min(stepMs, endUnixMs - t);
    const gmst = gmstRad(t);
    for (let i = 0; i < n; i++) {
      const s = sats[i]!;
      errors[i] = sgp4Into(s.satrec, (t - s.epochUnixMs) / MS_PER_MIN, teme, null, 3 * i);
    }
    temeToEcefInto(teme, gmst, ecef, n);
    const sun = temeToEcef(sunPositionTemeKm(t), gmst);
    const sunR = Math.hypot(sun.x, sun.y, sun.z);
    const sx = sun.x / sunR;
    const sy = sun.y / sunR;
    const sz = sun.z / sunR;
    for (let i = 0; i < n; i++) {
      let imaging = false;
      if (errors[i] === SGP4_OK) {
        const g = ecefToGeodetic(ecefKm(ecef[3 * i]!, ecef[3 * i + 1]!, ecef[3 * i + 2]!));
        weightMs += w;
        if (land.isLand(g.latDeg, g.lonDeg)) {
          landMs += w;
          // Sine of the Sun's elevation: the ellipsoid normal (geodetic up) dotted with the Sun's direction.
          const lat = g.latDeg * RAD_PER_DEG;
          const lon = g.lonDeg * RAD_PER_DEG;
          const cl = Math.cos(lat);
          const sinSun = cl * Math.cos(lon) * sx + cl * Math.sin(lon) * sy + Math.sin(lat) * sz;
          if (sinSun > sinMinSun) {
            sunlitLandMs += w;
            imaging = true;
          }
        }
      }
      const open = stripStart[i]!;
      if (imaging && Number.isNaN(open)) stripStart[i] = t;
      else if (!imaging && !Number.isNaN(open)) {
        closeStrip(i, open, t);
        stripStart[i] = Number.NaN;
      }
    }
  }
  for (let i = 0; i < n; i++) if (!Number.isNaN(stripStart[i]!)) closeStrip(i, stripStart[i]!, endUnixMs);

  return {
    captures,
    stats: {
      overLandFraction: weightMs > 0 ? landMs / weightMs : 0,
      overSunlitLandFraction: weightMs > 0 ? sunlitLandMs / weightMs : 0,
    },
  };
}
