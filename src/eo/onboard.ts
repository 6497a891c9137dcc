/**
 * The onboard software of one EO satellite as a state machine on virtual time, independent of the
 * transport: capture -> (infer) -> store -> forward policy. Whoever drives it (the fast in-process
 * runner in runner.ts, or a live emulated node of src/emu/) calls:
 *   advanceTo(t)       integrate power, heat and inference work up to t (ms since the run start);
 *   setIllumination    at each sunlit/penumbra/umbra change;
 *   capture            when a target is in view;
 *   takeNext/putBack/release   to move products over whatever link is up (ground or laser);
 *   accept             for products relayed in from a neighbour;
 *   nextEventMs        to know when to call again (an inference finishing, the battery reaching its
 *                      reserve), and receives products through the onProducts hook.
 *
 * Power: generation S A eta f while sunlit (f: illuminated fraction), a constant bus load, and the
 * accelerator while it runs; the battery integrates the balance, clamped to [0, capacity]. Inference
 * runs on battery only above the reserve state of charge; at or below it, only on the solar surplus.
 * Heat: the accelerator may run at most the duty its radiator can reject (power.ts heatDuty). The
 * accelerator's duty is d = min(heat duty, power duty); the work of the head job advances at rate d,
 * and (1 - d) x time with work queued is recorded as throttled, by the binding cause.
 */
import type { SatelliteEoConfig } from "./config.js";
import type { InferenceOutcome } from "./inference.js";
import { heatDuty, solarPowerW } from "./power.js";

export const REPLAY_MODES = ["raw", "summary", "hybrid"] as const;
export type ReplayMode = (typeof REPLAY_MODES)[number];

export type ProductKind = "raw" | "summary" | "chip";
const KIND_RANK: Record<ProductKind, number> = { summary: 0, chip: 1, raw: 2 };

/** A unit of data to forward: an image, its summary, or a chip. */
export interface Product {
  id: string;
  kind: ProductKind;
  /** Index of the image it belongs to. */
  image: number;
  bytes: number;
  /** Bytes still to send on the current hop (a transfer cut by loss of contact resumes). */
  remainingBytes: number;
  priority: number;
  createdMs: number;
  /** The product whose arrival on the ground is the image's insight (raw image, or summary). */
  insight: boolean;
}

export interface CapturedImage {
  index: number;
  requestIndex: number;
  requestId: string;
  satellite: number;
  captureMs: number;
  rawBytes: number;
  areaKm2: number;
  widthPx: number;
  heightPx: number;
  tiles: number;
  priority: number;
  tag: string;
  latDeg: number;
  lonDeg: number;
  sceneSeed: number;
}

interface Job {
  image: CapturedImage;
  remainingBusyS: number;
  outcome: InferenceOutcome;
}

export interface NodeStats {
  throttledPowerS: number;
  throttledHeatS: number;
  inferenceEnergyJ: number;
  imagesInferred: number;
  overflowCount: number;
  overflowBytes: number;
  /** Time the bus load exceeded generation with an empty battery (a brown-out), s. */
  powerDeficitS: number;
  peakStorageBytes: number;
}

export interface PolicySettings {
  chipPriorityMin: number;
  chipMinConfidence: number;
  chipSidePx: number;
}

export interface OnboardHooks {
  /** New products are on board (after an inference finished at tMs). */
  onProducts(node: OnboardNode, tMs: number, image: number): void;
}

/** Bytes of an image chip: side^2 pixels x all bands at the finest GSD x bit depth / compression. */
export function chipBytes(cfg: SatelliteEoConfig, sidePx: number): number {
  const s = cfg.sensor;
  const bands = s.bands + s.coarseBands.reduce((a, g) => a + g.count, 0);
  return Math.ceil((sidePx * sidePx * bands * s.bitDepth) / 8 / s.compressionRatio);
}

const WORK_EPS_S = 1e-9;
const ENERGY_EPS_J = 1e-9;

export class OnboardNode {
  readonly sat: number;
  readonly cfg: SatelliteEoConfig;
  readonly mode: ReplayMode;
  /** ms since the run start up to which the state has been integrated. */
  t = 0;
  storageUsedBytes = 0;
  energyJ: number;
  readonly capacityJ: number;
  readonly reserveJ: number;
  illuminatedFraction = 1;
  readonly stats: NodeStats = {
    throttledPowerS: 0,
    throttledHeatS: 0,
    inferenceEnergyJ: 0,
    imagesInferred: 0,
    overflowCount: 0,
    overflowBytes: 0,
    powerDeficitS: 0,
    peakStorageBytes: 0,
  };
  private readonly jobs: Job[] = [];
  private readonly outbox: Product[] = [];
  private readonly policy: PolicySettings;
  private readonly hooks: OnboardHooks;
  private nextProduct = 0;

