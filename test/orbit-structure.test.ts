/**
 * Structure inference (src/orbit/structure.ts): the J2 drift model against SGP4's own secular
 * rates; a synthetic catalog of known Walker shells with noise, where the inferred shells, planes
 * and slots must be the generating ones; and the real 2023 Starlink snapshot against the FCC filings.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { json2satrec } from "satellite.js";
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../src/eo/prng.js";
import type { WalkerParams } from "../src/orbit/constellation.js";
import { type SatelliteElements, satrecEpochUnixMs } from "../src/orbit/elements.js";
import { j2SecularRates, nodeAndArgLatAt } from "../src/orbit/secular-j2.js";
import { type CatalogStructure, inferStructure, STRUCTURE_TOLERANCES } from "../src/orbit/structure.js";
import { syntheticCatalog } from "../src/orbit/synthetic-catalog.js";
import { parseTleText } from "../src/orbit/tle.js";
import { meanMotionForAltitude } from "../src/orbit/walker.js";

const STARLINK_3LE = fileURLToPath(new URL("../../shared/catalogs/starlink-2023-07-18.3le", import.meta.url));
const haveCatalog = existsSync(STARLINK_3LE);

const walker = (p: Partial<WalkerParams>): WalkerParams => ({
  altitudeKm: 550,
  inclinationDeg: 53,
  planes: 24,
  satsPerPlane: 22,
  phasing: 5,
  raanSpreadDeg: 360,
  eccentricity: 0.0001,
  argOfPerigeeDeg: 0,
  raanOffsetDeg: 0,
  epoch: "2026-01-01T00:00:00Z",
  ...p,
});

describe("secular J2 rates (Vallado eq. 9-41 and companions)", () => {
  // Satellite.js's sgp4init computes SGP4's secular rates with J2, J2^2 and J4 terms; the first-order
  // J2 closed form must agree with them to the size of those higher terms (~1e-3 of the J2 rate).
  const cases = [
    { name: "Starlink 53 deg 550 km", inc: 53.05, n: 15.06, e: 0.0001 },
    { name: "sun-synchronous 97.6 deg 560 km", inc: 97.6, n: 15.0, e: 0.0002 },
    { name: "Molniya-like 63.4 deg e=0.7", inc: 63.4, n: 2.006, e: 0.7 },
  ];
  for (const c of cases)
    it(c.name, () => {
      const satrec = json2satrec({
        OBJECT_NAME: "T",
        OBJECT_ID: "T",
        EPOCH: "2026-01-01T00:00:00Z",
        MEAN_MOTION: c.n,
        ECCENTRICITY: c.e,
        INCLINATION: c.inc,
        RA_OF_ASC_NODE: 10,
        ARG_OF_PERICENTER: 20,
        MEAN_ANOMALY: 30,
        NORAD_CAT_ID: 1,
        ELEMENT_SET_NO: 1,
        BSTAR: 0,
        MEAN_MOTION_DOT: 0,
        MEAN_MOTION_DDOT: 0,
      });
      const r = j2SecularRates(satrec.no, satrec.a, satrec.ecco, satrec.inclo);
      // The J2 scale k = n J2 / p^2 (rad/min): each first-order rate is k times a factor of order 1,
      // and the terms SGP4 adds are ~J2 (1e-3) times that. Near the critical (63.4 deg) and polar
      // inclinations a rate itself vanishes, so the tolerance is on this scale, not relative.
      const p = satrec.a * (1 - satrec.ecco ** 2);
      const k = (satrec.no * 1.082616e-3) / (p * p);
      expect(Math.abs(r.nodeRadPerMin - satrec.nodedot)).toBeLessThan(3e-3 * k);
      expect(Math.abs(r.argPerigeeRadPerMin - satrec.argpdot)).toBeLessThan(3e-3 * k);
      expect(Math.abs(r.meanAnomalyRadPerMin - satrec.mdot)).toBeLessThan(3e-3 * k);
      // And the J2 parts are not negligible at that scale (the comparison could fail).
      expect(Math.abs(satrec.nodedot)).toBeGreaterThan(0.1 * k);
    });

  it("the node of a 53 deg, ~550 km orbit regresses about 4.5 deg per day (Starlink's plane drift)", () => {
    // Hand check: n = 15.06 rev/d, a = 6928 km, -3/2 n J2 (R/a)^2 cos 53 deg
    //   = -1.5 * 15.06*360 deg/d * 1.0826e-3 * (6378.135/6928)^2 * 0.6018 = -4.49 deg/d.
    const satrec = json2satrec({
      OBJECT_NAME: "T",
      OBJECT_ID: "T",
      EPOCH: "2026-01-01T00:00:00Z",
      MEAN_MOTION: 15.06,
      ECCENTRICITY: 0,
      INCLINATION: 53,
      RA_OF_ASC_NODE: 100,
      ARG_OF_PERICENTER: 0,
      MEAN_ANOMALY: 0,
      NORAD_CAT_ID: 1,
      ELEMENT_SET_NO: 1,
      BSTAR: 0,
      MEAN_MOTION_DOT: 0,
      MEAN_MOTION_DDOT: 0,
    });
    const epoch = satrecEpochUnixMs(satrec);
    const day = nodeAndArgLatAt(satrec, epoch, epoch + 86_400_000);
    expect(day.raanDeg - 100).toBeCloseTo(-4.49, 1);
  });
});

/** Every inferred plane holds one generating (shell, plane); every generating plane is one inferred plane. */
function expectPlanesAndSlotsRecovered(
  st: CatalogStructure,
  labels: readonly { shell: number; plane: number; slot: number }[],
  shells: readonly WalkerParams[],
) {
  const seenPlanes = new Set<string>();
  for (const shell of st.shells)
    for (const plane of shell.planes) {
      const keys = new Set(plane.members.map((m) => `${labels[m]!.shell}/${labels[m]!.plane}`));
      expect(keys.size).toBe(1);
      const key = [...keys][0]!;
      expect(seenPlanes.has(key)).toBe(false);
      seenPlanes.add(key);
      const w = shells[labels[plane.members[0]!]!.shell]!;
      expect(plane.members.length).toBe(w.satsPerPlane);
      // Slots: the generating slot numbers in inferred slot order are 0..S-1 rotated (relabelling).
      const slots = plane.members.map((m) => labels[m]!.slot);
      const start = slots[0]!;
      slots.forEach((s, k) => {
        expect(s).toBe((start + k) % w.satsPerPlane);
      });
    }
  expect(seenPlanes.size).toBe(shells.reduce((n, w) => n + w.planes, 0));
}

