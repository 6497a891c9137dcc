/**
 * The Sun's position, for eclipses (src/orbit/eclipse.ts) and the power model above.
 *
 * Formula: the Astronomical Almanac's low-precision solar coordinates as given by Vallado,
 * "Fundamentals of Astrodynamics and Applications", Algorithm 29 (SUN), implemented by satellite.js
 * `sunPos`: mean longitude and anomaly, ecliptic longitude with two equation-of-centre terms, mean
 * obliquity of date, distance in AU. Stated accuracy 0.01 deg in direction for 1950-2050; the distance
 * to ~1e-4 AU.
 *
 * Frame: the result is equatorial of date (mean equator and equinox of date, the ecliptic longitude
 * without nutation). TEME differs from it by nutation and the equation of the equinoxes, < 20 arcsec
 * (0.006 deg), below the formula's own error, so it is used as TEME directly. Input time UTC is used
 * for UT1/TT: the 69 s TT-UTC offset moves the Sun by 0.0008 deg. For eclipse timing at LEO, 0.01 deg
 * of Sun direction shifts a shadow boundary by ~0.2 s (0.01/360 of a 95 min orbit), under the 1 s goal.
 */
import { sunPos } from "satellite.js";
import { AU_KM } from "./constants.js";
import { julianDate } from "./frames.js";
import { DEG_PER_RAD, type TemeKm, temeKm, type UnixMs } from "./units.js";

/** Geocentric position of the Sun's centre at `tUnixMs`, km, TEME (see the frame note above). */
export function sunPositionTemeKm(tUnixMs: UnixMs): TemeKm {
  const { rsun } = sunPos(julianDate(tUnixMs));
  return temeKm(rsun.x * AU_KM, rsun.y * AU_KM, rsun.z * AU_KM);
}

/** Right ascension and declination of the Sun, degrees (RA in [0, 360)). */
export function sunRaDecDeg(tUnixMs: UnixMs): { raDeg: number; decDeg: number } {
  const { rsun } = sunPos(julianDate(tUnixMs));
  let raDeg = Math.atan2(rsun.y, rsun.x) * DEG_PER_RAD;
  if (raDeg < 0) raDeg += 360;
  const decDeg = Math.atan2(rsun.z, Math.hypot(rsun.x, rsun.y)) * DEG_PER_RAD;
  return { raDeg, decDeg };
}
