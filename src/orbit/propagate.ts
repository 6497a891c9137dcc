/**
 * SGP4 propagation of a whole constellation into typed arrays.
 *
 * Two engines behind one interface:
 * - "js": satellite.js `sgp4` per satellite, written straight into packed Float64Arrays. Exact to the
 *   reference implementation (this is the path the Vallado verification vectors run through).
 * - "wasm": satellite.js's BulkPropagator (C++ SGP4 compiled to WebAssembly, SIMD), which does SGP4,
 *   GMST and the ECEF rotation natively for all satellites in one call. Faster per tick at scale
 *   (see bench/propagation.ts); its time input is a JS Date, so instants are resolved to 1 ms.
 *
 * Errors are values, as in satellite.js: a per-satellite Int8Array of SatRecError codes (0 = ok).
 * A satellite in error keeps NaN coordinates, so geometry built on it fails closed (no links).
 */
import {
  BulkPropagator,
  createSingleThreadRuntime,
  EcfPositionCalculator,
  EciBaseCalculator,
  GmstCalculator,
  type SatRec,
  sgp4,
} from "satellite.js";
import type { SatelliteElements } from "./elements.js";
import { gmstRad, temeToEcefInto } from "./frames.js";
import {
  type EcefKmArray,
  MS_PER_MIN,
  newEcefKmArray,
  newTemeKmArray,
  newTemeKmPerSArray,
  type TemeKmArray,
  type TemeKmPerSArray,
  type UnixMs,
} from "./units.js";

/** SatRecError codes as numbers (satellite.js enum), plus our own for a non-finite result. */
export const SGP4_OK = 0;
export const SGP4_NONFINITE = 100;

export const SGP4_ERROR_TEXT: Record<number, string> = {
  1: "mean eccentricity out of range (< 0 or >= 1)",
  2: "mean motion below zero",
  3: "perturbed eccentricity out of range",
  4: "semi-latus rectum below zero",
  5: "epoch elements are sub-orbital",
  6: "satellite has decayed",
  [SGP4_NONFINITE]: "SGP4 returned a non-finite state",
};

/**
 * Propagate one satrec to `tsinceMin` minutes after its epoch, writing TEME position (km) and velocity
 * (km/s) at offset `k` of the output arrays. Returns 0 or a SatRecError code; on error writes NaN.
 */
export function sgp4Into(
  satrec: SatRec,
  tsinceMin: number,
  pos: Float64Array,
  vel: Float64Array | null,
  k: number,
): number {
  const pv = sgp4(satrec, tsinceMin);
  const err = satrec.error as number;
  if (pv === null || err !== SGP4_OK) {
    pos[k] = pos[k + 1] = pos[k + 2] = Number.NaN;
    if (vel) vel[k] = vel[k + 1] = vel[k + 2] = Number.NaN;
    return err !== SGP4_OK ? err : SGP4_NONFINITE;
  }
  const p = pv.position;
  pos[k] = p.x;
  pos[k + 1] = p.y;
  pos[k + 2] = p.z;
  if (vel) {
    const v = pv.velocity;
    vel[k] = v.x;
    vel[k + 1] = v.y;
    vel[k + 2] = v.z;
  }
  if (!Number.isFinite(p.x + p.y + p.z)) return SGP4_NONFINITE;
  return SGP4_OK;
}

export type PropagationEngine = "js" | "wasm";

/** One tick's state of every satellite. Arrays are owned by the propagator and reused per call. */
export interface ConstellationState {
  tUnixMs: UnixMs;
  /** GMST used for the TEME -> ECEF rotation, rad. */
  gmstRad: number;
  ecef: EcefKmArray;
  /** TEME positions (both engines fill them). */
  teme: TemeKmArray;
  /** Per-satellite SatRecError code, 0 = ok. */
  errors: Int8Array;
}

export interface PropagatorOptions {
  engine?: PropagationEngine;
}

/**
 * Propagates a fixed set of satellites to any instant, into reused typed arrays.
 * Owns WASM memory when the wasm engine is used: call dispose() when done.
 */
export class ConstellationPropagator implements Disposable {
  readonly count: number;
  readonly engine: PropagationEngine;
  private readonly satrecs: SatRec[];
  private readonly epochUnixMs: Float64Array;
  private readonly state: ConstellationState;
  private readonly velTeme: TemeKmPerSArray;
  private bulk: BulkPropagator<
    readonly [EciBaseCalculator, GmstCalculator, EcfPositionCalculator],
    never
  > | null;
  private readonly dateBox: Date[] = [new Date(0)];