describe("a synthetic catalog of known Walker shells, with noise and different epochs", () => {
  const shells = [
    walker({ inclinationDeg: 53, altitudeKm: 550, planes: 24, satsPerPlane: 22, phasing: 5 }),
    walker({
      inclinationDeg: 53.2,
      altitudeKm: 540,
      planes: 18,
      satsPerPlane: 20,
      phasing: 3,
      raanOffsetDeg: 2,
    }),
    walker({ inclinationDeg: 70, altitudeKm: 570, planes: 12, satsPerPlane: 20, phasing: 1 }),
    // A Walker star (polar pattern): planes over 180 deg of RAAN.
    walker({
      inclinationDeg: 97.6,
      altitudeKm: 560,
      planes: 6,
      satsPerPlane: 30,
      phasing: 0,
      raanSpreadDeg: 180,
    }),
  ];
  // Noise well inside the tolerances (RAAN +-0.5 deg; slots 16-18 deg apart) and epochs over 4 days,
  // across which a 53 deg node moves ~18 deg: without the J2 correction the planes would smear.
  const opts = { raanNoiseDeg: 0.2, meanAnomalyNoiseDeg: 2, epochSpreadDays: 2 };
  const { satellites, labels } = syntheticCatalog(
    shells.map((w) => ({ walker: w, operator: "SYNTH" })),
    { rng: mulberry32(11), ...opts },
  );

  it("recovers every shell, plane and slot (up to relabelling), none unassigned", () => {
    const st = inferStructure(satellites);
    expect(st.unassigned).toEqual([]);
    expect(st.shells.map((s) => s.planes.length)).toEqual([24, 18, 12, 6]);
    expect(st.shells.map((s) => s.latticePlanes)).toEqual([24, 18, 12, 12]); // a star spans half a 12-lattice
    st.shells.forEach((s, k) => {
      expect(s.inclinationDeg).toBeCloseTo(shells[k]!.inclinationDeg, 3);
    });
    expectPlanesAndSlotsRecovered(st, labels, shells);
  });

  it("the J2 correction is what recovers them: any reference epoch works, ignoring epochs fails", () => {
    // Reference epoch far from every element set (+30 days): the correction then moves each node by
    // ~135 deg, and any error in the model would smear planes. Still recovered: the model is right.
    const st = inferStructure(satellites, { referenceEpochUnixMs: Date.parse("2026-01-31T00:00:00Z") });
    expect(st.unassigned).toEqual([]);
    expectPlanesAndSlotsRecovered(st, labels, shells);
    // Ignoring the epochs (every element set taken as if at the reference epoch, so no drift is
    // corrected) the 4 days of node drift smear the planes and the structure is lost:
    const ref = Date.parse("2026-01-01T00:00:00Z");
    const undated = satellites.map((s) => ({ ...s, epochUnixMs: ref }));
    const bad = inferStructure(undated, { referenceEpochUnixMs: ref });
    expect(bad.unassigned.length).toBeGreaterThan(satellites.length / 4);
  });

  it("keeps two operators apart by name even on the same orbit, and reports outliers with reasons", () => {
    const other = syntheticCatalog(
      [{ walker: walker({ planes: 10, satsPerPlane: 10, phasing: 1, raanOffsetDeg: 7 }), operator: "OTHER" }],
      { rng: mulberry32(5), ...opts },
    );
    const base = [...satellites, ...other.satellites];
    // Outliers: a satellite raising its orbit (350 km), a debris object, and a pair between planes.
    const raising = syntheticCatalog(
      [{ walker: walker({ altitudeKm: 350, planes: 1, satsPerPlane: 1, phasing: 0 }), operator: "SYNTH" }],
      { rng: mulberry32(6), ...opts },
    ).satellites;
    const debris = { ...raising[0]!, name: "SYNTH 9 DEB" };
    const between = syntheticCatalog(
      [
        {
          walker: walker({ planes: 1, satsPerPlane: 2, phasing: 0, raanOffsetDeg: 7.5 }),
          operator: "SYNTH",
        },
      ],
      { rng: mulberry32(7), ...opts },
    ).satellites;
    // And an element set whose numbers give no orbit (never from a reader, but not a crash).
    const broken = { ...raising[0]!, name: "SYNTH-BROKEN", satrec: { ...raising[0]!.satrec, a: Number.NaN } };
    const all = [...base, ...raising, debris, ...between, broken as (typeof raising)[0]];
    const st = inferStructure(all);
    expect(st.shells.map((s) => `${s.operator} ${s.planes.length}`)).toEqual([
      "OTHER 10",
      "SYNTH 24",
      "SYNTH 18",
      "SYNTH 12",
      "SYNTH 6",
    ]);
    const why = new Map(st.unassigned.map((u) => [u.position, u]));
    const at = (k: number) => why.get(base.length + k);
    expect(at(0)?.kind).toBe("altitude");
    expect(at(0)?.reason).toMatch(/altitude 3\d\d\.\d km is 2\d\d\.\d km below the 5\d\d\.\d km shell/);
    expect(at(1)?.kind).toBe("debris");
    // Two satellites 7.5 deg from plane 0 (planes 15 deg apart): fewer than minPlaneMembers (3).
    expect(at(2)?.kind).toBe("plane");
    expect(at(3)?.kind).toBe("plane");
    expect(at(4)?.kind).toBe("invalid");
    expect(st.unassigned).toHaveLength(5);
  });
});

