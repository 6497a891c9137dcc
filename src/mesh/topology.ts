/**
 * Topology snapshots built incrementally over a run: one builder per run owns every buffer and the
 * per-link re-acquisition state; each tick it checks the precomputed laser candidates (range and
 * line of sight) and each station's view of the satellites, then fills the CSR arrays in place.
 * A station's view is tested only on the satellites that can be in it (src/mesh/station-view.ts, an
 * exact reuse across ticks); the links found, their order and their values are those of testing
 * every satellite.
 */
import { SPEED_OF_LIGHT_KM_S } from "../orbit/constants.js";
import type { Constellation, GroundStation } from "../orbit/constellation.js";
import { makeObserver } from "../orbit/frames.js";
import { type EcefKmArray, MS_PER_S, RAD_PER_DEG, type UnixMs } from "../orbit/units.js";
import { type GroundLinkSettings, type MeshSettings, stationAntennas, stationCapacityBps } from "./config.js";
import { segmentMinRadiusSq } from "./geometry.js";
import { type IslCandidates, islCandidatesOf } from "./grid.js";
import { StationViewCache } from "./station-view.js";
import { LinkKind, type TopologySnapshot } from "./types.js";

/** A ground station as the builder needs it: position, local vertical and visibility limits. */
export interface StationSite {
  name: string;
  /** ECEF position, km. */
  x: number;
  y: number;
  z: number;
  /** Unit local vertical (ellipsoid normal) in ECEF. */
  upX: number;
  upY: number;
  upZ: number;
  minElevationDeg: number;
  /** Slant-range limit, km (Infinity when none). */
  maxRangeKm: number;
  /** RF capacity of the station's up and down links, bps (its own, else groundLinks.capacityGbps). */
  capacityBps: number;
  /** Satellites the station links to at once (its own, else groundLinks.antennas); Infinity: no limit. */
  antennas: number;
}

/** Stations of a constellation (or a subset, in the given order) as sites. */
export function stationSites(stations: readonly GroundStation[], gsl: GroundLinkSettings): StationSite[] {
  return stations.map((g) => {
    const o = makeObserver({ latDeg: g.latDeg, lonDeg: g.lonDeg, altKm: g.altM / 1000 });
    return {
      name: g.name,
      x: o.ecef.x,
      y: o.ecef.y,
      z: o.ecef.z,
      upX: o.up[0],
      upY: o.up[1],
      upZ: o.up[2],
      minElevationDeg: g.minElevationDeg,
      maxRangeKm: Math.min(g.maxRangeKm ?? Infinity, gsl.maxRangeKm ?? Infinity),
      capacityBps: stationCapacityBps(g, gsl),
      antennas: stationAntennas(g, gsl),
    };
  });
}

/** One-way light delay over a distance, ms. */
export const lightDelayMs = (distanceKm: number): number => (distanceKm / SPEED_OF_LIGHT_KM_S) * MS_PER_S;

export interface TopologyBuilderOptions {
  satelliteCount: number;
  isl: IslCandidates;
  stations: readonly StationSite[];
  groundPolicy: GroundLinkSettings["policy"];
}

/** View entry a is a worse choice than b: lower elevation, or the same elevation and a higher satellite id. */
function worseView(a: number, b: number, sinEl: Float64Array, sat: Int32Array): boolean {
  return sinEl[a]! < sinEl[b]! || (sinEl[a] === sinEl[b] && sat[a]! > sat[b]!);
}

/** Restore the heap below `at` (the worst view entry at the root) over heap[0..n). */
function siftDownWorst(heap: Int32Array, n: number, at: number, sinEl: Float64Array, sat: Int32Array): void {
  const x = heap[at]!;
  for (;;) {
    const l = 2 * at + 1;
    if (l >= n) break;
    const r = l + 1;
    const w = r < n && worseView(heap[r]!, heap[l]!, sinEl, sat) ? r : l;
    if (!worseView(heap[w]!, x, sinEl, sat)) break;
    heap[at] = heap[w]!;
    at = w;
  }
  heap[at] = x;
}

