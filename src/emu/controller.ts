/**
 * The controller: time authority, topology source and registry of a live emulation.
 *
 * Every step (settings.stepMs of virtual time) it takes a snapshot from the TopologyProvider, solves
 * next-hop trees toward every tracked destination (each one a node asked routes toward, answered at
 * once on the step's snapshot; every station too with `routeColumns: stations`), and streams each
 * registered node only what changed: its links (delay, capacity, peer address) and its next hops.
 * A node's Register stream is its life line both ways: the stream ending tells the node the
 * controller is gone, and the stream being cancelled tells the controller the node is down (its
 * links are withdrawn and routes recomputed around it on the spot).
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import type { Logger } from "pino";
import { Subject, type Subscription } from "rxjs";
import { LinkKind, type TopologySnapshot } from "../mesh/types.js";
import { percentileSorted } from "../util/percentile.js";
import { BatchedLines } from "./batched-lines.js";
import { type Clock, type ClockMode, VirtualClock, wallNowMs } from "./clock.js";
import { client, service, startServer, stopServer, unary } from "./grpc-util.js";
import { advanceAsOverWire, type InProcessController } from "./in-process.js";
import { LinkLedger } from "./link-ledger.js";
import { LostBundles } from "./lost-bundles.js";
import { type NextHopColumn, NextHopTable } from "./next-hop-table.js";
import { NextHopSolver, REASON_CODES } from "./next-hops.js";
import { CONTROLLER_SERVICE, loadProtos, RUN_CONTROL_SERVICE } from "./proto-loader.js";
import { eventLine, metricsLine } from "./record-lines.js";
import { HOST_ID_HEADER, HOST_KEY_HEADER, type RunAuth, sameSecret } from "./run-auth.js";
import { NODES_FILE, RUN_FILE_MODE } from "./run-dir.js";
import type { EmuSettings, Isolation } from "./settings.js";
import { ConservativeSync, type SyncSubject } from "./sync.js";
import type { TopologyProvider } from "./topology-provider.js";
import { MAX_TOPOLOGY_INTERVAL_WALL_MS, runTopologyOf, TopologyWatchers } from "./topology-watch.js";
import { foldNodeUpdate } from "./update-merge.js";
import type {
  AdvanceReply,
  AdvanceRequest,
  BundleEvent,
  ClockLag,
  ClockSync,
  Contact,
  ContactPlan,
  EmulationStatus,
  LinkTableDiff,
  Metrics,
  ModelRouteReply,
  NodeState,
  NodeSummary,
  NodeUpdate,
  RunTopology,
  StopRunRequest,
  Totals,
  ViaName,
} from "./wire.js";
import {
  CLOCK_MODE_WIRE,
  dropReasonOf,
  ISOLATION_WIRE,
  linkKindWire,
  MODEL_ROUTE_OK,
  type ModelRouteFailureOf,
  modelRouteFailure,
  modelRouteNoRoute,
  noRouteWire,
  stopReasonText,
} from "./wire-enums.js";

export interface ControllerOptions {
  provider: TopologyProvider;
  settings: EmuSettings;
  /** Virtual start instant, Unix ms. */
  startMs: number;
  name: string;
  isolation: Isolation;
  runDir?: string;
  log: Logger;
  /** `virtual` (conservative windows, src/emu/sync.ts) or `realtime` (wall-paced at speed). */
  clockMode?: ClockMode;
  /** The run's credentials: every call to the controller needs its secret (grpc-util.ts). */
  auth: RunAuth;
}

/** What register() needs of a node's update stream (a gRPC server stream). */
export interface UpdateStream {
  request: { node: number; address: string; hostId: string; pid: number };
  /** False when the stream's buffer is full (Node's Writable): then 'drain' comes once it empties. */
  write(u: NodeUpdate): unknown;
  end(): void;
  destroy?(e: Error): void;
  on(event: "cancelled" | "close" | "error", fn: () => void): unknown;
  once?(event: "drain", fn: () => void): unknown;
}

interface NodeRecord {
  id: number;
  name: string;
  up: boolean;
  address: string;
  pid: number;
  hostId: string;
  restarts: number;
  registrations: number;
  call: UpdateStream | null;
  /**
   * Set while `call` pushes back (its write returned false, 'drain' not yet come): the steps' later
   * updates wait here, folded into one (update-merge.ts), instead of queueing without bound.
   */
  congested: UpdateStream | null;
  backlog: NodeUpdate | null;
  /**
   * The stations' state (fiberStateOf) when this station's fiber links (Controller.toldFiber) were
   * last brought up to date; "" for never. Fiber delays never change, so they are re-examined only
   * when some station's up state or address changed, not at every step.
   */
  fiberState: string;
  /** Fiber links counted then (the step's `links` metric counts them every step). */
  fiberLinks: number;
  needsAllRoutes: boolean;
}

interface Column {
  dest: number;
  hops: NextHopColumn;
  fresh: boolean;
}

/** How long GetStatus waits for a host's node states, wall ms (our choice: well under a UI refresh, 1 s, x5). */
export const NODE_STATES_TIMEOUT_WALL_MS = 5_000;

/** A realtime step that went out late (see settings.lagWarnWallMs). */
export interface LagWarning {
  tMs: number;
  lagWallMs: number;
  stepsLate: number;
}

