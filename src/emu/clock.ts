/**
 * The realtime clock (`--clock realtime`), and the one `Clock` interface that node code, link queues
 * and apps see under either clock (the virtual clock is src/emu/event-scheduler.ts).
 *
 * Realtime: the controller is the time authority: it publishes (virtualEpochUnixMs, wallEpochMonoMs,
 * speed) and every process maps virtual <-> wall time from it, so timestamps agree across nodes:
 *
 *   virtual = virtualEpochUnixMs + (wall - wallEpochMonoMs) * speed
 *
 * Wall time is the machine's monotonic clock in ms with sub-microsecond resolution, the same in every
 * process of the emulation (Date.now() has 1 ms steps, too coarse for ISL delays of a few ms).
 *
 * Timers run on virtual time from one binary heap per clock. A timer is armed with setTimeout until
 * `spinWindowMs` of wall time before it is due, then, after one more event-loop turn for pending I/O,
 * busy-waited: Node's setTimeout fires up to ~1 ms late, which would be the whole error budget of a
 * 10-hop ping. spinWindowMs = 0 turns this off (plain timers; process isolation does that).
 */
import { BehaviorSubject, Observable } from "rxjs";
import { heapPop, heapPush } from "../util/binary-heap.js";
import { runOfUnix, unixOfRun } from "./run-time.js";
import type { ClockSync } from "./wire.js";

export type { ClockSync };

/**
 * CLOCK_MONOTONIC in ms minus performance.now(): constant for the process, since performance.now()
 * counts on that same clock (libuv's hrtime) from the process's start.
 */
const MONOTONIC_OFFSET_MS = monotonicOffsetMs();

/**
 * Bracket one hrtime read between two performance.now() reads, keep the tightest of a few: a first
 * call of either can take ~2 ms (lazy initialisation), measured here as a 1.8 ms error otherwise.
 */
function monotonicOffsetMs(): number {
  let best = Number.POSITIVE_INFINITY;
  let offset = 0;
  for (let i = 0; i < 8; i++) {
    const before = performance.now();
    const mono = Number(process.hrtime.bigint()) / 1e6;
    const after = performance.now();
    if (after - before < best) {
      best = after - before;
      offset = mono - (before + after) / 2;
    }
  }
  return offset;
}

/**
 * Wall time for the clock mapping: the machine's CLOCK_MONOTONIC in ms, which every process on the
 * machine reads alike. `performance.timeOrigin + performance.now()` (Unix ms) was measured to differ
 * between processes by up to 0.4 ms (each process anchors its own time origin), which showed as
 * hops arriving "late" across process boundaries.
 */
export function wallNowMs(): number {
  return MONOTONIC_OFFSET_MS + performance.now();
}

export interface VirtualTimer {
  cancel(): void;
}

/**
 * Scenario time as node code, link queues and apps see it, whichever clock runs the emulation.
 * Times are virtual Unix ms. Nothing that decides what happens in the scenario reads the wall clock.
 */
export interface Clock {
  /** Virtual now, Unix ms. */
  now(): number;
  /** Run `fn` at virtual instant `tMs` (at once, on a later turn, if already past). */
  at(tMs: number, fn: () => void): VirtualTimer;
  after(delayMs: number, fn: () => void): VirtualTimer;
  /** Virtual ms per wall ms; +Infinity under the virtual clock (no wall pacing, no cut-through). */
  readonly speed: number;
  /** Adopt the time authority's wall mapping (realtime only; the virtual clock ignores it). */
  setSync?(sync: ClockSync): void;
  /** Unix ms of run time 0, the base of `nowRunMs`/`atRunMs` (src/emu/run-time.ts). */
  readonly runEpochUnixMs: number;
  /** Virtual now, ms since the run's epoch: the base hop instants are computed on (run-time.ts). */
  nowRunMs(): number;
  /** Run `fn` at run instant `tRunMs` (ms since the run's epoch). */
  atRunMs(tRunMs: number, fn: () => void): VirtualTimer;
}

/** Which clock an emulation runs on (see docs/emulation.md). */
export type ClockMode = "virtual" | "realtime";

export interface Entry {
  tMs: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/** Wall ms before a due timer at which we stop trusting setTimeout and poll. */
const DEFAULT_SPIN_WINDOW_MS = 1.5;
/**
 * Due timers run per event-loop turn at most this many, and for at most FIRE_BATCH_WALL_MS, before
 * the clock yields for I/O (setImmediate). Without a bound, 100,000 due timers in a row starved gRPC
 * (issue 9: `replay --live --speed 1000` never finished); late timers are then late, and say so
 * (counters lateEvents, the controller's step lag), rather than the process going deaf.
 */
const FIRE_BATCH_COUNT = 2_000;
const FIRE_BATCH_WALL_MS = 5;

/** The realtime clock: virtual time paced on the machine's monotonic wall clock at `speed`. */
export class VirtualClock implements Clock {
  readonly sync$: BehaviorSubject<ClockSync>;
  protected heap: Entry[] = [];
  private seq = 0;
  private timeout: NodeJS.Timeout | null = null;
  protected immediate: NodeJS.Immediate | null = null;
  protected disposed = false;
  private readonly spinWindowMs: number;
  private readonly busyWaitMs: number;

