/**
 * The public API of the constellate package: `import { defineApp, z } from "constellate"`.
 * Curated, like satellite.js's index: the onboard app SDK first, then the few entry points a
 * program needs to load a constellation and run an emulation with apps on it. Everything else is
 * internal and may change between versions.
 */

/** zod 4, re-exported so an app declares its options with the same library constellate validates with. */
export { z } from "zod";
// ---- Running an emulation from a program.
export { loadConstellation } from "./config/load.js";
// ---- The onboard app SDK (docs/apps.md).
export {
  type AppContact,
  type AppContactPlan,
  type AppContext,
  type AppCounter,
  type AppDefinition,
  type AppGauge,
  type AppGaugeOptions,
  type AppLink,
  type AppLogger,
  type AppOptionsSchema,
  type AppTimer,
  type ComputeBudget,
  type ComputeCost,
  type ComputeDone,
  defineApp,
  type LinkChange,
  type LinkKindName,
  type ModelRoute,
  type NodeInfo,
  type NodeKind,
  type NodeSelector,
  type Received,
  type SendDrop,
  SendError,
  type SendOptions,
  type Sent,
  type Via,
} from "./emu/apps/define.js";
export { type AppsPlan, nodeInfosOf, planApps } from "./emu/apps/plan.js";
export { type Emulation, type EmulationOptions, startEmulation } from "./emu/emulation.js";
export type { AppValue, BundleEvent, NodeState, PingReply } from "./emu/wire.js";
// ---- Inference engines as modules (docs/eo-engines.md).
export { type AcceleratorProfile, latencyPerTileS, type ModelSpec } from "./eo/accelerators.js";
export { defineEngine, type EngineDefinition, type EngineOptionsSchema } from "./eo/engine-module.js";
export {
  type Detection,
  type EngineConfig,
  type EngineRef,
  type InferenceEngine,
  type InferenceEstimate,
  type InferenceJob,
  type InferenceResult,
  inferenceResult,
  loadInferenceEngine,
  registerInferenceEngine,
  sceneClasses,
  sceneDetections,
} from "./eo/inference.js";
export { mulberry32 } from "./eo/prng.js";
export type { Constellation, GroundStation, ShellInfo } from "./orbit/constellation.js";
// ---- Units and time.
export type { EcefKm, Geodetic, UnixMs } from "./orbit/units.js";
export { MS_PER_DAY, MS_PER_MIN, MS_PER_S } from "./orbit/units.js";
export { writeFileAtomic } from "./util/atomic-write.js";
// ---- Errors and outputs.
export { InputError } from "./util/input-error.js";
