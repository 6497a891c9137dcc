/**
 * The laser pattern that needs no planes or slots (`isl.pattern: nearest`), for catalogs that do not
 * cluster: at one instant, every satellite of the shell proposes its nearest neighbours within range
 * whose line of sight clears the grazing altitude; the proposals are taken shortest first while both
 * ends have fewer than k links (k = min(isl.k, isl.terminals)).
 *
 * Like every laser candidate the pairs are chosen once per constellation (at its epoch, the default
 * start of every run) and each tick only checks their range and line of sight: neighbours in one
 * plane stay neighbours, others drift out of range within minutes to hours and their links drop.
 * Distances are frame-free, so positions are SGP4's TEME output as is.
 */
import type { ShellInfo } from "../orbit/constellation.js";
import type { SatelliteElements } from "../orbit/elements.js";
import { sgp4Into } from "../orbit/propagate.js";
import { MS_PER_MIN, type UnixMs } from "../orbit/units.js";
import type { IslSettings } from "./config.js";
import { GRAZING_EARTH_RADIUS_KM, segmentMinRadiusSq } from "./geometry.js";

/**
 * Edge of the spatial hash's cubes, km: neighbours within this distance are always in the 27 cubes
 * around a satellite. Our choice: at Starlink density (4,428 satellites) a cube holds ~10-20.
 */
const CELL_KM = 1000;

/** Links per satellite the nearest pattern allows. */
export const nearestLinkLimit = (st: IslSettings): number => Math.min(st.k, st.terminals);

/** Nearest-neighbour pairs of one shell at `tUnixMs`, as [a, b] constellation indices, shortest first. */
export function nearestPairs(
  shell: ShellInfo,
  sats: readonly SatelliteElements[],
  st: IslSettings,
  tUnixMs: UnixMs,
): [number, number][] {
  const n = shell.count;
  const k = nearestLinkLimit(st);
  if (n < 2 || k < 1) return [];
  const pos = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    const s = sats[shell.firstIndex + i]!;
    sgp4Into(s.satrec, (tUnixMs - s.epochUnixMs) / MS_PER_MIN, pos, null, 3 * i);
  }
  const cell = Math.min(CELL_KM, st.maxRangeKm);
  // Cube coordinates packed into one number (no strings): exact for |coordinate| < 512 cubes (LEO at
  // the 1,000 km cube: 8). Beyond, cubes may share a bucket: slower, same result, since every
  // candidate's distance is computed exactly.
  const key = (x: number, y: number, z: number) => ((x + 512) * 1024 + (y + 512)) * 1024 + (z + 512);
  const cells = new Map<number, number[]>();
  const cx = new Int32Array(n);
  const cy = new Int32Array(n);
  const cz = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(pos[3 * i]!)) continue; // SGP4 failed: no links (fails closed)
    cx[i] = Math.floor(pos[3 * i]! / cell);
    cy[i] = Math.floor(pos[3 * i + 1]! / cell);
    cz[i] = Math.floor(pos[3 * i + 2]! / cell);
    const c = key(cx[i]!, cy[i]!, cz[i]!);
    const list = cells.get(c);
    if (list) list.push(i);
    else cells.set(c, [i]);
  }
  const rangeSq = st.maxRangeKm * st.maxRangeKm;
  const losSq = (GRAZING_EARTH_RADIUS_KM + st.grazingAltitudeKm) ** 2;
  // Proposals: per satellite its k nearest feasible neighbours (insertion into a short sorted list).
  const propA: number[] = [];
  const propB: number[] = [];
  const propD: number[] = [];
  const bestJ = new Int32Array(k);
  const bestD = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(pos[3 * i]!)) continue;
    let found = 0;
    const consider = (j: number) => {
      if (j === i) return;
      const dx = pos[3 * j]! - pos[3 * i]!;
      const dy = pos[3 * j + 1]! - pos[3 * i + 1]!;
      const dz = pos[3 * j + 2]! - pos[3 * i + 2]!;
      const d2 = dx * dx + dy * dy + dz * dz;
      if (!(d2 <= rangeSq) || (found === k && d2 >= bestD[k - 1]!)) return;
      const p = 3 * i;
      const q = 3 * j;
      if (
        !(segmentMinRadiusSq(pos[p]!, pos[p + 1]!, pos[p + 2]!, pos[q]!, pos[q + 1]!, pos[q + 2]!) >= losSq)
      )
        return;
      let at = found < k ? found++ : k - 1;
      while (at > 0 && bestD[at - 1]! > d2) {
        bestD[at] = bestD[at - 1]!;
        bestJ[at] = bestJ[at - 1]!;
        at--;
      }
      bestD[at] = d2;
      bestJ[at] = j;
    };
    for (let ox = -1; ox <= 1; ox++)
      for (let oy = -1; oy <= 1; oy++)
        for (let oz = -1; oz <= 1; oz++)
          for (const j of cells.get(key(cx[i]! + ox, cy[i]! + oy, cz[i]! + oz)) ?? []) consider(j);
    // Fewer than k within one cube edge: the rest of the range (rare in a constellation shell).
    if ((found < k || bestD[k - 1]! > cell * cell) && st.maxRangeKm > cell) {
      found = 0;
      for (let j = 0; j < n; j++) if (Number.isFinite(pos[3 * j]!)) consider(j);
    }
    for (let m = 0; m < found; m++) {
      propA.push(i);
      propB.push(bestJ[m]!);
      propD.push(bestD[m]!);
    }
  }
  const order = propD.map((_, m) => m).sort((a, b) => propD[a]! - propD[b]! || propA[a]! - propA[b]!);
  const degree = new Int32Array(n);
  const seen = new Set<number>();
  const out: [number, number][] = [];
  for (const m of order) {
    const a = Math.min(propA[m]!, propB[m]!);
    const b = Math.max(propA[m]!, propB[m]!);
    const id = a * n + b;
    if (seen.has(id)) continue;
    seen.add(id);
    if (degree[a]! >= k || degree[b]! >= k) continue;
    degree[a]!++;
    degree[b]!++;
    out.push([shell.firstIndex + a, shell.firstIndex + b]);
  }
  return out;
}
