/**
 * The Earth-observation sections of the constellation YAML, their defaults (one place), and their
 * resolution into the records the replay uses. src/config/schema.ts plugs these schemas in as
 * `shells[].eo` (per shell: sensor, compute, power, heat, storage) and top-level `eo` (hybrid
 * policy, relaying, sampling).
 *
 * Station downlink rates are not here: a station's RF rate is one quantity with one name, the mesh
 * layer's `groundLinks.capacityGbps` (constellation default) or the station entry's own `capacityGbps`
 * (src/mesh/config.ts stationCapacityBps); the replay reads it from there (scenario.ts stationsOf).
 *
 * Defaults marked "assumed" are our choices for a 6U-class EO smallsat, not published figures.
 */
import { existsSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { z } from "zod";
import { InputError } from "../util/input-error.js";
import {
  ACCELERATORS,
  type AcceleratorName,
  type AcceleratorProfile,
  type ModelSpec,
  REFERENCE_MODEL,
} from "./accelerators.js";
import type { EngineRef } from "./inference.js";
import { SENSOR_PRESETS, type SensorPreset, type SensorSpec } from "./sensor.js";

export const EO_DEFAULTS = {
  sensor: "dove" as SensorPreset,
  engine: "cost-model",
  accelerator: "jetson-tx2" as AcceleratorName,
  /** Solar array area, m^2 (assumed; deployable wings of a 6U). */
  panelAreaM2: 0.25,
  /**
   * Cell efficiency: triple-junction GaAs, ~30% BOL, value as commonly cited for the AZUR SPACE
   * 3G30C-Advanced class (data sheet not re-read; Guter et al., E3S Web Conf. 16, 03005, 2017, give
   * its EOL efficiency as 27.8%).
   */
  panelEfficiency: 0.3,
  /** Battery capacity, Wh (assumed). */
  batteryWh: 80,
  /** State of charge at the run start, fraction (assumed). */
  initialSoc: 1,
  /** Inference runs on battery only above this state of charge, fraction (assumed). */
  reserveSoc: 0.3,
  /** Bus load besides the accelerator (ADCS, OBC, radios idle), W (assumed). */
  busPowerW: 10,
  /**
   * DC power of the downlink radio while it transmits, W. Assumed: 10 W, the order of small-sat
   * X-band transmitters (no DC figure for the Dove HSD found published). Bracketing figures: a 2 W-RF
   * Utah State University CubeSat X-band transmitter at 10 W (as summarised by a Georgia Tech
   * ECE 6390 project page, 2015); a 4 W-RF X-band transmitter measured at 15.14% overall efficiency,
   * i.e. 26 W DC (Widya, Nasemudin, Cem, J. Inf. Telecommun. 2025, doi:10.1080/24751839.2025.2478683).
   */
  radioTxW: 10,
  /** Radiator area dedicated to the accelerator, m^2 (assumed). */
  radiatorAreaM2: 0.05,
  /**
   * Infrared emissivity of white paint (AZ-93: 0.91 +/- 0.02, solar absorptance 0.15, as tabulated
   * from Gilmore, Spacecraft Thermal Control Handbook, 2002, App. A; the handbook not re-read).
   */
  emissivity: 0.91,
  /** Hottest the accelerator's radiator may run, K: 80 C, the top of Jetson modules' operating range (NVIDIA data sheets). */
  maxTempK: 353.15,
  /** Onboard image storage, GB (assumed). */
  storageGB: 128,
  /** Hybrid: image chips are sent for detections in requests at or above this priority. */
  chipPriorityMin: 5,
  /** Hybrid: ... and at or above this detection confidence. */
  chipMinConfidence: 0.5,
  /** Hybrid: chip side, px. */
  chipSidePx: 256,
  /** Raw images may be relayed over the laser mesh to a satellite in ground contact. */
  rawOverMesh: false,
  /** Coarse step of the target-access search, s (refined to the closest approach). */
  accessStepS: 20,
  /** Sampling interval of the backlog time series, s. */
  sampleIntervalS: 300,
} as const;

const pos = z.number().positive();
const frac = z.number().min(0).max(1);

const sensorOverrides = {
  swathKm: pos.optional().meta({ description: "Swath width at nadir, km" }),
  sceneLengthKm: pos.optional().meta({ description: "Along-track scene length for a point target, km" }),
  gsdM: pos.optional().meta({ description: "Ground sample distance, m" }),
  bands: z.int().min(1).optional().meta({ description: "Bands at gsdM" }),
  coarseBands: z
    .array(z.strictObject({ count: z.int().min(1), gsdM: pos }))
    .optional()
    .meta({ description: "Further bands at coarser GSD" }),
  bitDepth: z.int().min(1).max(32).optional().meta({ description: "Bits per sample" }),
  compressionRatio: z.number().min(1).optional().meta({ description: "Onboard compression ratio (>= 1)" }),
  offNadirMaxDeg: z.number().min(0).max(60).optional().meta({ description: "Largest off-nadir angle, deg" }),
};
const presetNames = Object.keys(SENSOR_PRESETS) as [SensorPreset, ...SensorPreset[]];
const acceleratorNames = Object.keys(ACCELERATORS) as [AcceleratorName, ...AcceleratorName[]];

export const eoShellSchema = z
  .strictObject({
    sensor: z
      .union([
        z.enum(presetNames),
        z.strictObject({ preset: z.enum(presetNames).optional(), ...sensorOverrides }),
      ])
      .optional()
      .meta({ description: `Sensor preset (${presetNames.join(", ")}) or { preset, overrides }` }),
    engine: z
      .union([
        z.string().min(1),
        z.strictObject({
          module: z.string().min(1).meta({ description: "Engine module (.ts/.js), relative to this YAML" }),
        }),
      ])
      .optional()
      .meta({
        description:
          "Inference engine: a built-in name (default cost-model) or { module: <path> } (docs/eo-engines.md)",
      }),
    engineOptions: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: "The engine's options, checked against those it declares" }),
    accelerator: z
      .enum(acceleratorNames)
      .optional()
      .meta({ description: `Accelerator profile: ${acceleratorNames.join(", ")}` }),
    model: z
      .strictObject({
        name: z.string().min(1).optional(),
        opsPerTile: pos.optional(),
        tileSidePx: z.int().min(8).optional(),
        utilization: z.number().gt(0).max(1).optional().meta({
          description:
            "Fraction of the accelerator's peak the model achieves; unset: calibrated to the TX2 measurement (latency then independent of opsPerTile)",
        }),
      })
      .optional(),
    power: z
      .strictObject({
        panelAreaM2: z.number().min(0).optional(),
        panelEfficiency: frac.optional(),
        batteryWh: z.number().min(0).optional(),
        initialSoc: frac.optional(),
        reserveSoc: frac.optional(),
        busPowerW: z.number().min(0).optional(),
        radioTxW: z
          .number()
          .min(0)
          .optional()
          .meta({ description: "DC power of the downlink radio while it transmits, W" }),
      })
      .optional(),
    thermal: z
      .strictObject({
        radiatorAreaM2: pos.optional(),
        emissivity: z.number().gt(0).max(1).optional(),
        maxTempK: pos.optional(),
      })
      .optional(),
    storageGB: pos.optional().meta({ description: "Onboard storage, GB (1e9 bytes)" }),
  })
  .meta({ description: "Earth-observation payload of this shell's satellites (issue D)" });
