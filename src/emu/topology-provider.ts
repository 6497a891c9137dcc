/**
 * The one seam between the live emulator and the mesh layer: where snapshots, routes and the fiber
 * baseline come from. The default implementation runs SGP4 (src/orbit/propagate.ts) into the mesh
 * builder (src/mesh/topology.ts), the mesh router and the fiber model; tests use hand-built snapshots.
 */

import { type MeshSettings, meshSettingsOf } from "../mesh/config.js";
import { fiberRttMs, geodesicKm } from "../mesh/fiber.js";
import { Router } from "../mesh/route.js";
import { TopologyBuilder } from "../mesh/topology.js";
import type { RouteResult, TopologySnapshot } from "../mesh/types.js";
import type { Constellation } from "../orbit/constellation.js";
import { ConstellationPropagator } from "../orbit/propagate.js";

export interface TopologyProvider {
  readonly satelliteCount: number;
  readonly stationCount: number;
  /** Names of nodes 0..S+G-1 (satellites then stations). */
  readonly nodeNames: readonly string[];
  /** Topology at an instant. The snapshot may be reused by the next call: copy what must outlive it. */
  snapshotAt(tUnixMs: number): TopologySnapshot;
  /** The model's shortest-delay route (the emulator's own next hops are checked against it). */
  route(snapshot: TopologySnapshot, from: number, to: number): RouteResult;
  /** One-way delay of the terrestrial fiber between two stations (station indices 0..G-1), ms. */
  fiberOneWayMs(stationA: number, stationB: number): number;
  /** A second, independent provider for look-ahead (contact plans) that must not disturb this one. */
  fork?(): Promise<TopologyProvider>;
  dispose?(): void;
}

/** The default provider: SGP4 -> mesh builder -> router; fiber from the WGS-84 geodesic. */
export class MeshTopologyProvider implements TopologyProvider {
  readonly satelliteCount: number;
  readonly stationCount: number;
  readonly nodeNames: readonly string[];
  private readonly router = new Router();
  private readonly settings: MeshSettings;

  private constructor(
    private readonly constellation: Constellation,
    private readonly propagator: ConstellationPropagator,
    private readonly builder: TopologyBuilder,
  ) {
    this.settings = meshSettingsOf(constellation);
    this.satelliteCount = constellation.satellites.length;
    this.stationCount = constellation.groundStations.length;
    this.nodeNames = [
      ...constellation.satellites.map((s) => s.name),
      ...constellation.groundStations.map((g) => g.name),
    ];
  }

  static async create(c: Constellation): Promise<MeshTopologyProvider> {
    const propagator = await ConstellationPropagator.create(c.satellites);
    const builder = TopologyBuilder.forConstellation(c, meshSettingsOf(c));
    return new MeshTopologyProvider(c, propagator, builder);
  }

  snapshotAt(tUnixMs: number): TopologySnapshot {
    const st = this.propagator.at(tUnixMs);
    return this.builder.build(tUnixMs, st.ecef);
  }

  route(snapshot: TopologySnapshot, from: number, to: number): RouteResult {
    return this.router.route(snapshot, from, to, {
      relayThroughStations: this.settings.routing.relayThroughStations,
    });
  }

  fiberOneWayMs(stationA: number, stationB: number): number {
    const a = this.constellation.groundStations[stationA];
    const b = this.constellation.groundStations[stationB];
    if (!a || !b) throw new RangeError(`no station ${a ? stationB : stationA}`);
    const km = geodesicKm(a.latDeg, a.lonDeg, b.latDeg, b.lonDeg);
    return fiberRttMs(km, this.settings.fiber.realisticStretch, this.settings.fiber.groupIndex) / 2;
  }

  fork(): Promise<TopologyProvider> {
    return MeshTopologyProvider.create(this.constellation);
  }

  dispose(): void {
    this.propagator[Symbol.dispose]?.();
  }
}

/**
 * A fixed, hand-built topology (tests, examples): the same snapshot at every instant, routed with
 * the mesh router; fiber delays from a table.
 */
export class StaticTopologyProvider implements TopologyProvider {
  readonly satelliteCount: number;
  readonly stationCount: number;
  private readonly router = new Router();

  constructor(
    private snapshot: TopologySnapshot,
    readonly nodeNames: readonly string[],
    private readonly fiberMs: (a: number, b: number) => number = () => Number.NaN,
  ) {
    this.satelliteCount = snapshot.satelliteCount;
    this.stationCount = snapshot.stationCount;
  }

  /** Replace the topology (e.g. cut a link) from the next step on. */
  setSnapshot(s: TopologySnapshot): void {
    this.snapshot = s;
  }

  snapshotAt(tUnixMs: number): TopologySnapshot {
    this.snapshot.tUnixMs = tUnixMs;
    return this.snapshot;
  }

  route(snapshot: TopologySnapshot, from: number, to: number): RouteResult {
    return this.router.route(snapshot, from, to);
  }

  fiberOneWayMs(a: number, b: number): number {
    return this.fiberMs(a, b);
  }

  async fork(): Promise<TopologyProvider> {
    return this;
  }
}

export interface HandLink {
  from: number;
  to: number;
  delayMs: number;
  capacityBps: number;
  kind?: number;
}

/** Build a snapshot from a list of directed links (tests and examples). */
export function snapshotFromLinks(
  satelliteCount: number,
  stationCount: number,
  links: readonly HandLink[],
): TopologySnapshot {
  const n = satelliteCount + stationCount;
  const sorted = [...links].sort((a, b) => a.from - b.from || a.to - b.to);
  const rowStart = new Int32Array(n + 1);
  for (const l of sorted) rowStart[l.from + 1]!++;
  for (let i = 0; i < n; i++) rowStart[i + 1]! += rowStart[i]!;
  return {
    tUnixMs: 0,
    satelliteCount,
    stationCount,
    nodeCount: n,
    linkCount: sorted.length,
    rowStart,
    target: Int32Array.from(sorted, (l) => l.to),
    delayMs: Float64Array.from(sorted, (l) => l.delayMs),
    distanceKm: Float64Array.from(sorted, (l) => (l.delayMs * 299_792.458) / 1000),
    capacityBps: Float64Array.from(sorted, (l) => l.capacityBps),
    kind: Uint8Array.from(
      sorted,
      (l) => l.kind ?? (l.from >= satelliteCount ? 1 : l.to >= satelliteCount ? 2 : 0),
    ),
  };
}
