/**
 * Which nodes the Earth hides from the camera, so the page does not hand the renderer links it
 * would only reject pixel by pixel behind the globe. On a software renderer (SwiftShader, as in the
 * headless browser test) every segment costs set-up and rasterisation on the CPU even when the
 * depth test then throws all its pixels away; about half of a constellation's links are behind the
 * Earth at any moment.
 *
 * Exact, not a heuristic: the set of points P whose sightline from the camera C meets a ball B is
 * convex (P = C + l(b - C) with b in B and l >= 1; the midpoint of two such points is
 * C + l'(b' - C) with l' the mean of the l's and b' a convex combination of the b's, so in B).
 * A segment whose two ends are hidden is therefore hidden along its whole length, and dropping it
 * changes no pixel. The ball is inside the drawn Earth, so "hidden by the ball" implies "hidden by
 * the globe".
 */

/** WGS-84 polar semi-axis, m (NIMA TR8350.2, 3.2): the largest sphere inside the ellipsoid. */
export const WGS84_POLAR_RADIUS_M = 6_356_752.3142;
/**
 * Margin below it, m (our choice). Points and links are depth-tested against the globe's own tiles
 * (globe.ts), which are flat cells between vertices on the ellipsoid and so sag below it. The
 * coarsest tiles are Cesium's two level-0 tiles of the bare ellipsoid (EllipsoidTerrainProvider in
 * cesium 1.140: a 16 x 16 height map per 180 x 180 deg tile, so cells of 12 x 12 deg); a cell's
 * centre lies R (1 - cos 6 deg cos 6 deg) = 69.7 km below the surface (R = 6,378 km). 100 km keeps
 * the culling ball inside the drawn tiles everywhere, so what it hides the tiles hide too.
 */
export const OCCLUDER_MARGIN_M = 100_000;
/** Radius of the ball used as the occluder, m. */
export const OCCLUDER_RADIUS_M = WGS84_POLAR_RADIUS_M - OCCLUDER_MARGIN_M;

/** WGS-84 equatorial semi-axis, m (NIMA TR8350.2, 3.2): the smallest sphere holding the ellipsoid. */
export const WGS84_EQUATORIAL_RADIUS_M = 6_378_137;

/** Whether the segment from the camera c to the point p (ECEF m) passes within radiusM of the Earth's centre. */
export function sightlineBlocked(
  cx: number,
  cy: number,
  cz: number,
  px: number,
  py: number,
  pz: number,
  radiusM: number,
): boolean {
  const dx = px - cx;
  const dy = py - cy;
  const dz = pz - cz;
  const dd = dx * dx + dy * dy + dz * dz;
  // Closest point of the segment C + t d (t in [0, 1]) to the Earth's centre:
  // |C + t d|^2 = |C|^2 + 2 t (C.d) + t^2 |d|^2.
  const cd = cx * dx + cy * dy + cz * dz;
  const t = dd > 0 ? Math.min(1, Math.max(0, -cd / dd)) : 0;
  return cx * cx + cy * cy + cz * cz + 2 * t * cd + t * t * dd < radiusM * radiusM;
}

/**
 * hidden[i] = 1 when the segment from the camera (cx, cy, cz) to node i (m, ECEF metres, xyz per
 * node) passes through the occluding ball, else 0. Nodes with valid[i] = 0 are marked hidden.
 */
export function markHidden(
  m: Float64Array,
  valid: Uint8Array,
  count: number,
  cx: number,
  cy: number,
  cz: number,
  hidden: Uint8Array,
  radiusM = OCCLUDER_RADIUS_M,
): void {
  for (let i = 0; i < count; i++) {
    const o = 3 * i;
    hidden[i] = valid[i] === 1 && !sightlineBlocked(cx, cy, cz, m[o]!, m[o + 1]!, m[o + 2]!, radiusM) ? 0 : 1;
  }
}
