/**
 * One EO satellite's power system as the app API's compute budget (src/emu/apps/define.ts
 * ComputeBudget): solar array, battery, bus load, radiator and whatever else draws power (the
 * downlink radio). The onboard app installs it with ctx.setComputeBudget; every compute call on the
 * node is then scheduled here, and ctx.drawPower forwards the radio's transmissions.
 *
 * Physics as src/eo/onboard.ts (docs/eo-power.md):
 * - solar: S x A x eta x f (power.ts solarPowerW), f the illuminated fraction, piecewise constant
 *   between the IlluminationChanges given (1, sunlit, before the first);
 * - a constant bus load, plus draws (e.g. the radio while it transmits);
 * - the accelerator runs one job at a time: a request starts at max(request, previous job's end);
 * - its duty is d = min(heat duty, power duty). Heat duty = eps sigma A Tmax^4 / P (power.ts
 *   heatDuty: quasi-static radiator). Power duty = 1 while the battery is above its reserve state of
 *   charge, else the solar surplus over bus and draws, / P, in [0, 1]. Work advances at rate d, so a
 *   job of durationS takes longer than durationS when d < 1; (1 - d) x time is throttled, counted
 *   for the binding cause (heat when the heat duty is the smaller, else power);
 * - the battery integrates the piecewise-constant balance exactly (no fixed time step: every
 *   change of load, illumination or duty is a breakpoint), clamped to [0, capacity]. Above
 *   capacity the surplus is shunted (not counted as solar energy used); at 0 with a deficit the
 *   time is powerDeficitS (a brown-out: the loads are counted as drawn, the shortfall is not
 *   supplied by anything, so the energy identity below is off by it).
 *
 * Energy identity (report): solarEnergyJ - busEnergyJ - computeEnergyJ - radioEnergyJ equals the
 * battery's change (endSoc - initialSoc) x capacity, whenever there was no brown-out.
 * busEnergyJ holds the constant bus load and every draw not labelled "radio".
 *
 * Answers are final (the app API's contract): a draw() registered after a schedule() answer does
 * not move that answer, because the work has already been promised to the software (it is running
 * or queued at the duty computed then), but the draw counts in the battery from its fromUnixMs on,
 * so later answers, socAt() and report() see it.
 *
 * Implementation: loads are a sorted list of step changes; the battery state is kept at checkpoints
 * (one per schedule, and one every CHECKPOINT_EVERY steps of a long integration) and integrated
 * forward from the latest one still valid. A draw that starts before checkpoints shifts them when
 * that is exact, else drops them (amendCheckpoints). Cost: a schedule integrates from the latest
 * valid checkpoint to its start, so after a draw that landed before a long queue of jobs, in the
 * order of the steps queued after it.
 */
import type { ComputeBudget, ComputeCost } from "../emu/apps/define.js";
import type { PowerConfig, ThermalConfig } from "./config.js";
import { heatDuty, solarPowerW } from "./power.js";

/** From tUnixMs on, the illuminated fraction of the solar disc, 0 (umbra) .. 1 (sunlit). */
export interface IlluminationChange {
  tUnixMs: number;
  fraction: number;
}

export interface PowerReport {
  /** Accelerator time lost to the battery reserve ((1 - d) x time, power binding), s. */
  throttledPowerS: number;
  /** Accelerator time lost to the radiator ((1 - d) x time, heat binding), s. */
  throttledHeatS: number;
  computeEnergyJ: number;
  /** Energy of draws labelled "radio". */
  radioEnergyJ: number;
  /** Constant bus load and every draw not labelled "radio". */
  busEnergyJ: number;
  /** Solar energy used (loads and charging; a full battery's shunted surplus is not counted). */
  solarEnergyJ: number;
  minSoc: number;
  endSoc: number;
  /** Time the battery was empty with loads above generation (a brown-out), s. */
  powerDeficitS: number;
  /** Time the accelerator had a job running (at any duty), s. */
  busyS: number;
}

/** A step change of the loads at tUnixMs (deltas). */
interface LoadStep {
  tUnixMs: number;
  otherW: number;
  radioW: number;
  computeW: number;
  /** +1 when a job segment starts, -1 when it ends. */
  busy: number;
  /** Throttled seconds per second while the segment runs: 1 - d, for the binding cause. */
  heatRate: number;
  powerRate: number;
}