export class Controller implements SyncSubject {
  /** Scenario time: the realtime clock, or the controller's own queue under the virtual clock. */
  readonly clock: Clock;
  /** The wall mapping (always there: status and ClockSync report it; only realtime runs on it). */
  readonly realtime: VirtualClock;
  /** The virtual clock's synchronization (null under the realtime clock). */
  readonly sync: ConservativeSync | null;
  readonly clockMode: ClockMode;
  /** Realtime: fires when a step goes out later than settings.lagWarnWallMs. */
  readonly lagWarning$ = new Subject<LagWarning>();
  readonly nodes: NodeRecord[];
  readonly up: Uint8Array;
  readonly events$ = new Subject<BundleEvent>();
  readonly metrics$ = new Subject<Metrics>();
  /** Fires with a node id when its stream drops without the controller asking (crash, kill). */
  readonly nodeLost$ = new Subject<number>();
  /** Bundles that went down with a killed node, found by census (lost-bundles.ts). */
  private readonly lostBundles: LostBundles;
  readonly hosts = new Map<
    string,
    {
      address: string;
      pid: number;
      client: grpc.Client;
      /** An in-process host's rounds, called directly (in-process.ts); else Host.Advance over gRPC. */
      advance?: (req: AdvanceRequest) => Promise<AdvanceReply>;
    }
  >();
  /** `constellate stop` (RunControl.Stop): whoever runs the emulation subscribes and ends it. */
  readonly stopRequested$ = new Subject<string>();
  /** The hosts this controller started: each one's key and nodes (registration checks both). */
  private readonly expected = new Map<string, { key: string; nodes: Set<number> }>();
  // droppedByReason is keyed by reasons nodes report (remote strings): no prototype, so a reason
  // named `constructor`, `toString` or `__proto__` is a count like any other.
  readonly totals: Totals = {
    created: 0,
    delivered: 0,
    dropped: 0,
    queued: 0,
    droppedByReason: Object.create(null) as Record<string, number>,
  };
  address = "";
  steps = 0;
  private server: grpc.Server | null = null;
  /** modelRoute's searches around down nodes (the step's are the table's). */
  private readonly solver = new NextHopSolver();
  private readonly table: NextHopTable;
  private readonly columns = new Map<number, Column>();
  /** What each node has been told of its links (space and ground), and of a station's fiber links. */
  private readonly told: LinkLedger;
  private readonly toldFiber: LinkLedger;
  /** Step scratch: which nodes want route diffs, and which every route (see step). */
  private wantScratch = new Uint8Array(0);
  private snapshot: TopologySnapshot | null = null;
  private stepSub: Subscription | null = null;
  private stepComputeMsTotal = 0;
  private lastStepComputeMs = 0;
  private linkDiffs = 0;
  private routeDiffs = 0;
  private stepStamp = 0;
  private fiberMs_: Float64Array;
  private metricsFile: BatchedLines | null = null;
  private nextMetricsMs = 0;
  private resyncTimer: NodeJS.Timeout | null = null;
  private resyncPending = false;
  private stopping = false;
  private began = false;
  /** Realtime: wall ms from each step's instant to its diffs going out. */
  private lagWallMs = new Float64Array(1024);
  private lagCount = 0;
  private stepsLate = 0;
  private eventsFile: BatchedLines | null = null;
  /** nodes.ndjson: every node up/down change at its virtual instant (what happened, for view and CZML). */
  private nodesFile: WriteStream | null = null;
  private lookahead: Promise<TopologyProvider> | null = null;
  private readonly clockWatchers = new Set<grpc.ServerWritableStream<unknown, ClockSync>>();
  private readonly metricWatchers = new Set<grpc.ServerWritableStream<unknown, Metrics>>();
  private readonly bundleWatchers = new Set<BundleWatcher>();
  private readonly topologyWatchers = new TopologyWatchers();

  constructor(readonly opts: ControllerOptions) {
    const p = opts.provider;
    const n = p.satelliteCount + p.stationCount;
    this.clockMode = opts.clockMode ?? "realtime";
    this.realtime = new VirtualClock(
      { virtualEpochUnixMs: opts.startMs, wallEpochMonoMs: wallNowMs(), speed: opts.settings.speed },
      { spinWindowMs: opts.settings.timerSpinWallMs },
    );
    this.sync =
      this.clockMode === "virtual" ? new ConservativeSync(this, opts.startMs, opts.settings.stepMs) : null;
    this.clock = this.sync ? this.sync.clock : this.realtime;
    const sync = this.sync;
    this.lostBundles = new LostBundles({
      hosts: () => [...this.hosts.values()].map((h) => h.client),
      ...(sync ? { betweenRounds: <T>(fn: () => Promise<T>) => sync.external(fn) } : {}),
      report: (ev) => this.recordEvents([ev]),
      unreport: (ev) => {
        // A bundle counted lost turned up after all: its loss is taken back (conservation holds).
        const t = this.totals;
        t.dropped--;
        const key = dropReasonOf(ev.reason);
        t.droppedByReason[key] = (t.droppedByReason[key] ?? 1) - 1;
      },
      now: () => this.clock.now(),
      log: opts.log,
    });
    this.up = new Uint8Array(n);
    this.table = new NextHopTable(n);
    this.told = new LinkLedger(n);
    this.toldFiber = new LinkLedger(n);
    this.nodes = Array.from({ length: n }, (_, id) => ({
      id,
      name: p.nodeNames[id] ?? `node-${id}`,
      up: false,
      address: "",
      pid: 0,
      hostId: "",
      restarts: 0,
      registrations: 0,
      call: null,
      congested: null,
      backlog: null,
      fiberState: "",
      fiberLinks: 0,
      needsAllRoutes: true,
    }));
    // Fiber one-way delays between stations, computed once (geodesics do not move).
    const g = p.stationCount;
    this.fiberMs_ = new Float64Array(g * g).fill(Number.NaN);
    for (let a = 0; a < g; a++)
      for (let b = 0; b < g; b++) if (a !== b) this.fiberMs_[a * g + b] = p.fiberOneWayMs(a, b);
    // Before the first step: these columns go out whole with it (fresh), not as answers.
    if (opts.settings.routeColumns === "stations")
      for (let s = 0; s < g; s++) this.track(p.satelliteCount + s);
  }

  get nodeCount(): number {
    return this.nodes.length;
  }

  get nodesUp(): number {
    let k = 0;
    for (const r of this.nodes) if (r.up) k++;
    return k;
  }

  get log(): Logger {
    return this.opts.log;
  }

