/**
 * The virtual clock. The controller is the time authority: it publishes (virtualEpochMs, wallEpochMs,
 * speed) and every process maps virtual <-> wall time from it, so timestamps agree across nodes:
 *
 *   virtual = virtualEpochMs + (wall - wallEpochMs) * speed
 *
 * Wall time is `performance.timeOrigin + performance.now()`: Unix ms with sub-millisecond resolution,
 * monotonic within a process (Date.now() has 1 ms steps, too coarse for ISL delays of a few ms).
 *
 * Timers run on virtual time from one binary heap per clock. A timer is armed with setTimeout until
 * `spinWindowMs` of wall time before it is due, then polled with setImmediate: Node's setTimeout fires
 * up to ~1 ms late, which would be the whole error budget of a 10-hop ping.
 */
import { BehaviorSubject, Observable } from "rxjs";
import type { ClockSync } from "./wire.js";

export type { ClockSync };

export function wallNowMs(): number {
  return performance.timeOrigin + performance.now();
}

export interface VirtualTimer {
  cancel(): void;
}

interface Entry {
  tMs: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/** Wall ms before a due timer at which we stop trusting setTimeout and poll. */
const DEFAULT_SPIN_WINDOW_MS = 1.5;
/** Wall ms before a due timer within which we busy-wait synchronously (capped by the spin window). */
const BUSY_WAIT_MS = Number(process.env.EMU_BW ?? 0.25);

export class VirtualClock {
  readonly sync$: BehaviorSubject<ClockSync>;
  private heap: Entry[] = [];
  private seq = 0;
  private timeout: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  private disposed = false;
  private readonly spinWindowMs: number;
  private readonly busyWaitMs: number;

  constructor(sync: ClockSync, opts: { spinWindowMs?: number } = {}) {
    if (!(sync.speed > 0)) throw new Error(`clock speed must be > 0, got ${sync.speed}`);
    this.sync$ = new BehaviorSubject<ClockSync>({ ...sync });
    this.spinWindowMs = opts.spinWindowMs ?? DEFAULT_SPIN_WINDOW_MS;
    this.busyWaitMs = Math.min(BUSY_WAIT_MS, this.spinWindowMs);
  }

  /** A clock whose virtual time starts at `virtualStartMs` now. */
  static starting(virtualStartMs: number, speed: number): VirtualClock {
    return new VirtualClock({ virtualEpochMs: virtualStartMs, wallEpochMs: wallNowMs(), speed });
  }

  get sync(): ClockSync {
    return this.sync$.value;
  }

  get speed(): number {
    return this.sync$.value.speed;
  }

  now(): number {
    const s = this.sync$.value;
    return s.virtualEpochMs + (wallNowMs() - s.wallEpochMs) * s.speed;
  }

  /** Wall instant (ms) at which virtual instant `virtualMs` occurs. */
  wallAt(virtualMs: number): number {
    const s = this.sync$.value;
    return s.wallEpochMs + (virtualMs - s.virtualEpochMs) / s.speed;
  }

  /** Adopt the authority's mapping (nodes) or change speed (controller); re-arms pending timers. */
  setSync(sync: ClockSync): void {
    if (!(sync.speed > 0)) throw new Error(`clock speed must be > 0, got ${sync.speed}`);
    this.sync$.next({ ...sync });
    this.arm();
  }

  /** Change speed without a jump in virtual time. */
  setSpeed(speed: number): void {
    const wall = wallNowMs();
    const s = this.sync$.value;
    this.setSync({
      virtualEpochMs: s.virtualEpochMs + (wall - s.wallEpochMs) * s.speed,
      wallEpochMs: wall,
      speed,
    });
  }

  /** Run `fn` at virtual instant `tMs` (immediately on the next turn if already past). */
  at(tMs: number, fn: () => void): VirtualTimer {
    const e: Entry = { tMs, seq: this.seq++, fn, cancelled: false };
    this.push(e);
    if (this.heap[0] === e) this.arm();
    return {
      cancel: () => {
        e.cancelled = true;
      },
    };
  }

  after(delayMs: number, fn: () => void): VirtualTimer {
    return this.at(this.now() + delayMs, fn);
  }

  /** Pending (not cancelled) timers; for tests and status. */
  get pending(): number {
    return this.heap.reduce((n, e) => n + (e.cancelled ? 0 : 1), 0);
  }

  /**
   * Virtual instants k*stepMs from `startMs` (inclusive), each emitted when it occurs. Unsubscribe
   * to stop. A tick whose handler overruns makes later ticks fire late, never bunched twice.
   */
  ticks(stepMs: number, startMs = this.now()): Observable<number> {
    return new Observable<number>((sub) => {
      let k = 0;
      let timer: VirtualTimer | null = null;
      const next = () => {
        const t = startMs + k * stepMs;
        timer = this.at(t, () => {
          sub.next(t);
          // Skip instants already past (overrun) rather than firing them back to back.
          const now = this.now();
          k = Math.max(k + 1, Math.floor((now - startMs) / stepMs) + 1);
          if (!sub.closed) next();
        });
      };
      next();
      return () => timer?.cancel();
    });
  }

  dispose(): void {
    this.disposed = true;
    if (this.timeout) clearTimeout(this.timeout);
    if (this.immediate) clearImmediate(this.immediate);
    this.timeout = null;
    this.immediate = null;
    this.heap = [];
    this.sync$.complete();
  }

  private arm(): void {
    if (this.disposed) return;
    if (this.timeout) clearTimeout(this.timeout);
    if (this.immediate) clearImmediate(this.immediate);
    this.timeout = null;
    this.immediate = null;
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.pop();
    const head = this.heap[0];
    if (!head) return;
    const waitWallMs = this.wallAt(head.tMs) - wallNowMs();
    if (waitWallMs > this.spinWindowMs) {
      this.timeout = setTimeout(() => {
        this.timeout = null;
        this.arm();
      }, waitWallMs - this.spinWindowMs);
    } else {
      this.immediate = setImmediate(() => {
        this.immediate = null;
        this.fire();
      });
    }
  }

  private fire(): void {
    // Run everything due, in time order; handlers may schedule more (picked up if due by then).
    for (let guard = 0; guard < 100_000; guard++) {
      const head = this.heap[0];
      if (!head) break;
      if (head.cancelled) {
        this.pop();
        continue;
      }
      const waitWallMs = this.wallAt(head.tMs) - wallNowMs();
      if (waitWallMs > this.busyWaitMs) break;
      // The last fraction of a millisecond: one event-loop turn with gRPC I/O costs 20-70 us, so a
      // turn-by-turn poll would land that late at every hop; a short busy-wait lands within ~1 us.
      if (waitWallMs > 0) {
        const until = wallNowMs() + waitWallMs;
        while (wallNowMs() < until) {
          // busy-wait (bounded by busyWaitMs)
        }
      }
      this.pop();
      head.fn();
      if (this.disposed) return;
    }
    this.arm();
  }

  private push(e: Entry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private pop(): Entry | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && less(h[l]!, h[m]!)) m = l;
        if (r < h.length && less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

function less(a: Entry, b: Entry): boolean {
  return a.tMs < b.tMs || (a.tMs === b.tMs && a.seq < b.seq);
}