interface State {
  tUnixMs: number;
  energyJ: number;
  minEnergyJ: number;
  otherW: number;
  radioW: number;
  computeW: number;
  busy: number;
  heatRate: number;
  powerRate: number;
  solarJ: number;
  busJ: number;
  radioJ: number;
  computeJ: number;
  deficitS: number;
  busyS: number;
  throttledHeatS: number;
  throttledPowerS: number;
  /** Times the battery met or sat at a bound (full and shunting, or empty): a trajectory's kinks. */
  clamps: number;
}

/** One stretch of a job at constant duty. */
interface Segment {
  fromUnixMs: number;
  toUnixMs: number;
  d: number;
  cause: "none" | "heat" | "power";
}

/**
 * Battery energies this close count as equal: 1 mJ, far above the rounding of an instant to a Unix ms
 * double (~2.4e-7 s x 700 W = 1.7e-4 J) and far below anything reported.
 */
const ENERGY_EPS_J = 1e-3;
const WORK_EPS_S = 1e-9;
const MAX_STEPS = 1_000_000;
/** Integration steps between the checkpoints an integration leaves behind. */
const CHECKPOINT_EVERY = 32;

export class SatellitePowerBudget implements ComputeBudget {
  private readonly power: PowerConfig;
  private readonly thermal: ThermalConfig;
  private readonly illumination: readonly IlluminationChange[];
  private readonly startUnixMs: number;
  private readonly capacityJ: number;
  private readonly reserveJ: number;
  private readonly steps: LoadStep[] = [];
  /** Battery states before the steps at their instant; sorted, the first at startUnixMs. */
  private readonly checkpoints: State[] = [];
  /** When the accelerator is next free (the last job's end). */
  private freeUnixMs: number;

  constructor(
    cfg: { power: PowerConfig; thermal: ThermalConfig },
    illumination: readonly IlluminationChange[],
    startUnixMs: number,
  ) {
    this.power = cfg.power;
    this.thermal = cfg.thermal;
    for (let i = 0; i < illumination.length; i++) {
      const c = illumination[i]!;
      if (!(c.fraction >= 0 && c.fraction <= 1) || !Number.isFinite(c.tUnixMs))
        throw new RangeError(
          `illumination[${i}]: need a finite tUnixMs and fraction in [0, 1], got ${JSON.stringify(c)}`,
        );
      if (i > 0 && c.tUnixMs < illumination[i - 1]!.tUnixMs)
        throw new RangeError(
          `illumination[${i}]: changes must be in time order (${c.tUnixMs} after ${illumination[i - 1]!.tUnixMs})`,
        );
    }
    this.illumination = illumination;
    this.startUnixMs = startUnixMs;
    this.freeUnixMs = startUnixMs;
    this.capacityJ = cfg.power.batteryWh * 3600;
    this.reserveJ = this.capacityJ * cfg.power.reserveSoc;
    const e0 = this.capacityJ * cfg.power.initialSoc;
    this.checkpoints.push({
      tUnixMs: startUnixMs,
      energyJ: e0,
      minEnergyJ: e0,
      otherW: 0,
      radioW: 0,
      computeW: 0,
      busy: 0,
      heatRate: 0,
      powerRate: 0,
      solarJ: 0,
      busJ: 0,
      radioJ: 0,
      computeJ: 0,
      deficitS: 0,
      busyS: 0,
      throttledHeatS: 0,
      throttledPowerS: 0,
      clamps: 0,
    });
  }

