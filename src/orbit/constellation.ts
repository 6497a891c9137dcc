/**
 * The orbit layer's view of a constellation: satellites (element sets), their shells, and the ground
 * segment. Built by the catalog loader (src/config/) from constellations/*.yaml, or by the Hypatia
 * reader; consumed by propagation, passes, the mesh and everything above.
 *
 * Per-layer settings that live in the same YAML (laser links, ground links, sensors, engines, power)
 * are carried as opaque-to-orbit records keyed by shell or station, typed by the layer that owns them.
 */
import type { SatelliteElements } from "./elements.js";
import type { ShellStructure } from "./structure-shells.js";

export interface WalkerParams {
  /** Mean altitude above the WGS-72 equatorial radius, km (see src/orbit/walker.ts for the conversion). */
  altitudeKm: number;
  inclinationDeg: number;
  planes: number;
  satsPerPlane: number;
  /** Walker phasing factor F, 0 <= F < planes. */
  phasing: number;
  /** Spread of ascending nodes: 360 for a Walker delta, 180 for a Walker star (polar) pattern. */
  raanSpreadDeg: number;
  eccentricity: number;
  /** Argument of perigee, deg (irrelevant for circular shells). */
  argOfPerigeeDeg: number;
  /** RAAN of plane 0, deg. */
  raanOffsetDeg: number;
  /** Epoch of the generated elements, ISO 8601 UTC. */
  epoch: string;
}

export interface ShellInfo {
  name: string;
  /** Index of the first satellite of this shell in the constellation's satellite list. */
  firstIndex: number;
  count: number;
  /** Present for generated (Walker) shells. */
  walker?: WalkerParams;
  /** Present for shells read from element files: the file path as written in the YAML. */
  elementsFile?: string;
  /** Present for shells made by `structure: infer` (src/orbit/structure-shells.ts). */
  structure?: ShellStructure;
  /** Raw per-layer settings of this shell from the YAML (e.g. `isl` for issue B, `eo` for issue D). */
  settings: Record<string, unknown>;
}

export interface GroundStation {
  /** Index among the constellation's ground stations, 0..G-1. */
  index: number;
  name: string;
  latDeg: number;
  lonDeg: number;
  altM: number;
  /** Elevation mask, deg: a satellite below it is not in view. */
  minElevationDeg: number;
  /** Optional slant-range limit instead of / besides the mask (Hypatia-style configs), km. */
  maxRangeKm?: number;
  /**
   * RF capacity of this station's ground links, Gbps, each direction. When absent the mesh's
   * constellation-wide `groundLinks.capacityGbps` applies (src/mesh/config.ts owns the default).
   */
  capacityGbps?: number;
  /**
   * Antennas of this station (satellites it links to at once), an integer >= 1. When absent the
   * mesh's constellation-wide `groundLinks.antennas` applies (src/mesh/config.ts owns the default).
   */
  antennas?: number;
}

export interface Constellation {
  name: string;
  description?: string;
  /** The file this was read from (for error messages and reports), if any. */
  sourceFile?: string;
  /** Default start time of runs on this constellation, ISO 8601 UTC (the catalog epoch). */
  epoch: string;
  shells: ShellInfo[];
  satellites: SatelliteElements[];
  groundStations: GroundStation[];
  /**
   * Raw per-layer settings from the YAML, validated by the layer's own schema in src/config/:
   * `mesh` (laser and ground links, issue B), `eo` (sensors, engines, power; issue D).
   */
  settings: Record<string, unknown>;
}

/** Find a ground station by name (case-insensitive); undefined when absent. */
export function findStation(c: Constellation, name: string): GroundStation | undefined {
  const key = name.trim().toLowerCase();
  return c.groundStations.find((g) => g.name.toLowerCase() === key);
}