export class TopologyBuilder {
  readonly satelliteCount: number;
  readonly stationCount: number;
  readonly nodeCount: number;
  readonly isl: IslCandidates;
  readonly stations: readonly StationSite[];
  private readonly policy: GroundLinkSettings["policy"];
  private readonly sinMask: Float64Array;
  /** Per candidate: distance this tick, km (NaN when the link is down). */
  private readonly islDistKm: Float64Array;
  /** Per candidate: instant the geometry last became feasible (NaN while infeasible). */
  private readonly feasibleSinceMs: Float64Array;
  private lastTUnixMs = Number.NaN;
  private readonly degree: Int32Array;
  private readonly cursor: Int32Array;
  // Ground links found this tick (growable).
  private gslSat = new Int32Array(256);
  private gslStation = new Int32Array(256);
  private gslDistKm = new Float64Array(256);
  private gslCount = 0;
  // One station's satellites in view this tick, for the antenna choice (growable, reused).
  private viewSat = new Int32Array(64);
  private viewDistKm = new Float64Array(64);
  private viewSinEl = new Float64Array(64);
  /** Heap of positions in the view arrays (the kept satellites, the worst at the root). */
  private keptHeap = new Int32Array(64);
  private readonly snap: TopologySnapshot;
  /** Per station: the satellites that may be in view this tick (a superset, in index order). */
  readonly views: StationViewCache;

  constructor(opts: TopologyBuilderOptions) {
    this.satelliteCount = opts.satelliteCount;
    this.stationCount = opts.stations.length;
    this.nodeCount = this.satelliteCount + this.stationCount;
    this.isl = opts.isl;
    this.stations = opts.stations;
    this.policy = opts.groundPolicy;
    this.sinMask = Float64Array.from(opts.stations, (s) => Math.sin(s.minElevationDeg * RAD_PER_DEG));
    this.views = new StationViewCache(
      opts.stations.map((st, g) => ({
        x: st.x,
        y: st.y,
        z: st.z,
        upX: st.upX,
        upY: st.upY,
        upZ: st.upZ,
        sinMask: this.sinMask[g]!,
        cosMask: Math.cos(st.minElevationDeg * RAD_PER_DEG),
        maxRangeKm: st.maxRangeKm,
      })),
      opts.satelliteCount,
    );
    this.islDistKm = new Float64Array(opts.isl.count);
    this.feasibleSinceMs = new Float64Array(opts.isl.count).fill(Number.NaN);
    this.degree = new Int32Array(this.nodeCount);
    this.cursor = new Int32Array(this.nodeCount);
    const cap = 2 * opts.isl.count + 2 * 4 * this.stationCount + 16;
    this.snap = {
      tUnixMs: Number.NaN,
      satelliteCount: this.satelliteCount,
      stationCount: this.stationCount,
      nodeCount: this.nodeCount,
      linkCount: 0,
      rowStart: new Int32Array(this.nodeCount + 1),
      target: new Int32Array(cap),
      delayMs: new Float64Array(cap),
      distanceKm: new Float64Array(cap),
      capacityBps: new Float64Array(cap),
      kind: new Uint8Array(cap),
    };
  }

  /** A builder for a constellation's satellites and the given stations (default: all of them). */
  static forConstellation(
    c: Constellation,
    settings: MeshSettings,
    stations: readonly GroundStation[] = c.groundStations,
  ): TopologyBuilder {
    return new TopologyBuilder({
      satelliteCount: c.satellites.length,
      isl: islCandidatesOf(c, settings.isl),
      stations: stationSites(stations, settings.groundLinks),
      groundPolicy: settings.groundLinks.policy,
    });
  }

  /** Forget link history (re-acquisition state), e.g. before replaying from an earlier instant. */
  reset(): void {
    this.feasibleSinceMs.fill(Number.NaN);
    this.lastTUnixMs = Number.NaN;
  }

  /**
   * The topology at tUnixMs from the satellites' ECEF positions. The returned snapshot and its arrays
   * are reused by the next call. Links present at a run's first tick count as established; a link
   * that re-forms later carries traffic only after its candidate's re-acquisition time.
   */
  build(tUnixMs: UnixMs, ecef: EcefKmArray): TopologySnapshot {
    if (!(tUnixMs >= this.lastTUnixMs)) {
      // First tick, or time went backwards: no history applies.
      this.feasibleSinceMs.fill(Number.NEGATIVE_INFINITY);
    }
    this.lastTUnixMs = tUnixMs;
    const deg = this.degree;
    deg.fill(0);
    this.checkIsls(tUnixMs, ecef);
    this.findGroundLinks(ecef);
    this.fillPositions(ecef);
    return this.fill(tUnixMs);
  }

  /** The snapshot's node positions: the satellites' this tick, then the stations' (fixed). */
  private fillPositions(ecef: EcefKmArray): void {
    const S = this.satelliteCount;
    let pos = this.snap.nodeEcefKm;
    if (pos === undefined) {
      pos = new Float64Array(3 * this.nodeCount);
      this.stations.forEach((st, g) => {
        pos![3 * (S + g)] = st.x;
        pos![3 * (S + g) + 1] = st.y;
        pos![3 * (S + g) + 2] = st.z;
      });
      this.snap.nodeEcefKm = pos;
    }
    pos.set(ecef.subarray(0, 3 * S));
  }