  async start(): Promise<string> {
    const protos = loadProtos();
    const s = await startServer(
      [
        { name: CONTROLLER_SERVICE, def: service(protos.Controller), impl: this.impl() },
        { name: RUN_CONTROL_SERVICE, def: service(protos.RunControl), impl: this.controlImpl() },
      ],
      this.opts.auth,
      this.log,
    );
    this.server = s.server;
    this.address = s.address;
    if (this.opts.runDir) {
      this.metricsFile = new BatchedLines(join(this.opts.runDir, "metrics.ndjson"), RUN_FILE_MODE);
      this.nodesFile = createWriteStream(join(this.opts.runDir, NODES_FILE), {
        flags: "a",
        mode: RUN_FILE_MODE,
      });
      // Under the virtual clock the event log is in one deterministic order (sync.ts): worth keeping.
      if (this.sync)
        this.eventsFile = new BatchedLines(join(this.opts.runDir, "events.ndjson"), RUN_FILE_MODE);
    }
    this.step(this.clock.now());
    if (!this.sync) this.startTicks(this.opts.startMs + this.opts.settings.stepMs);
    this.realtime.sync$.subscribe((c) => {
      for (const w of this.clockWatchers) w.write(c);
    });
    return this.address;
  }

  /**
   * Scenario time 0, once every node is up: the realtime clock is re-anchored so virtual startMs is
   * now (and the nodes told), the virtual clock starts its rounds.
   */
  begin(): void {
    if (this.began || this.stopping) return;
    this.began = true;
    if (this.sync) {
      this.sync.start();
      return;
    }
    const speed = this.realtime.speed;
    this.realtime.setSync({ virtualEpochUnixMs: this.opts.startMs, wallEpochMonoMs: wallNowMs(), speed });
    const clock = this.realtime.sync;
    for (const r of this.nodes) this.send(r, this.diffUpdate(0, clock));
    this.stepSub?.unsubscribe();
    this.step(this.opts.startMs);
    this.startTicks(this.opts.startMs + this.opts.settings.stepMs);
  }

  /** Realtime steps, each timed against its instant: how late its diffs went out is the lag. */
  private startTicks(fromMs: number): void {
    const warnWallMs = this.opts.settings.lagWarnWallMs;
    this.stepSub = this.realtime.ticks(this.opts.settings.stepMs, fromMs).subscribe((t) => {
      this.step(t);
      const lag = Math.max(0, (this.realtime.now() - t) / this.realtime.speed);
      if (this.lagCount === this.lagWallMs.length) {
        const grown = new Float64Array(this.lagWallMs.length * 2);
        grown.set(this.lagWallMs);
        this.lagWallMs = grown;
      }
      this.lagWallMs[this.lagCount++] = lag;
      if (lag > warnWallMs) {
        this.stepsLate++;
        this.lagWarning$.next({ tMs: t, lagWallMs: lag, stepsLate: this.stepsLate });
      }
    });
  }

  /** Realtime lag so far (null under the virtual clock, which is never late). */
  lag(): ClockLag | null {
    if (this.sync) return null;
    const sorted = this.lagWallMs.slice(0, this.lagCount).sort();
    return {
      p50WallMs: this.lagCount > 0 ? percentileSorted(sorted, 50) : 0,
      p99WallMs: this.lagCount > 0 ? percentileSorted(sorted, 99) : 0,
      maxWallMs: this.lagCount > 0 ? sorted[this.lagCount - 1]! : 0,
      stepsLate: this.stepsLate,
      samples: this.lagCount,
    };
  }

  // ---- what the virtual clock's synchronization needs (SyncSubject) ----------------------------

  hostOfNode(node: number): string {
    return this.nodes[node]?.hostId ?? "";
  }

  currentSnapshot(): TopologySnapshot | null {
    return this.snapshot;
  }

  fiberMs(a: number, b: number): number {
    const g = this.opts.provider.stationCount;
    return this.fiberMs_[a * g + b] ?? Number.NaN;
  }

  /**
   * Keep a next-hop column toward dest from now on (it stays tracked). Asked for once the run has a
   * snapshot (a node had no route toward dest), the column is solved at once on that snapshot, the
   * current step's, and every connected node told its entry: on its stream now under the realtime
   * clock (the asking node's bundle waits only this), and under the virtual clock in the round that
   * follows the asking node's cut, which starts at the asking instant (sync.ts, host.ts). Either way
   * the entries are those the step would have sent had dest been tracked from its start. Returns
   * whether dest was new.
   */
  track(dest: number): boolean {
    if (!(Number.isInteger(dest) && dest >= 0 && dest < this.nodeCount) || this.columns.has(dest))
      return false;
    const col: Column = { dest, hops: this.table.add(dest), fresh: true };
    this.columns.set(dest, col);
    const snap = this.snapshot;
    if (snap && !this.stopping) this.answer(col, snap);
    return true;
  }

  /** Whether routes toward dest are tracked (a column is kept and updated every step). */
  tracks(dest: number): boolean {
    return this.columns.has(dest);
  }

  /** A new column's entries to every connected node, solved on snap now (see track). */
  private answer(col: Column, snap: TopologySnapshot): void {
    const hops = this.table.solveOne(col.dest, snap, this.up);
    const pending = new Map<number, NodeUpdate>();
    for (let u = 0; u < this.nodeCount; u++) {
      if (u === col.dest || !this.nodes[u]!.call) continue;
      const m = this.diffUpdate(snap.tUnixMs);
      m.diff!.routes.push({
        destination: col.dest,
        nextHop: hops.next[u]!,
        reason: noRouteWire(REASON_CODES[hops.reason[u]!] ?? ""),
      });
      pending.set(u, m);
    }
    // Told: the next steps send what changed. A node that connects later gets every route anyway.
    col.fresh = false;
    if (this.sync) this.sync.deliver(pending);
    else for (const [u, m] of pending) this.send(this.nodes[u]!, m);
  }

  /** Recompute at the current instant soon (membership changed); coalesces bursts of changes. */
  scheduleResync(): void {
    if (this.stopping) return;
    // Virtual clock: at the current global instant, before the next round.
    if (this.sync) {
      this.sync.markDirty();
      return;
    }
    if (this.resyncPending) return;
    this.resyncPending = true;
    const run = () => {
      this.resyncPending = false;
      this.resyncTimer = null;
      if (!this.stopping) this.step(this.clock.now());
    };
    this.resyncTimer = setTimeout(run, 5);
  }