export type EoShellInput = z.infer<typeof eoShellSchema>;

export const eoSchema = z
  .strictObject({
    hybrid: z
      .strictObject({
        chipPriorityMin: z.int().min(0).max(9).optional(),
        chipMinConfidence: frac.optional(),
        chipSidePx: z.int().min(8).optional(),
      })
      .optional(),
    rawOverMesh: z
      .boolean()
      .optional()
      .meta({ description: "Relay raw images over the laser mesh (raw mode)" }),
    accessStepS: pos.optional(),
    sampleIntervalS: pos.optional(),
  })
  .meta({ description: "Earth-observation replay settings (issue D)" });
export type EoInput = z.infer<typeof eoSchema>;

export interface PowerConfig {
  panelAreaM2: number;
  panelEfficiency: number;
  batteryWh: number;
  initialSoc: number;
  reserveSoc: number;
  busPowerW: number;
  /** DC power of the downlink radio while it transmits, W. */
  radioTxW: number;
}

export interface ThermalConfig {
  radiatorAreaM2: number;
  emissivity: number;
  maxTempK: number;
}

export interface SatelliteEoConfig {
  sensor: SensorSpec;
  /** Built-in by name, or a module by absolute path (resolved against the YAML's directory). */
  engine: EngineRef;
  engineOptions: Record<string, unknown>;
  accelerator: AcceleratorProfile;
  model: ModelSpec;
  power: PowerConfig;
  thermal: ThermalConfig;
  storageBytes: number;
}

export interface EoSettings {
  chipPriorityMin: number;
  chipMinConfidence: number;
  chipSidePx: number;
  rawOverMesh: boolean;
  accessStepMs: number;
  sampleIntervalMs: number;
}

