/**
 * Structure from a catalog (issue 11): group real element sets into shells (inclination and
 * altitude), planes (right ascension of the ascending node) and slots (argument of latitude), so a
 * real constellation gets the +Grid laser mesh its operator flies. Pure functions over typed arrays;
 * works on SatelliteElements from any reader (TLE, OMM JSON/XML/KVN/CSV, Hypatia).
 *
 * Steps, each with its tolerance (STRUCTURE_TOLERANCES; docs/catalog-structure.md says why):
 * 1. Operators apart: names marking debris or rocket bodies (" DEB", "R/B") are set aside, the rest
 *    grouped by name prefix (the leading letters: STARLINK-1007 -> STARLINK, ONEWEB-0012 -> ONEWEB),
 *    so shells of different operators in one file never merge even at the same orbit.
 * 2. Shells: mode-seeking clusters (src/orbit/clustering.ts) of inclination, then of altitude within
 *    each inclination. Altitude is SGP4's mean semi-major axis minus 6378.135 km (fast, from the
 *    element set alone; the propagated mean altitude of `info` is ~0-5 km above it).
 * 3. Planes: clusters of RAAN, every RAAN first brought to one reference epoch with its secular J2
 *    rate (src/orbit/secular-j2.ts), since element sets of one catalog have different epochs and a
 *    53 deg, 550 km node moves ~4.5 deg per day. A group whose RAAN lies off the shell's regular plane
 *    lattice (fitLattice) is drifting between planes, not a plane.
 * 4. Slots: the members of a plane in order of argument of latitude at the reference epoch.
 * Satellites that fit no step are returned as unassigned, each with a reason.
 */
import { type Cluster, circularDiff, fitLattice, modeClusters } from "./clustering.js";
import { WGS72_RADIUS_KM } from "./constants.js";
import type { SatelliteElements } from "./elements.js";
import { nodeAndArgLatAt } from "./secular-j2.js";
import { DEG_PER_RAD, type UnixMs } from "./units.js";

export interface StructureTolerances {
  /**
   * Half-width of a shell in inclination, deg. The 2023 Starlink catalog's shell members lie within
   * 0.005 deg of their shell's median; its two closest distinct shells (53.05 and 53.22 deg) are
   * 0.17 deg apart.
   */
  inclinationDeg: number;
  /**
   * Half-width of a shell in altitude, km. 95% of the 2023 catalog's shell members lie within
   * 0.12 km of their shell's median mean semi-major axis; groups 5 km off are drifting to other
   * planes or slots by design (differential J2 precession, along-track drift), not +Grid members.
   */
  altitudeKm: number;
  /**
   * Half-width of a plane in RAAN at the reference epoch, deg. After the J2 correction 95% of the
   * 2023 catalog's plane members lie within 0.13 deg (53.05 deg shell) to 0.41 deg (the young 43 deg
   * shell, whose planes are still spreading) of their plane; adjacent planes are >= 5 deg apart.
   */
  raanDeg: number;
  /** A shell (an inclination or altitude cluster) needs at least this many satellites. */
  minShellMembers: number;
  /** A plane needs at least this many satellites. */
  minPlaneMembers: number;
  /** A shell needs at least this many planes (a single launch batch raising its orbit has 1-2). */
  minShellPlanes: number;
  /** Least mean resultant length for the planes to count as a regular lattice (see fitLattice). */
  latticeMinFit: number;
  /**
   * A shell's planes must fill at least 1/latticeMaxRatio of their lattice: a fine lattice fits a
   * few arbitrary angles by chance, so it would not show that the planes are regular.
   */
  latticeMaxRatio: number;
}

/** Defaults, stated and tested (test/orbit-structure.test.ts); docs/catalog-structure.md. */
export const STRUCTURE_TOLERANCES: Readonly<StructureTolerances> = Object.freeze({
  inclinationDeg: 0.05,
  altitudeKm: 2.5,
  raanDeg: 0.5,
  minShellMembers: 10,
  minPlaneMembers: 3,
  minShellPlanes: 3,
  latticeMinFit: 0.9,
  latticeMaxRatio: 4,
});

export interface InferredPlane {
  /** Median RAAN of the plane at the reference epoch, deg in [0, 360). */
  raanDeg: number;
  /** Positions in the input array of the plane's satellites, in slot order. */
  members: number[];
  /** Argument of latitude of each member at the reference epoch, deg, ascending. */
  argLatDeg: number[];
}

export interface InferredShell {
  /** Name prefix of the shell's satellites (the operator), e.g. STARLINK. */
  operator: string;
  /** Median inclination, deg. */
  inclinationDeg: number;
  /** Median SGP4 mean semi-major axis minus 6378.135 km, km. */
  altitudeKm: number;
  /** Planes in RAAN order. */
  planes: InferredPlane[];
  /** Planes of the regular lattice the found planes sit on (a full shell's plane count), if any. */
  latticePlanes: number | null;
}

