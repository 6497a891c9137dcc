/**
 * The virtual clock (`--clock virtual`): a discrete-event scheduler for the nodes of one host (or for
 * the controller's own events), advanced only as far as the controller grants (src/emu/sync.ts).
 *
 * Events are kept in one binary heap ordered by a key that does not depend on which host a node is
 * on, nor on when a message happened to arrive: (tMs, node, kind, a, b). A node's timers are keyed by
 * the node's own sequence number; a hop arriving at a node by the sender and the bundle's id and hop
 * count. Each node's state is touched only by its own events, so every node sees the same sequence of
 * events with 1, 2 or 4 hosts or in-process, and the outputs are byte-identical.
 *
 * Virtual now is the instant of the event running; between windows it is the end of the last window
 * granted (every event before it has run). Nothing here reads the wall clock.
 */

import { heapPop, heapPush } from "../util/binary-heap.js";
import type { Clock, VirtualTimer } from "./clock.js";

/** Order of events at the same instant and node: hops arrive before the node's timers fire. */
export const EventKind = { Hop: 1, Timer: 2, External: 3 } as const;

interface Ev {
  tMs: number;
  node: number;
  kind: number;
  a: number;
  b: string;
  fn: () => void;
  cancelled: boolean;
}

function less(x: Ev, y: Ev): boolean {
  if (x.tMs !== y.tMs) return x.tMs < y.tMs;
  if (x.node !== y.node) return x.node < y.node;
  if (x.kind !== y.kind) return x.kind < y.kind;
  if (x.a !== y.a) return x.a < y.a;
  return x.b < y.b;
}

function noop(): void {}

export class EventScheduler {
  private heap: Ev[] = [];
  private nowMs: number;
  private externalSeq = 0;
  /** Events run so far (status, bench). */
  executed = 0;

  constructor(startMs: number) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  /** Move now forward (a window's topology applies at its step instant); never backward. */
  advanceTo(tMs: number): void {
    if (tMs > this.nowMs) this.nowMs = tMs;
  }

  /** Earliest pending instant, +Infinity when none. */
  nextMs(): number {
    this.dropCancelledHead();
    return this.heap[0]?.tMs ?? Number.POSITIVE_INFINITY;
  }

  get pending(): number {
    return this.heap.reduce((n, e) => n + (e.cancelled ? 0 : 1), 0);
  }

  /**
   * Schedule an event. An instant already past runs at now: under the conservative windows only
   * input from outside the model (a request made while the emulation runs) can ask for one.
   */
  schedule(tMs: number, node: number, kind: number, a: number, b: string, fn: () => void): VirtualTimer {
    const e: Ev = { tMs: tMs < this.nowMs ? this.nowMs : tMs, node, kind, a, b, fn, cancelled: false };
    this.push(e);
    return {
      cancel: () => {
        e.cancelled = true;
        e.fn = noop;
      },
    };
  }

  /** Input from outside the model (inject, ping from the API) at node `node`. */
  external(tMs: number, node: number, fn: () => void): VirtualTimer {
    return this.schedule(tMs, node, EventKind.External, this.externalSeq++, "", fn);
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
   * Run every event before `untilMs` in key order (handlers may add more), then now = untilMs; or,
   * when cut (`cutHere`), only through the instant of the cut, leaving now there. Returns whether the
   * round was cut.
   */
  async runUntil(untilMs: number): Promise<boolean> {
    let n = 0;
    // A cut asked between two rounds (a request from outside needing routes at the current instant)
    // is kept: this round runs nothing past that instant either. A cut is cleared only when taken.
    for (;;) {
      if (this.holds.size > 0) {
        await Promise.all(this.holds);
        continue;
      }
      const head = this.heap[0];
      if (this.cutRequested && (!head || head.tMs > this.nowMs)) {
        this.executed += n;
        this.cutRequested = false;
        return true;
      }
      if (!head || !(head.tMs < untilMs)) break;
      this.pop();
      if (head.cancelled) continue;
      this.nowMs = head.tMs;
      head.fn();
      n++;
    }
    this.executed += n;
    if (untilMs > this.nowMs && Number.isFinite(untilMs)) this.nowMs = untilMs;
    return false;
  }

  /** Run every event at instants <= tMs (the controller's own, at the global instant), now = tMs. */
  runThrough(tMs: number): number {
    let n = 0;
    for (;;) {
      const head = this.heap[0];
      if (!head || head.tMs > tMs) break;
      this.pop();
      if (head.cancelled) continue;
      this.nowMs = head.tMs;
      head.fn();
      n++;
    }
    this.executed += n;
    this.advanceTo(tMs);
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

  now(): number {
    return this.scheduler.now();
  }

  at(tMs: number, fn: () => void): VirtualTimer {
    return this.scheduler.schedule(tMs, this.node, EventKind.Timer, this.seq++, "", fn);
  }

  after(delayMs: number, fn: () => void): VirtualTimer {
    return this.at(this.now() + delayMs, fn);
  }

  /** Hold virtual time for an app's promise continuation (EventScheduler.hold). */
  hold(settled: Promise<unknown>): void {
    this.scheduler.hold(settled);
  }
}