  setSpeed(speed: number): void {
    if (this.sync) throw new Error("the virtual clock has no speed: it runs as fast as the CPUs allow");
    this.realtime.setSpeed(speed);
    const clock = this.realtime.sync;
    for (const r of this.nodes) this.send(r, this.diffUpdate(0, clock));
  }

  // ---- the step ------------------------------------------------------------------------------

  step(tMs: number): void {
    const t0 = performance.now();
    // A step takes the membership as it is now: a resync still pending (a registration's, say) has
    // nothing left to do, and firing later would be a step nobody asked for.
    if (this.resyncTimer) {
      clearTimeout(this.resyncTimer);
      this.resyncTimer = null;
      this.resyncPending = false;
    }
    const snap = this.opts.provider.snapshotAt(tMs);
    this.snapshot = snap;
    this.stepStamp++;
    const up = this.up;
    const n = this.nodeCount;
    const pending = new Map<number, NodeUpdate>();
    const upd = (u: number): LinkTableDiff => {
      let m = pending.get(u);
      if (!m) {
        m = this.diffUpdate(tMs);
        pending.set(u, m);
      }
      return m.diff!;
    };
    // Next hops, one column per tracked destination; the table lists the entries that changed.
    this.table.update(snap, up);
    let routeDiffs = 0;
    // Per node, once per step: 0 not connected, 1 told before (diffs only), 2 needs every route.
    if (this.wantScratch.length !== n) this.wantScratch = new Uint8Array(n);
    const want = this.wantScratch;
    let wantAll = 0;
    for (let u = 0; u < n; u++) {
      const r = this.nodes[u]!;
      const w = r.call ? (r.needsAllRoutes ? 2 : 1) : 0;
      want[u] = w;
      if (w === 2) wantAll++;
    }
    const tell = (hops: NextHopColumn, u: number) => {
      upd(u).routes.push({
        destination: hops.dest,
        nextHop: hops.next[u]!,
        reason: noRouteWire(REASON_CODES[hops.reason[u]!] ?? ""),
      });
      routeDiffs++;
    };
    for (const col of this.columns.values()) {
      const { changed, changedCount } = col.hops;
      if (col.fresh || wantAll > 0) {
        // Every entry to the nodes that need them all (everyone, for a new column); diffs to the rest.
        for (let u = 0, k = 0; u < n; u++) {
          while (k < changedCount && changed[k]! < u) k++;
          const w = want[u]!;
          if (w === 0 || u === col.dest) continue;
          if (col.fresh || w === 2 || (k < changedCount && changed[k] === u)) tell(col.hops, u);
        }
      } else
        for (let k = 0; k < changedCount; k++) {
          const u = changed[k]!;
          if (want[u] !== 0) tell(col.hops, u);
        }
      col.fresh = false;
    }
    // Links: each up node's row of the snapshot, plus fiber between stations.
    let linkDiffs = 0;
    let links = 0;
    const tol = this.opts.settings.delayToleranceMs;
    const S = snap.satelliteCount;
    const G = snap.stationCount;
    const stamp = this.stepStamp;
    const consider = (
      ledger: LinkLedger,
      u: number,
      target: number,
      delayMs: number,
      capacityBps: number,
      kind: number,
    ) => {
      const peer = this.nodes[target]!;
      if (!up[target] || !peer.address) return;
      links++;
      const e = ledger.consider(u, target, delayMs, capacityBps, kind, peer.address, tol, stamp);
      if (!e) return;
      upd(u).links.push(e);
      linkDiffs++;
    };
    let sweeping = 0;
    const down = (target: number, kind: number) => {
      upd(sweeping).links.push({
        target,
        up: false,
        delayMs: 0,
        capacityBps: 0,
        kind: linkKindWire(kind),
        address: "",
      });
      linkDiffs++;
    };
    const sweep = (ledger: LinkLedger, u: number) => {
      sweeping = u;
      ledger.sweep(u, stamp, down);
    };
    const fiberState = G > 1 ? this.fiberStateOf(S, G) : "";
    for (let u = 0; u < n; u++) {
      const r = this.nodes[u]!;
      if (!r.call || !up[u]) continue;
      for (let j = snap.rowStart[u]!; j < snap.rowStart[u + 1]!; j++) {
        if (snap.kind[j] === LinkKind.Fiber) continue;
        consider(this.told, u, snap.target[j]!, snap.delayMs[j]!, snap.capacityBps[j]!, snap.kind[j]!);
      }
      sweep(this.told, u);
      if (u >= S && G > 1) {
        if (r.fiberState === fiberState) links += r.fiberLinks;
        else {
          const a = u - S;
          const before = links;
          for (let b = 0; b < G; b++) {
            const d = this.fiberMs_[a * G + b]!;
            if (b !== a && Number.isFinite(d))
              consider(this.toldFiber, u, S + b, d, this.opts.settings.fiberCapacityBps, LinkKind.Fiber);
          }
          sweep(this.toldFiber, u);
          r.fiberState = fiberState;
          r.fiberLinks = links - before;
        }
      }
      r.needsAllRoutes = false;
    }
    if (this.sync) this.sync.deliver(pending);
    else for (const [u, m] of pending) this.send(this.nodes[u]!, m);
    this.steps++;
    this.linkDiffs = linkDiffs;
    this.routeDiffs = routeDiffs;
    this.lastStepComputeMs = performance.now() - t0;
    this.stepComputeMsTotal += this.lastStepComputeMs;
    if (tMs >= this.nextMetricsMs) {
      this.nextMetricsMs = tMs + this.opts.settings.metricsEveryMs;
      this.emitMetrics(tMs, links);
    }
    if (this.topologyWatchers.size > 0)
      this.topologyWatchers.stepped(() => runTopologyOf(snap, up, this.serving, this.steps), up);
  }

  /** Whether a node is registered and has an address: the step tells links only between such. */
  private readonly serving = (u: number): boolean =>
    this.nodes[u]!.call !== null && this.nodes[u]!.address !== "";

  /** The current step's links between nodes up and serving (WatchTopology, topology-watch.ts). */
  private runTopology(): RunTopology | null {
    const snap = this.snapshot;
    return snap ? runTopologyOf(snap, this.up, this.serving, this.steps) : null;
  }

