/**
 * What `constellate catalog` prints: per shell its satellites, planes, satellites per plane,
 * inclination and altitude; the satellites that fit no plane with the reason; the catalog warnings.
 * Element-set shells without `structure: infer` are inferred here too (the command shows what
 * inference would find), without changing the constellation.
 */
import { type CatalogWarning, type CatalogWindow, catalogWarnings } from "../orbit/catalog-warnings.js";
import type { Constellation, ShellInfo } from "../orbit/constellation.js";
import type { SatelliteElements } from "../orbit/elements.js";
import { inferStructure } from "../orbit/structure.js";
import { shellsFromStructure } from "../orbit/structure-shells.js";
import { DEG_PER_RAD } from "../orbit/units.js";
import { meanAltitudeKm } from "../orbit/walker.js";

export interface CatalogShellRow {
  name: string;
  satellites: number;
  planes: number;
  perPlane: { min: number; median: number; max: number };
  inclinationDeg: number;
  /** Mean altitude over one orbit, |r| - 6378.135 km (as `info` and the Walker generator define it), km. */
  altitudeKm: number;
}

export interface CatalogReport {
  shells: CatalogShellRow[];
  unassigned: { satellite: string; reason: string }[];
  warnings: CatalogWarning[];
}

/** Members sampled for a shell's altitude: propagating one orbit each keeps this to ~100 ms. */
const ALTITUDE_SAMPLES = 16;

const round3 = (x: number) => Math.round(x * 1000) / 1000;

function median(xs: readonly number[]): number {
  const v = [...xs].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length === 0 ? Number.NaN : v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
}

/** Median over evenly spread members of the mean altitude of one orbit (src/orbit/walker.ts). */
function shellAltitudeKm(members: readonly SatelliteElements[]): number {
  const stride = Math.max(1, Math.floor(members.length / ALTITUDE_SAMPLES));
  const alts: number[] = [];
  for (let i = 0; i < members.length; i += stride) alts.push(meanAltitudeKm(members[i]!.satrec, 360));
  return median(alts);
}

function row(
  name: string,
  members: readonly SatelliteElements[],
  planeSizes: readonly number[],
  altKm: number,
) {
  const sorted = [...planeSizes].sort((a, b) => a - b);
  return {
    name,
    satellites: members.length,
    planes: planeSizes.length,
    perPlane: {
      min: sorted[0] ?? 0,
      median: median(sorted),
      max: sorted[sorted.length - 1] ?? 0,
    },
    inclinationDeg: round3(median(members.map((s) => s.satrec.inclo * DEG_PER_RAD))),
    altitudeKm: round3(altKm),
  };
}

function report(
  shell: ShellInfo,
  members: readonly SatelliteElements[],
  out: Pick<CatalogReport, "shells" | "unassigned">,
): void {
  const st = shell.structure;
  if (st?.kind === "unassigned") {
    members.forEach((s, k) => {
      out.unassigned.push({ satellite: s.name, reason: st.reasons[k]! });
    });
    return;
  }
  if (st?.kind === "inferred") {
    const sizes = Array.from(
      { length: st.planeStart.length - 1 },
      (_, p) => st.planeStart[p + 1]! - st.planeStart[p]!,
    );
    out.shells.push(row(shell.name, members, sizes, shellAltitudeKm(members)));
    return;
  }
  if (shell.walker) {
    const w = shell.walker;
    out.shells.push(row(shell.name, members, new Array<number>(w.planes).fill(w.satsPerPlane), w.altitudeKm));
    return;
  }
  if (members.length > 0 && members.every((s) => s.plane >= 0)) {
    // Planes given by the reader (Hypatia's numbering).
    const count = new Map<number, number>();
    for (const s of members) count.set(s.plane, (count.get(s.plane) ?? 0) + 1);
    out.shells.push(row(shell.name, members, [...count.values()], shellAltitudeKm(members)));
    return;
  }
  // Element sets without structure: show what `structure: infer` would find.
  const parts = shellsFromStructure(members, inferStructure(members), {
    name: shell.name,
    firstIndex: 0,
    settings: shell.settings,
  });
  for (const sh of parts.shells)
    report(sh, parts.satellites.slice(sh.firstIndex, sh.firstIndex + sh.count), out);
}

export function catalogReport(c: Constellation, window: CatalogWindow): CatalogReport {
  const out: CatalogReport = { shells: [], unassigned: [], warnings: catalogWarnings(c.satellites, window) };
  for (const sh of c.shells) report(sh, c.satellites.slice(sh.firstIndex, sh.firstIndex + sh.count), out);
  return out;
}