  private checkIsls(tUnixMs: UnixMs, ecef: EcefKmArray): void {
    const c = this.isl;
    const dist = this.islDistKm;
    const since = this.feasibleSinceMs;
    const deg = this.degree;
    for (let k = 0; k < c.count; k++) {
      const ia = 3 * c.a[k]!;
      const ib = 3 * c.b[k]!;
      const ax = ecef[ia]!;
      const ay = ecef[ia + 1]!;
      const az = ecef[ia + 2]!;
      const bx = ecef[ib]!;
      const by = ecef[ib + 1]!;
      const bz = ecef[ib + 2]!;
      const dx = bx - ax;
      const dy = by - ay;
      const dz = bz - az;
      const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
      const rMin = c.minLosRadiusKm[k]!;
      // NaN (a satellite in SGP4 error) fails both comparisons: the link is down.
      const feasible = d <= c.maxRangeKm[k]! && segmentMinRadiusSq(ax, ay, az, bx, by, bz) > rMin * rMin;
      if (!feasible) {
        since[k] = Number.NaN;
        dist[k] = Number.NaN;
        continue;
      }
      if (Number.isNaN(since[k]!)) since[k] = tUnixMs;
      if (tUnixMs - since[k]! < c.reacquisitionMs[k]!) {
        dist[k] = Number.NaN;
        continue;
      }
      dist[k] = d;
      deg[c.a[k]!]!++;
      deg[c.b[k]!]!++;
    }
  }

  private pushGsl(sat: number, station: number, distKm: number): void {
    if (this.gslCount === this.gslSat.length) {
      const n = this.gslSat.length * 2;
      const s = new Int32Array(n);
      s.set(this.gslSat);
      this.gslSat = s;
      const g = new Int32Array(n);
      g.set(this.gslStation);
      this.gslStation = g;
      const d = new Float64Array(n);
      d.set(this.gslDistKm);
      this.gslDistKm = d;
    }
    const k = this.gslCount++;
    this.gslSat[k] = sat;
    this.gslStation[k] = station;
    this.gslDistKm[k] = distKm;
  }

  private findGroundLinks(ecef: EcefKmArray): void {
    this.gslCount = 0;
    const S = this.satelliteCount;
    const deg = this.degree;
    const nearest = this.policy === "nearest";
    const views = this.views;
    if (this.stationCount > 0) views.update(ecef);
    for (let g = 0; g < this.stationCount; g++) {
      const st = this.stations[g]!;
      // "nearest" links one satellite, which any antenna count (>= 1) allows.
      if (!nearest && st.antennas < Number.POSITIVE_INFINITY) {
        this.findLimitedGroundLinks(g, ecef);
        continue;
      }
      const sinMask = this.sinMask[g]!;
      const maxRange = st.maxRangeKm;
      let best = -1;
      let bestD = Number.POSITIVE_INFINITY;
      const list = views.lists[g]!;
      for (let c = 0, cn = views.counts[g]!; c < cn; c++) {
        const i = list[c]!;
        const k = 3 * i;
        const dx = ecef[k]! - st.x;
        const dy = ecef[k + 1]! - st.y;
        const dz = ecef[k + 2]! - st.z;
        const upDot = dx * st.upX + dy * st.upY + dz * st.upZ;
        // Cheap reject before the square root: below the horizon with a non-negative mask.
        if (!(upDot > 0) && sinMask >= 0) continue;
        const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
        if (!(upDot >= sinMask * d) || !(d <= maxRange)) continue;
        if (nearest) {
          if (d < bestD) {
            bestD = d;
            best = i;
          }
        } else {
          this.pushGsl(i, g, d);
          deg[i]!++;
          deg[S + g]!++;
        }
      }
      if (nearest && best >= 0) {
        this.pushGsl(best, g, bestD);
        deg[best]!++;
        deg[S + g]!++;
      }
    }
  }