  /**
   * Write an update to a node's stream, or fold it into the node's backlog while the stream pushes
   * back (its host reads slower than the steps come): what waits per node is then one update, not
   * every step's (update-merge.ts). The backlog goes out at 'drain'.
   */
  private send(r: NodeRecord, m: NodeUpdate): void {
    const call = r.call;
    if (!call) return;
    if (r.congested === call) {
      r.backlog = r.backlog ? foldNodeUpdate(r.backlog, m) : m;
      return;
    }
    if (call.write(m) !== false || !call.once) return;
    r.congested = call;
    r.backlog = null;
    call.once("drain", () => {
      if (r.congested !== call) return;
      r.congested = null;
      const b = r.backlog;
      r.backlog = null;
      if (b) this.send(r, b);
    });
  }

  /** What every station's fiber links depend on besides the fixed delays: up, and address. */
  private fiberStateOf(S: number, G: number): string {
    let k = "";
    for (let b = 0; b < G; b++) {
      const r = this.nodes[S + b]!;
      k += this.up[S + b] ? `${r.address}|` : "-|";
    }
    return k;
  }

  private emitMetrics(tMs: number, links: number): void {
    const m: Metrics = {
      tUnixMs: tMs,
      nodesUp: this.nodesUp,
      totals: this.currentTotals(),
      links,
      linkDiffs: this.linkDiffs,
      routeDiffs: this.routeDiffs,
      stepComputeWallMs: this.lastStepComputeMs,
    };
    this.metricsFile?.write(`${metricsLine(m)}\n`);
    this.metrics$.next(m);
    for (const w of this.metricWatchers) w.write(m);
  }

  currentTotals(): Totals {
    const t = this.totals;
    return { ...t, queued: t.created - t.delivered - t.dropped, droppedByReason: { ...t.droppedByReason } };
  }

  /** A step's changes for one node, at tUnixMs (empty tables with a clock: a clock update). */
  private diffUpdate(tUnixMs: number, clock: ClockSync | null = null): NodeUpdate {
    return { tUnixMs, clock, diff: { links: [], routes: [] }, update: "diff" };
  }

  // ---- membership ----------------------------------------------------------------------------

  register(call: UpdateStream): void {
    const req = call.request;
    const r = this.nodes[req.node];
    if (!r || this.stopping) {
      call.destroy?.(new Error(`no node ${req.node}`));
      return;
    }
    if (r.call && r.call !== call) r.call.end();
    const s = this.opts.settings;
    if (r.registrations > 0) r.restarts++;
    r.registrations++;
    r.call = call;
    // What waited for the old stream is stale: the first update below tells the node everything.
    r.congested = null;
    r.backlog = null;
    r.up = true;
    r.address = req.address;
    r.pid = req.pid;
    r.hostId = req.hostId;
    this.told.clear(r.id);
    this.toldFiber.clear(r.id);
    r.fiberState = "";
    r.needsAllRoutes = true;
    this.up[r.id] = 1;
    this.recordNode(r.id, true);
    const snap = this.snapshot;
    this.send(r, {
      tUnixMs: snap?.tUnixMs ?? 0,
      // The virtual clock has no wall mapping: nodes run on their host's scheduler.
      clock: this.sync ? null : this.realtime.sync,
      update: "config",
      config: {
        incarnation: r.registrations,
        name: r.name,
        queueLimitBytes: s.linkQueueBytes,
        leadWallMs: s.leadWallMs,
        satellites: this.opts.provider.satelliteCount,
        stations: this.opts.provider.stationCount,
        defaultTtlMs: s.defaultTtlMs,
        maxPayloadBytes: s.maxPayloadBytes,
        pingSizeBytes: s.pingSizeBytes,
        stepMs: s.stepMs,
        stepOriginUnixMs: this.opts.startMs,
      },
    });
    const gone = () => {
      if (r.call !== call) return;
      r.call = null;
      r.congested = null;
      r.backlog = null;
      r.up = false;
      this.up[r.id] = 0;
      this.told.clear(r.id);
      this.toldFiber.clear(r.id);
      r.fiberState = "";
      if (this.stopping) return;
      this.recordNode(r.id, false);
      this.log.warn(
        { node: r.id, name: r.name, pid: r.pid },
        "node down: links withdrawn, routes recomputed",
      );
      this.scheduleResync();
      this.lostBundles.nodeDown(r.id);
      this.nodeLost$.next(r.id);
    };
    call.on("cancelled", gone);
    call.on("close", gone);
    call.on("error", gone);
    this.scheduleResync();
  }

  /** A node's change, at the virtual instant (registrations before scenario time 0 count from the start). */
  private recordNode(node: number, up: boolean): void {
    if (!this.nodesFile) return;
    // Before begin() the realtime clock runs from construction and is re-anchored at startMs after.
    const tMs = this.began ? Math.max(this.opts.startMs, this.clock.now()) : this.opts.startMs;
    this.nodesFile.write(`${JSON.stringify({ tMs, node, up })}\n`);
  }

  recordEvents(events: BundleEvent[]): void {
    const t = this.totals;
    for (const ev of events) {
      this.lostBundles.record(ev);
      if (ev.type === "TYPE_CREATED") t.created++;
      else if (ev.type === "TYPE_DELIVERED") t.delivered++;
      else {
        t.dropped++;
        const key = dropReasonOf(ev.reason);
        t.droppedByReason[key] = (t.droppedByReason[key] ?? 0) + 1;
      }
      this.events$.next(ev);
    }
    if (this.bundleWatchers.size > 0) for (const w of this.bundleWatchers) w.offer(events);
    if (this.eventsFile) {
      let text = "";
      for (const ev of events) text += `${eventLine(ev)}\n`;
      this.eventsFile.write(text);
    }
  }

  // ---- queries -------------------------------------------------------------------------------