describe("the stated tolerances decide membership", () => {
  // A clean 6 x 10 shell plus probes: copies of one member moved in altitude or RAAN by just under
  // and just over the half-widths (altitude 2.5 km, RAAN 0.5 deg), half a slot along its plane.
  const w = walker({ planes: 6, satsPerPlane: 10, phasing: 1 });
  const cat = syntheticCatalog([{ walker: w, operator: "SYNTH" }], {
    rng: mulberry32(9),
    raanNoiseDeg: 0,
    meanAnomalyNoiseDeg: 0,
    epochSpreadDays: 0,
  });
  const base = cat.omm[cat.labels.findIndex((l) => l.plane === 0 && l.slot === 0)]!;
  const probe = (name: string, dAltKm: number, dRaanDeg: number): SatelliteElements => {
    const satrec = json2satrec({
      ...base,
      OBJECT_NAME: name,
      NORAD_CAT_ID: 900_000 + Math.round(dAltKm * 10 + dRaanDeg * 100),
      MEAN_MOTION: meanMotionForAltitude(w.altitudeKm + dAltKm, w.inclinationDeg, w.eccentricity, w.epoch),
      RA_OF_ASC_NODE: Number(base.RA_OF_ASC_NODE) + dRaanDeg,
      MEAN_ANOMALY: Number(base.MEAN_ANOMALY) + 18,
    });
    return { ...cat.satellites[0]!, name, satrec, epochUnixMs: satrecEpochUnixMs(satrec) };
  };
  const probes = [
    probe("SYNTH-ALT+2.0", 2.0, 0),
    probe("SYNTH-ALT+3.0", 3.0, 0),
    probe("SYNTH-RAAN+0.4", 0, 0.4),
    probe("SYNTH-RAAN+0.6", 0, 0.6),
  ];
  const st = inferStructure([...cat.satellites, ...probes]);
  const kindOf = (name: string) => {
    const pos = cat.satellites.length + probes.findIndex((p) => p.name === name);
    return st.unassigned.find((u) => u.position === pos)?.kind ?? "assigned";
  };
  it("2.0 km above the shell is in it, 3.0 km is not (half-width 2.5 km)", () => {
    expect(STRUCTURE_TOLERANCES.altitudeKm).toBe(2.5);
    expect(kindOf("SYNTH-ALT+2.0")).toBe("assigned");
    expect(kindOf("SYNTH-ALT+3.0")).toBe("altitude");
  });
  it("0.4 deg of RAAN off its plane is in it, 0.6 deg is not (half-width 0.5 deg)", () => {
    expect(STRUCTURE_TOLERANCES.raanDeg).toBe(0.5);
    expect(kindOf("SYNTH-RAAN+0.4")).toBe("assigned");
    expect(kindOf("SYNTH-RAAN+0.6")).toBe("plane");
  });
});

