/**
 * Onboard inference engines behind one interface. An engine answers two questions about a job:
 * `estimate(job)`, what it costs (accelerator time at full duty and its power; synchronous, for
 * scheduling and budgets: an app passes it to ctx.compute()), and `run(job)`, what it finds
 * (asynchronous, as real runtimes are: onnxruntime-node's `session.run` returns a promise).
 *
 * Engines are chosen per shell in YAML (`eo.engine`: a built-in name or `{ module: <path> }`) or for
 * every satellite with `--engine`; modules are written with defineEngine (src/eo/engine-module.ts,
 * docs/eo-engines.md). The built-in default, "cost-model", runs no network: it charges time and
 * energy from the model's operations and the accelerator's throughput, and returns a deterministic
 * summary derived from the seeded scene.
 */
import { existsSync } from "node:fs";
import { extname, isAbsolute, resolve } from "node:path";
import { InputError, type InputErrorLocation } from "../util/input-error.js";
import { didYouMean } from "../util/suggest.js";
import { type AcceleratorProfile, latencyPerTileS, type ModelSpec } from "./accelerators.js";
import {
  checkedEngine,
  defineEngine,
  type EngineDefinition,
  loadEngineModule,
  resolveEngineOptions,
} from "./engine-module.js";
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

/** What a job costs: accelerator time at full duty, s, and its power, W (an app passes it to ctx.compute()). */
export interface InferenceEstimate {
  durationS: number;
  powerW: number;
}

/** What a job finds. */
export interface InferenceResult {
  detections: Detection[];
  /** The summary as sent to the ground (JSON text); its UTF-8 length is what gets downlinked. */
  summary: string;
  summaryBytes: number;
}

export interface InferenceEngine {
  readonly name: string;
  estimate(job: InferenceJob): InferenceEstimate;
  run(job: InferenceJob): Promise<InferenceResult>;
  dispose?(): void | Promise<void>;
}

/**
 * The in-process runner's record of one job (src/eo/runner.ts, live.ts and onboard.ts): estimate and
 * result together. It goes with them.
 */
export interface InferenceOutcome {
  /** Accelerator time at full power, s (throttling stretches it in wall time; see onboard.ts). */
  busyS: number;
  /** Power while running, W. */
  powerW: number;
  detections: Detection[];
  summary: string;
  summaryBytes: number;
}

/** Where an engine comes from: a built-in by name, or a module file (absolute path once resolved). */
export type EngineRef = { name: string } | { module: string };

export interface EngineConfig {
  accelerator: AcceleratorProfile;
  model: ModelSpec;
  /** Engine-specific options from YAML (`eo.engineOptions`), validated by the engine's declared schema. */
  options: Record<string, unknown>;
}

const builtins = new Map<string, EngineDefinition>();

/** Make an engine loadable by name (`eo.engine: <name>`, `--engine <name>`): for programs using the API. */
export function registerInferenceEngine(name: string, def: EngineDefinition): void {
  builtins.set(name, def);
}

export function inferenceEngineNames(): string[] {
  return [...builtins.keys()].sort();
}

/**
 * Load (import the module if any) and create. Errors are InputErrors naming `field` (eo.engine or
 * --engine) and the value; option errors name `eo.engineOptions.<key>`. `file`: the YAML the engine
 * or its options came from, for the message.
 */
export async function loadInferenceEngine(
  ref: EngineRef,
  cfg: EngineConfig,
  field = "eo.engine",
  file?: string,
): Promise<InferenceEngine> {
  const where = field.startsWith("--") ? { field } : { file, field };
  let def: EngineDefinition;
  let label: string;
  if ("module" in ref) {
    def = await loadEngineModule(ref.module, where);
    label = def.name ?? ref.module;
  } else {
    const found = builtins.get(ref.name);
    if (!found) throw unknownEngine(ref.name, { ...where, value: ref.name });
    def = found;
    label = ref.name;
  }
  const options = resolveEngineOptions(def, label, cfg.options, file);
  const engine = await def.create({ ...cfg, options });
  return checkedEngine(engine, label, { ...where, value: "module" in ref ? ref.module : ref.name });
}

function unknownEngine(name: string, at: InputErrorLocation): InputError {
  const known = inferenceEngineNames();
  return new InputError(
    `unknown inference engine${didYouMean(name, known)} (known: ${known.join(", ")}; or give a module path)`,
    at,
  );
}

/** Module file extensions `--engine` treats as a path (anything else is an engine name). */
const MODULE_EXTENSIONS = [".ts", ".mts", ".js", ".mjs", ".cjs"];

/**
 * `--engine <name | module path>`: a path (resolved against the working directory, and checked) or
 * the name of a registered engine.
 */
export function engineRefFromFlag(value: string, field = "--engine"): EngineRef {
  const v = value.trim();
  const isPath = v.includes("/") || v.includes("\\") || MODULE_EXTENSIONS.includes(extname(v));
  if (!isPath) {
    if (!builtins.has(v)) throw unknownEngine(v, { field, value });
    return { name: v };
  }
  const abs = isAbsolute(v) ? v : resolve(v);
  if (!existsSync(abs)) throw new InputError("no such engine module", { field, value });
  return { module: abs };
}

/** What each tag's scenes contain: detection classes and the mean count per Dove-sized scene. */
const SCENE_CONTENT: Record<string, { classes: string[]; meanPer400Km2: number }> = {
  shipping: { classes: ["ship", "wake"], meanPer400Km2: 6 },
  wildfire: { classes: ["fire-front", "smoke", "burn-scar"], meanPer400Km2: 4 },
  land: { classes: ["building", "road", "field", "water"], meanPer400Km2: 12 },
};
const DEFAULT_CONTENT = { classes: ["object"], meanPer400Km2: 3 };
const MAX_DETECTIONS = 200;

/** The detection classes a tag's scenes may contain, in a fixed order. */
export function sceneClasses(tag: string): readonly string[] {
  return (SCENE_CONTENT[tag] ?? DEFAULT_CONTENT).classes;
}

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

/** The summary record of a list of detections (its byte count is what gets downlinked). */
export function inferenceResult(job: InferenceJob, model: string, detections: Detection[]): InferenceResult {
  const summary = summaryText(job, model, detections);
  return { detections, summary, summaryBytes: Buffer.byteLength(summary, "utf8") };
}

/** The cost model's content, synchronously: the seeded scene's detections and their summary. */
export function costModelResult(job: InferenceJob, model: string): InferenceResult {
  return inferenceResult(job, model, sceneDetections(job));
}

/** The default engine: a cost model plus deterministic scene summaries. */
export function costModelEngine(cfg: EngineConfig): InferenceEngine {
  const perTileS = latencyPerTileS(cfg.accelerator, cfg.model);
  return {
    name: "cost-model",
    estimate: (job) => ({ durationS: job.tiles * perTileS, powerW: cfg.accelerator.powerW }),
    run: async (job) => costModelResult(job, cfg.model.name),
  };
}

// Declares no options: any `eo.engineOptions` key given to it is a typo or meant for another engine.
registerInferenceEngine(
  "cost-model",
  defineEngine({ name: "cost-model", create: (cfg) => costModelEngine(cfg) }),
);