  schedule(
    cost: ComputeCost,
    requestUnixMs: number,
  ): { startUnixMs: number; endUnixMs: number; energyJ: number } {
    if (!(requestUnixMs >= this.startUnixMs))
      throw new RangeError(
        `schedule: request at ${requestUnixMs} is before the budget's start ${this.startUnixMs}`,
      );
    const startUnixMs = Math.max(requestUnixMs, this.freeUnixMs);
    // Energy of the work is the same however it is stretched: P for durationS of work.
    const energyJ = cost.powerW * cost.durationS;
    if (!Number.isFinite(startUnixMs)) return { startUnixMs, endUnixMs: startUnixMs, energyJ };
    const s = this.stateAt(startUnixMs);
    if (startUnixMs > this.checkpoints[this.checkpoints.length - 1]!.tUnixMs) this.checkpoints.push({ ...s });
    const segments = this.runJob(s, cost);
    const last = segments[segments.length - 1];
    const endUnixMs = last ? last.toUnixMs : startUnixMs;
    for (const g of segments) {
      const w = g.d * cost.powerW;
      const heat = g.cause === "heat" ? 1 - g.d : 0;
      const pow = g.cause === "power" ? 1 - g.d : 0;
      this.insert({
        tUnixMs: g.fromUnixMs,
        otherW: 0,
        radioW: 0,
        computeW: w,
        busy: 1,
        heatRate: heat,
        powerRate: pow,
      });
      if (Number.isFinite(g.toUnixMs))
        this.insert({
          tUnixMs: g.toUnixMs,
          otherW: 0,
          radioW: 0,
          computeW: -w,
          busy: -1,
          heatRate: -heat,
          powerRate: -pow,
        });
    }
    this.freeUnixMs = endUnixMs;
    return { startUnixMs, endUnixMs, energyJ };
  }

  draw(powerW: number, fromUnixMs: number, toUnixMs: number, label?: string): void {
    if (!(powerW >= 0) || !(toUnixMs >= fromUnixMs))
      throw new RangeError(
        `draw: need powerW >= 0 and toUnixMs >= fromUnixMs, got ${powerW} W over [${fromUnixMs}, ${toUnixMs})`,
      );
    const from = Math.max(fromUnixMs, this.startUnixMs);
    if (powerW === 0 || !(toUnixMs > from)) return;
    const radio = label === "radio";
    const step = (t: number, w: number): LoadStep => ({
      tUnixMs: t,
      otherW: radio ? 0 : w,
      radioW: radio ? w : 0,
      computeW: 0,
      busy: 0,
      heatRate: 0,
      powerRate: 0,
    });
    this.insert(step(from, powerW));
    if (Number.isFinite(toUnixMs)) this.insert(step(toUnixMs, -powerW));
    this.amendCheckpoints(powerW, from, toUnixMs, radio);
  }

