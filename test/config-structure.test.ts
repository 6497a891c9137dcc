/**
 * `structure: infer` in the constellation YAML (src/config/load.ts, src/orbit/structure-shells.ts):
 * an OMM JSON catalog of known Walker shells (with noise and different epochs) becomes the generating
 * shells, plane-major in slot order, plus a shell of the satellites that fit none; misuse is an
 * InputError naming the field.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConstellation } from "../src/config/load.js";
import { mulberry32 } from "../src/eo/prng.js";
import type { WalkerParams } from "../src/orbit/constellation.js";
import { syntheticCatalog } from "../src/orbit/synthetic-catalog.js";
import { expectInputError } from "./expect-input-error.js";

const tmp = mkdtempSync(join(tmpdir(), "constellate-structure-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const walker = (p: Partial<WalkerParams>): WalkerParams => ({
  altitudeKm: 550,
  inclinationDeg: 53,
  planes: 12,
  satsPerPlane: 10,
  phasing: 1,
  raanSpreadDeg: 360,
  eccentricity: 0.0001,
  argOfPerigeeDeg: 0,
  raanOffsetDeg: 0,
  epoch: "2026-01-01T00:00:00Z",
  ...p,
});

describe("structure: infer on an OMM JSON element file", () => {
  const shells = [walker({}), walker({ inclinationDeg: 70, altitudeKm: 570, planes: 6, satsPerPlane: 12 })];
  const cat = syntheticCatalog(
    shells.map((w) => ({ walker: w, operator: "SYNTH" })),
    { rng: mulberry32(3), raanNoiseDeg: 0.2, meanAnomalyNoiseDeg: 2, epochSpreadDays: 1.5 },
  );
  // One satellite far below its shell (orbit raising): 400 km instead of 550 km.
  const raising = { ...cat.omm[0]!, OBJECT_NAME: "SYNTH-RAISING", NORAD_CAT_ID: 999_001, MEAN_MOTION: 15.52 };
  writeFileSync(join(tmp, "gp.json"), JSON.stringify([...cat.omm, raising]));
  const yaml = (extra: string) =>
    [
      "name: synth",
      "epoch: 2026-01-01T00:00:00Z",
      "shells:",
      "  - name: cat",
      "    elements: { file: gp.json, format: omm }",
      extra,
      "",
    ].join("\n");

  it("gives the generating shells, plane-major in slot order, and one shell of unassigned satellites", () => {
    writeFileSync(join(tmp, "infer.yaml"), yaml("    structure: infer"));
    const c = loadConstellation(join(tmp, "infer.yaml"));
    expect(c.shells.map((s) => [s.name, s.count])).toEqual([
      ["cat-53.00deg-550km", 120],
      ["cat-70.00deg-570km", 72],
      ["cat-unassigned", 1],
    ]);
    expect(c.satellites).toHaveLength(cat.omm.length + 1);
    expect(c.satellites.every((s, i) => s.index === i)).toBe(true);
    const labelOf = new Map(cat.satellites.map((s, i) => [s.name, cat.labels[i]!]));
    c.shells.slice(0, 2).forEach((sh, k) => {
      expect(sh.structure?.kind).toBe("inferred");
      const members = c.satellites.slice(sh.firstIndex, sh.firstIndex + sh.count);
      // Plane-major: planes 0..P-1 in order, S satellites each, slots 0..S-1 within.
      members.forEach((s, off) => {
        expect(s.shell).toBe(sh.name);
        expect(s.plane).toBe(Math.floor(off / shells[k]!.satsPerPlane));
        expect(s.slot).toBe(off % shells[k]!.satsPerPlane);
        expect(labelOf.get(s.name)!.shell).toBe(k);
      });
      // One generating plane per inferred plane.
      for (let p = 0; p < shells[k]!.planes; p++) {
        const inPlane = members.filter((s) => s.plane === p).map((s) => labelOf.get(s.name)!.plane);
        expect(new Set(inPlane).size).toBe(1);
      }
    });
    const un = c.shells[2]!;
    expect(un.structure?.kind).toBe("unassigned");
    expect(c.satellites[un.firstIndex]!.name).toBe("SYNTH-RAISING");
    expect(c.satellites[un.firstIndex]!.plane).toBe(-1);
    if (un.structure?.kind === "unassigned")
      expect(un.structure.reasons[0]).toMatch(/below the 5\d\d\.\d km shell/);
  });

  it("without structure: infer the file stays one shell with no planes (as before)", () => {
    writeFileSync(join(tmp, "plain.yaml"), yaml(""));
    const c = loadConstellation(join(tmp, "plain.yaml"));
    expect(c.shells.map((s) => s.count)).toEqual([cat.omm.length + 1]);
    expect(c.satellites.every((s) => s.plane === -1)).toBe(true);
  });

  it("structure on a Walker shell is an InputError naming the field", () => {
    writeFileSync(
      join(tmp, "walker.yaml"),
      [
        "name: w",
        "epoch: 2026-01-01T00:00:00Z",
        "shells:",
        "  - name: w",
        "    walker: { altitudeKm: 550, inclinationDeg: 53, planes: 2, satsPerPlane: 2, phasing: 0, raanSpreadDeg: 360 }",
        "    structure: infer",
        "",
      ].join("\n"),
    );
    expectInputError(() => loadConstellation(join(tmp, "walker.yaml")), "walker.yaml:6", "structure");
  });

  it("two operators in one file give shells named by operator, kept apart on the same orbit", () => {
    const two = syntheticCatalog(
      [
        { walker: walker({}), operator: "ALPHA" },
        { walker: walker({ raanOffsetDeg: 15 }), operator: "BETA" },
      ],
      { rng: mulberry32(4), raanNoiseDeg: 0.2, meanAnomalyNoiseDeg: 2, epochSpreadDays: 1.5 },
    );
    writeFileSync(join(tmp, "two.json"), JSON.stringify(two.omm));
    writeFileSync(join(tmp, "two.yaml"), yaml("    structure: infer").replace("gp.json", "two.json"));
    const c = loadConstellation(join(tmp, "two.yaml"));
    expect(c.shells.map((s) => [s.name, s.count])).toEqual([
      ["cat-alpha-53.00deg-550km", 120],
      ["cat-beta-53.00deg-550km", 120],
    ]);
    for (const sh of c.shells)
      for (const s of c.satellites.slice(sh.firstIndex, sh.firstIndex + sh.count))
        expect(s.name.startsWith(sh.name.includes("alpha") ? "ALPHA" : "BETA")).toBe(true);
  });

  it("an inferred shell name that another YAML shell already uses is an InputError", () => {
    writeFileSync(
      join(tmp, "clash.yaml"),
      yaml("    structure: infer").replace(
        "shells:\n",
        "shells:\n  - name: cat-unassigned\n    elements: { file: gp.json, format: omm }\n",
      ),
    );
    expectInputError(() => loadConstellation(join(tmp, "clash.yaml")), "clash.yaml:6", "cat-unassigned");
  });

  it("an unknown structure value is an InputError naming it", () => {
    writeFileSync(join(tmp, "bad.yaml"), yaml("    structure: guess"));
    expectInputError(() => loadConstellation(join(tmp, "bad.yaml")), "bad.yaml:6", "structure", "guess");
  });
});