  /**
   * Station g's ground links when its antennas are counted (not unlimited): the visible satellites
   * (the same test as findGroundLinks, which inlines it for the unlimited path) go into the view
   * arrays, and if there are more than `antennas` a bounded heap keeps the best ones (highest
   * elevation, then lower id) in O(m log antennas), no sort of the m candidates. Its root, the worst
   * kept, is a threshold: a second pass over the view in index order pushes every satellite at least
   * as good, which are exactly the kept ones (ids are unique, so the order is total), in the order
   * the unlimited path pushes them.
   */
  private findLimitedGroundLinks(g: number, ecef: EcefKmArray): void {
    const st = this.stations[g]!;
    const S = this.satelliteCount;
    const deg = this.degree;
    const sinMask = this.sinMask[g]!;
    const maxRange = st.maxRangeKm;
    const views = this.views;
    const list = views.lists[g]!;
    const cn = views.counts[g]!;
    if (this.viewSat.length < cn) {
      const n = Math.max(cn, 2 * this.viewSat.length);
      this.viewSat = new Int32Array(n);
      this.viewDistKm = new Float64Array(n);
      this.viewSinEl = new Float64Array(n);
    }
    const vSat = this.viewSat;
    const vDist = this.viewDistKm;
    const vSin = this.viewSinEl;
    let m = 0;
    for (let c = 0; c < cn; c++) {
      const i = list[c]!;
      const k = 3 * i;
      const dx = ecef[k]! - st.x;
      const dy = ecef[k + 1]! - st.y;
      const dz = ecef[k + 2]! - st.z;
      const upDot = dx * st.upX + dy * st.upY + dz * st.upZ;
      if (!(upDot > 0) && sinMask >= 0) continue;
      const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
      if (!(upDot >= sinMask * d) || !(d <= maxRange)) continue;
      vSat[m] = i;
      vDist[m] = d;
      // Sine of the elevation above the geodetic horizon: ordering by it is ordering by elevation.
      vSin[m] = upDot / d;
      m++;
    }
    const n = st.antennas;
    if (m > n) {
      if (this.keptHeap.length < n) this.keptHeap = new Int32Array(Math.max(n, 2 * this.keptHeap.length));
      const heap = this.keptHeap;
      for (let j = 0; j < n; j++) heap[j] = j;
      for (let j = (n >> 1) - 1; j >= 0; j--) siftDownWorst(heap, n, j, vSin, vSat);
      for (let j = n; j < m; j++)
        if (worseView(heap[0]!, j, vSin, vSat)) {
          heap[0] = j;
          siftDownWorst(heap, n, 0, vSin, vSat);
        }
      const root = heap[0]!;
      for (let j = 0; j < m; j++) {
        if (worseView(j, root, vSin, vSat)) continue;
        this.pushGsl(vSat[j]!, g, vDist[j]!);
        deg[vSat[j]!]!++;
        deg[S + g]!++;
      }
      return;
    }
    for (let j = 0; j < m; j++) {
      this.pushGsl(vSat[j]!, g, vDist[j]!);
      deg[vSat[j]!]!++;
      deg[S + g]!++;
    }
  }

  private ensureLinkCapacity(n: number): void {
    const s = this.snap;
    if (s.target.length >= n) return;
    const cap = Math.max(n, 2 * s.target.length);
    s.target = new Int32Array(cap);
    s.delayMs = new Float64Array(cap);
    s.distanceKm = new Float64Array(cap);
    s.capacityBps = new Float64Array(cap);
    s.kind = new Uint8Array(cap);
  }

  private fill(tUnixMs: UnixMs): TopologySnapshot {
    const s = this.snap;
    const deg = this.degree;
    const N = this.nodeCount;
    const S = this.satelliteCount;
    let total = 0;
    for (let u = 0; u < N; u++) {
      s.rowStart[u] = total;
      this.cursor[u] = total;
      total += deg[u]!;
    }
    s.rowStart[N] = total;
    this.ensureLinkCapacity(total);
    const { target, delayMs, distanceKm, capacityBps, kind } = s;
    const cur = this.cursor;
    const put = (u: number, v: number, dKm: number, capBps: number, k: number) => {
      const j = cur[u]!++;
      target[j] = v;
      distanceKm[j] = dKm;
      delayMs[j] = (dKm / SPEED_OF_LIGHT_KM_S) * MS_PER_S;
      capacityBps[j] = capBps;
      kind[j] = k;
    };
    const c = this.isl;
    for (let k = 0; k < c.count; k++) {
      const d = this.islDistKm[k]!;
      if (Number.isNaN(d)) continue;
      put(c.a[k]!, c.b[k]!, d, c.capacityBps[k]!, LinkKind.Isl);
      put(c.b[k]!, c.a[k]!, d, c.capacityBps[k]!, LinkKind.Isl);
    }
    for (let k = 0; k < this.gslCount; k++) {
      const sat = this.gslSat[k]!;
      const g = this.gslStation[k]!;
      const d = this.gslDistKm[k]!;
      const cap = this.stations[g]!.capacityBps;
      put(S + g, sat, d, cap, LinkKind.GslUp);
      put(sat, S + g, d, cap, LinkKind.GslDown);
    }
    let minD = Number.POSITIVE_INFINITY;
    let maxD = 0;
    for (let j = 0; j < total; j++) {
      const d = delayMs[j]!;
      if (d < minD) minD = d;
      if (d > maxD) maxD = d;
    }
    s.minDelayMs = minD;
    s.maxDelayMs = maxD;
    s.linkCount = total;
    s.tUnixMs = tUnixMs;
    return s;
  }
}
