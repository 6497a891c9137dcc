/**
 * Physical constants used by the orbit layer, each with its source.
 * SGP4's own gravity constants (WGS-72) live inside satellite.js; these are for geometry.
 */

/** WGS-84 semi-major axis, km. Source: NIMA TR8350.2 (3rd ed., 2000), Table 3.1. */
export const WGS84_A_KM = 6378.137;
/** WGS-84 flattening. Source: NIMA TR8350.2 (3rd ed., 2000), Table 3.1 (1/298.257223563). */
export const WGS84_F = 1 / 298.257223563;
/** WGS-84 first eccentricity squared, derived: e^2 = f (2 - f). */
export const WGS84_E2 = WGS84_F * (2 - WGS84_F);
/** WGS-84 semi-minor axis, km, derived: b = a (1 - f). */
export const WGS84_B_KM = WGS84_A_KM * (1 - WGS84_F);

/** WGS-72 Earth radius, km, the value SGP4 uses. Source: Vallado et al. 2006, AIAA 2006-6753, sgp4unit getgravconst. */
export const WGS72_RADIUS_KM = 6378.135;
/** WGS-72 gravitational parameter, km^3/s^2. Source: Vallado et al. 2006, AIAA 2006-6753, sgp4unit getgravconst. */
export const WGS72_MU_KM3_S2 = 398600.8;
/** WGS-72 J2. Source: Vallado et al. 2006, AIAA 2006-6753, sgp4unit getgravconst. */
export const WGS72_J2 = 0.001082616;

/** Speed of light in vacuum, km/s (exact). Source: SI definition of the metre (BIPM, 1983). */
export const SPEED_OF_LIGHT_KM_S = 299_792.458;

/** Mean Earth rotation rate, rad/s. Source: IERS Conventions (2010), TN36, Table 1.1 (7.292115e-5). */
export const EARTH_ROTATION_RAD_S = 7.292115e-5;

/** Astronomical unit, km (exact). Source: IAU 2012 Resolution B2. */
export const AU_KM = 149_597_870.7;
/** Nominal solar radius, km. Source: IAU 2015 Resolution B3 (695,700 km). */
export const SUN_RADIUS_KM = 695_700;
/** Earth radius used for the shadow cones (src/orbit/eclipse.ts), km: WGS-84 equatorial radius (conservative for umbra). */
export const EARTH_SHADOW_RADIUS_KM = WGS84_A_KM;

/**
 * Seconds per sidereal day: 86164.0905 s, value as commonly cited (the Aoki et al. 1982 UT1
 * definition gives 86,164.0905308 s); the earlier attribution to IERS Conventions (2010) was not
 * verified.
 */
export const SIDEREAL_DAY_S = 86_164.0905;
/** Julian date of the Unix epoch 1970-01-01T00:00:00Z. */
export const JD_UNIX_EPOCH = 2_440_587.5;