  status(): EmulationStatus {
    const nodes: NodeSummary[] = this.nodes.map((r) => ({
      node: r.id,
      name: r.name,
      up: r.up,
      address: r.address,
      pid: r.pid,
      hostId: r.hostId,
      restarts: r.restarts,
    }));
    return {
      name: this.opts.name,
      tUnixMs: this.clock.now(),
      clock: this.realtime.sync,
      satellites: this.opts.provider.satelliteCount,
      stations: this.opts.provider.stationCount,
      nodesUp: this.nodesUp,
      nodes,
      totals: this.currentTotals(),
      steps: this.steps,
      stepMs: this.opts.settings.stepMs,
      isolation: ISOLATION_WIRE[this.opts.isolation],
      meanStepComputeWallMs: this.steps > 0 ? this.stepComputeMsTotal / this.steps : 0,
      clockMode: CLOCK_MODE_WIRE[this.clockMode],
      lag: this.lag(),
      rounds: this.sync?.rounds ?? 0,
      stepsSkipped: this.sync?.stepsSkipped ?? 0,
      nodeStates: [],
    };
  }

  /**
   * What the asked nodes hold now (all nodes that are up when `ids` is empty): one GetNodeStates per
   * host serving any of them, in parallel, so a pooled launch of 1,700 nodes costs a few calls. A
   * host that does not answer in time leaves its nodes out (they are shown as without state).
   */
  async nodeStates(ids: readonly number[]): Promise<NodeState[]> {
    for (const id of ids)
      if (!(Number.isInteger(id) && id >= 0 && id < this.nodeCount)) throw new Error(`no node ${id}`);
    const byHost = new Map<string, number[]>();
    for (const id of ids.length > 0 ? ids : this.nodes.map((r) => r.id)) {
      const r = this.nodes[id]!;
      if (!r.up) continue;
      const l = byHost.get(r.hostId);
      if (l) l.push(id);
      else byHost.set(r.hostId, [id]);
    }
    const replies = await Promise.allSettled(
      [...byHost].map(([hostId, nodes]) => {
        const h = this.hosts.get(hostId);
        if (!h) return Promise.reject(new Error(`host ${hostId} not registered`));
        return unary<{ nodes: number[] }, { states: NodeState[] }>(
          h.client,
          "GetNodeStates",
          { nodes },
          NODE_STATES_TIMEOUT_WALL_MS,
        );
      }),
    );
    const out: NodeState[] = [];
    for (const r of replies) if (r.status === "fulfilled") out.push(...r.value.states);
    return out.sort((a, b) => a.node - b.node);
  }

  /**
   * The model's route on the current snapshot: the mesh router's answer when every node is up; with
   * nodes down, the path the emulator's own next-hop tree gives around them.
   */
  modelRoute(from: number, to: number, via: ViaName): ModelRouteReply {
    const snap = this.snapshot;
    const S = this.opts.provider.satelliteCount;
    if (via === "VIA_FIBER") {
      const G = this.opts.provider.stationCount;
      if (from < S || to < S)
        return noModelRoute(modelRouteFailure("MODEL_ROUTE_FAILURE_FIBER_STATIONS_ONLY"));
      const d = this.fiberMs_[(from - S) * G + (to - S)]!;
      return Number.isFinite(d)
        ? { ok: true, ...MODEL_ROUTE_OK, oneWayMs: d, path: [from, to], hopDelayMs: [d] }
        : noModelRoute(modelRouteFailure("MODEL_ROUTE_FAILURE_NO_FIBER_MODEL"));
    }
    if (!snap) return noModelRoute(modelRouteFailure("MODEL_ROUTE_FAILURE_NO_SNAPSHOT_YET"));
    let path: number[];
    if (this.nodesUp === this.nodeCount) {
      const r = this.opts.provider.route(snap, from, to);
      if (!r.ok) return noModelRoute(modelRouteNoRoute(r.reason, r.detail));
      path = r.path;
    } else {
      const next = new Int32Array(this.nodeCount);
      const reason = new Uint8Array(this.nodeCount);
      this.solver.prepare(snap, this.up);
      this.solver.solve(snap, this.up, to, next, reason);
      if (next[from]! < 0) return noModelRoute(modelRouteNoRoute(REASON_CODES[reason[from]!] ?? ""));
      path = [from];
      for (let u = from; u !== to; u = next[u]!) path.push(next[u]!);
    }
    const hopDelayMs: number[] = [];
    for (let i = 0; i + 1 < path.length; i++) hopDelayMs.push(linkDelay(snap, path[i]!, path[i + 1]!));
    return { ok: true, ...MODEL_ROUTE_OK, oneWayMs: hopDelayMs.reduce((a, b) => a + b, 0), path, hopDelayMs };
  }

  /** The ModelRoute RPC's handling of a request: node ids checked (throws on a bad one), then modelRoute. */
  modelRouteRequest(req: { from: number; to: number; via: ViaName }): ModelRouteReply {
    const { from, to, via } = req;
    if (!(from >= 0 && from < this.nodeCount && to >= 0 && to < this.nodeCount))
      throw new Error("no such node");
    return this.modelRoute(from, to, via);
  }

  /** What a host in this process may call directly instead of over loopback gRPC (in-process.ts). */
  inProcess(): InProcessController {
    return {
      modelRoute: (req) => this.modelRouteRequest(req),
      attachHost: (hostId, advance) => {
        const h = this.hosts.get(hostId);
        if (!h) throw new Error(`host ${hostId} is not registered`);
        h.advance = advanceAsOverWire(advance);
      },
    };
  }

