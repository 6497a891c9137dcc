/**
 * Units and frames, visible in names and types.
 *
 * Scalars are plain numbers whose unit is in the name (`altitudeKm`, `tUnixMs`, `elevationDeg`).
 * Vectors and packed arrays carry their frame in the type via a brand, so an ECEF array cannot be
 * passed where a TEME one is expected without an explicit, greppable cast.
 *
 * Time: absolute instants are Unix milliseconds UTC (`UnixMs`, a float so sub-millisecond
 * resolution survives). SGP4 itself runs on minutes since each element set's epoch.
 */

declare const frameBrand: unique symbol;
type Branded<T, B extends string> = T & { readonly [frameBrand]: B };

/** Unix time in milliseconds (UTC, no leap seconds, as Date.getTime()). */
export type UnixMs = number;

/** A Cartesian vector in km, in the True Equator Mean Equinox frame (SGP4's output frame). */
export type TemeKm = Branded<{ x: number; y: number; z: number }, "TEME-km">;
/** A Cartesian vector in km, Earth-centred Earth-fixed (pseudo-Earth-fixed: TEME rotated by GMST). */
export type EcefKm = Branded<{ x: number; y: number; z: number }, "ECEF-km">;

/** Packed xyz triples, satellite i at [3i, 3i+1, 3i+2], TEME, km. */
export type TemeKmArray = Branded<Float64Array, "TEME-km[]">;
/** Packed xyz triples, satellite i at [3i, 3i+1, 3i+2], ECEF, km. */
export type EcefKmArray = Branded<Float64Array, "ECEF-km[]">;
/** Packed velocity triples, km/s, TEME. */
export type TemeKmPerSArray = Branded<Float64Array, "TEME-km/s[]">;

export const temeKm = (x: number, y: number, z: number): TemeKm => ({ x, y, z }) as TemeKm;
export const ecefKm = (x: number, y: number, z: number): EcefKm => ({ x, y, z }) as EcefKm;
export const newEcefKmArray = (count: number): EcefKmArray => new Float64Array(3 * count) as EcefKmArray;
export const newTemeKmArray = (count: number): TemeKmArray => new Float64Array(3 * count) as TemeKmArray;
export const newTemeKmPerSArray = (count: number): TemeKmPerSArray =>
  new Float64Array(3 * count) as TemeKmPerSArray;

/** A geodetic position on the WGS-84 ellipsoid. */
export interface Geodetic {
  latDeg: number;
  lonDeg: number;
  altKm: number;
}

export const DEG_PER_RAD = 180 / Math.PI;
export const RAD_PER_DEG = Math.PI / 180;
export const MS_PER_S = 1000;
export const MS_PER_MIN = 60_000;
export const MS_PER_DAY = 86_400_000;
