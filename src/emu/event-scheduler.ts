/**
 * The virtual clock (`--clock virtual`): a discrete-event scheduler for the nodes of one host (or for
 * the controller's own events), advanced only as far as the controller grants (src/emu/sync.ts).
 *
 * Events are kept in one binary heap ordered by a key that does not depend on which host a node is
 * on, nor on when a message happened to arrive: (tRunMs, node, kind, a, b). A node's timers are keyed by
 * the node's own sequence number; a hop arriving at a node by the sender and the bundle's id and hop
 * count. Each node's state is touched only by its own events, so every node sees the same sequence of
 * events with 1, 2 or 4 hosts or in-process, and the outputs are byte-identical.
 *
 * Virtual now is the instant of the event running; between windows it is the end of the last window
 * granted (every event before it has run). Nothing here reads the wall clock.
 *
 * Instants are kept run-relative (ms since the run's epoch, src/emu/run-time.ts), so that the hop
 * instants nodes compute on them (tx end + propagation, ...) are not rounded to the 0.24 us step of
 * Unix-ms doubles. The Unix-ms methods (the round protocol's instants, the apps' `now()`) convert:
 * exactly on the way in; on the way out to the nearest double (`now`), or down (`nextMs`) where a
 * window is granted from the value.
 */

import { heapPop, heapPush } from "../util/binary-heap.js";
import type { Clock, VirtualTimer } from "./clock.js";
import { runOfUnix, unixFloorOfRun, unixOfRun } from "./run-time.js";

/** Order of events at the same instant and node: hops arrive before the node's timers fire. */
export const EventKind = { Hop: 1, Timer: 2, External: 3 } as const;

interface Ev {
  tRunMs: number;
  node: number;
  kind: number;
  a: number;
  b: string;
  fn: () => void;
  cancelled: boolean;
}

function less(x: Ev, y: Ev): boolean {
  if (x.tRunMs !== y.tRunMs) return x.tRunMs < y.tRunMs;
  if (x.node !== y.node) return x.node < y.node;
  if (x.kind !== y.kind) return x.kind < y.kind;
  if (x.a !== y.a) return x.a < y.a;
  return x.b < y.b;
}

function noop(): void {}

export class EventScheduler {
  private heap: Ev[] = [];
  /** Unix ms of run time 0: every instant here is ms since it (run-time.ts). */
  private epochUnixMs: number;
  private nowRun: number;
  private externalSeq = 0;
  /** Events run so far (status, bench). */
  executed = 0;

  /**
   * Now is `startUnixMs`; instants are kept relative to `epochUnixMs` (the run's epoch; a host that
   * does not know it yet starts at -Infinity and adopts it with `setEpoch`).
   */
  constructor(startUnixMs: number, epochUnixMs = startUnixMs) {
    this.epochUnixMs = Number.isFinite(epochUnixMs) ? epochUnixMs : 0;
    this.nowRun = runOfUnix(this.epochUnixMs, startUnixMs);
  }

  get runEpochUnixMs(): number {
    return this.epochUnixMs;
  }

  /**
   * Adopt the run's epoch (a host, from its nodes' configuration), before anything is scheduled.
   * A host restarted mid-run (`--restart`) joins the rounds at once, so a round may have moved its
   * now before its node's configuration came: with nothing scheduled, now is carried over to the
   * new base (it was a Unix-ms double on the old one, so nothing is lost).
   */
  setEpoch(epochUnixMs: number): void {
    if (epochUnixMs === this.epochUnixMs) return;
    if (this.heap.length > 0)
      throw new Error(
        `the run's epoch changed to ${epochUnixMs} after events were scheduled on ${this.epochUnixMs}`,
      );
    if (Number.isFinite(this.nowRun))
      this.nowRun = runOfUnix(epochUnixMs, unixOfRun(this.epochUnixMs, this.nowRun));
    this.epochUnixMs = epochUnixMs;
  }

  /** Virtual now, Unix ms (rounded once to the nearest double). */
  now(): number {
    return unixOfRun(this.epochUnixMs, this.nowRun);
  }

  /** Virtual now, ms since the run's epoch (unrounded). */
  nowRunMs(): number {
    return this.nowRun;
  }

  /** Move now forward (a window's topology applies at its step instant); never backward. */
  advanceTo(tUnixMs: number): void {
    const t = runOfUnix(this.epochUnixMs, tUnixMs);
    if (t > this.nowRun) this.nowRun = t;
  }

  /**
   * Earliest pending instant in Unix ms, rounded down (run-time.ts, unixFloorOfRun: a window granted
   * from it covers the event), +Infinity when none.
   */
  nextMs(): number {
    return unixFloorOfRun(this.epochUnixMs, this.nextRunMs());
  }

  /** Earliest pending run instant, +Infinity when none. */
  nextRunMs(): number {
    this.dropCancelledHead();
    return this.heap[0]?.tRunMs ?? Number.POSITIVE_INFINITY;
  }

  get pending(): number {
    return this.heap.reduce((n, e) => n + (e.cancelled ? 0 : 1), 0);
  }

  /** Schedule an event at Unix instant `tUnixMs` (converted exactly: scheduleRun). */
  schedule(tUnixMs: number, node: number, kind: number, a: number, b: string, fn: () => void): VirtualTimer {
    return this.scheduleRun(runOfUnix(this.epochUnixMs, tUnixMs), node, kind, a, b, fn);
  }

