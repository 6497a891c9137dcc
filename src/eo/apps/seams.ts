/**
 * The two seams of the onboard app to the EO models: the inference engine of a satellite (estimate
 * for the compute budget, async run for the content) and its power system (the node's compute
 * budget: battery, solar, radiator, radio).
 */
import type { AppContext } from "../../emu/apps/define.js";
import type { SatelliteEoConfig } from "../config.js";
import { type InferenceEngine, loadInferenceEngine } from "../inference.js";
import { SatellitePowerBudget } from "../power-budget.js";

/** The satellite's engine (its shell's `eo.engine`, or `--engine`), loaded in this node's host. */
export function engineFor(cfg: SatelliteEoConfig): Promise<InferenceEngine> {
  return loadInferenceEngine(cfg.engine, {
    accelerator: cfg.accelerator,
    model: cfg.model,
    options: cfg.engineOptions,
  });
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
    socAt: (tUnixMs) => budget.socAt(tUnixMs),
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
  /** The battery's state of charge at tUnixMs, 0..1. */
  socAt(tUnixMs: number): number;
  report(endUnixMs: number): PowerSummary;
}