  private constructor(sats: readonly SatelliteElements[], engine: PropagationEngine, bulk: unknown) {
    this.count = sats.length;
    this.engine = engine;
    this.satrecs = sats.map((s) => s.satrec);
    this.epochUnixMs = Float64Array.from(sats, (s) => s.epochUnixMs);
    this.state = {
      tUnixMs: Number.NaN,
      gmstRad: Number.NaN,
      ecef: newEcefKmArray(sats.length),
      teme: newTemeKmArray(sats.length),
      errors: new Int8Array(sats.length),
    };
    this.velTeme = newTemeKmPerSArray(sats.length);
    // biome-ignore lint/suspicious/noExplicitAny: BulkPropagator's runtime generic is erased here on purpose.
    this.bulk = bulk as any;
  }

  /** Build a propagator. The default engine is wasm (measured faster per tick; bench/propagation.ts). */
  static async create(
    sats: readonly SatelliteElements[],
    opts: PropagatorOptions = {},
  ): Promise<ConstellationPropagator> {
    const engine = opts.engine ?? "wasm";
    if (engine === "js" || sats.length === 0) return new ConstellationPropagator(sats, "js", null);
    const runtime = await sharedRuntime();
    const bulk = new BulkPropagator({
      runtime,
      calculators: [new EciBaseCalculator(), new GmstCalculator(), new EcfPositionCalculator()] as const,
      satRecsCount: sats.length,
      datesCount: 1,
    });
    bulk.setSatRecs(sats.map((s) => s.satrec));
    return new ConstellationPropagator(sats, "wasm", bulk);
  }

  /** TEME velocities of the last js-engine call (km/s). */
  get temeVelocity(): TemeKmPerSArray {
    return this.velTeme;
  }

  /**
   * State of every satellite at `tUnixMs`. The returned object and its arrays are reused by the next
   * call: copy what must outlive it.
   */
  at(tUnixMs: UnixMs): ConstellationState {
    const st = this.state;
    st.tUnixMs = tUnixMs;
    st.gmstRad = gmstRad(tUnixMs);
    if (this.bulk) {
      const d = this.dateBox[0]!;
      d.setTime(tUnixMs);
      this.bulk.setDates(this.dateBox);
      this.bulk.run();
      const raw = this.bulk.getRawOutput();
      st.ecef.set(raw.ecfPosition);
      const err = raw.eci.error;
      const ecef = st.ecef;
      for (let i = 0; i < this.count; i++) {
        const e = err[i]!;
        st.errors[i] = e;
        if (e !== SGP4_OK) ecef[3 * i] = ecef[3 * i + 1] = ecef[3 * i + 2] = Number.NaN;
      }
      st.teme.set(raw.eci.position);
      return st;
    }
    const teme = st.teme;
    for (let i = 0; i < this.count; i++) {
      const tsince = (tUnixMs - this.epochUnixMs[i]!) / MS_PER_MIN;
      st.errors[i] = sgp4Into(this.satrecs[i]!, tsince, teme, this.velTeme, 3 * i);
    }
    temeToEcefInto(teme, st.gmstRad, st.ecef, this.count);
    return st;
  }

  /**
   * ECEF positions at many instants, time-major: out[(t * count + i) * 3 + c]. Errors likewise
   * in `errors[t * count + i]`. Allocates its result; for long runs call at() per tick instead.
   * Per instant on purpose: satellite.js's BulkPropagator over many dates per call measured 1.4x
   * slower than one call per instant here (4,408 satellites x 100 instants; its satellite-major
   * output must be transposed to time-major), so the one-date propagator serves both.
   */
  ecefAtMany(timesUnixMs: ArrayLike<number>): { ecef: EcefKmArray; errors: Int8Array } {
    const n = this.count;
    const ecef = newEcefKmArray(n * timesUnixMs.length);
    const errors = new Int8Array(n * timesUnixMs.length);
    for (let t = 0; t < timesUnixMs.length; t++) {
      const st = this.at(timesUnixMs[t]!);
      ecef.set(st.ecef, t * n * 3);
      errors.set(st.errors, t * n);
    }
    return { ecef, errors };
  }

  dispose(): void {
    this.bulk?.dispose();
    this.bulk = null;
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}

let runtimePromise: ReturnType<typeof createSingleThreadRuntime> | null = null;
/** One WASM runtime per process: it holds the compiled module and its heap. */
function sharedRuntime(): ReturnType<typeof createSingleThreadRuntime> {
  runtimePromise ??= createSingleThreadRuntime();
  return runtimePromise;
}
