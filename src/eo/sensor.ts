/**
 * Imaging sensor model: what one capture of a target costs in bytes and in inference tiles, and how
 * far from the ground track a target can be and still be captured.
 *
 * raw bytes = ground area x (samples per km^2 summed over bands) x bitDepth / 8 / compressionRatio.
 */
import { WGS84_A_KM } from "../orbit/constants.js";
import { RAD_PER_DEG } from "../orbit/units.js";
import type { Target } from "./workload.js";

/** Mean Earth radius, km (IUGG R1; Moritz, "Geodetic Reference System 1980", J. Geodesy 74, 2000). */
export const EARTH_MEAN_RADIUS_KM = 6371.0088;

export interface BandGroup {
  count: number;
  gsdM: number;
}

export interface SensorSpec {
  /** Cross-track swath width on the ground at nadir, km. */
  swathKm: number;
  /** Along-track length of the scene taken for a point target, km. */
  sceneLengthKm: number;
  /** Ground sample distance of the finest bands, m (the resolution inference tiles are cut at). */
  gsdM: number;
  /** Number of bands at gsdM. */
  bands: number;
  /** Further bands at coarser resolution (e.g. Sentinel-2's 20 m and 60 m bands). */
  coarseBands: BandGroup[];
  /** Bits per sample as stored. */
  bitDepth: number;
  /** Onboard compression ratio (>= 1; 1 = uncompressed). */
  compressionRatio: number;
  /**
   * Largest off-nadir pointing angle, deg. 0: nadir-only, the target must lie within half a swath of
   * the ground track; otherwise the satellite can point its boresight up to this angle.
   */
  offNadirMaxDeg: number;
}

/**
 * Presets from published missions.
 * - dove: PlanetScope "Dove" (PS2 instrument). Frame 24.6 km x 16.4 km, 3.7 m GSD at 475 km, 4 bands
 *   (blue, green, red, NIR), 12-bit: values as commonly cited from Planet's "Planet Imagery Product
 *   Specifications" (PlanetScope constellation and sensor table); edition and values not verified in
 *   this audit. Planet's developer docs (PlanetScope overview, 2024) give ~25.0 x 11.5 km for PS2
 *   scene products and ~3 m pixels. Doves image at nadir.
 * - sentinel-2: Sentinel-2 MSI, 290 km swath, 13 bands: 4 at 10 m, 6 at 20 m, 3 at 60 m, 12-bit
 *   (ESA, "Sentinel-2 User Handbook", 2015; section numbers not re-checked). Level-1C products are
 *   cut in 100 x 100 km tiles "approximately 500 MB in size", listed at 600 MB per tile in the
 *   product-types table (ESA Sentinel Online, Sentinel-2 MSI User Guide, "Product Types"). The
 *   compression ratio 1.5 is our choice: it turns the 837 MB of 12-bit samples in a 100 x 100 km
 *   tile into ~560 MB, between those two published figures (JPEG 2000 in L1C).
 */
export const SENSOR_PRESETS = {
  dove: {
    swathKm: 24.6,
    sceneLengthKm: 16.4,
    gsdM: 3.7,
    bands: 4,
    coarseBands: [],
    bitDepth: 12,
    compressionRatio: 1,
    offNadirMaxDeg: 0,
  },
  "sentinel-2": {
    swathKm: 290,
    sceneLengthKm: 100,
    gsdM: 10,
    bands: 4,
    coarseBands: [
      { count: 6, gsdM: 20 },
      { count: 3, gsdM: 60 },
    ],
    bitDepth: 12,
    compressionRatio: 1.5,
    offNadirMaxDeg: 0,
  },
} as const satisfies Record<string, SensorSpec>;
export type SensorPreset = keyof typeof SENSOR_PRESETS;

/** Samples per km^2 over all bands. */
export function samplesPerKm2(s: SensorSpec): number {
  let n = (s.bands * 1e6) / (s.gsdM * s.gsdM);
  for (const g of s.coarseBands) n += (g.count * 1e6) / (g.gsdM * g.gsdM);
  return n;
}

/** Bytes stored for `areaKm2` of ground. */
export function rawBytesForArea(s: SensorSpec, areaKm2: number): number {
  return Math.ceil((areaKm2 * samplesPerKm2(s) * s.bitDepth) / 8 / s.compressionRatio);
}

/** Pixels (at the finest GSD) covering `areaKm2`. */
export function pixelsForArea(s: SensorSpec, areaKm2: number): number {
  return (areaKm2 * 1e6) / (s.gsdM * s.gsdM);
}

/** Ground area of one capture of a target, km^2: a scene for a point, the part of a box one pass sees. */
export function captureAreaKm2(s: SensorSpec, t: Target): number {
  if (t.kind === "point") return s.swathKm * s.sceneLengthKm;
  const latMid = ((t.minLatDeg + t.maxLatDeg) / 2) * RAD_PER_DEG;
  const kmPerDeg = EARTH_MEAN_RADIUS_KM * RAD_PER_DEG;
  const widthKm = (t.maxLonDeg - t.minLonDeg) * kmPerDeg * Math.cos(latMid);
  const heightKm = (t.maxLatDeg - t.minLatDeg) * kmPerDeg;
  // One pass covers at most one swath across the box (the rest needs other passes, i.e. other requests).
  return Math.max(Math.min(widthKm, s.swathKm), 0.001) * Math.max(heightKm, s.sceneLengthKm);
}

/**
 * Largest ground distance (great circle, km) from the sub-satellite point at which a target can be
 * captured from altitude `altitudeKm`: half a swath at nadir, plus the ground offset reachable by
 * pointing off-nadir by offNadirMaxDeg on a spherical Earth (Wertz & Larson, "Space Mission
 * Analysis and Design", 3rd ed., sec. 5.2: sin(eta) = sin(rho) cos(eps), lambda = 90 - eta - eps).
 */
export function maxGroundOffsetKm(s: SensorSpec, altitudeKm: number): number {
  const half = s.swathKm / 2;
  if (s.offNadirMaxDeg <= 0) return half;
  const R = WGS84_A_KM;
  const sinRho = R / (R + altitudeKm);
  const eta = s.offNadirMaxDeg * RAD_PER_DEG;
  const cosEps = Math.sin(eta) / sinRho;
  if (cosEps >= 1) return half + R * (Math.PI / 2 - Math.asin(sinRho)); // horizon-limited
  const eps = Math.acos(cosEps);
  const lambda = Math.PI / 2 - eta - eps;
  return half + R * lambda;
}