describe.skipIf(!haveCatalog)("the 2023-07-18 Starlink snapshot (4,428 satellites, CRLF)", () => {
  // Skipped only when ../shared/catalogs is absent (a checkout without the shared reference data).
  const sats = haveCatalog
    ? parseTleText(readFileSync(STARLINK_3LE, "utf8"), { file: STARLINK_3LE, shell: "s", firstIndex: 0 })
    : [];
  const st = haveCatalog ? inferStructure(sats) : undefined;

  /*
   * Filed configurations (as granted; the 2023 catalog has partly filled planes, so plane counts are
   * checked against the lattice the planes sit on, and satellites per plane against the filed count):
   * - 53.0 deg, 550 km, 72 planes x 22: SpaceX modification granted in FCC DA 19-342 (April 2019).
   * - 53.2 deg, 540 km, 72 x 22; 70 deg, 570 km, 36 x 20; 97.6 deg, 560 km, 6 x 58 and 4 x 43:
   *   the Gen1 modification granted in FCC 21-48 (April 2021).
   * - 43 deg, 530 km: Gen2 grant FCC 22-91 (December 2022), whose "Configuration 1" shell at 43 deg
   *   has 28 planes x 120 (SpaceX's Gen2 amendment, as commonly cited). In this July 2023 catalog the
   *   first Gen2 satellites fly ~30 km higher than 530 km (what the element sets say; not checked
   *   against another source), so that shell's altitude tolerance is wider and says so.
   */
  const filed = [
    { inc: 43, altKm: 530, altTolKm: 35, planes: 28, perPlane: 120, minFill: 0.15 },
    { inc: 53.0, altKm: 550, altTolKm: 10, planes: 72, perPlane: 22, minFill: 0.8 },
    { inc: 53.2, altKm: 540, altTolKm: 10, planes: 72, perPlane: 22, minFill: 0.8 },
    { inc: 70, altKm: 570, altTolKm: 10, planes: 36, perPlane: 20, minFill: 0.7 },
    { inc: 97.6, altKm: 560, altTolKm: 10, planes: 6, perPlane: 58, minFill: 0.7 },
  ];

  it("finds five shells near 43, 53.0, 53.2, 70 and 97.6 deg (within 0.1 deg)", () => {
    expect(st!.shells).toHaveLength(5);
    st!.shells.forEach((s, k) => {
      expect(Math.abs(s.inclinationDeg - filed[k]!.inc)).toBeLessThan(0.1);
      expect(s.operator).toBe("STARLINK");
    });
  });

  it("each shell's planes sit on the filed plane lattice, with the filed satellites per plane", () => {
    st!.shells.forEach((s, k) => {
      const f = filed[k]!;
      // Semi-major-axis altitude, within the stated tolerance of the filing.
      expect(Math.abs(s.altitudeKm - f.altKm)).toBeLessThan(f.altTolKm);
      expect(s.latticePlanes).toBe(f.planes);
      expect(s.planes.length).toBeLessThanOrEqual(f.planes);
      const sizes = s.planes.map((p) => p.members.length).sort((a, b) => a - b);
      const med = sizes[sizes.length >> 1]!;
      // Median fill: at most the filed count; at least minFill of it (a 2023 shell is partly built).
      expect(med).toBeLessThanOrEqual(f.perPlane);
      expect(med).toBeGreaterThanOrEqual(Math.floor(f.minFill * f.perPlane));
      // Replacement satellites fly beside old ones in a few planes: at most a quarter exceed the filing.
      expect(sizes.filter((n) => n > f.perPlane).length).toBeLessThanOrEqual(s.planes.length / 4);
    });
    // The two Gen1 shells at 53 deg are fully built: every one of the 72 planes is found.
    expect(st!.shells[1]!.planes).toHaveLength(72);
    expect(st!.shells[2]!.planes).toHaveLength(72);
  });

  it("planes hold their RAAN within the stated tolerance after the J2 correction", () => {
    for (const s of st!.shells)
      for (const p of s.planes)
        for (const m of p.members) {
          const at = nodeAndArgLatAt(sats[m]!.satrec, sats[m]!.epochUnixMs, st!.referenceEpochUnixMs);
          const d = Math.abs(((at.raanDeg - p.raanDeg + 540) % 360) - 180);
          expect(d).toBeLessThanOrEqual(STRUCTURE_TOLERANCES.raanDeg);
        }
  });

  it("reports every other satellite once, with a reason, and the non-Starlink objects among them", () => {
    const assigned = st!.shells.reduce((n, s) => n + s.planes.reduce((k, p) => k + p.members.length, 0), 0);
    expect(assigned + st!.unassigned.length).toBe(4428);
    expect(new Set(st!.unassigned.map((u) => u.position)).size).toBe(st!.unassigned.length);
    // Most of the catalog is in the shells; orbit-raising batches and debris are a minority.
    expect(assigned / 4428).toBeGreaterThan(0.8);
    for (const u of st!.unassigned) expect(u.reason.length).toBeGreaterThan(10);
    const names = new Map(st!.unassigned.map((u) => [sats[u.position]!.name.trim(), u.kind]));
    expect(names.get("FALCON 9 DEB")).toBe("debris");
    // Other operators' objects in the file never join a Starlink shell.
    for (const s of sats)
      if (/^(SHERPA|BLUEWALKER|ION)/.test(s.name)) expect(names.has(s.name.trim())).toBe(true);
  });
});
