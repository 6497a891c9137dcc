/**
 * The two seams of the onboard app to the EO models: the inference engine of a satellite (estimate
 * for the compute budget, async run for the content) and its power system (the node's compute
 * budget: battery, solar, radiator, radio).
 */
import type { AppContext } from "../../emu/apps/define.js";
import type { SatelliteEoConfig } from "../config.js";
import { createInferenceEngine, type InferenceJob } from "../inference.js";
import { SatellitePowerBudget } from "../power-budget.js";

export interface EstimateRun {
  estimate(job: InferenceJob): { durationS: number; powerW: number };
  run(job: InferenceJob): Promise<{ detections: { confidence: number }[]; summaryBytes: number }>;
  dispose?(): void | Promise<void>;
}

export async function engineFor(cfg: SatelliteEoConfig): Promise<EstimateRun> {
  const e = createInferenceEngine(cfg.engine, {
    accelerator: cfg.accelerator,
    model: cfg.model,
    options: cfg.engineOptions,
  });
  return {
    estimate: (job) => {
      const o = e.infer(job);
      return { durationS: o.busyS, powerW: o.powerW };
    },
    run: async (job) => e.infer(job),
    dispose: () => e.dispose?.(),
  };
}

export interface PowerSummary {
  throttledPowerS: number;
  throttledHeatS: number;
  computeEnergyJ: number;
  radioEnergyJ: number;
  powerDeficitS: number;
  minSoc: number;
  endSoc: number;
}

/** Install the satellite's power system as the node's compute budget; report() at the end. */
export function installPower(
  ctx: AppContext<{ tasking: string }>,
  cfg: SatelliteEoConfig,
  illumination: readonly [number, number][],
  startUnixMs: number,
): PowerSystem {
  const budget = new SatellitePowerBudget(
    cfg,
    illumination.map(([tUnixMs, fraction]) => ({ tUnixMs, fraction })),
    startUnixMs,
  );
  ctx.setComputeBudget(budget);
  return {
    radio(fromUnixMs, toUnixMs) {
      ctx.drawPower(cfg.power.radioTxW, fromUnixMs, toUnixMs, "radio");
    },
    report(endUnixMs) {
      const r = budget.report(endUnixMs);
      return {
        throttledPowerS: r.throttledPowerS,
        throttledHeatS: r.throttledHeatS,
        computeEnergyJ: r.computeEnergyJ,
        radioEnergyJ: r.radioEnergyJ,
        powerDeficitS: r.powerDeficitS,
        minSoc: r.minSoc,
        endSoc: r.endSoc,
      };
    },
  };
}

export interface PowerSystem {
  /** The downlink radio transmitted over [fromUnixMs, toUnixMs). */
  radio(fromUnixMs: number, toUnixMs: number): void;
  report(endUnixMs: number): PowerSummary;
}