  /**
   * Schedule an event at run instant `tRunMs`. An instant already past runs at now: under the
   * conservative windows only input from outside the model (a request made while the emulation
   * runs) can ask for one.
   */
  scheduleRun(
    tRunMs: number,
    node: number,
    kind: number,
    a: number,
    b: string,
    fn: () => void,
  ): VirtualTimer {
    const t = tRunMs < this.nowRun ? this.nowRun : tRunMs;
    const e: Ev = { tRunMs: t, node, kind, a, b, fn, cancelled: false };
    this.push(e);
    return {
      cancel: () => {
        e.cancelled = true;
        e.fn = noop;
      },
    };
  }

  /** Input from outside the model (inject, ping from the API) at node `node`. */
  external(tUnixMs: number, node: number, fn: () => void): VirtualTimer {
    return this.schedule(tUnixMs, node, EventKind.External, this.externalSeq++, "", fn);
  }

  /**
   * Promise continuations of onboard apps that virtual time waits for (`hold`): an app that awaits
   * `ctx.compute()` or an answer from the controller resumes at the instant it answers for, before
   * the scheduler runs anything later.
   */
  private readonly holds = new Set<Promise<void>>();

  /** Virtual time does not pass the current instant until `settled` and its continuations have run. */
  hold(settled: Promise<unknown>): void {
    // The continuations of `settled` run in microtasks after it; one macrotask later they are done.
    const done = (): Promise<void> => new Promise<void>((r) => setImmediate(r));
    const h: Promise<void> = settled.then(done, done).then(() => {
      this.holds.delete(h);
    });
    this.holds.add(h);
  }

  /** Set by `cutHere()`: the round ends after the current instant's events. */
  private cutRequested = false;

  /**
   * End the running round after the events of the current instant, without advancing past it: a
   * node needs something from the controller (routes toward a destination it had none for) that it
   * must get at this instant for its next action to be the model's.
   */
  cutHere(): void {
    this.cutRequested = true;
  }

  /**
   * Run every event before Unix instant `untilUnixMs` in key order (handlers may add more), then now =
   * untilUnixMs; or, when cut (`cutHere`), only through the instant of the cut, leaving now there.
   * Returns whether the round was cut.
   */
  async runUntil(untilUnixMs: number): Promise<boolean> {
    const untilRun = runOfUnix(this.epochUnixMs, untilUnixMs);
    let n = 0;
    // A cut asked between two rounds (a request from outside needing routes at the current instant)
    // is kept: this round runs nothing past that instant either. A cut is cleared only when taken.
    for (;;) {
      if (this.holds.size > 0) {
        await Promise.all(this.holds);
        continue;
      }
      const head = this.heap[0];
      if (this.cutRequested && (!head || head.tRunMs > this.nowRun)) {
        this.executed += n;
        this.cutRequested = false;
        return true;
      }
      if (!head || !(head.tRunMs < untilRun)) break;
      this.pop();
      if (head.cancelled) continue;
      this.nowRun = head.tRunMs;
      head.fn();
      n++;
    }
    this.executed += n;
    if (untilRun > this.nowRun && Number.isFinite(untilRun)) this.nowRun = untilRun;
    return false;
  }

  /**
   * Run every event at Unix instants <= tUnixMs (the controller's own, at the global instant), now =
   * tUnixMs. An event counts by its instant rounded down, as `nextMs` reports it, so a window that
   * ends at the reported instant runs it.
   */
  runThrough(tUnixMs: number): number {
    let n = 0;
    for (;;) {
      const head = this.heap[0];
      if (!head || unixFloorOfRun(this.epochUnixMs, head.tRunMs) > tUnixMs) break;
      this.pop();
      if (head.cancelled) continue;
      if (head.tRunMs > this.nowRun) this.nowRun = head.tRunMs;
      head.fn();
      n++;
    }
    this.executed += n;
    this.advanceTo(tUnixMs);
    return n;
  }

  /** The clock node `node`'s code sees: timers keyed by the node's own sequence. */
  forNode(node: number): NodeClock {
    return new NodeClock(this, node);
  }

  /** The `b` keys of pending events of one kind (hops: "<bundle id>#<hop count>"). */
  pendingKeys(kind: number, out: string[]): void {
    for (const e of this.heap) if (!e.cancelled && e.kind === kind) out.push(e.b);
  }

  clear(): void {
    this.heap = [];
  }

  private dropCancelledHead(): void {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.pop();
  }

  private push(e: Ev): void {
    heapPush(this.heap, e, less);
  }

  private pop(): Ev | undefined {
    return heapPop(this.heap, less);
  }
}

/** One node's (or the controller's, node -1) view of a host's EventScheduler. */
export class NodeClock implements Clock {
  readonly speed = Number.POSITIVE_INFINITY;
  private seq = 0;

  constructor(
    readonly scheduler: EventScheduler,
    readonly node: number,
  ) {}

  get runEpochUnixMs(): number {
    return this.scheduler.runEpochUnixMs;
  }

  now(): number {
    return this.scheduler.now();
  }

  nowRunMs(): number {
    return this.scheduler.nowRunMs();
  }

  at(tUnixMs: number, fn: () => void): VirtualTimer {
    return this.scheduler.schedule(tUnixMs, this.node, EventKind.Timer, this.seq++, "", fn);
  }

  atRunMs(tRunMs: number, fn: () => void): VirtualTimer {
    return this.scheduler.scheduleRun(tRunMs, this.node, EventKind.Timer, this.seq++, "", fn);
  }

  after(delayMs: number, fn: () => void): VirtualTimer {
    return this.at(this.now() + delayMs, fn);
  }

  /** Hold virtual time for an app's promise continuation (EventScheduler.hold). */
  hold(settled: Promise<unknown>): void {
    this.scheduler.hold(settled);
  }
}