export type UnassignedKind =
  | "invalid"
  | "debris"
  | "inclination"
  | "altitude"
  | "plane"
  | "between-planes"
  | "few-planes"
  | "irregular-planes";

export interface UnassignedSatellite {
  /** Position in the input array. */
  position: number;
  kind: UnassignedKind;
  /** One line for a person: the value and the tolerance it missed. */
  reason: string;
}

export interface CatalogStructure {
  referenceEpochUnixMs: UnixMs;
  tolerances: StructureTolerances;
  /** By operator, inclination, altitude. */
  shells: InferredShell[];
  /** In input order. */
  unassigned: UnassignedSatellite[];
}

/** Leading letters of a name, upper case: the operator key of step 1. */
export function operatorOf(name: string): string {
  return /^[A-Za-z]+/.exec(name.trim())?.[0]?.toUpperCase() ?? "";
}

const DEBRIS_NAME = /\bDEB\b|\bR\/B\b|\bDEBRIS\b/i;

/** Median of a numeric list (sorts a copy). */
function median(xs: ArrayLike<number>): number {
  const v = Array.from(xs).sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
}

const f = (x: number, d = 2) => x.toFixed(d);

/** Median epoch of the element sets: robust to the few stale ones a real catalog carries. */
export function medianEpochUnixMs(sats: readonly SatelliteElements[]): UnixMs {
  return median(sats.map((s) => s.epochUnixMs));
}

/**
 * Infer shells, planes and slots of `sats` (see the file comment). `referenceEpochUnixMs` defaults
 * to the median epoch of the element sets.
 */
export function inferStructure(
  sats: readonly SatelliteElements[],
  opts: { tolerances?: Partial<StructureTolerances>; referenceEpochUnixMs?: UnixMs } = {},
): CatalogStructure {
  const tol: StructureTolerances = { ...STRUCTURE_TOLERANCES, ...opts.tolerances };
  const n = sats.length;
  const refMs = opts.referenceEpochUnixMs ?? (n > 0 ? medianEpochUnixMs(sats) : 0);
  const incDeg = new Float64Array(n);
  const altKm = new Float64Array(n);
  const raanDeg = new Float64Array(n);
  const argLatDeg = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = sats[i]!;
    incDeg[i] = s.satrec.inclo * DEG_PER_RAD;
    altKm[i] = s.satrec.a * WGS72_RADIUS_KM - WGS72_RADIUS_KM;
    const at = nodeAndArgLatAt(s.satrec, s.epochUnixMs, refMs);
    raanDeg[i] = at.raanDeg;
    argLatDeg[i] = at.argLatDeg;
  }

  const unassigned: UnassignedSatellite[] = [];
  const shells: InferredShell[] = [];
  const byOperator = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const name = sats[i]!.name;
    if (!Number.isFinite(incDeg[i]! + altKm[i]! + raanDeg[i]! + argLatDeg[i]!)) {
      unassigned.push({
        position: i,
        kind: "invalid",
        reason: "elements give no finite orbit (mean motion?)",
      });
      continue;
    }
    if (DEBRIS_NAME.test(name)) {
      unassigned.push({ position: i, kind: "debris", reason: "debris or rocket body (by its name)" });
      continue;
    }
    const op = operatorOf(name);
    const list = byOperator.get(op) ?? [];
    list.push(i);
    byOperator.set(op, list);
  }
  const pick = (ids: readonly number[], c: Cluster | number[]) =>
    (Array.isArray(c) ? c : c.members).map((k) => ids[k]!);

  for (const [operator, opIds] of byOperator) {
    const who = operator || "unnamed";
    const incs = modeClusters(incDeg, opIds, tol.inclinationDeg, tol.minShellMembers);
    for (const i of pick(opIds, incs.rest))
      unassigned.push({
        position: i,
        kind: "inclination",
        reason: `inclination ${f(incDeg[i]!)} deg: fewer than ${tol.minShellMembers} ${who} satellites within +-${tol.inclinationDeg} deg`,
      });
    for (const ic of incs.clusters) {
      const incIds = pick(opIds, ic);
      const alts = modeClusters(altKm, incIds, tol.altitudeKm, tol.minShellMembers);
      const centres = alts.clusters.map((c) => c.centre);
      for (const i of pick(incIds, alts.rest)) {
        const h = altKm[i]!;
        let near = Number.NaN;
        for (const c of centres) if (!(Math.abs(c - h) >= Math.abs(near - h))) near = c;
        unassigned.push({
          position: i,
          kind: "altitude",
          reason: Number.isNaN(near)
            ? `altitude ${f(h, 1)} km: no shell of ${tol.minShellMembers}+ satellites within +-${tol.altitudeKm} km at ${f(ic.centre)} deg`
            : `altitude ${f(h, 1)} km is ${f(Math.abs(h - near), 1)} km ${h < near ? "below" : "above"} the ${f(near, 1)} km shell at ${f(ic.centre)} deg (orbit raising, lowering or deorbiting)`,
        });
      }
      for (const ac of alts.clusters) {
        const shellIds = pick(incIds, ac);
        const shell = planesOf(shellIds, raanDeg, argLatDeg, tol, unassigned);
        const inc = median(shellIds.map((i) => incDeg[i]!));
        const few = shell.planes.length < tol.minShellPlanes;
        if (few || shell.latticePlanes === null) {
          const count = shell.planes.reduce((k, p) => k + p.members.length, 0);
          const where = `altitude ${f(ac.centre, 1)} km at ${f(inc)} deg: ${count} satellites in ${shell.planes.length} plane(s)`;
          for (const p of shell.planes)
            for (const i of p.members)
              unassigned.push(
                few
                  ? {
                      position: i,
                      kind: "few-planes",
                      reason: `${where}, fewer than ${tol.minShellPlanes} (a launch batch raising its orbit?)`,
                    }
                  : {
                      position: i,
                      kind: "irregular-planes",
                      reason: `${where} not on a regular RAAN lattice (batches parked or drifting to their planes?)`,
                    },
              );
          continue;
        }
        shells.push({
          operator,
          inclinationDeg: inc,
          altitudeKm: median(shellIds.map((i) => altKm[i]!)),
          planes: shell.planes,
          latticePlanes: shell.latticePlanes,
        });
      }
    }
  }
  shells.sort((a, b) =>
    a.operator !== b.operator
      ? a.operator < b.operator
        ? -1
        : 1
      : a.inclinationDeg - b.inclinationDeg || a.altitudeKm - b.altitudeKm,
  );
  unassigned.sort((a, b) => a.position - b.position);
  return { referenceEpochUnixMs: refMs, tolerances: tol, shells, unassigned };
}

