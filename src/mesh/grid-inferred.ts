/**
 * +Grid on a shell whose planes and slots were inferred from a real catalog (`structure: infer`,
 * src/orbit/structure.ts). A real shell has partly filled planes of different sizes and no Walker
 * phasing to shift by, so the Walker rule (p, s) -> (p+1, s+offset) does not apply:
 * - in-plane: each satellite links to the next one in slot order (argument of latitude), the last
 *   one wrapping to the first, so each has an ahead and a behind neighbour;
 * - cross-plane: each satellite links to the satellite of the next plane in RAAN order (the last
 *   plane wrapping to the first) whose argument of latitude at the reference epoch is nearest.
 *   Members of one shell share altitude, hence mean motion, so those differences hold over a run.
 *   Real planes differ in size, so "nearest" is many-to-one; pairs are therefore matched one-to-one,
 *   closest first, among each satellite's two nearest (before and after) in the other plane, then
 *   the leftovers among themselves: min(|p|, |q|) pairs, every satellite at most one partner ahead
 *   and one behind, i.e. at most 4 links with in-plane.
 *   Planes more than MAX_NEIGHBOUR_PLANE_GAP_DEG apart in RAAN are not neighbours: the seam of a
 *   polar (Walker star) shell, where planes counter-rotate, and gaps a partly built shell leaves.
 * In-plane pairs come first, so packCandidates' terminal limit keeps them when a satellite is the
 * nearest partner of several; range, grazing altitude and re-acquisition apply per tick as for every
 * candidate (src/mesh/topology.ts).
 */
import type { ShellInfo } from "../orbit/constellation.js";
import type { InferredShellStructure } from "../orbit/structure-shells.js";

/**
 * Largest RAAN difference of two planes that cross-link, deg. Our choice: satellites of planes
 * further apart meet only near the poles, for minutes per orbit (and at 180 deg counter-rotate), so
 * such links would flap; every plane gap of the 2023 Starlink shells but one (97.6 deg: 120 deg,
 * a missing plane) is at most 51 deg.
 */
export const MAX_NEIGHBOUR_PLANE_GAP_DEG = 90;

const circDeg = (a: number, b: number) => {
  const d = Math.abs(a - b) % 360;
  return d > 180 ? 360 - d : d;
};

/**
 * Offsets in `argLatDeg[from..to)` (ascending) of the values just before and just after `u` on the
 * circle (the same one when the range holds one value).
 */
function neighboursOnCircle(argLatDeg: Float64Array, from: number, to: number, u: number): [number, number] {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (argLatDeg[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return [lo === from ? to - 1 : lo - 1, lo === to ? from : lo];
}

/** One-to-one cross-plane pairs between planes [pa, pb) and [qa, qb), closest first. */
function matchPlanes(
  argLatDeg: Float64Array,
  pa: number,
  pb: number,
  qa: number,
  qb: number,
): [number, number][] {
  const cand: [number, number, number][] = [];
  for (let k = pa; k < pb; k++)
    for (const j of neighboursOnCircle(argLatDeg, qa, qb, argLatDeg[k]!))
      cand.push([circDeg(argLatDeg[k]!, argLatDeg[j]!), k, j]);
  for (let j = qa; j < qb; j++)
    for (const k of neighboursOnCircle(argLatDeg, pa, pb, argLatDeg[j]!))
      cand.push([circDeg(argLatDeg[k]!, argLatDeg[j]!), k, j]);
  cand.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
  const usedP = new Set<number>();
  const usedQ = new Set<number>();
  const out: [number, number][] = [];
  for (const [, k, j] of cand) {
    if (usedP.has(k) || usedQ.has(j)) continue;
    usedP.add(k);
    usedQ.add(j);
    out.push([k, j]);
  }
  // Satellites left over when the nearest ones were taken: match them among themselves, closest
  // first, so min(|p|, |q|) pairs form (range decides per tick whether a long one links).
  const restP: number[] = [];
  const restQ: number[] = [];
  for (let k = pa; k < pb; k++) if (!usedP.has(k)) restP.push(k);
  for (let j = qa; j < qb; j++) if (!usedQ.has(j)) restQ.push(j);
  if (restP.length > 0 && restQ.length > 0) {
    const more: [number, number, number][] = [];
    for (const k of restP) for (const j of restQ) more.push([circDeg(argLatDeg[k]!, argLatDeg[j]!), k, j]);
    more.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
    for (const [, k, j] of more) {
      if (usedP.has(k) || usedQ.has(j)) continue;
      usedP.add(k);
      usedQ.add(j);
      out.push([k, j]);
    }
  }
  // Back in slot order of the first plane, so the candidate list reads plane by plane.
  return out.sort((x, y) => x[0] - y[0]);
}

/** +Grid pairs of an inferred shell as [a, b] constellation indices, in-plane first, no duplicates. */
export function inferredGridPairs(shell: ShellInfo, st: InferredShellStructure): [number, number][] {
  const first = shell.firstIndex;
  const planes = st.planeStart.length - 1;
  const seen = new Set<number>();
  const out: [number, number][] = [];
  const add = (i: number, j: number) => {
    if (i === j) return;
    const lo = Math.min(i, j);
    const hi = Math.max(i, j);
    const key = lo * shell.count + hi;
    if (seen.has(key)) return;
    seen.add(key);
    out.push([first + lo, first + hi]);
  };
  for (let p = 0; p < planes; p++) {
    const a = st.planeStart[p]!;
    const b = st.planeStart[p + 1]!;
    for (let k = a; k < b; k++) add(k, k + 1 < b ? k + 1 : a);
  }
  if (planes >= 2)
    for (let p = 0; p < planes; p++) {
      if (planes === 2 && p === 1) break; // two planes: one side only
      const q = (p + 1) % planes;
      const gapDeg = (((st.raanDeg[q]! - st.raanDeg[p]!) % 360) + 360) % 360;
      if (gapDeg > MAX_NEIGHBOUR_PLANE_GAP_DEG) continue;
      const pairs = matchPlanes(
        st.argLatDeg,
        st.planeStart[p]!,
        st.planeStart[p + 1]!,
        st.planeStart[q]!,
        st.planeStart[q + 1]!,
      );
      for (const [k, j] of pairs) add(k, j);
    }
  return out;
}