  /**
   * Battery states after a new draw's start no longer hold. Where the battery neither met a bound
   * (full or empty) after the draw's start nor can reach empty with the draw, the new trajectory is
   * the old one lowered by the draw's energy so far, exactly (every load is fixed: jobs already
   * answered keep their duty), so the checkpoints are shifted; otherwise they are dropped and
   * recomputed on demand. The shift keeps a radio transmitting now from costing a re-integration
   * of every job queued behind it.
   */
  private amendCheckpoints(powerW: number, from: number, to: number, radio: boolean): void {
    const cps = this.checkpoints;
    let lo = 0;
    let hi = cps.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cps[mid]!.tUnixMs <= from) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= cps.length) return;
    const base = cps[lo - 1]!;
    const last = cps[cps.length - 1]!;
    const mostJ = (powerW * (Math.min(to, last.tUnixMs) - from)) / 1000;
    if (last.clamps !== base.clamps || !(last.minEnergyJ - mostJ > ENERGY_EPS_J)) {
      cps.length = lo;
      return;
    }
    for (let j = lo; j < cps.length; j++) {
      const c = cps[j]!;
      const shiftJ = (powerW * (Math.min(to, c.tUnixMs) - from)) / 1000;
      c.energyJ -= shiftJ;
      // A lower bound from here on; report() integrates from the start for the exact minimum.
      c.minEnergyJ -= shiftJ;
      if (radio) c.radioJ += shiftJ;
      else c.busJ += shiftJ;
      // The checkpoint's loads are those of the steps before its instant.
      if (c.tUnixMs <= to) {
        if (radio) c.radioW += powerW;
        else c.otherW += powerW;
      }
    }
  }

  socAt(tUnixMs: number): number {
    return this.capacityJ > 0 ? this.stateAt(tUnixMs).energyJ / this.capacityJ : 0;
  }

  report(endUnixMs: number): PowerReport {
    // From the start: checkpoints' minima are lower bounds once shifted (amendCheckpoints).
    const s = this.stateAt(endUnixMs, true);
    const soc = (e: number) => (this.capacityJ > 0 ? e / this.capacityJ : 0);
    return {
      throttledPowerS: s.throttledPowerS,
      throttledHeatS: s.throttledHeatS,
      computeEnergyJ: s.computeJ,
      radioEnergyJ: s.radioJ,
      busEnergyJ: s.busJ,
      solarEnergyJ: s.solarJ,
      minSoc: soc(s.minEnergyJ),
      endSoc: soc(s.energyJ),
      powerDeficitS: s.deficitS,
      busyS: s.busyS,
    };
  }

  // ---- internals

  private solarW(fraction: number): number {
    return solarPowerW(this.power.panelAreaM2, this.power.panelEfficiency, fraction);
  }

  /** Index of the illumination change in force at t (-1: before the first, sunlit). */
  private illuminationIndex(t: number): number {
    let lo = 0;
    let hi = this.illumination.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.illumination[mid]!.tUnixMs <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  private fractionAt(index: number): number {
    return index < 0 ? 1 : this.illumination[index]!.fraction;
  }

  /** First step at or after t. */
  private lowerBound(t: number): number {
    let lo = 0;
    let hi = this.steps.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.steps[mid]!.tUnixMs < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private insert(step: LoadStep): void {
    let lo = 0;
    let hi = this.steps.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.steps[mid]!.tUnixMs <= step.tUnixMs) lo = mid + 1;
      else hi = mid;
    }
    this.steps.splice(lo, 0, step);
  }

  private apply(s: State, step: LoadStep): void {
    s.otherW += step.otherW;
    s.radioW += step.radioW;
    s.computeW += step.computeW;
    s.busy += step.busy;
    s.heatRate += step.heatRate;
    s.powerRate += step.powerRate;
  }

  /** The battery state at t (loads in force just before the steps at t), from the latest checkpoint. */
  private stateAt(t: number, fromStart = false): State {
    if (!(t >= this.startUnixMs) || !Number.isFinite(t))
      throw new RangeError(
        `power budget: ${t} is not a finite instant at or after the budget's start ${this.startUnixMs}`,
      );
    // Latest checkpoint at or before t.
    let lo = 0;
    let hi = this.checkpoints.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.checkpoints[mid]!.tUnixMs <= t) lo = mid + 1;
      else hi = mid;
    }
    const c = fromStart ? 0 : lo - 1;
    const s: State = { ...this.checkpoints[c]! };
    let next = this.lowerBound(s.tUnixMs);
    let il = this.illuminationIndex(s.tUnixMs);
    let sinceCheckpoint = 0;
    let insertAt = c + 1;
    // Every pass ends at a later instant (the next step, illumination change or t): it terminates.
    while (s.tUnixMs < t) {
      // Leave checkpoints along long integrations, so that a draw starting in the middle (the radio
      // transmitting now, while jobs are queued far ahead) drops only those after it.
      if (!fromStart && ++sinceCheckpoint >= CHECKPOINT_EVERY) {
        this.checkpoints.splice(insertAt++, 0, { ...s });
        sinceCheckpoint = 0;
      }
      while (next < this.steps.length && this.steps[next]!.tUnixMs <= s.tUnixMs)
        this.apply(s, this.steps[next++]!);
      while (il + 1 < this.illumination.length && this.illumination[il + 1]!.tUnixMs <= s.tUnixMs) il++;
      let toT = t;
      if (next < this.steps.length) toT = Math.min(toT, this.steps[next]!.tUnixMs);
      if (il + 1 < this.illumination.length) toT = Math.min(toT, this.illumination[il + 1]!.tUnixMs);
      this.integrate(s, (toT - s.tUnixMs) / 1000, this.solarW(this.fractionAt(il)));
      s.tUnixMs = toT;
    }
    return s;
  }

  /** Advance the battery and the sums over dtS of constant loads and generation. */
  private integrate(s: State, dtS: number, solarW: number): void {
    const loadW = this.power.busPowerW + s.otherW + s.radioW + s.computeW;
    const netW = solarW - loadW;
    let rem = dtS;
    while (rem > 0) {
      if (netW > 0) {
        if (s.energyJ >= this.capacityJ - ENERGY_EPS_J) {
          // Full: the array covers the loads, the rest is shunted.
          s.energyJ = this.capacityJ;
          s.clamps++;
          s.solarJ += loadW * rem;
          rem = 0;
        } else {
          const toFull = (this.capacityJ - s.energyJ) / netW;
          const dt = Math.min(rem, toFull);
          if (dt === toFull) {
            s.energyJ = this.capacityJ;
            s.clamps++;
          } else s.energyJ += netW * dt;
          s.solarJ += solarW * dt;
          rem -= dt;
        }
      } else if (netW < 0) {
        if (s.energyJ <= ENERGY_EPS_J) {
          s.energyJ = 0;
          s.clamps++;
          s.deficitS += rem;
          s.solarJ += solarW * rem;
          rem = 0;
        } else {
          const toEmpty = s.energyJ / -netW;
          const dt = Math.min(rem, toEmpty);
          if (dt === toEmpty) {
            s.energyJ = 0;
            s.clamps++;
          } else s.energyJ += netW * dt;
          s.solarJ += solarW * dt;
          rem -= dt;
        }
        if (s.energyJ < s.minEnergyJ) s.minEnergyJ = s.energyJ;
      } else {
        s.solarJ += solarW * rem;
        rem = 0;
      }
    }
    s.busJ += (this.power.busPowerW + s.otherW) * dtS;
    s.radioJ += s.radioW * dtS;
    s.computeJ += s.computeW * dtS;
    s.busyS += s.busy * dtS;
    s.throttledHeatS += s.heatRate * dtS;
    s.throttledPowerS += s.powerRate * dtS;
  }

  /**
   * Run a job from state s (at its start) to its end: the duty it gets over time, as constant-duty
   * segments. Loads besides the job are the steps already known (bus, draws); the battery follows.
   */
  private runJob(start: State, cost: ComputeCost): Segment[] {
    const s: State = { ...start };
    const P = cost.powerW;
    const dHeat = heatDuty(P, this.thermal.emissivity, this.thermal.radiatorAreaM2, this.thermal.maxTempK);
    const segments: Segment[] = [];
    let workS = cost.durationS;
    let next = this.lowerBound(s.tUnixMs);
    let il = this.illuminationIndex(s.tUnixMs);
    let guard = 0;
    while (workS > WORK_EPS_S) {
      if (++guard > MAX_STEPS) throw new Error("power budget: a job's schedule did not converge");
      while (next < this.steps.length && this.steps[next]!.tUnixMs <= s.tUnixMs)
        this.apply(s, this.steps[next++]!);
      while (il + 1 < this.illumination.length && this.illumination[il + 1]!.tUnixMs <= s.tUnixMs) il++;
      const solarW = this.solarW(this.fractionAt(il));
      // Earlier jobs have ended by now, so s.computeW is ~0; kept for exactness of the balance.
      const otherW = this.power.busPowerW + s.otherW + s.radioW + s.computeW;
      const aboveReserve = s.energyJ > this.reserveJ + ENERGY_EPS_J;
      const dPower = P <= 0 || aboveReserve ? 1 : Math.min(1, Math.max(0, (solarW - otherW) / P));
      const d = Math.min(dHeat, dPower);
      const netW = solarW - otherW - d * P;
      let toT = Number.POSITIVE_INFINITY;
      if (next < this.steps.length) toT = this.steps[next]!.tUnixMs;
      if (il + 1 < this.illumination.length) toT = Math.min(toT, this.illumination[il + 1]!.tUnixMs);
      let dtS = (toT - s.tUnixMs) / 1000;
      let finishes = false;
      if (d > 0 && workS / d <= dtS) {
        dtS = workS / d;
        finishes = true;
      }
      if (netW < 0 && aboveReserve) {
        const toReserve = (s.energyJ - this.reserveJ) / -netW;
        if (toReserve < dtS) {
          dtS = toReserve;
          finishes = false;
        }
      }
      const cause = d >= 1 ? "none" : dHeat < dPower ? "heat" : "power";
      const endT = finishes ? s.tUnixMs + (workS / d) * 1000 : s.tUnixMs + dtS * 1000;
      const prev = segments[segments.length - 1];
      if (prev && prev.d === d && prev.cause === cause) prev.toUnixMs = endT;
      else segments.push({ fromUnixMs: s.tUnixMs, toUnixMs: endT, d, cause });
      // No power now and nothing will ever change: the job never ends.
      if (!Number.isFinite(dtS)) break;
      workS = finishes ? 0 : workS - d * dtS;
      s.energyJ = Math.min(this.capacityJ, Math.max(0, s.energyJ + netW * dtS));
      s.tUnixMs = endT;
    }
    return segments;
  }
}