  constructor(
    sat: number,
    cfg: SatelliteEoConfig,
    mode: ReplayMode,
    policy: PolicySettings,
    hooks: OnboardHooks,
  ) {
    this.sat = sat;
    this.cfg = cfg;
    this.mode = mode;
    this.policy = policy;
    this.hooks = hooks;
    this.capacityJ = cfg.power.batteryWh * 3600;
    this.energyJ = this.capacityJ * cfg.power.initialSoc;
    this.reserveJ = this.capacityJ * cfg.power.reserveSoc;
  }

  get pendingInference(): number {
    return this.jobs.length;
  }

  get outboxCount(): number {
    return this.outbox.length;
  }

  private solarW(): number {
    const p = this.cfg.power;
    return solarPowerW(p.panelAreaM2, p.panelEfficiency, this.illuminatedFraction);
  }

  private heatDutyOf(powerW: number): number {
    const th = this.cfg.thermal;
    return heatDuty(powerW, th.emissivity, th.radiatorAreaM2, th.maxTempK);
  }

  /** The accelerator duty now and what limits it. */
  private duty(job: Job | undefined): { d: number; dHeat: number; dPower: number } {
    if (!job) return { d: 0, dHeat: 1, dPower: 1 };
    const p = job.outcome.powerW;
    const surplusW = this.solarW() - this.cfg.power.busPowerW;
    const dPower = this.energyJ > this.reserveJ + ENERGY_EPS_J ? 1 : Math.min(1, Math.max(0, surplusW / p));
    const dHeat = this.heatDutyOf(p);
    return { d: Math.min(dHeat, dPower), dHeat, dPower };
  }

  /** Integrate power, heat and inference from this.t to tMs, finishing jobs on the way. */
  advanceTo(tMs: number): void {
    let guard = 0;
    while (this.t < tMs) {
      if (++guard > 1_000_000) throw new Error(`OnboardNode ${this.sat}: advanceTo did not converge`);
      const job = this.jobs[0];
      const { d, dHeat, dPower } = this.duty(job);
      const accW = job ? d * job.outcome.powerW : 0;
      const netW = this.solarW() - this.cfg.power.busPowerW - accW;
      let dtS = (tMs - this.t) / 1000;
      let finishes = false;
      if (job && d > 0 && job.remainingBusyS / d <= dtS) {
        dtS = job.remainingBusyS / d;
        finishes = true;
      }
      if (job && netW < 0 && this.energyJ > this.reserveJ + ENERGY_EPS_J) {
        const toReserve = (this.energyJ - this.reserveJ) / -netW;
        if (toReserve < dtS) {
          dtS = toReserve;
          finishes = false;
        }
      }
      if (netW < 0 && this.energyJ > ENERGY_EPS_J) {
        const toEmpty = this.energyJ / -netW;
        if (toEmpty < dtS) {
          dtS = toEmpty;
          finishes = false;
        }
      }
      // Apply the constant-rate step.
      if (netW < 0 && this.energyJ <= ENERGY_EPS_J) this.stats.powerDeficitS += dtS;
      this.energyJ = Math.min(this.capacityJ, Math.max(0, this.energyJ + netW * dtS));
      if (job) {
        if (d < 1) {
          if (dHeat < dPower) this.stats.throttledHeatS += (1 - d) * dtS;
          else this.stats.throttledPowerS += (1 - d) * dtS;
        }
        job.remainingBusyS -= d * dtS;
        this.stats.inferenceEnergyJ += accW * dtS;
      }
      const stepEnd = this.t + dtS * 1000;
      this.t = stepEnd >= tMs || dtS * 1000 >= tMs - this.t ? tMs : stepEnd;
      if (job && (finishes || job.remainingBusyS <= WORK_EPS_S)) this.finishJob(this.t);
    }
  }

  /** When the state next changes on its own (a job finishing, the battery reaching its reserve). */
  nextEventMs(): number {
    const job = this.jobs[0];
    if (!job) return Number.POSITIVE_INFINITY;
    const { d } = this.duty(job);
    let next = Number.POSITIVE_INFINITY;
    if (d > 0) next = this.t + (job.remainingBusyS / d) * 1000;
    const netW = this.solarW() - this.cfg.power.busPowerW - d * job.outcome.powerW;
    if (netW < 0 && this.energyJ > this.reserveJ + ENERGY_EPS_J)
      next = Math.min(next, this.t + ((this.energyJ - this.reserveJ) / -netW) * 1000);
    return next;
  }

  setIllumination(tMs: number, fraction: number): void {
    this.advanceTo(tMs);
    this.illuminatedFraction = fraction;
  }

