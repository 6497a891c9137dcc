/**
 * The model side of the globe: where every satellite is and which links exist at an instant, packed
 * into the binary sample the page draws (layout in protocol.ts), plus routes, geodetic positions and
 * ground passes. Every view mode uses it: model mode for everything, live mode for positions (the
 * run's controller propagates the same model, and the public API does not stream positions; the
 * links there are the run's own, from Controller.WatchTopology).
 *
 * One propagator, one topology builder and one router per view, reused for every request: the
 * server is single-threaded and each call finishes before the next starts.
 */
import { meshSettingsOf } from "../mesh/config.js";
import { Router } from "../mesh/route.js";
import { TopologyBuilder } from "../mesh/topology.js";
import { LinkKind, type TopologySnapshot } from "../mesh/types.js";
import type { Constellation } from "../orbit/constellation.js";
import { ecefToGeodetic, geodeticToEcef } from "../orbit/frames.js";
import { findPasses } from "../orbit/passes.js";
import { ConstellationPropagator } from "../orbit/propagate.js";
import { type EcefKmArray, ecefKm, type Geodetic, type UnixMs } from "../orbit/units.js";
import {
  type ContactRow,
  LINK_GROUND,
  LINK_ISL,
  type RouteInfo,
  SAMPLE_HEADER_BYTES,
  type SatelliteMeta,
  type StationMeta,
} from "./protocol.js";

/**
 * Sample grid step, virtual ms. The page interpolates linearly between samples; over 10 s a LEO
 * satellite (7.6 km/s at 550 km) moves on a chord that departs from its arc by
 * r (1 - cos(v dt / 2r)) = 6,928 km x (1 - cos(76 km / 13,856 km)) = 0.10 km, under a pixel at
 * whole-globe zoom. Links change only at sample instants (the emulator's own step is 100 ms).
 */
export const SAMPLE_STEP_MS = 10_000;

/** How far ahead a clicked node's passes are searched, ms (our choice: a panel's worth of rows). */
export const SATELLITE_PASS_HORIZON_MS = 3 * 3_600_000;
export const STATION_PASS_HORIZON_MS = 3_600_000;
export const MAX_CONTACT_ROWS = 12;

/** Undirected links (a < b) with their kinds (LINK_ISL, LINK_GROUND), `count` of them. */
export interface SampleLinks {
  count: number;
  a: Uint32Array;
  b: Uint32Array;
  kind: Uint8Array;
}

export class ModelGeometry implements Disposable {
  readonly satelliteCount: number;
  readonly stationCount: number;
  private readonly router = new Router();
  private readonly relay: boolean;
  private linkA: Uint32Array;
  private linkB: Uint32Array;
  private linkKind: Uint8Array;

  private constructor(
    readonly constellation: Constellation,
    private readonly propagator: ConstellationPropagator,
    private readonly builder: TopologyBuilder,
  ) {
    const settings = meshSettingsOf(constellation);
    this.relay = settings.routing.relayThroughStations;
    this.satelliteCount = constellation.satellites.length;
    this.stationCount = constellation.groundStations.length;
    // Scratch for one sample's undirected links; grown on demand.
    this.linkA = new Uint32Array(1024);
    this.linkB = new Uint32Array(1024);
    this.linkKind = new Uint8Array(1024);
  }

  static async create(c: Constellation): Promise<ModelGeometry> {
    const propagator = await ConstellationPropagator.create(c.satellites);
    return new ModelGeometry(c, propagator, TopologyBuilder.forConstellation(c, meshSettingsOf(c)));
  }

  satelliteMeta(): SatelliteMeta[] {
    return this.constellation.satellites.map((s) => ({
      name: s.name,
      shell: s.shell,
      plane: s.plane,
      slot: s.slot,
    }));
  }

  stationMeta(): StationMeta[] {
    return this.constellation.groundStations.map((g) => {
      const e = geodeticToEcef({ latDeg: g.latDeg, lonDeg: g.lonDeg, altKm: g.altM / 1000 });
      return { name: g.name, latDeg: g.latDeg, lonDeg: g.lonDeg, altM: g.altM, ecefKm: [e.x, e.y, e.z] };
    });
  }

  private snapshotAt(tUnixMs: UnixMs): { snap: TopologySnapshot; ecef: EcefKmArray } {
    const st = this.propagator.at(tUnixMs);
    return { snap: this.builder.build(tUnixMs, st.ecef), ecef: st.ecef };
  }

