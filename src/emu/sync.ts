/**
 * The virtual clock's conservative synchronization, run by the controller (docs/emulation.md has
 * the argument for why it is safe; it is the lower-bound-on-time-stamps scheme of Fujimoto,
 * "Parallel and Distributed Simulation Systems" (2000), ch. 3, as ns-3's DistributedSimulatorImpl
 * does it).
 *
 * Each host is a logical process with its own event scheduler (event-scheduler.ts); the controller
 * is one more, with its own events (the end of the duration, a driver's timers). One round:
 *
 *   E = the earliest pending event anywhere (every host's report, the controller's own queue);
 *   the topology of E's step is computed if the hosts do not have it (idle steps are skipped);
 *   W = min(E + L, the end of that step, the controller's next event), where the lookahead L is the
 *       smallest propagation delay of a link between two hosts in that step;
 *   every host runs its events before W and answers once its outgoing hops are acknowledged;
 *   then the controller's own events at W run, and requests from outside (inject, ping) are applied.
 *
 * A hop sent at t >= E arrives at t + serialization + propagation >= E + L >= W, so no host ever
 * receives an event in its past; events at the same instant are ordered by a key independent of
 * placement, so the outcome does not depend on how many hosts there are.
 */
import type * as grpc from "@grpc/grpc-js";
import type { Logger } from "pino";
import { LinkKind, type TopologySnapshot } from "../mesh/types.js";
import { EventScheduler, type NodeClock } from "./event-scheduler.js";
import { RoundStream } from "./round-stream.js";
import type { AdvanceReply, AdvanceRequest, BundleEvent, NodeUpdate } from "./wire.js";

/** What the synchronization needs of the controller. */
export interface SyncSubject {
  readonly log: Logger;
  /** Hosts registered with the controller, by host id. */
  readonly hosts: ReadonlyMap<
    string,
    { client: grpc.Client; advance?: (req: AdvanceRequest) => Promise<AdvanceReply> }
  >;
  /** Host of each node ("" when not registered). */
  hostOfNode(node: number): string;
  /** Compute the topology at tMs and hand the diffs to `deliver` (as Controller.step does). */
  step(tMs: number): void;
  /** The snapshot of the last step, for the lookahead. */
  currentSnapshot(): TopologySnapshot | null;
  /** Fiber one-way delay between stations a and b (0..G-1), ms (NaN: none). */
  fiberMs(a: number, b: number): number;
  recordEvents(events: BundleEvent[]): void;
  track(destination: number): void;
}

interface External {
  run: () => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/** Deadline of one round, wall ms: long rounds (a busy 1,684-node host) are legitimate. */
const ADVANCE_DEADLINE_WALL_MS = 600_000;
/**
 * Rounds with an in-process host are function calls that may all settle in microtasks: at least this
 * often (wall ms) the loop lets the event loop run its timers and I/O (progress, status RPCs, signals).
 */
const YIELD_EVERY_WALL_MS = 20;

export class ConservativeSync {
  readonly scheduler: EventScheduler;
  /** The controller's own clock (node -1 of its scheduler). */
  readonly clock: NodeClock;
  rounds = 0;
  stepsComputed = 0;
  stepsSkipped = 0;
  /** Global virtual time: every event before it has run everywhere. */
  private tMs: number;
  private readonly hostNext = new Map<string, number>();
  /** Each child host's Host.Rounds stream (opened at its first round, again after a re-registration). */
  private readonly streams = new Map<string, RoundStream>();
  private readonly outbox = new Map<number, NodeUpdate>();
  /**
   * Events of a cut round at or after the instant it was cut at: hosts that were not cut ran past it,
   * so later rounds can still bring events of those instants. They are recorded once global time has
   * passed them, merged in (instant, node) order, so the log does not depend on the round boundaries.
   */
  private laterEvents: BundleEvent[] = [];
  /** The furthest any round let hosts run (every event before it may have run somewhere). */
  private frontierMs = Number.NEGATIVE_INFINITY;
  private stepStartMs = Number.NEGATIVE_INFINITY;
  private lookaheadMs = Number.POSITIVE_INFINITY;
  private dirty = false;
  private running = false;
  private paused = false;
  private stopped = false;
  private externals: External[] = [];
  /** Requests made before start(), still on their way to their nodes: the first round waits for them. */
  private readonly beforeStart = new Set<Promise<unknown>>();
  private wake: (() => void) | null = null;
  private loopDone: Promise<void> | null = null;
  /** Rejects if the loop fails (e.g. a zero lookahead); the emulation's `done` follows it. */
  failure: Promise<never>;
  private fail: (e: unknown) => void = () => {};

  constructor(
    private readonly subject: SyncSubject,
    private readonly startMs: number,
    private readonly stepMs: number,
  ) {
    this.scheduler = new EventScheduler(startMs);
    this.clock = this.scheduler.forNode(-1);
    this.tMs = startMs;
    this.failure = new Promise<never>((_, reject) => {
      this.fail = reject;
    });
    this.failure.catch(() => {});
  }

