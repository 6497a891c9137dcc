/**
 * A synthetic "real" catalog: Walker shells whose element sets carry noise in RAAN and mean anomaly
 * and different epochs, shuffled, with plane and slot unknown (as from a file), and the generating
 * labels kept aside. Structure inference must recover those labels (test/orbit-structure.test.ts);
 * bench/structure.ts times it at 10,000+ satellites.
 *
 * Epochs are moved with SGP4's own secular rates (satellite.js sgp4init's `nodedot`, `argpdot`,
 * `mdot`, which include J2^2 and J4 terms), not with src/orbit/secular-j2.ts, so the inference's
 * drift model is tested against SGP4's rather than against itself.
 */
import { json2satrec, type OMMJsonObject } from "satellite.js";
import type { WalkerParams } from "./constellation.js";
import { type SatelliteElements, satrecEpochUnixMs } from "./elements.js";
import { wrap360 } from "./secular-j2.js";
import { DEG_PER_RAD, MS_PER_DAY, MS_PER_MIN } from "./units.js";
import { generateWalkerShell, meanMotionForAltitude } from "./walker.js";

export interface SyntheticShell {
  walker: WalkerParams;
  /** Name prefix of its satellites (the operator), e.g. "STARLINK". */
  operator: string;
}

export interface SyntheticCatalogOptions {
  /** Uniform random numbers in [0, 1) (e.g. src/eo/prng.ts mulberry32): the same seed, the same catalog. */
  rng: () => number;
  /** RAAN noise, uniform in +-this, deg. */
  raanNoiseDeg: number;
  /** Mean anomaly noise, uniform in +-this, deg. */
  meanAnomalyNoiseDeg: number;
  /** Element-set epochs spread uniformly over +-this around the Walker epoch, days. */
  epochSpreadDays: number;
}

export interface SyntheticLabel {
  /** Position of the generating shell in the `shells` given. */
  shell: number;
  plane: number;
  slot: number;
}

export function syntheticCatalog(
  shells: readonly SyntheticShell[],
  opts: SyntheticCatalogOptions,
): { satellites: SatelliteElements[]; labels: SyntheticLabel[]; omm: OMMJsonObject[] } {
  const made: { sat: SatelliteElements; label: SyntheticLabel; omm: OMMJsonObject }[] = [];
  shells.forEach((sh, si) => {
    const w = sh.walker;
    const gen = generateWalkerShell(w, {
      shellName: sh.operator,
      firstIndex: 0,
      noradBase: 100_000 * (si + 1),
    });
    const n = meanMotionForAltitude(w.altitudeKm, w.inclinationDeg, w.eccentricity, w.epoch);
    for (const g of gen) {
      const r = g.satrec;
      const dtMin = ((2 * opts.rng() - 1) * opts.epochSpreadDays * MS_PER_DAY) / MS_PER_MIN;
      const epochMs = g.epochUnixMs + dtMin * MS_PER_MIN;
      const raan =
        r.nodeo * DEG_PER_RAD + (2 * opts.rng() - 1) * opts.raanNoiseDeg + r.nodedot * dtMin * DEG_PER_RAD;
      const argp = (r.argpo + r.argpdot * dtMin) * DEG_PER_RAD;
      const ma =
        r.mo * DEG_PER_RAD + (2 * opts.rng() - 1) * opts.meanAnomalyNoiseDeg + r.mdot * dtMin * DEG_PER_RAD;
      const name = `${sh.operator}-${g.noradId}`;
      const omm = {
        OBJECT_NAME: name,
        OBJECT_ID: name,
        EPOCH: new Date(epochMs).toISOString(),
        MEAN_MOTION: n,
        ECCENTRICITY: w.eccentricity,
        INCLINATION: w.inclinationDeg,
        RA_OF_ASC_NODE: wrap360(raan),
        ARG_OF_PERICENTER: wrap360(argp),
        MEAN_ANOMALY: wrap360(ma),
        NORAD_CAT_ID: g.noradId,
        ELEMENT_SET_NO: 999,
        BSTAR: 0,
        MEAN_MOTION_DOT: 0,
        MEAN_MOTION_DDOT: 0,
      } satisfies OMMJsonObject;
      const satrec = json2satrec(omm);
      made.push({
        sat: {
          index: 0,
          name,
          noradId: g.noradId,
          shell: "synthetic",
          plane: -1,
          slot: -1,
          satrec,
          epochUnixMs: satrecEpochUnixMs(satrec),
          source: "omm",
        },
        label: { shell: si, plane: g.plane, slot: g.slot },
        omm,
      });
    }
  });
  // Fisher-Yates shuffle: a file's order says nothing about planes.
  for (let i = made.length - 1; i > 0; i--) {
    const j = Math.floor(opts.rng() * (i + 1));
    [made[i], made[j]] = [made[j]!, made[i]!];
  }
  made.forEach((m, i) => {
    m.sat.index = i;
  });
  return {
    satellites: made.map((m) => m.sat),
    labels: made.map((m) => m.label),
    /** The same element sets as CelesTrak-style OMM JSON records, in the same order. */
    omm: made.map((m) => m.omm),
  };
}