  /** Links of a node over [now, now + horizon], sampled every resolution, from a look-ahead provider. */
  async contactPlan(node: number, horizonMs: number, resolutionMs: number): Promise<ContactPlan> {
    if (node < 0 || node >= this.nodeCount) throw new Error(`no node ${node}`);
    const from = this.clock.now();
    const cs = this.opts.settings;
    const horizon = horizonMs > 0 ? Math.min(horizonMs, cs.contactMaxHorizonMs) : cs.contactHorizonMs;
    const res = Math.max(resolutionMs > 0 ? resolutionMs : cs.contactResolutionMs, horizon / 10_000);
    this.lookahead ??= this.opts.provider.fork
      ? this.opts.provider.fork()
      : Promise.resolve(this.opts.provider);
    const p = await this.lookahead;
    const open = new Map<number, Contact>();
    const done: Contact[] = [];
    const to = from + horizon;
    for (let t = from; t <= to + 1e-9; t += res) {
      const s = p.snapshotAt(t);
      const seen = new Set<number>();
      for (let j = s.rowStart[node]!; j < s.rowStart[node + 1]!; j++) {
        const peer = s.target[j]!;
        seen.add(peer);
        const c = open.get(peer);
        if (c) c.minDelayMs = Math.min(c.minDelayMs, s.delayMs[j]!);
        else
          open.set(peer, {
            peer,
            peerName: this.nodes[peer]?.name ?? "",
            kind: linkKindWire(s.kind[j]!),
            startUnixMs: t,
            endUnixMs: t,
            minDelayMs: s.delayMs[j]!,
          });
      }
      for (const [peer, c] of open) {
        if (seen.has(peer)) c.endUnixMs = t;
        else {
          done.push(c);
          open.delete(peer);
        }
      }
    }
    done.push(...open.values());
    done.sort((a, b) => a.startUnixMs - b.startUnixMs || a.peer - b.peer);
    const passes = done.filter((c) => c.kind === "LINK_KIND_GSL_DOWN" || c.kind === "LINK_KIND_GSL_UP");
    return { node, fromUnixMs: from, toUnixMs: to, passes, links: done };
  }

  /** Fault injection: stop one node wherever it is hosted. */
  async stopNode(id: number): Promise<void> {
    const r = this.nodes[id];
    if (!r?.up) return;
    const h = this.hosts.get(r.hostId);
    if (!h) throw new Error(`node ${id}'s host ${r.hostId} is not registered`);
    await unary(h.client, "StopNode", { node: id });
  }

  async startNodeOn(hostId: string, id: number): Promise<void> {
    const h = this.hosts.get(hostId);
    if (!h) throw new Error(`host ${hostId} is not registered`);
    await unary(h.client, "StartNode", { node: id });
  }

  // ---- gRPC ----------------------------------------------------------------------------------

  /** A host this controller will start: only it may register these nodes (Hosting calls this). */
  expectHost(hostId: string, key: string, nodes: readonly number[]): void {
    this.expected.set(hostId, { key, nodes: new Set(nodes) });
  }

  /**
   * The host a call comes from, proven by its key (constant-time compare), or null. Calls that
   * make or feed a node (RegisterHost, Register, ReportEvents, WantRoutes) need one; the run secret
   * alone, which external apps and CLI clients hold, does not make a host.
   */
  private hostOf(call: { metadata: grpc.Metadata; getPeer(): string }, method: string): string | null {
    const id = String(call.metadata.get(HOST_ID_HEADER)[0] ?? "");
    const e = this.expected.get(id);
    if (e && sameSecret(call.metadata.get(HOST_KEY_HEADER)[0], e.key)) return id;
    this.log.warn(
      { method, peer: call.getPeer(), hostId: id.slice(0, 64) },
      "call without a host's key refused",
    );
    return null;
  }

  private impl(): grpc.UntypedServiceImplementation {
    const bad = (cb: grpc.sendUnaryData<unknown>, e: unknown) =>
      cb({ code: grpc.status.INVALID_ARGUMENT, details: e instanceof Error ? e.message : String(e) });
    const notHost = { code: grpc.status.UNAUTHENTICATED, details: "only the run's own hosts may do this" };
    return {
      RegisterHost: (
        call: grpc.ServerUnaryCall<{ hostId: string; address: string; pid: number }, unknown>,
        cb: grpc.sendUnaryData<unknown>,
      ) => {
        const { hostId, address, pid } = call.request;
        if (this.hostOf(call, "RegisterHost") !== hostId) return cb(notHost);
        this.hosts.get(hostId)?.client.close();
        this.hosts.set(hostId, { address, pid, client: client(loadProtos().Host, address, this.opts.auth) });
        cb(null, {});
      },
      Register: (
        call: grpc.ServerWritableStream<
          { node: number; address: string; hostId: string; pid: number },
          NodeUpdate
        >,
      ) => {
        const host = this.hostOf(call, "Register");
        // A host registers the nodes it was given, under its own id: nobody takes over another's node.
        if (
          host === null ||
          host !== call.request.hostId ||
          !this.expected.get(host)?.nodes.has(call.request.node)
        ) {
          call.emit("error", notHost);
          return;
        }
        this.register(call);
      },
      WantRoutes: (
        call: grpc.ServerUnaryCall<{ destinations: number[] }, unknown>,
        cb: grpc.sendUnaryData<unknown>,
      ) => {
        if (this.hostOf(call, "WantRoutes") === null) return cb(notHost);
        for (const d of call.request.destinations) this.track(d);
        cb(null, {});
      },
      ReportEvents: (
        call: grpc.ServerReadableStream<{ events: BundleEvent[] }, unknown>,
        cb: grpc.sendUnaryData<unknown>,
      ) => {
        // Only hosts report events: the totals and metrics.ndjson are built from them.
        if (this.hostOf(call, "ReportEvents") === null) return cb(notHost);
        call.on("data", (b: { events: BundleEvent[] }) => this.recordEvents(b.events));
        call.on("end", () => cb(null, {}));
        call.on("error", () => {});
      },
      GetStatus: (
        call: grpc.ServerUnaryCall<{ nodeStates?: boolean; nodes?: number[] }, unknown>,
        cb: grpc.sendUnaryData<unknown>,
      ) => {
        if (!call.request.nodeStates) {
          cb(null, this.status());
          return;
        }
        this.nodeStates(call.request.nodes ?? []).then(
          (nodeStates) => cb(null, { ...this.status(), nodeStates }),
          (e: unknown) => bad(cb, e),
        );
      },
      WatchClock: (call: grpc.ServerWritableStream<unknown, ClockSync>) => {
        call.write(this.realtime.sync);
        this.clockWatchers.add(call);
        call.on("cancelled", () => this.clockWatchers.delete(call));
      },
      WatchBundles: (
        call: grpc.ServerWritableStream<{ sources: number[]; destinations: number[] }, unknown>,
      ) => {
        const { sources, destinations } = call.request;
        const n = this.nodes.length;
        const bad = [...sources, ...destinations].find((v) => !Number.isInteger(v) || v < 0 || v >= n);
        if (bad !== undefined || sources.length > n || destinations.length > n) {
          call.emit("error", {
            code: grpc.status.INVALID_ARGUMENT,
            details: `WatchBundles: sources and destinations are node ids 0..${n - 1} (got ${bad ?? "too many"})`,
          });
          return;
        }
        const w = new BundleWatcher(call, sources, destinations);
        this.bundleWatchers.add(w);
        // An empty first message: the watch is on, every event from here on comes (a client that
        // starts traffic after subscribing can wait for it instead of guessing).
        call.write({ events: [], missedEvents: 0 });
        call.on("cancelled", () => this.bundleWatchers.delete(w));
      },
      WatchTopology: (call: grpc.ServerWritableStream<{ minIntervalWallMs: number }, RunTopology>) => {
        const every = call.request.minIntervalWallMs;
        if (!(every >= 0 && every <= MAX_TOPOLOGY_INTERVAL_WALL_MS)) {
          call.emit("error", {
            code: grpc.status.INVALID_ARGUMENT,
            details: `WatchTopology: min_interval_wall_ms is 0..${MAX_TOPOLOGY_INTERVAL_WALL_MS} (got ${every})`,
          });
          return;
        }
        this.topologyWatchers.add(call, every, this.stopping ? null : this.runTopology(), this.up);
      },
      WatchMetrics: (call: grpc.ServerWritableStream<unknown, Metrics>) => {
        this.metricWatchers.add(call);
        call.on("cancelled", () => this.metricWatchers.delete(call));
      },
      ModelRoute: (
        call: grpc.ServerUnaryCall<{ from: number; to: number; via: ViaName }, unknown>,
        cb: grpc.sendUnaryData<unknown>,
      ) => {
        try {
          cb(null, this.modelRouteRequest(call.request));
        } catch (e) {
          bad(cb, e);
        }
      },
      GetContactPlan: (
        call: grpc.ServerUnaryCall<{ node: number; horizonMs: number; resolutionMs: number }, unknown>,
        cb: grpc.sendUnaryData<unknown>,
      ) => {
        const { node, horizonMs, resolutionMs } = call.request;
        this.contactPlan(node, horizonMs, resolutionMs).then(
          (p) => cb(null, p),
          (e: unknown) => bad(cb, e),
        );
      },
    };
  }

