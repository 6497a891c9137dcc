/**
 * The EO sections of the constellation YAML, the sensor and accelerator presets against their
 * published figures, and the inference-engine registry.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { loadConstellationText } from "../src/config/load.js";
import { ACCELERATORS, latencyPerTileS, REFERENCE_MODEL } from "../src/eo/accelerators.js";
import { defineEngine } from "../src/eo/engine-module.js";
import {
  type InferenceJob,
  loadInferenceEngine,
  registerInferenceEngine,
  sceneDetections,
} from "../src/eo/inference.js";
import { satelliteConfigsOf, stationsOf } from "../src/eo/scenario.js";
import { captureAreaKm2, maxGroundOffsetKm, rawBytesForArea, SENSOR_PRESETS } from "../src/eo/sensor.js";
import { InputError } from "../src/util/input-error.js";

const base = (eo: string, top = "") => `
name: t
epoch: "2026-01-01T00:00:00Z"
shells:
  - name: a
    walker: { altitudeKm: 525, inclinationDeg: 97.5, planes: 1, satsPerPlane: 2, phasing: 0, raanSpreadDeg: 360 }
${eo}
${top}
`;

describe("YAML eo sections", () => {
  it("give each shell's satellites its sensor, accelerator, power and storage", () => {
    const c = loadConstellationText(
      base(
        "    eo: { sensor: { preset: sentinel-2, offNadirMaxDeg: 20 }, accelerator: h100, storageGB: 2000, power: { batteryWh: 500 } }",
        [
          "groundLinks: { capacityGbps: 0.8 }",
          "groundStations:",
          "  stations:",
          "    - { name: Kiruna, latDeg: 67.86, lonDeg: 20.96, capacityGbps: 1.2 }",
          "    - { name: Svalbard, latDeg: 78.23, lonDeg: 15.41 }",
        ].join("\n"),
      ),
      "t.yaml",
    );
    const cfg = satelliteConfigsOf(c);
    expect(cfg).toHaveLength(2);
    expect(cfg[0]!.sensor.swathKm).toBe(290);
    expect(cfg[0]!.sensor.offNadirMaxDeg).toBe(20);
    expect(cfg[0]!.accelerator.powerW).toBe(700);
    expect(cfg[0]!.storageBytes).toBe(2e12);
    expect(cfg[0]!.power.batteryWh).toBe(500);
    // Downlink rates are the stations' RF capacities (mesh groundLinks.capacityGbps, or the station's
    // own capacityGbps): 1.2 Gbps for Kiruna, the 0.8 Gbps constellation default for Svalbard.
    expect(stationsOf(c)).toEqual([
      { name: "Kiruna", downlinkBps: 1200e6 },
      { name: "Svalbard", downlinkBps: 800e6 },
    ]);
  });

  it("reject the removed eo.downlinkMbps and eo.stations (the rate is groundLinks.capacityGbps)", () => {
    for (const top of ["eo: { downlinkMbps: 220 }", "eo: { stations: { Kiruna: { downlinkMbps: 220 } } }"]) {
      let err: unknown;
      try {
        loadConstellationText(base("", top), "old.yaml");
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).message).toMatch(/downlinkMbps|stations/);
    }
  });

  it("reject an unknown accelerator with the file, line and field", () => {
    let err: unknown;
    try {
      loadConstellationText(base("    eo: { accelerator: tpu-v9 }"), "bad.yaml");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    const e = err as InputError;
    expect(e.location.file).toBe("bad.yaml");
    expect(e.location.line).toBe(7); // the eo line (the template starts with a blank line)
    expect(e.message).toContain("accelerator");
  });

  it("reject a typo in a key (strict objects)", () => {
    expect(() => loadConstellationText(base("    eo: { storageGb: 10 }"), "bad.yaml")).toThrow(InputError);
  });
});

describe("sensor presets against published figures", () => {
  it("Sentinel-2: a 100 x 100 km tile is about 500-600 MB (ESA Sentinel-2 User Handbook)", () => {
    const s2 = {
      ...SENSOR_PRESETS["sentinel-2"],
      coarseBands: [...SENSOR_PRESETS["sentinel-2"].coarseBands],
    };
    const tile = rawBytesForArea(s2, 100 * 100);
    expect(tile).toBeGreaterThan(500e6);
    expect(tile).toBeLessThan(600e6);
    // By hand: 1e4 km^2 x (4/10^2 + 6/20^2 + 3/60^2) samples per m^2 x 1e6 x 1.5 B / 1.5 = 558.3 MB.
    expect(tile).toBe(Math.ceil(1e4 * 1e6 * (4 / 100 + 6 / 400 + 3 / 3600)));
  });

  it("Dove: a 7-10 min pass at 220 Mbps moves 11.5-16.5 GB, i.e. 65-93 frames (Planet: 12-15 GB per pass)", () => {
    const dove = { ...SENSOR_PRESETS.dove, coarseBands: [] };
    const frame = rawBytesForArea(dove, captureAreaKm2(dove, { kind: "point", latDeg: 0, lonDeg: 0 }));
    const perPassLo = (7 * 60 * 220e6) / 8;
    const perPassHi = (10 * 60 * 220e6) / 8;
    expect(perPassLo).toBeCloseTo(11.55e9, -6);
    expect(perPassHi).toBeCloseTo(16.5e9, -6);
    expect(Math.floor(perPassLo / frame)).toBe(65);
    expect(Math.floor(perPassHi / frame)).toBe(93);
  });

  it("off-nadir reach: 30 deg from 525 km reaches ~310 km beyond the swath edge (spherical Earth)", () => {
    const s = { ...SENSOR_PRESETS.dove, coarseBands: [], offNadirMaxDeg: 30 };
    // By hand: sin(rho) = 6378.137 / 6903.137, eps = acos(sin 30 / sin rho) = 57.24 deg,
    // lambda = 90 - 30 - 57.24 = 2.76 deg -> 307 km, plus 12.3 km half swath.
    const rho = Math.asin(6378.137 / (6378.137 + 525));
    const eps = Math.acos(Math.sin(Math.PI / 6) / Math.sin(rho));
    const lambda = Math.PI / 2 - Math.PI / 6 - eps;
    expect(maxGroundOffsetKm(s, 525)).toBeCloseTo(12.3 + 6378.137 * lambda, 9);
    expect(maxGroundOffsetKm(s, 525)).toBeGreaterThan(300);
    expect(maxGroundOffsetKm(s, 525)).toBeLessThan(330);
  });
});

describe("accelerators", () => {
  it("TX2 takes the measured 44.86 ms per tile; others scale by peak throughput", () => {
    expect(latencyPerTileS(ACCELERATORS["jetson-tx2"], REFERENCE_MODEL)).toBeCloseTo(0.04486, 12);
    expect(latencyPerTileS(ACCELERATORS["jetson-orin-15w"], REFERENCE_MODEL)).toBeCloseTo(
      (0.04486 * 1.33) / 20,
      12,
    );
    expect(latencyPerTileS(ACCELERATORS.h100, { ...REFERENCE_MODEL, opsPerTile: 3e9 })).toBeCloseTo(
      (0.04486 * 1.33) / 1979,
      12,
    );
  });
});

describe("inference engines", () => {
  const job: InferenceJob = {
    imageId: "i",
    requestId: "r",
    tag: "shipping",
    priority: 3,
    sceneSeed: 12345,
    widthPx: 6649,
    heightPx: 4432,
    tiles: 113,
    satellite: 0,
    captureUnixMs: 0,
    latDeg: 0,
    lonDeg: 0,
    areaKm2: 403.44,
  };

  it("derive the same detections from the same scene seed, others from another", () => {
    expect(sceneDetections(job)).toEqual(sceneDetections({ ...job }));
    const many = Array.from({ length: 20 }, (_, k) =>
      JSON.stringify(sceneDetections({ ...job, sceneSeed: k })),
    );
    expect(new Set(many).size).toBeGreaterThan(10);
    for (const d of sceneDetections(job)) {
      expect(["ship", "wake"]).toContain(d.cls);
      expect(d.box[0] + d.box[2]).toBeLessThanOrEqual(job.widthPx);
      expect(d.box[1] + d.box[3]).toBeLessThanOrEqual(job.heightPx);
    }
  });

  it("plug in by name: a YAML-selected engine loads with its options, no change to callers", async () => {
    let runs = 0;
    registerInferenceEngine(
      "test-fixed",
      defineEngine({
        options: z.object({ busyS: z.number().positive() }),
        create: (cfg) => ({
          name: "test-fixed",
          estimate: () => ({ durationS: cfg.options.busyS, powerW: cfg.accelerator.powerW }),
          run: async () => {
            runs++;
            return { detections: [], summary: "x".repeat(1000), summaryBytes: 1000 };
          },
        }),
      }),
    );
    const c = loadConstellationText(
      base("    eo: { engine: test-fixed, engineOptions: { busyS: 2 }, accelerator: jetson-orin-15w }"),
      "t.yaml",
    );
    const eo = satelliteConfigsOf(c)[0]!;
    expect(eo.engine).toEqual({ name: "test-fixed" });
    const engine = await loadInferenceEngine(eo.engine, {
      accelerator: eo.accelerator,
      model: eo.model,
      options: eo.engineOptions,
    });
    // 15 W: the Orin Nano 8GB's 15 W mode (NVIDIA data sheet).
    expect(engine.estimate(job)).toEqual({ durationS: 2, powerW: 15 });
    expect((await engine.run(job)).summaryBytes).toBe(1000);
    expect(runs).toBe(1);
  });
});