  /**
   * The binary sample at tUnixMs (protocol.ts). `up`: per node, 1 up / 0 down (default all up).
   * `runLinks`: the links a running launch has (live mode) instead of the model's at tUnixMs.
   */
  sample(tUnixMs: UnixMs, up?: Uint8Array, runLinks?: SampleLinks): Uint8Array {
    const { snap, ecef } = this.snapshotAt(tUnixMs);
    const n = this.satelliteCount;
    const nodes = snap.nodeCount;
    let links = 0;
    if (runLinks) {
      while (this.linkA.length < runLinks.count) this.grow();
      links = runLinks.count;
      this.linkA.set(runLinks.a.subarray(0, links));
      this.linkB.set(runLinks.b.subarray(0, links));
      this.linkKind.set(runLinks.kind.subarray(0, links));
    }
    // Each undirected link once: the CSR holds both directions, keep u < v.
    else
      for (let u = 0; u < nodes; u++)
        for (let j = snap.rowStart[u]!; j < snap.rowStart[u + 1]!; j++) {
          const v = snap.target[j]!;
          if (v <= u) continue;
          if (links === this.linkA.length) this.grow();
          this.linkA[links] = u;
          this.linkB[links] = v;
          this.linkKind[links] = snap.kind[j] === LinkKind.Isl ? LINK_ISL : LINK_GROUND;
          links++;
        }
    const bytes = SAMPLE_HEADER_BYTES + 12 * n + 9 * links + nodes;
    const buf = new ArrayBuffer(bytes);
    const dv = new DataView(buf);
    dv.setFloat64(0, tUnixMs, true);
    dv.setUint32(8, n, true);
    dv.setUint32(12, links, true);
    new Float32Array(buf, SAMPLE_HEADER_BYTES, 3 * n).set(ecef.subarray(0, 3 * n));
    const ends = new Uint32Array(buf, SAMPLE_HEADER_BYTES + 12 * n, 2 * links);
    for (let i = 0; i < links; i++) {
      ends[2 * i] = this.linkA[i]!;
      ends[2 * i + 1] = this.linkB[i]!;
    }
    new Uint8Array(buf, SAMPLE_HEADER_BYTES + 12 * n + 8 * links, links).set(
      this.linkKind.subarray(0, links),
    );
    const upOut = new Uint8Array(buf, SAMPLE_HEADER_BYTES + 12 * n + 9 * links, nodes);
    if (up) upOut.set(up.subarray(0, nodes));
    else upOut.fill(1);
    return new Uint8Array(buf);
  }

  private grow(): void {
    const k = this.linkA.length * 2;
    const a = new Uint32Array(k);
    const b = new Uint32Array(k);
    const kind = new Uint8Array(k);
    a.set(this.linkA);
    b.set(this.linkB);
    kind.set(this.linkKind);
    this.linkA = a;
    this.linkB = b;
    this.linkKind = kind;
  }

  /** The model's shortest-delay route at tUnixMs (the mesh router, the YAML's relay setting). */
  route(from: number, to: number, tUnixMs: UnixMs): RouteInfo {
    const { snap } = this.snapshotAt(tUnixMs);
    const r = this.router.route(snap, from, to, { relayThroughStations: this.relay });
    if (!r.ok)
      return {
        ok: false,
        reason: `${r.reason}: ${r.detail}`,
        path: [],
        hopDelayMs: [],
        oneWayMs: 0,
        tUnixMs,
      };
    const hopDelayMs: number[] = [];
    for (let i = 0; i + 1 < r.path.length; i++)
      hopDelayMs.push(linkDelayMs(snap, r.path[i]!, r.path[i + 1]!));
    return { ok: true, reason: "", path: r.path, hopDelayMs, oneWayMs: r.delayMs, tUnixMs };
  }

  /** Geodetic position of a satellite (WGS-84) at tUnixMs; null when its SGP4 fails there. */
  satelliteGeodetic(i: number, tUnixMs: UnixMs): Geodetic | null {
    const st = this.propagator.at(tUnixMs);
    if (st.errors[i] !== 0) return null;
    return ecefToGeodetic(ecefKm(st.ecef[3 * i]!, st.ecef[3 * i + 1]!, st.ecef[3 * i + 2]!));
  }

  /** Upcoming passes of satellite i over every station (src/orbit/passes.ts), soonest first. */
  satellitePasses(i: number, fromMs: UnixMs, horizonMs = SATELLITE_PASS_HORIZON_MS): ContactRow[] {
    const c = this.constellation;
    const rows: ContactRow[] = [];
    for (const g of c.groundStations)
      for (const p of findPasses(c.satellites, g, fromMs, fromMs + horizonMs, { satellites: [i] }))
        rows.push({
          peer: g.name,
          startUnixMs: p.aosUnixMs,
          endUnixMs: p.losUnixMs,
          maxElevationDeg: p.maxElevationDeg,
        });
    rows.sort((a, b) => a.startUnixMs - b.startUnixMs);
    return rows.slice(0, MAX_CONTACT_ROWS);
  }

  /** Upcoming passes of every satellite over station g, soonest first. */
  stationPasses(g: number, fromMs: UnixMs, horizonMs = STATION_PASS_HORIZON_MS): ContactRow[] {
    const c = this.constellation;
    const station = c.groundStations[g]!;
    const passes = findPasses(c.satellites, station, fromMs, fromMs + horizonMs, {
      propagator: this.propagator,
    });
    return passes.slice(0, MAX_CONTACT_ROWS).map((p) => ({
      peer: c.satellites[p.satellite]!.name,
      startUnixMs: p.aosUnixMs,
      endUnixMs: p.losUnixMs,
      maxElevationDeg: p.maxElevationDeg,
    }));
  }

  [Symbol.dispose](): void {
    this.propagator.dispose();
  }
}

function linkDelayMs(s: TopologySnapshot, u: number, v: number): number {
  for (let j = s.rowStart[u]!; j < s.rowStart[u + 1]!; j++) if (s.target[j] === v) return s.delayMs[j]!;
  return Number.NaN;
}
