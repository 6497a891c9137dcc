/**
 * Laser-link candidates: the pairs of satellites that may link, computed ONCE per constellation.
 * Per tick the topology builder only checks each candidate's range and line of sight.
 *
 * +Grid (as Starlink-style shells fly it): satellite (plane p, slot s) links to (p, s+1) and (p, s-1)
 * in its plane and to (p+1, s+offset) and (p-1, s-offset) in the neighbouring planes. At the seam of
 * a Walker delta shell (plane P-1 -> plane 0) the slot shifts by the phasing F as well, because
 * src/orbit/walker.ts gives slot k of plane j the mean anomaly k*360/S + j*F*360/T, so "plane P" is
 * plane 0 advanced by F slots. Walker star shells (RAAN spread 180 deg) have counter-rotating planes
 * at the seam and no seam links. Shells read from files with plane/slot (Hypatia) wrap with the same
 * slot, as Hypatia's own +Grid does.
 */
import type { Constellation, ShellInfo } from "../orbit/constellation.js";
import type { SatelliteElements } from "../orbit/elements.js";
import { InputError } from "../util/input-error.js";
import type { IslSettings } from "./config.js";
import { GRAZING_EARTH_RADIUS_KM } from "./geometry.js";
import { inferredGridPairs } from "./grid-inferred.js";
import { nearestLinkLimit, nearestPairs } from "./nearest.js";

/** Candidate laser links, undirected, with the limits that apply to each. */
export interface IslCandidates {
  count: number;
  a: Int32Array;
  b: Int32Array;
  maxRangeKm: Float64Array;
  /** Radius the line of sight must stay above: Earth sphere + grazing altitude, km. */
  minLosRadiusKm: Float64Array;
  capacityBps: Float64Array;
  reacquisitionMs: Float64Array;
}

const mod = (x: number, m: number) => ((x % m) + m) % m;

/** +Grid pairs of one shell as [a, b] satellite indices, in-plane pairs first, without duplicates. */
export function plusGridPairs(
  shell: ShellInfo,
  sats: readonly SatelliteElements[],
  interPlaneOffset: number,
  shellIndex = 0,
): [number, number][] {
  const members = sats.slice(shell.firstIndex, shell.firstIndex + shell.count);
  let planes = 0;
  let slots = 0;
  for (const s of members) {
    if (s.plane < 0 || s.slot < 0)
      throw new InputError(
        `shell "${shell.name}": +Grid needs each satellite's plane and slot, and satellite ${s.index} (${s.name}) has none; set structure: infer on the shell, isl.pattern: nearest or none, or use a Walker shell`,
        { field: `shells[${shellIndex}].isl.pattern`, value: "plus-grid" },
      );
    planes = Math.max(planes, s.plane + 1);
    slots = Math.max(slots, s.slot + 1);
  }
  const at = new Int32Array(planes * slots).fill(-1);
  for (const s of members) at[s.plane * slots + s.slot] = s.index;
  const w = shell.walker;
  const starPattern = w !== undefined && w.raanSpreadDeg < 359;
  const seamShift = w !== undefined && !starPattern ? w.phasing : 0;

  const seen = new Set<number>();
  const out: [number, number][] = [];
  const n = sats.length;
  const add = (i: number, j: number) => {
    if (i < 0 || j < 0 || i === j) return;
    const lo = Math.min(i, j);
    const hi = Math.max(i, j);
    const key = lo * n + hi;
    if (seen.has(key)) return;
    seen.add(key);
    out.push([lo, hi]);
  };
  // In-plane first (ahead; "behind" is the neighbour's "ahead"), so terminal limits keep them.
  for (let p = 0; p < planes; p++)
    for (let s = 0; s < slots; s++) add(at[p * slots + s]!, at[p * slots + mod(s + 1, slots)]!);
  for (let p = 0; p < planes; p++) {
    const seam = p === planes - 1;
    if (seam && (planes < 2 || starPattern)) continue;
    const q = mod(p + 1, planes);
    const shift = interPlaneOffset + (seam ? seamShift : 0);
    for (let s = 0; s < slots; s++) add(at[p * slots + s]!, at[q * slots + mod(s + shift, slots)]!);
  }
  return out;
}

/** Pack pairs with their per-pair limits, keeping at most `terminals` links per satellite (greedy, in order). */
export function packCandidates(
  satelliteCount: number,
  groups: { pairs: readonly (readonly [number, number])[]; settings: IslSettings }[],
): IslCandidates {
  const total = groups.reduce((n, g) => n + g.pairs.length, 0);
  const c: IslCandidates = {
    count: 0,
    a: new Int32Array(total),
    b: new Int32Array(total),
    maxRangeKm: new Float64Array(total),
    minLosRadiusKm: new Float64Array(total),
    capacityBps: new Float64Array(total),
    reacquisitionMs: new Float64Array(total),
  };
  const used = new Int32Array(satelliteCount);
  for (const g of groups) {
    const st = g.settings;
    for (const [a, b] of g.pairs) {
      if (a >= satelliteCount || b >= satelliteCount)
        throw new InputError(`laser link to a satellite that does not exist (0..${satelliteCount - 1})`, {
          field: "isl.extraLinks",
          value: [a, b],
        });
      if (used[a]! >= st.terminals || used[b]! >= st.terminals) continue;
      used[a]!++;
      used[b]!++;
      const k = c.count++;
      c.a[k] = a;
      c.b[k] = b;
      c.maxRangeKm[k] = st.maxRangeKm;
      c.minLosRadiusKm[k] = GRAZING_EARTH_RADIUS_KM + st.grazingAltitudeKm;
      c.capacityBps[k] = st.capacityBps;
      c.reacquisitionMs[k] = st.reacquisitionMs;
    }
  }
  return c;
}

/**
 * Every laser-link candidate of a constellation: each shell's pattern (+Grid or nearest), then the
 * configured extra links. On a `structure: infer` shell +Grid follows the inferred planes and slots
 * (src/mesh/grid-inferred.ts); the satellites inference left unassigned (raising, deorbiting, drifting
 * between planes, debris) get no +Grid links, only ground links and any extra links
 * (docs/catalog-structure.md says why); the nearest pattern needs no structure at all.
 */
export function islCandidatesOf(c: Constellation, isl: readonly IslSettings[]): IslCandidates {
  const groups: { pairs: [number, number][]; settings: IslSettings }[] = [];
  c.shells.forEach((shell, i) => {
    const st = isl[i]!;
    if (st.terminals === 0) return;
    if (st.pattern === "plus-grid") {
      const structure = shell.structure;
      if (structure?.kind === "unassigned") return;
      const pairs =
        structure?.kind === "inferred"
          ? inferredGridPairs(shell, structure)
          : plusGridPairs(shell, c.satellites, st.interPlaneOffset, i);
      groups.push({ pairs, settings: st });
    } else if (st.pattern === "nearest") {
      const pairs = nearestPairs(shell, c.satellites, st, Date.parse(c.epoch));
      groups.push({ pairs, settings: { ...st, terminals: nearestLinkLimit(st) } });
    }
  });
  c.shells.forEach((_shell, i) => {
    const st = isl[i]!;
    if (st.extraLinks.length > 0) groups.push({ pairs: st.extraLinks, settings: st });
  });
  return packCandidates(c.satellites.length, groups);
}