/** Step 3 and 4 for one shell's satellites: planes (lattice-checked) and slots. */
function planesOf(
  ids: readonly number[],
  raanDeg: Float64Array,
  argLatDeg: Float64Array,
  tol: StructureTolerances,
  unassigned: UnassignedSatellite[],
): { planes: InferredPlane[]; latticePlanes: number | null } {
  const found = modeClusters(raanDeg, ids, tol.raanDeg, tol.minPlaneMembers, 360);
  for (const k of found.rest) {
    const i = ids[k]!;
    unassigned.push({
      position: i,
      kind: "plane",
      reason: `RAAN ${f(raanDeg[i]!)} deg: within +-${tol.raanDeg} deg of no plane of ${tol.minPlaneMembers}+ satellites`,
    });
  }
  let clusters = found.clusters;
  let latticePlanes: number | null = null;
  if (clusters.length >= tol.minShellPlanes) {
    // Planes closer than two tolerances cannot be told apart, so the lattice is at most that fine.
    const maxCount = Math.min(
      Math.floor(360 / (4 * tol.raanDeg)),
      Math.floor(tol.latticeMaxRatio * clusters.length),
    );
    const lat = fitLattice(
      clusters.map((c) => c.centre),
      clusters.map((c) => c.members.length),
      maxCount,
      tol.latticeMinFit,
    );
    if (lat) {
      latticePlanes = lat.count;
      const spacing = 360 / lat.count;
      const on: Cluster[] = [];
      for (const c of clusters) {
        const off = circularDiff(
          c.centre - lat.phaseDeg,
          Math.round((c.centre - lat.phaseDeg) / spacing) * spacing,
          360,
        );
        if (Math.abs(off) <= tol.raanDeg) on.push(c);
        else
          for (const k of c.members)
            unassigned.push({
              position: ids[k]!,
              kind: "between-planes",
              reason: `RAAN ${f(raanDeg[ids[k]!]!)} deg: a group of ${c.members.length} ${f(Math.abs(off))} deg off the shell's plane lattice (360/${lat.count} deg), drifting to another plane`,
            });
      }
      clusters = on;
    }
  }
  const planes = clusters
    .map((c) => {
      const members = c.members.map((k) => ids[k]!).sort((a, b) => argLatDeg[a]! - argLatDeg[b]!);
      return { raanDeg: c.centre, members, argLatDeg: members.map((i) => argLatDeg[i]!) };
    })
    .sort((a, b) => a.raanDeg - b.raanDeg);
  return { planes, latticePlanes };
}
