/**
 * An element-set shell with `structure: infer` becomes the shells inference found (src/orbit/
 * structure.ts), plus one shell holding the satellites that fit none. Satellites are re-ordered
 * plane-major in slot order (so a plane's satellites are neighbours in every per-satellite array)
 * and re-indexed; names and NORAD ids stay, so `--sat NAME` still finds them.
 */
import { WGS72_RADIUS_KM } from "./constants.js";
import type { ShellInfo } from "./constellation.js";
import type { SatelliteElements } from "./elements.js";
import type { CatalogStructure, UnassignedKind } from "./structure.js";
import type { UnixMs } from "./units.js";
import { meanAltitudeKm } from "./walker.js";

/** What an inferred shell carries for the mesh (+Grid by slot order and argument of latitude). */
export interface InferredShellStructure {
  kind: "inferred";
  /** Name of the YAML shell it was inferred from. */
  from: string;
  operator: string;
  referenceEpochUnixMs: UnixMs;
  inclinationDeg: number;
  /** SGP4 mean semi-major axis minus 6378.135 km, median over the shell, km. */
  altitudeKm: number;
  /**
   * Mean altitude over one orbit, |r| - 6378.135 km (the Walker generator's and `info`'s altitude),
   * of the member whose semi-major axis is the shell's median, km. Names the shell.
   */
  meanAltitudeKm: number;
  /** Planes of the regular RAAN lattice (a full shell's plane count). */
  latticePlanes: number | null;
  /** Offset in the shell of plane p's first satellite; planeStart[planes] = count. */
  planeStart: Int32Array;
  /** RAAN of each plane at the reference epoch, deg. */
  raanDeg: Float64Array;
  /** Argument of latitude of each satellite (by offset in the shell) at the reference epoch, deg. */
  argLatDeg: Float64Array;
}

/** The satellites of a YAML shell that fit no inferred plane, each with its reason. */
export interface UnassignedShellStructure {
  kind: "unassigned";
  from: string;
  /** By offset in the shell. */
  kinds: UnassignedKind[];
  reasons: string[];
}

export type ShellStructure = InferredShellStructure | UnassignedShellStructure;

export interface InferredShellsBase {
  name: string;
  firstIndex: number;
  elementsFile?: string;
  settings: Record<string, unknown>;
}

const altOf = (s: SatelliteElements) => (s.satrec.a - 1) * WGS72_RADIUS_KM;

/** Name of the shell holding a YAML shell's unassigned satellites. */
export const unassignedShellName = (from: string): string => `${from}-unassigned`;

/**
 * Shells and re-indexed satellites of one YAML shell whose element sets `sats` were inferred as `st`
 * (positions in `st` index `sats`). Settings (isl, eo) are the YAML shell's, shared by every part.
 */
export function shellsFromStructure(
  sats: readonly SatelliteElements[],
  st: CatalogStructure,
  base: InferredShellsBase,
): { shells: ShellInfo[]; satellites: SatelliteElements[] } {
  const shells: ShellInfo[] = [];
  const out: SatelliteElements[] = [];
  const operators = new Set(st.shells.map((s) => s.operator));
  const used = new Set<string>();
  const info = (name: string, count: number): ShellInfo => {
    const sh: ShellInfo = { name, firstIndex: base.firstIndex + out.length, count, settings: base.settings };
    if (base.elementsFile !== undefined) sh.elementsFile = base.elementsFile;
    return sh;
  };
  for (const shell of st.shells) {
    const op = operators.size > 1 ? `-${shell.operator.toLowerCase() || "unnamed"}` : "";
    // The member nearest the shell's median semi-major axis stands for its altitude.
    let typical = shell.planes[0]!.members[0]!;
    for (const p of shell.planes)
      for (const pos of p.members)
        if (
          Math.abs(altOf(sats[pos]!) - shell.altitudeKm) < Math.abs(altOf(sats[typical]!) - shell.altitudeKm)
        )
          typical = pos;
    const meanAltKm = meanAltitudeKm(sats[typical]!.satrec);
    let name = `${base.name}${op}-${shell.inclinationDeg.toFixed(2)}deg-${Math.round(meanAltKm)}km`;
    for (let k = 2; used.has(name); k++) name = `${name.replace(/-\d+$/, "")}-${k}`;
    used.add(name);
    const count = shell.planes.reduce((n, p) => n + p.members.length, 0);
    const sh = info(name, count);
    const planeStart = new Int32Array(shell.planes.length + 1);
    const argLatDeg = new Float64Array(count);
    let offset = 0;
    shell.planes.forEach((plane, p) => {
      planeStart[p] = offset;
      plane.members.forEach((pos, slot) => {
        argLatDeg[offset] = plane.argLatDeg[slot]!;
        out.push({ ...sats[pos]!, index: base.firstIndex + out.length, shell: name, plane: p, slot });
        offset++;
      });
    });
    planeStart[shell.planes.length] = offset;
    sh.structure = {
      kind: "inferred",
      from: base.name,
      operator: shell.operator,
      referenceEpochUnixMs: st.referenceEpochUnixMs,
      inclinationDeg: shell.inclinationDeg,
      altitudeKm: shell.altitudeKm,
      meanAltitudeKm: meanAltKm,
      latticePlanes: shell.latticePlanes,
      planeStart,
      raanDeg: Float64Array.from(shell.planes, (p) => p.raanDeg),
      argLatDeg,
    };
    shells.push(sh);
  }
  if (st.unassigned.length > 0) {
    const sh = info(unassignedShellName(base.name), st.unassigned.length);
    sh.structure = {
      kind: "unassigned",
      from: base.name,
      kinds: st.unassigned.map((u) => u.kind),
      reasons: st.unassigned.map((u) => u.reason),
    };
    for (const u of st.unassigned)
      out.push({
        ...sats[u.position]!,
        index: base.firstIndex + out.length,
        shell: sh.name,
        plane: -1,
        slot: -1,
      });
    shells.push(sh);
  }
  return { shells, satellites: out };
}