  /** RunControl: `constellate stop` asks the launch to end, which then ends as on Ctrl-C. */
  private controlImpl(): grpc.UntypedServiceImplementation {
    return {
      Stop: (call: grpc.ServerUnaryCall<StopRunRequest, unknown>, cb: grpc.sendUnaryData<unknown>) => {
        if (!this.stopRequested$.observed)
          return cb({
            code: grpc.status.FAILED_PRECONDITION,
            details: "this emulation is run through the API: its owner stops it",
          });
        const why = stopReasonText(call.request.reason);
        this.log.info({ reason: why, peer: call.getPeer() }, "stop requested");
        cb(null, { pid: process.pid });
        this.stopRequested$.next(why);
      },
    };
  }

  /** End every node's stream (nodes then exit or stop), stop stepping, close the server. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.stepSub?.unsubscribe();
    this.lostBundles.dispose();
    await this.sync?.stop();
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    this.emitMetrics(this.clock.now(), 0);
    for (const r of this.nodes) {
      r.call?.end();
      r.call = null;
      r.up = false;
    }
    for (const w of this.clockWatchers) w.end();
    for (const w of this.metricWatchers) w.end();
    for (const w of this.bundleWatchers) w.end();
    this.bundleWatchers.clear();
    this.topologyWatchers.endAll();
    for (const h of this.hosts.values()) h.client.close();
    if (this.server) await stopServer(this.server, 300);
    await this.metricsFile?.end();
    await this.eventsFile?.end();
    await new Promise<void>((resolve) => (this.nodesFile ? this.nodesFile.end(resolve) : resolve()));
    this.events$.complete();
    this.metrics$.complete();
    this.nodeLost$.complete();
    this.lagWarning$.complete();
    this.stopRequested$.complete();
    this.realtime.dispose();
    const la = this.lookahead;
    if (la) la.then((p) => p !== this.opts.provider && p.dispose?.()).catch(() => {});
  }
}

/** A ModelRoute answer without a route, saying why. */
function noModelRoute(why: ModelRouteFailureOf): ModelRouteReply {
  return { ok: false, ...why, oneWayMs: 0, path: [], hopDelayMs: [] };
}

function linkDelay(s: TopologySnapshot, u: number, v: number): number {
  for (let j = s.rowStart[u]!; j < s.rowStart[u + 1]!; j++) if (s.target[j] === v) return s.delayMs[j]!;
  return Number.NaN;
}

/**
 * One WatchBundles stream: the events of the bundles it asked for, written as the hosts report
 * them. The stream's own buffer is the bound: while gRPC says it is full (write returned false,
 * no drain yet), events are counted as missed instead of queued, so a slow watcher costs the run
 * a counter, not memory.
 */
class BundleWatcher {
  private readonly sources: Set<number> | null;
  private readonly destinations: Set<number> | null;
  private full = false;
  private missed = 0;

  constructor(
    private readonly call: grpc.ServerWritableStream<unknown, unknown>,
    sources: readonly number[],
    destinations: readonly number[],
  ) {
    this.sources = sources.length > 0 ? new Set(sources) : null;
    this.destinations = destinations.length > 0 ? new Set(destinations) : null;
    call.on("drain", () => {
      this.full = false;
    });
  }

  offer(events: readonly BundleEvent[]): void {
    const mine = events.filter(
      (ev) =>
        (!this.sources || this.sources.has(ev.source)) &&
        (!this.destinations || this.destinations.has(ev.destination)),
    );
    if (mine.length === 0) return;
    if (this.full) {
      this.missed += mine.length;
      return;
    }
    this.full = !this.call.write({ events: mine, missedEvents: this.missed });
  }

  end(): void {
    this.call.end();
  }
}
