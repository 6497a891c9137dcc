/**
 * Mesh settings in the constellation YAML: the documented example file resolves to the units the hot
 * paths use, and bad or misspelt values are input errors naming file, line and field.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loadConstellation } from "../src/config/load.js";
import { meshSettingsOf, meshSettingsWithOverrides } from "../src/mesh/config.js";
import { InputError } from "../src/util/input-error.js";

const DIR = fileURLToPath(new URL("../constellations/", import.meta.url));
const EXAMPLE = join(DIR, "starlink-shell1-mesh.yaml");
const tmp = mkdtempSync(join(tmpdir(), "constellate-mesh-config-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function variant(name: string, from: string, to: string): string {
  const text = readFileSync(EXAMPLE, "utf8");
  expect(text).toContain(from);
  const path = join(tmp, name);
  writeFileSync(
    path,
    text
      .replace(from, to)
      .replace('include: ["ground-stations/', `include: ["${join(DIR, "ground-stations")}/`),
  );
  return path;
}

describe("mesh sections of the constellation YAML", () => {
  it("the example resolves: 25 Gbps = 2.5e10 bps, 4,000 km, 80 km, re-acquisition 0 ms, 20 Gbps stations", () => {
    const s = meshSettingsOf(loadConstellation(EXAMPLE));
    expect(s.isl[0]).toMatchObject({
      pattern: "plus-grid",
      capacityBps: 2.5e10,
      maxRangeKm: 4000,
      grazingAltitudeKm: 80,
      reacquisitionMs: 0,
      terminals: 4,
    });
    expect(s.groundLinks).toMatchObject({ policy: "all-visible", capacityBps: 2e10 });
    expect(s.fiber).toEqual({ groupIndex: 1.4682, realisticStretch: 2 });
    expect(s.routing.relayThroughStations).toBe(false);
  });

  it("re-acquisition 12 s in YAML is 12,000 ms", () => {
    const s = meshSettingsOf(
      loadConstellation(variant("reacq.yaml", "reacquisitionS: 0", "reacquisitionS: 12")),
    );
    expect(s.isl[0]!.reacquisitionMs).toBe(12_000);
  });

  it("a negative capacity is an input error naming the field", () => {
    const path = variant("neg.yaml", "capacityGbps: 25", "capacityGbps: -25");
    expect(() => loadConstellation(path)).toThrow(InputError);
    expect(() => loadConstellation(path)).toThrow(/shells\[0\]\.isl\.capacityGbps/);
  });

  it("a misspelt key is an error, not a silent default", () => {
    const path = variant("typo.yaml", "grazingAltitudeKm: 80", "grazingAltitudeKM: 80");
    expect(() => loadConstellation(path)).toThrow(InputError);
  });

  it("an unknown ground-link policy is an error", () => {
    const path = variant("policy.yaml", "policy: all-visible", "policy: everything");
    expect(() => loadConstellation(path)).toThrow(/groundLinks\.policy/);
  });

  it("command-line overrides use the YAML names and the same validation", () => {
    const c = loadConstellation(EXAMPLE);
    const s = meshSettingsWithOverrides(c, [
      "isl.reacquisitionS=3",
      "fiber.realisticStretch=1.5",
      "groundLinks.policy=nearest",
    ]);
    expect(s.isl[0]!.reacquisitionMs).toBe(3000);
    expect(s.fiber.realisticStretch).toBe(1.5);
    expect(s.groundLinks.policy).toBe("nearest");
    // The constellation itself is not modified.
    expect(meshSettingsOf(c).isl[0]!.reacquisitionMs).toBe(0);
    expect(() => meshSettingsWithOverrides(c, ["fiber.realisticStretch=0.5"])).toThrow(InputError);
    expect(() => meshSettingsWithOverrides(c, ["isl.maxRangeKm"])).toThrow(InputError);
  });
});
