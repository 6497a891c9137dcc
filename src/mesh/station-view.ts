/**
 * Which satellites a station may see, reused across ticks where that is exact. Checking every
 * satellite against every station costs S x G per tick (3 million at 30,000 satellites and 100
 * stations). Instead each station keeps a candidate list: every satellite whose distance from the
 * station's visibility region (elevation cone, range ball) is below MARGIN_KM when the list was
 * made. A satellite off the list cannot have entered the region until it has moved MARGIN_KM, so
 * the list stays complete while the largest satellite displacement summed over the ticks since is
 * below the margin; the exact visibility test then runs on the list only. Nothing about orbits is
 * assumed: the displacement is measured from the positions each tick (so a time jump, a reset or a
 * satellite returning from an SGP4 error just makes the lists refresh).
 *
 * Lists are refreshed round-robin, a few per tick sized by the measured motion, so no tick pays for
 * all of them at once; a list whose slack runs out is refreshed before use.
 */
import type { EcefKmArray } from "../orbit/units.js";

/**
 * Candidate margin, km. A tuning choice (not physics): LEO satellites move ~0.75 km per 100 ms tick
 * in the Earth-fixed frame, so 200 km lasts ~260 ticks; larger lists cost more per tick, smaller
 * ones more refreshes (bench/mesh.ts).
 */
export const MARGIN_KM = 200;
/** Slack kept back from the margin for rounding in the distance bound, km. */
const ROUNDING_KM = 1;

/** A station's visibility region: apex, unit local vertical, elevation mask (as sine and cosine), range. */
export interface ViewRegion {
  x: number;
  y: number;
  z: number;
  upX: number;
  upY: number;
  upZ: number;
  sinMask: number;
  cosMask: number;
  maxRangeKm: number;
}

/**
 * A lower bound of the distance from point (px, py, pz) to a station's visibility region, km (NaN for
 * a NaN point). For w = p - apex at angle theta from the vertical and cone half-angle
 * alpha = 90 deg - mask, the distance to the cone is |w| sin(theta - alpha) = r sin(mask) - h cos(mask)
 * (h = w.up, r = |w - h up|) while theta - alpha < 90 deg, and |w| (at least that) beyond; the
 * distance to the range ball is |w| - maxRange. The region lies inside both, so the larger of the two
 * bounds the distance to it from below.
 */
export function distanceToViewLowerBoundKm(v: ViewRegion, px: number, py: number, pz: number): number {
  const wx = px - v.x;
  const wy = py - v.y;
  const wz = pz - v.z;
  const w2 = wx * wx + wy * wy + wz * wz;
  const h = wx * v.upX + wy * v.upY + wz * v.upZ;
  const r = Math.sqrt(Math.max(0, w2 - h * h));
  const cone = r * v.sinMask - h * v.cosMask;
  const ball = Math.sqrt(w2) - v.maxRangeKm;
  return Math.max(cone, ball, 0);
}

export class StationViewCache {
  /** Per station: candidate satellite indices, ascending (the full scan's order). */
  readonly lists: Int32Array[];
  readonly counts: Int32Array;
  /** Per station: displacement still allowed before its list may miss a satellite, km. */
  private readonly slackKm: Float64Array;
  /** Each satellite's last finite position (NaN until it has one). */
  private readonly lastEcef: Float64Array;
  private next = 0;
  /** Lists refreshed so far (for the bench: how often the exact reuse had to rescan). */
  refreshes = 0;

  constructor(
    private readonly regions: readonly ViewRegion[],
    private readonly satelliteCount: number,
  ) {
    const G = regions.length;
    this.lists = Array.from({ length: G }, () => new Int32Array(64));
    this.counts = new Int32Array(G);
    this.slackKm = new Float64Array(G); // 0: every list is stale until the first update
    this.lastEcef = new Float64Array(3 * satelliteCount).fill(Number.NaN);
  }

  /** Account for the satellites' motion since the last call, then refresh the lists that need it. */
  update(ecef: EcefKmArray): void {
    const S = this.satelliteCount;
    const last = this.lastEcef;
    let moved = 0;
    for (let i = 0, k = 0; i < S; i++, k += 3) {
      const x = ecef[k]!;
      const y = ecef[k + 1]!;
      const z = ecef[k + 2]!;
      // A satellite in SGP4 error (NaN) keeps its last finite position; its jump counts when it is back.
      if (Number.isNaN(x) || Number.isNaN(y) || Number.isNaN(z)) continue;
      const dx = x - last[k]!;
      const dy = y - last[k + 1]!;
      const dz = z - last[k + 2]!;
      const d2 = dx * dx + dy * dy + dz * dz;
      // NaN: first finite position ever; nothing bounds where it was, so every list is stale.
      if (!(d2 <= moved)) moved = Number.isNaN(d2) ? Number.POSITIVE_INFINITY : d2;
      last[k] = x;
      last[k + 1] = y;
      last[k + 2] = z;
    }
    const step = Math.sqrt(moved);
    const G = this.regions.length;
    for (let g = 0; g < G; g++) this.slackKm[g]! -= step;
    // Round-robin: enough lists per tick that each is renewed before it spends half its margin.
    const budget = MARGIN_KM - ROUNDING_KM;
    const perTick = Math.min(G, Math.ceil((G * 2 * step) / budget));
    for (let k = 0; k < perTick; k++) {
      this.refresh(this.next, ecef);
      this.next = (this.next + 1) % G;
    }
    for (let g = 0; g < G; g++) if (!(this.slackKm[g]! > 0)) this.refresh(g, ecef);
  }

  private refresh(g: number, ecef: EcefKmArray): void {
    const v = this.regions[g]!;
    const S = this.satelliteCount;
    let list = this.lists[g]!;
    let n = 0;
    // With a mask >= 0 the cone bound is at least -h cos(mask) (h: height above the station's
    // horizontal plane): far below the horizon is far from the region, without a square root.
    const belowKm = v.sinMask >= 0 && v.cosMask > 0 ? -MARGIN_KM / v.cosMask : Number.NEGATIVE_INFINITY;
    for (let i = 0, k = 0; i < S; i++, k += 3) {
      const x = ecef[k]!;
      const y = ecef[k + 1]!;
      const z = ecef[k + 2]!;
      if ((x - v.x) * v.upX + (y - v.y) * v.upY + (z - v.z) * v.upZ <= belowKm) continue;
      // NaN positions stay on the list (the exact test rejects them while they are NaN).
      if (distanceToViewLowerBoundKm(v, x, y, z) >= MARGIN_KM) continue;
      if (n === list.length) {
        const grown = new Int32Array(2 * n);
        grown.set(list);
        list = grown;
      }
      list[n++] = i;
    }
    this.lists[g] = list;
    this.counts[g] = n;
    this.slackKm[g] = MARGIN_KM - ROUNDING_KM;
    this.refreshes++;
  }
}
