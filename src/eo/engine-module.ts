/**
 * Inference engines as modules: what a module exports (`export default defineEngine({...})`), how
 * it is imported (as app modules are: src/emu/apps/import-module.ts, so .ts works under tsx), how
 * its declared options are checked against YAML `eo.engineOptions`, and the checks on what it
 * returns, so a faulty module fails with its name in the message rather than deep in a replay.
 * src/eo/inference.ts's loadInferenceEngine puts these together.
 */
import { existsSync } from "node:fs";
import { basename, extname } from "node:path";
import type { z } from "zod";
import { importModule } from "../emu/apps/import-module.js";
import { InputError, type InputErrorLocation } from "../util/input-error.js";
import { didYouMean } from "../util/suggest.js";
import type { EngineConfig, InferenceEngine, InferenceEstimate, InferenceJob } from "./inference.js";

/** Options declared as a zod object schema: its keys are the engine's option names. */
// biome-ignore lint/suspicious/noExplicitAny: any zod object shape
export type EngineOptionsSchema = z.ZodObject<any>;

export interface EngineDefinition<S extends EngineOptionsSchema = EngineOptionsSchema> {
  /** For messages; default: the module's file name without extension. */
  name?: string;
  /** Declared options, from YAML `eo.engineOptions` (unknown keys are errors). None declared: none accepted. */
  options?: S;
  /** Called once per distinct satellite configuration, with the options validated and defaulted. */
  create(cfg: EngineConfig & { options: z.infer<S> }): InferenceEngine | Promise<InferenceEngine>;
}

/** Marks an engine definition (type-checks `create` against the declared options). */
export function defineEngine<S extends EngineOptionsSchema>(def: EngineDefinition<S>): EngineDefinition<S> {
  if (typeof def?.create !== "function") throw new TypeError("defineEngine: create(cfg) is required");
  return def;
}

type Where = Pick<InputErrorLocation, "file" | "field">;

/** Import an engine module by absolute path; its default export must be a defineEngine({...}). */
export async function loadEngineModule(modulePath: string, where: Where): Promise<EngineDefinition> {
  const at = { ...where, value: modulePath };
  if (!existsSync(modulePath)) throw new InputError("no such engine module", at);
  let mod: { default?: unknown };
  try {
    mod = (await importModule(modulePath)) as { default?: unknown };
  } catch (e) {
    throw new InputError(`cannot load engine module: ${e instanceof Error ? e.message : String(e)}`, at);
  }
  if (mod.default === undefined)
    throw new InputError(
      "the engine module has no default export (use export default defineEngine({...}))",
      at,
    );
  const def = mod.default as EngineDefinition;
  if (typeof def !== "object" || def === null || typeof def.create !== "function")
    throw new InputError(
      "the engine module's default export is not an engine (use export default defineEngine({...}))",
      at,
    );
  return { ...def, name: def.name ?? basename(modulePath, extname(modulePath)) };
}

/** Validate YAML `eo.engineOptions` against the engine's declaration; unknown keys name a near one. */
export function resolveEngineOptions(
  def: EngineDefinition,
  engine: string,
  given: Record<string, unknown>,
  file?: string,
): Record<string, unknown> {
  const known = def.options ? Object.keys(def.options.shape as object) : [];
  for (const [key, value] of Object.entries(given))
    if (!known.includes(key))
      throw new InputError(
        `engine ${engine} has no option "${key}"${didYouMean(key, known)}; its options: ${known.join(", ") || "(none)"}`,
        { file, field: `eo.engineOptions.${key}`, value },
      );
  if (!def.options) return {};
  const r = def.options.safeParse(given);
  if (r.success) return r.data as Record<string, unknown>;
  const issue = r.error.issues[0]!;
  const key = String(issue.path[0] ?? "");
  throw new InputError(`engine ${engine} option ${key}: ${issue.message}`, {
    file,
    field: `eo.engineOptions.${key}`,
    value: given[key],
  });
}

/**
 * The engine `create` returned, after checking it is one; its estimates and results are checked on
 * every call (cheap next to inference), so a module's bug names the module.
 */
export function checkedEngine(e: unknown, label: string, at: InputErrorLocation): InferenceEngine {
  const eng = e as InferenceEngine | null | undefined;
  if (
    typeof eng !== "object" ||
    eng === null ||
    typeof eng.name !== "string" ||
    typeof eng.estimate !== "function" ||
    typeof eng.run !== "function"
  )
    throw new InputError(
      `engine ${label}: create() did not return an engine (needs name, estimate(job), run(job))`,
      at,
    );
  const fail = (job: InferenceJob, what: string): never => {
    throw new Error(`inference engine ${eng.name} (${label}), job ${job.imageId}: ${what}`);
  };
  const checked: InferenceEngine = {
    name: eng.name,
    estimate(job): InferenceEstimate {
      const est = eng.estimate(job);
      if (
        !(
          est?.durationS >= 0 &&
          Number.isFinite(est.durationS) &&
          est.powerW >= 0 &&
          Number.isFinite(est.powerW)
        )
      )
        fail(job, `estimate must be finite { durationS >= 0, powerW >= 0 }, got ${JSON.stringify(est)}`);
      return est;
    },
    async run(job) {
      const r = await eng.run(job);
      if (!Array.isArray(r?.detections) || typeof r.summary !== "string" || !(r.summaryBytes >= 0))
        fail(job, "run must resolve to { detections: [], summary: string, summaryBytes >= 0 }");
      return r;
    },
  };
  if (eng.dispose) checked.dispose = () => eng.dispose?.();
  return checked;
}