  now(): number {
    return this.tMs;
  }

  get lookahead(): number {
    return this.lookaheadMs;
  }

  /** The controller's per-node diffs of a step: kept for the next round's grants, merged in order. */
  deliver(updates: Map<number, NodeUpdate>): void {
    for (const [node, u] of updates) {
      const prev = this.outbox.get(node);
      if (!prev) this.outbox.set(node, u);
      else {
        // Both are step diffs (configurations go straight to the node at registration).
        if (prev.diff && u.diff) {
          prev.diff.links.push(...u.diff.links);
          prev.diff.routes.push(...u.diff.routes);
        }
        prev.tUnixMs = u.tUnixMs;
      }
    }
  }

  /** Membership changed (a node down or up): recompute at the current instant before the next round. */
  markDirty(): void {
    this.dirty = true;
    this.kick();
  }

  /** Start advancing (scenario time 0 is now). */
  start(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    this.loopDone = this.loop().catch((e: unknown) => {
      this.subject.log.error({ err: e instanceof Error ? e.message : String(e) }, "virtual clock stopped");
      this.fail(e);
    });
  }

  /** Stop granting (the duration is reached, or a caller inspects); requests from outside still run. */
  pause(): void {
    this.paused = true;
  }

  /** Grant again after pause(). */
  resume(): void {
    this.paused = false;
    this.kick();
  }