  constructor(sync: ClockSync, opts: { spinWindowMs?: number } = {}) {
    if (!(sync.speed > 0)) throw new Error(`clock speed must be > 0, got ${sync.speed}`);
    this.sync$ = new BehaviorSubject<ClockSync>({ ...sync });
    this.spinWindowMs = opts.spinWindowMs ?? DEFAULT_SPIN_WINDOW_MS;
    this.busyWaitMs = this.spinWindowMs;
  }

  /** A clock whose virtual time starts at `virtualStartMs` now. */
  static starting(virtualStartMs: number, speed: number): VirtualClock {
    return new VirtualClock({ virtualEpochUnixMs: virtualStartMs, wallEpochMonoMs: wallNowMs(), speed });
  }

  get sync(): ClockSync {
    return this.sync$.value;
  }

  /**
   * Unix ms of run time 0 (run-time.ts): a host sets it from its nodes' configuration. Here, under
   * wall pacing, run instants are only converted (their rounding, 0.24 us, is far below the wall
   * clock's jitter); the virtual clock's scheduler keeps them unrounded.
   */
  runEpochUnixMs = 0;

  nowRunMs(): number {
    return runOfUnix(this.runEpochUnixMs, this.now());
  }

  atRunMs(tRunMs: number, fn: () => void): VirtualTimer {
    return this.at(unixOfRun(this.runEpochUnixMs, tRunMs), fn);
  }

  get speed(): number {
    return this.sync$.value.speed;
  }

  now(): number {
    const s = this.sync$.value;
    return s.virtualEpochUnixMs + (wallNowMs() - s.wallEpochMonoMs) * s.speed;
  }

  /** Wall instant (ms) at which virtual instant `virtualMs` occurs. */
  wallAt(virtualMs: number): number {
    const s = this.sync$.value;
    return s.wallEpochMonoMs + (virtualMs - s.virtualEpochUnixMs) / s.speed;
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
      virtualEpochUnixMs: s.virtualEpochUnixMs + (wall - s.wallEpochMonoMs) * s.speed,
      wallEpochMonoMs: wall,
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
        // The entry stays in the heap until its instant; drop what the callback holds meanwhile.
        e.cancelled = true;
        e.fn = noop;
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

  protected arm(): void {
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
    // Run what is due, in time order; handlers may schedule more (picked up if due by then). Bounded
    // per turn (FIRE_BATCH_*): past the bound, yield so gRPC I/O and other callbacks get a turn.
    const batchEndWallMs = performance.now() + FIRE_BATCH_WALL_MS;
    for (let n = 0; n < FIRE_BATCH_COUNT; n++) {
      const head = this.heap[0];
      if (!head) break;
      if (head.cancelled) {
        this.pop();
        continue;
      }
      const waitWallMs = this.wallAt(head.tMs) - wallNowMs();
      if (waitWallMs > this.busyWaitMs) break;
      // Inside the spin window: block this thread until the instant. Polling turn by turn with
      // setImmediate was measured worse (26-hop ping p50 1.8 ms late vs 0.3-0.4 ms): a turn that runs
      // gRPC callbacks can take 0.1-1 ms. Hop calls arrive well before their arrival instant
      // (leadWallMs), so a blocked turn delays none.
      if (waitWallMs > 0) blockWallMs(waitWallMs);
      this.pop();
      head.fn();
      if (this.disposed) return;
      if (performance.now() > batchEndWallMs) break;
    }
    this.arm();
  }

  protected push(e: Entry): void {
    heapPush(this.heap, e, less);
  }

  protected pop(): Entry | undefined {
    return heapPop(this.heap, less);
  }
}

function noop(): void {}

/** Futex word for Atomics.wait: nobody ever notifies it, so a wait always runs to its timeout. */
const SLEEPER = new Int32Array(new SharedArrayBuffer(4));
/**
 * Atomics.wait's timed wait overshoots by tens of microseconds (futex + scheduler wake-up); the
 * last stretch is a busy-wait on performance.now().
 */
const SPIN_TAIL_MS = 0.2;

/**
 * Block the thread for `ms` of wall time. Atomics.wait sleeps without burning the core another
 * process may need, and without allocating: a plain loop on wallNowMs() allocated ~2 MB per 26-hop
 * ping (a heap number per read), which was most of what the young-generation GC collected.
 */
function blockWallMs(ms: number): void {
  const until = performance.now() + ms;
  if (ms > SPIN_TAIL_MS) Atomics.wait(SLEEPER, 0, 0, ms - SPIN_TAIL_MS);
  while (performance.now() < until) {
    // the last SPIN_TAIL_MS
  }
}

function less(a: Entry, b: Entry): boolean {
  return a.tMs < b.tMs || (a.tMs === b.tMs && a.seq < b.seq);
}