  private use(bytes: number): boolean {
    if (this.storageUsedBytes + bytes > this.cfg.storageBytes) return false;
    this.storageUsedBytes += bytes;
    if (this.storageUsedBytes > this.stats.peakStorageBytes)
      this.stats.peakStorageBytes = this.storageUsedBytes;
    return true;
  }

  /** Free storage of a product that left this satellite. */
  release(p: Product): void {
    this.storageUsedBytes -= p.bytes;
    if (this.storageUsedBytes < 0.5) this.storageUsedBytes = Math.max(0, this.storageUsedBytes);
  }

  private newProduct(
    kind: ProductKind,
    image: CapturedImage,
    bytes: number,
    insight: boolean,
    tMs: number,
  ): Product {
    return {
      id: `s${this.sat}-${kind}-${image.index}-${this.nextProduct++}`,
      kind,
      image: image.index,
      bytes,
      remainingBytes: bytes,
      priority: image.priority,
      createdMs: tMs,
      insight,
    };
  }

  /**
   * Store a new image (raw mode: as a product to forward; otherwise as inference work, `outcome`
   * being the engine's answer for it). False, and an overflow recorded, when storage is full.
   */
  capture(image: CapturedImage, tMs: number, outcome?: InferenceOutcome): boolean {
    this.advanceTo(tMs);
    if (!this.use(image.rawBytes)) {
      this.stats.overflowCount++;
      this.stats.overflowBytes += image.rawBytes;
      return false;
    }
    if (this.mode === "raw") {
      this.outbox.push(this.newProduct("raw", image, image.rawBytes, true, tMs));
      return true;
    }
    if (!outcome) throw new Error("capture: inference modes need the engine's outcome");
    const job: Job = { image, remainingBusyS: outcome.busyS, outcome };
    // Higher priority first; FIFO within a priority. The running head job is not preempted.
    let i = this.jobs.length;
    while (i > 1 && this.jobs[i - 1]!.image.priority < image.priority) i--;
    this.jobs.splice(i, 0, job);
    return true;
  }

  private finishJob(tMs: number): void {
    const job = this.jobs.shift()!;
    const { image, outcome } = job;
    this.stats.imagesInferred++;
    // The raw image is dropped once its products exist (summary and hybrid modes).
    this.storageUsedBytes -= image.rawBytes;
    const made: Product[] = [this.newProduct("summary", image, outcome.summaryBytes, true, tMs)];
    if (this.mode === "hybrid" && image.priority >= this.policy.chipPriorityMin) {
      const bytes = chipBytes(this.cfg, this.policy.chipSidePx);
      for (const d of outcome.detections)
        if (d.confidence >= this.policy.chipMinConfidence)
          made.push(this.newProduct("chip", image, bytes, false, tMs));
    }
    for (const p of made) {
      // Products are far smaller than the raw image just freed, so this cannot overflow.
      this.use(p.bytes);
      this.outbox.push(p);
    }
    this.hooks.onProducts(this, tMs, image.index);
  }

  /** Take the next product to send (summaries, then chips, then raw; by priority, then age). */
  takeNext(allowed?: (p: Product) => boolean): Product | undefined {
    let best = -1;
    for (let i = 0; i < this.outbox.length; i++) {
      const p = this.outbox[i]!;
      if (allowed && !allowed(p)) continue;
      if (best < 0 || before(p, this.outbox[best]!)) best = i;
    }
    if (best < 0) return undefined;
    return this.outbox.splice(best, 1)[0];
  }

  hasProducts(allowed?: (p: Product) => boolean): boolean {
    return allowed ? this.outbox.some(allowed) : this.outbox.length > 0;
  }

  /** Return a product whose transfer did not finish (it keeps its progress). */
  putBack(p: Product): void {
    this.outbox.push(p);
  }

  /** Take in a product relayed from another satellite; false when storage is full. */
  accept(p: Product): boolean {
    if (!this.use(p.bytes)) {
      this.stats.overflowCount++;
      this.stats.overflowBytes += p.bytes;
      return false;
    }
    p.remainingBytes = p.bytes;
    this.outbox.push(p);
    return true;
  }

  /** Free bytes for a product about to arrive (reserve space up front for a laser transfer). */
  canStore(bytes: number): boolean {
    return this.storageUsedBytes + bytes <= this.cfg.storageBytes;
  }
}

function before(a: Product, b: Product): boolean {
  if (KIND_RANK[a.kind] !== KIND_RANK[b.kind]) return KIND_RANK[a.kind] < KIND_RANK[b.kind];
  if (a.priority !== b.priority) return a.priority > b.priority;
  if (a.createdMs !== b.createdMs) return a.createdMs < b.createdMs;
  return a.id < b.id;
}
