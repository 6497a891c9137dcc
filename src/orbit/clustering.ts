/**
 * One-dimensional clustering for structure inference (src/orbit/structure.ts), over typed arrays.
 *
 * Mode seeking with a fixed half-width: repeatedly take the value whose window [v - tol, v + tol]
 * holds the most remaining values, re-centre on the median of that window, and make every remaining
 * value within tol of the centre a cluster. Unlike gap-based (single-linkage) clustering it does not
 * chain neighbouring clusters through the satellites drifting between them, and the tolerance is the
 * stated one, not an emergent one. Angles (RAAN) are clustered on the circle with `periodDeg`.
 */

export interface Cluster {
  /** Centre: the median of the members of the densest window. */
  centre: number;
  /** Positions (into the `ids` given) of the members. */
  members: number[];
}

const circDiff = (a: number, b: number, period: number): number => {
  let d = (a - b) % period;
  if (d < -period / 2) d += period;
  else if (d >= period / 2) d -= period;
  return d;
};

/** Value at position j of the sorted list walked around the circle (j in [-m, 2m)). */
function around(v: Float64Array, m: number, period: number, j: number): number {
  if (period === 0) return v[j]!;
  if (j < 0) return v[j + m]! - period;
  if (j >= m) return v[j - m]! + period;
  return v[j]!;
}

/**
 * Clusters of `values[ids[k]]`, densest first, until the densest window holds fewer than
 * `minMembers`. Returns the clusters and the positions left over. `period` (e.g. 360) makes the
 * axis circular; 0 for a line. Buffers are allocated once per call, not per cluster.
 */
export function modeClusters(
  values: Float64Array,
  ids: ArrayLike<number>,
  tol: number,
  minMembers: number,
  period = 0,
): { clusters: Cluster[]; rest: number[] } {
  const n = ids.length;
  // Positions sorted by value (values on a circle are in [0, period)).
  const order = Int32Array.from({ length: n }, (_, k) => k).sort(
    (a, b) => values[ids[a]!]! - values[ids[b]!]!,
  );
  // The remaining positions and their values, compacted in place after each cluster.
  const pos = order;
  const v = new Float64Array(n);
  for (let k = 0; k < n; k++) v[k] = values[ids[pos[k]!]!]!;
  let m = n;
  const clusters: Cluster[] = [];
  while (m >= Math.max(1, minMembers)) {
    // Window counts with two pointers; on a circle the sorted list is walked twice around.
    let best = -1;
    let bestCount = 0;
    let lo = period > 0 ? -m : 0;
    let hi = 0;
    for (let i = 0; i < m; i++) {
      const x = v[i]!;
      while (around(v, m, period, lo) < x - tol) lo++;
      if (hi < i) hi = i;
      const end = period > 0 ? i + m : m;
      while (hi + 1 < end && around(v, m, period, hi + 1) <= x + tol) hi++;
      const count = hi - lo + 1;
      if (count > bestCount) {
        bestCount = count;
        best = i;
      }
    }
    if (bestCount < minMembers) break;
    // Median of the densest window, as offsets from its seed value (so a circle's wrap is harmless).
    const seed = v[best]!;
    const offsets: number[] = [];
    for (let k = 0; k < m; k++) {
      const d = period > 0 ? circDiff(v[k]!, seed, period) : v[k]! - seed;
      if (Math.abs(d) <= tol) offsets.push(d);
    }
    offsets.sort((a, b) => a - b);
    const mid = offsets.length >> 1;
    const med = offsets.length % 2 ? offsets[mid]! : (offsets[mid - 1]! + offsets[mid]!) / 2;
    const centre = period > 0 ? (((seed + med) % period) + period) % period : seed + med;
    const members: number[] = [];
    for (let k = 0; k < m; k++) {
      const d = period > 0 ? circDiff(v[k]!, centre, period) : v[k]! - centre;
      if (Math.abs(d) <= tol) members.push(pos[k]!);
    }
    if (members.length < minMembers) break;
    clusters.push({ centre, members });
    // Compact the rest (order kept).
    let w = 0;
    for (let k = 0; k < m; k++) {
      const d = period > 0 ? circDiff(v[k]!, centre, period) : v[k]! - centre;
      if (Math.abs(d) <= tol) continue;
      pos[w] = pos[k]!;
      v[w] = v[k]!;
      w++;
    }
    m = w;
  }
  return { clusters, rest: Array.from(pos.subarray(0, m)) };
}

/** Signed circular difference a - b in [-period/2, period/2). */
export const circularDiff = circDiff;

export interface Lattice {
  /** Number of equally spaced positions around the circle (planes of a full shell). */
  count: number;
  /** Position of lattice point 0, deg in [0, 360 / count). */
  phaseDeg: number;
  /** Weighted mean resultant length of the fit, 0..1 (1: every centre on the lattice). */
  fit: number;
}

/**
 * The smallest regular lattice of N points around 360 deg (N <= maxCount) that the centres fit with
 * a mean resultant length of at least `minFit`: for each N, the angles N * centre are summed as unit
 * vectors weighted by cluster size (Rayleigh's statistic of circular statistics; Mardia & Jupp,
 * "Directional Statistics", 2000, sec. 3.4). A Walker shell's planes sit on a lattice of 360/P deg
 * (Walker 1984), so do the planes of a partly filled one; a group drifting between planes does not.
 * Undefined when no N fits (planes not regularly spaced).
 */
export function fitLattice(
  centresDeg: readonly number[],
  weights: readonly number[],
  maxCount: number,
  minFit: number,
): Lattice | undefined {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return undefined;
  const rad = Math.PI / 180;
  for (let count = 1; count <= maxCount; count++) {
    let c = 0;
    let s = 0;
    for (let j = 0; j < centresDeg.length; j++) {
      const th = count * centresDeg[j]! * rad;
      c += weights[j]! * Math.cos(th);
      s += weights[j]! * Math.sin(th);
    }
    const fit = Math.hypot(c, s) / total;
    if (fit >= minFit) {
      const spacing = 360 / count;
      const phase = (((Math.atan2(s, c) / rad / count) % spacing) + spacing) % spacing;
      return { count, phaseDeg: phase, fit };
    }
  }
  return undefined;
}
