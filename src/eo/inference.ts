/**
 * Onboard inference engines behind one interface, chosen per satellite by name (YAML `eo.engine`).
 * The default, "cost-model", does not run a network: it charges accelerator time and energy from the
 * model's operations and the accelerator's throughput, and returns a deterministic summary derived
 * from the seeded scene. A real runtime plugs in with registerInferenceEngine(name, factory) and no
 * change to callers.
 */
import { InputError } from "../util/input-error.js";
import { type AcceleratorProfile, latencyPerTileS, type ModelSpec } from "./accelerators.js";
import { mulberry32, pick, poisson, uniform } from "./prng.js";

export interface InferenceJob {
  imageId: string;
  requestId: string;
  tag: string;
  priority: number;
  /** Seed of the scene: the same request always shows the same scene. */
  sceneSeed: number;
  widthPx: number;
  heightPx: number;
  tiles: number;
  satellite: number;
  captureUnixMs: number;
  latDeg: number;
  lonDeg: number;
  /** Ground area of the scene, km^2. */
  areaKm2: number;
}

export interface Detection {
  cls: string;
  confidence: number;
  /** [x, y, width, height] in image pixels. */
  box: [number, number, number, number];
}

export interface InferenceOutcome {
  /** Accelerator time at full power, s (throttling stretches it in wall time; see onboard.ts). */
  busyS: number;
  /** Power while running, W. */
  powerW: number;
  detections: Detection[];
  /** The summary as sent to the ground (JSON text); its UTF-8 length is what gets downlinked. */
  summary: string;
  summaryBytes: number;
}

export interface InferenceEngine {
  readonly name: string;
  readonly powerW: number;
  infer(job: InferenceJob): InferenceOutcome;
  dispose?(): void;
}

export interface EngineConfig {
  accelerator: AcceleratorProfile;
  model: ModelSpec;
  /** Engine-specific options from YAML (`eo.engineOptions`), unvalidated here. */
  options: Record<string, unknown>;
}

export type InferenceEngineFactory = (cfg: EngineConfig) => InferenceEngine;

const registry = new Map<string, InferenceEngineFactory>();

export function registerInferenceEngine(name: string, factory: InferenceEngineFactory): void {
  registry.set(name, factory);
}

export function inferenceEngineNames(): string[] {
  return [...registry.keys()].sort();
}

export function createInferenceEngine(name: string, cfg: EngineConfig): InferenceEngine {
  const f = registry.get(name);
  if (!f)
    throw new InputError(`unknown inference engine (known: ${inferenceEngineNames().join(", ")})`, {
      field: "eo.engine",
      value: name,
    });
  return f(cfg);
}

/** What each tag's scenes contain: detection classes and the mean count per Dove-sized scene. */
const SCENE_CONTENT: Record<string, { classes: string[]; meanPer400Km2: number }> = {
  shipping: { classes: ["ship", "wake"], meanPer400Km2: 6 },
  wildfire: { classes: ["fire-front", "smoke", "burn-scar"], meanPer400Km2: 4 },
  land: { classes: ["building", "road", "field", "water"], meanPer400Km2: 12 },
};
const DEFAULT_CONTENT = { classes: ["object"], meanPer400Km2: 3 };
const MAX_DETECTIONS = 200;

/** Deterministic detections for a scene: the same seed and size always give the same list. */
export function sceneDetections(job: InferenceJob): Detection[] {
  const rng = mulberry32(job.sceneSeed);
  const content = SCENE_CONTENT[job.tag] ?? DEFAULT_CONTENT;
  const mean = Math.min(40, (content.meanPer400Km2 * job.areaKm2) / 400);
  const n = Math.min(MAX_DETECTIONS, poisson(rng, mean));
  const out: Detection[] = [];
  for (let i = 0; i < n; i++) {
    const w = Math.round(uniform(rng, 8, 96));
    const h = Math.round(uniform(rng, 8, 96));
    out.push({
      cls: pick(rng, content.classes),
      confidence: Math.round(uniform(rng, 0.3, 0.99) * 1000) / 1000,
      box: [
        Math.floor(rng() * Math.max(1, job.widthPx - w)),
        Math.floor(rng() * Math.max(1, job.heightPx - h)),
        w,
        h,
      ],
    });
  }
  return out;
}

export function summaryText(job: InferenceJob, model: string, detections: Detection[]): string {
  return JSON.stringify({
    image: job.imageId,
    request: job.requestId,
    sat: job.satellite,
    t: new Date(job.captureUnixMs).toISOString(),
    lat: Math.round(job.latDeg * 1e5) / 1e5,
    lon: Math.round(job.lonDeg * 1e5) / 1e5,
    tag: job.tag,
    model,
    detections: detections.map((d) => ({ c: d.cls, p: d.confidence, b: d.box })),
  });
}

/** The default engine: a cost model plus deterministic scene summaries. */
export function costModelEngine(cfg: EngineConfig): InferenceEngine {
  const perTileS = latencyPerTileS(cfg.accelerator, cfg.model);
  return {
    name: "cost-model",
    powerW: cfg.accelerator.powerW,
    infer(job) {
      const detections = sceneDetections(job);
      const summary = summaryText(job, cfg.model.name, detections);
      return {
        busyS: job.tiles * perTileS,
        powerW: cfg.accelerator.powerW,
        detections,
        summary,
        summaryBytes: Buffer.byteLength(summary, "utf8"),
      };
    },
  };
}

registerInferenceEngine("cost-model", costModelEngine);