  /**
   * Run `fn` (a request to a node: inject, start a ping) between two rounds, at the current global
   * instant, so it lands in no host's past. Before start() it runs at once (the hosts are idle).
   */
  external<T>(fn: () => Promise<T>): Promise<T> {
    if (this.stopped) return fn();
    if (!this.running) {
      // It lands at scenario time 0 only if it reaches its node before the first round: with an
      // in-process host a round can start sooner than a loopback call arrives, so rounds wait for it.
      const p = fn();
      const settled = p.then(
        () => {},
        () => {},
      );
      this.beforeStart.add(settled);
      void settled.then(() => this.beforeStart.delete(settled));
      return p;
    }
    return new Promise<T>((resolve, reject) => {
      this.externals.push({ run: fn, resolve: resolve as (v: unknown) => void, reject });
      this.kick();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.kick();
    await this.loopDone;
    for (const x of this.externals) x.reject(new Error("emulation stopped"));
    this.externals = [];
    const later = this.laterEvents;
    this.laterEvents = [];
    if (later.length > 0) this.subject.recordEvents(later);
    this.scheduler.clear();
    for (const s of this.streams.values()) s.close();
    this.streams.clear();
  }

  private kick(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  /** Wait for a request, a membership change or stop (at once if one came meanwhile). */
  private idle(): Promise<void> {
    if (this.externals.length > 0 || this.stopped) return Promise.resolve();
    return new Promise<void>((r) => {
      this.wake = r;
    });
  }

  private async runExternals(): Promise<void> {
    while (this.externals.length > 0 && !this.stopped) {
      // What a request scheduled is known only to its host: ask every host again, from now.
      for (const id of this.hostNext.keys()) this.hostNext.set(id, this.tMs);
      const batch = this.externals;
      this.externals = [];
      await Promise.all(
        batch.map((x) =>
          x.run().then(
            (v) => x.resolve(v),
            (e: unknown) => x.reject(e),
          ),
        ),
      );
    }
  }

  private stepStartOf(tMs: number): number {
    return this.startMs + Math.floor((tMs - this.startMs) / this.stepMs) * this.stepMs;
  }

  private async loop(): Promise<void> {
    let yieldedAt = performance.now();
    while (!this.stopped) {
      if (performance.now() - yieldedAt > YIELD_EVERY_WALL_MS) {
        await new Promise<void>((r) => setImmediate(r));
        yieldedAt = performance.now();
      }
      if (this.beforeStart.size > 0) await Promise.all([...this.beforeStart]);
      await this.runExternals();
      if (this.stopped) break;
      if (this.paused) {
        await this.idle();
        continue;
      }
      // Requests that came in meanwhile run first, at this instant.
      if (this.externals.length > 0) continue;
      for (const id of this.subject.hosts.keys()) if (!this.hostNext.has(id)) this.hostNext.set(id, this.tMs);
      let hostsNext = Number.POSITIVE_INFINITY;
      for (const t of this.hostNext.values()) if (t < hostsNext) hostsNext = t;
      const ownNext = this.scheduler.nextMs();
      const e = Math.min(hostsNext, ownNext);
      if (e === Number.POSITIVE_INFINITY && !this.dirty && this.outbox.size === 0) {
        await this.idle();
        continue;
      }
      const k = Number.isFinite(e) ? this.stepStartOf(Math.max(e, this.tMs)) : this.stepStartMs;
      if (k > this.stepStartMs) {
        if (Number.isFinite(this.stepStartMs))
          this.stepsSkipped += Math.max(0, Math.round((k - this.stepStartMs) / this.stepMs) - 1);
        this.subject.step(k);
        this.stepsComputed++;
        this.stepStartMs = k;
        this.dirty = false;
        this.lookaheadMs = this.computeLookahead();
      } else if (this.dirty) {
        this.dirty = false;
        this.subject.step(this.tMs);
        this.lookaheadMs = this.computeLookahead();
      }
      if (!(this.lookaheadMs > 0))
        throw new Error(
          "a link between two hosts has zero delay: the virtual clock needs a positive lookahead (use one host)",
        );
      const w = Math.min(e + this.lookaheadMs, this.stepStartMs + this.stepMs, ownNext);
      if (w > this.tMs || this.outbox.size > 0) await this.round(Math.max(w, this.tMs));
      if (this.stopped) break;
      // The controller's own events at the new global instant (W = its next event when that is first).
      this.scheduler.runThrough(this.tMs);
    }
  }

  /** One round: grant [T, untilMs) to every host, gather their reports and events. */
  private async round(untilMs: number): Promise<void> {
    const byHost = new Map<string, AdvanceRequest>();
    for (const id of this.subject.hosts.keys())
      byHost.set(id, { untilUnixMs: untilMs, stepStartUnixMs: this.stepStartMs, updates: [] });
    for (const [node, update] of this.outbox)
      byHost.get(this.subject.hostOfNode(node))?.updates.push({ node, update });
    this.outbox.clear();
    const replies = await Promise.all(
      [...byHost].map(async ([id, req]) => {
        const h = this.subject.hosts.get(id);
        if (!h) return null;
        try {
          if (h.advance) return await h.advance(req);
          return await this.streamOf(id, h.client).advance(req);
        } catch (err) {
          if (!this.stopped)
            this.subject.log.warn({ host: id, err: String(err) }, "host did not complete a round");
          this.hostNext.delete(id);
          return null;
        }
      }),
    );
    this.rounds++;
    // A host that cut its round short (it needs routes at that instant) reports an instant before
    // untilMs: global time stops there, so the controller answers at that instant. Safe: the cut
    // instant is >= the round's earliest event E, so the cut host's later hops arrive >= E + lookahead.
    let reached = untilMs;
    for (const r of replies)
      if (r && r.nextEventUnixMs < reached) reached = Math.max(r.nextEventUnixMs, this.tMs);
    this.tMs = reached;
    const events = this.laterEvents;
    this.laterEvents = [];
    let i = 0;
    for (const id of byHost.keys()) {
      const r = replies[i++];
      if (!r) continue;
      this.hostNext.set(id, r.nextEventUnixMs);
      for (const ev of r.events) events.push(ev);
      // A new destination's column is solved now, on this step's snapshot, and its entries put in
      // the outbox: the next round brings them at the cut instant (Controller.track).
      for (const d of r.wantRoutes) this.subject.track(d);
    }
    // One order whatever the hosts: by instant, then node; each node's own order is kept (stable, and
    // events held from an earlier round come first).
    events.sort((a, b) => a.tUnixMs - b.tUnixMs || a.node - b.node);
    if (untilMs > this.frontierMs) this.frontierMs = untilMs;
    if (reached < this.frontierMs) {
      let k = events.length;
      while (k > 0 && events[k - 1]!.tUnixMs >= reached) k--;
      this.laterEvents = events.splice(k);
    }
    if (events.length > 0) this.subject.recordEvents(events);
  }

  private streamOf(id: string, client: grpc.Client): RoundStream {
    let s = this.streams.get(id);
    if (s?.client !== client) {
      s?.close();
      s = new RoundStream(client, ADVANCE_DEADLINE_WALL_MS);
      this.streams.set(id, s);
    }
    return s;
  }

  /** Smallest delay of a link whose ends are on different hosts (+Infinity with one host). */
  private computeLookahead(): number {
    const s = this.subject.currentSnapshot();
    if (!s) return Number.POSITIVE_INFINITY;
    let l = Number.POSITIVE_INFINITY;
    const n = s.nodeCount;
    const host: string[] = new Array(n);
    for (let u = 0; u < n; u++) host[u] = this.subject.hostOfNode(u);
    for (let u = 0; u < n; u++)
      for (let j = s.rowStart[u]!; j < s.rowStart[u + 1]!; j++) {
        const d = s.delayMs[j]!;
        if (d < l && s.kind[j] !== LinkKind.Fiber && host[s.target[j]!] !== host[u]) l = d;
      }
    const S = s.satelliteCount;
    for (let a = 0; a < s.stationCount; a++)
      for (let b = 0; b < s.stationCount; b++) {
        if (a === b || host[S + a] === host[S + b]) continue;
        const d = this.subject.fiberMs(a, b);
        if (d < l) l = d;
      }
    return l;
  }
}