/**
 * One shell's `eo` section (undefined: all defaults) as a satellite config. `sourceFile`: the YAML
 * it came from, against whose directory an engine module path resolves (as `apps.<app>.module` does).
 */
export function resolveSatelliteEo(raw: unknown, sourceFile?: string): SatelliteEoConfig {
  const v = eoShellSchema.parse(raw ?? {});
  const s = v.sensor;
  const presetName = typeof s === "string" ? s : (s?.preset ?? EO_DEFAULTS.sensor);
  const preset: SensorSpec = {
    ...SENSOR_PRESETS[presetName],
    coarseBands: [...SENSOR_PRESETS[presetName].coarseBands],
  };
  const sensor: SensorSpec = { ...preset };
  if (typeof s === "object") {
    for (const [k, val] of Object.entries(s))
      if (k !== "preset" && val !== undefined) (sensor as unknown as Record<string, unknown>)[k] = val;
  }
  const p = v.power ?? {};
  const t = v.thermal ?? {};
  return {
    sensor,
    engine: engineRefOf(v.engine ?? EO_DEFAULTS.engine, sourceFile),
    engineOptions: v.engineOptions ?? {},
    accelerator: ACCELERATORS[v.accelerator ?? EO_DEFAULTS.accelerator],
    model: { ...REFERENCE_MODEL, ...stripUndefined(v.model ?? {}) },
    power: {
      panelAreaM2: p.panelAreaM2 ?? EO_DEFAULTS.panelAreaM2,
      panelEfficiency: p.panelEfficiency ?? EO_DEFAULTS.panelEfficiency,
      batteryWh: p.batteryWh ?? EO_DEFAULTS.batteryWh,
      initialSoc: p.initialSoc ?? EO_DEFAULTS.initialSoc,
      reserveSoc: p.reserveSoc ?? EO_DEFAULTS.reserveSoc,
      busPowerW: p.busPowerW ?? EO_DEFAULTS.busPowerW,
      radioTxW: p.radioTxW ?? EO_DEFAULTS.radioTxW,
    },
    thermal: {
      radiatorAreaM2: t.radiatorAreaM2 ?? EO_DEFAULTS.radiatorAreaM2,
      emissivity: t.emissivity ?? EO_DEFAULTS.emissivity,
      maxTempK: t.maxTempK ?? EO_DEFAULTS.maxTempK,
    },
    storageBytes: (v.storageGB ?? EO_DEFAULTS.storageGB) * 1e9,
  };
}

/** The top-level `eo` section (undefined: all defaults). */
export function resolveEoSettings(raw: unknown): EoSettings {
  const v = eoSchema.parse(raw ?? {});
  const h = v.hybrid ?? {};
  return {
    chipPriorityMin: h.chipPriorityMin ?? EO_DEFAULTS.chipPriorityMin,
    chipMinConfidence: h.chipMinConfidence ?? EO_DEFAULTS.chipMinConfidence,
    chipSidePx: h.chipSidePx ?? EO_DEFAULTS.chipSidePx,
    rawOverMesh: v.rawOverMesh ?? EO_DEFAULTS.rawOverMesh,
    accessStepMs: (v.accessStepS ?? EO_DEFAULTS.accessStepS) * 1000,
    sampleIntervalMs: (v.sampleIntervalS ?? EO_DEFAULTS.sampleIntervalS) * 1000,
  };
}

/** YAML `eo.engine` as an EngineRef: a module path made absolute against the YAML's directory, and checked. */
function engineRefOf(engine: string | { module: string }, sourceFile: string | undefined): EngineRef {
  if (typeof engine === "string") return { name: engine };
  const baseDir = sourceFile ? dirname(resolve(sourceFile)) : process.cwd();
  const abs = isAbsolute(engine.module) ? engine.module : resolve(baseDir, engine.module);
  if (!existsSync(abs))
    throw new InputError("no such engine module", {
      file: sourceFile,
      field: "eo.engine.module",
      value: engine.module,
    });
  return { module: abs };
}

/**
 * The same configs with every satellite on `engine` (`--engine`). Satellites that shared a config
 * still share one, so engines are still created once per distinct config.
 */
export function withEngine(configs: readonly SatelliteEoConfig[], engine: EngineRef): SatelliteEoConfig[] {
  const swapped = new Map<SatelliteEoConfig, SatelliteEoConfig>();
  return configs.map((cfg) => {
    let s = swapped.get(cfg);
    if (!s) {
      s = { ...cfg, engine };
      swapped.set(cfg, s);
    }
    return s;
  });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
