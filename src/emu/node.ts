/**
 * A node's behaviour (satellite or ground station), independent of how it is hosted: its link table
 * and next hops (fed by the controller's diffs), the per-link queues, store-and-forward for bundles
 * without a route, deliveries, echo (ping) handling and its counters.
 *
 * Hops leave through a PeerTransport (a real gRPC call in every hosted mode). The sender runs the
 * link emulation (queue, serialization) and computes the arrival instant; it makes the call
 * `leadWallMs` before that instant and the receiver holds the bundle until it (see settings.ts).
 *
 * Instants are run-relative here (`tRunMs`, ms since the run's epoch: src/emu/run-time.ts), so the
 * hop arithmetic is not rounded to Unix-ms doubles; they become Unix ms only where they leave the
 * node's data plane: bundle events, the apps' hook, ping replies.
 */
import type { Logger } from "pino";
import { LinkKind } from "../mesh/types.js";
import { bundleEvent, DropReason, makeBundle, type NewBundle } from "./bundle.js";
import type { Clock, VirtualTimer } from "./clock.js";
import { LinkQueue } from "./link-queue.js";
import { runOfUnix, unixOfRun } from "./run-time.js";
import { DEFAULT_EMU_SETTINGS } from "./settings.js";
import type {
  AppValue,
  BundleEvent,
  Counters,
  HopRecord,
  InjectRequest,
  LinkEntry,
  LinkTableUpdate,
  NodeState,
  NodeStatus,
  NodeUpdate,
  PingReply,
  PingRequest,
  RouteEntry,
  WireBundle,
} from "./wire.js";
import { DROP_REASON_WIRE, linkKindOf, linkKindWire, noRouteOf } from "./wire-enums.js";

/** After a failed hop, held bundles are retried this much later (virtual ms). */
const RETRY_AFTER_MS = 100;

export interface PeerTransport {
  /** Hand a bundle to the node at `address`; rejects when it cannot be reached. */
  send(address: string, bundle: WireBundle): Promise<void>;
}

export interface NodeEnv {
  /** Scenario time: the realtime clock, or this node's view of its host's virtual-clock scheduler. */
  clock: Clock;
  transport: PeerTransport;
  /** Bundle life events (created / delivered / dropped) for the controller's ledger. */
  emit(ev: BundleEvent): void;
  /** Ask the controller to start tracking routes toward these destinations. */
  wantRoutes(destinations: number[]): void;
  /**
   * A bundle started waiting here on the topology (held, or queued on a link): the virtual-clock host
   * then checks `waitsOnTopology` for this node only, not for every node it serves in every round.
   */
  waitingOnTopology?(): void;
  log: Logger;
}

/**
 * Onboard apps' view of this node's traffic (src/emu/apps/node-apps.ts); a node without apps has none.
 * Called synchronously at the event's virtual instant, so apps act at exactly that instant.
 */
export interface NodeAppHook {
  /** A data bundle addressed to this node arrived (apps pick theirs by metadata). */
  delivered(b: WireBundle, tMs: number): void;
  /** A bundle originated here was queued on its first link. */
  left(b: WireBundle, tMs: number): void;
  /** A bundle originated here was dropped here, with the ledger's reason and its detail. */
  dropped(b: WireBundle, reason: DropReason, detail: string, tMs: number): void;
  /** The controller changed this node's links (diff entries; up=false: gone). */
  linksChanged(tMs: number, links: LinkEntry[]): void;
  /** What the node's apps publish now (ctx.counter / ctx.gauge). */
  appValues?(): AppValue[];
}

interface Held {
  bundle: WireBundle;
  reason: string;
  /** It waited for the controller's first answer toward its destination at some point. */
  awaitedRoutes: boolean;
  ttlTimer: VirtualTimer;
}

interface PendingPing {
  resolve(r: PingReply): void;
  sentRunMs: number;
  timer: VirtualTimer;
}

export class NodeRuntime {
  name = "";
  satelliteCount = 0;
  stationCount = 0;
  queueLimitBytes = DEFAULT_EMU_SETTINGS.linkQueueBytes;
  leadWallMs = DEFAULT_EMU_SETTINGS.leadWallMs;
  tMs = 0;
  /** Which registration of this node this is (bundle ids stay unique across restarts). */
  incarnation = 0;
  private bundleSeq = 0;
  /** The controller's topology step grid (virtual ms); 0 until known. */
  stepMs = 0;
  stepOriginMs = 0;
  readonly links = new Map<number, LinkQueue>();
  readonly routes = new Map<number, RouteEntry>();
  private held: Held[] = [];
  private readonly pings = new Map<string, PendingPing>();
  private readonly wanted = new Set<number>();
  /** Received, waiting for their arrival instant. */
  private readonly arrivals = new Map<VirtualTimer, WireBundle>();
  /** Serialized, propagating, not yet handed to the next node. */
  private readonly propagating = new Map<WireBundle, VirtualTimer | null>();
  private stopped = false;
  appHook: NodeAppHook | null = null;
  /** Watchers of the link table (WatchLinks). */
  readonly linkWatchers = new Set<(u: LinkTableUpdate) => void>();
  readonly counters: Counters = {
    created: 0,
    delivered: 0,
    dropped: 0,
    held: 0,
    queued: 0,
    inFlight: 0,
    forwarded: 0,
    received: 0,
    droppedByReason: {},
    lateEvents: 0,
    maxLateMs: 0,
    lateArrivals: 0,
    maxArrivalLateMs: 0,
  };

  constructor(
    readonly id: number,
    private readonly env: NodeEnv,
  ) {}

  get clock(): Clock {
    return this.env.clock;
  }

  get nodeCount(): number {
    return this.satelliteCount + this.stationCount;
  }

  isStation(node: number): boolean {
    return node >= this.satelliteCount;
  }

  // ---- control plane -------------------------------------------------------------------------

  applyUpdate(u: NodeUpdate): void {
    const c = u.config;
    if (c) {
      this.name = c.name;
      if (c.queueLimitBytes > 0) this.queueLimitBytes = c.queueLimitBytes;
      if (c.leadWallMs >= 0) this.leadWallMs = c.leadWallMs;
      this.satelliteCount = c.satellites;
      this.stationCount = c.stations;
      this.stepMs = c.stepMs > 0 ? c.stepMs : 0;
      this.stepOriginMs = c.stepOriginUnixMs;
      this.incarnation = c.incarnation;
    }
    // A configuration carries no table: its links and routes follow as diffs.
    const links = u.diff?.links ?? [];
    const routes = u.diff?.routes ?? [];
    if (u.clock && u.clock.speed > 0) this.env.clock.setSync?.(u.clock);
    if (u.tUnixMs > 0) this.tMs = u.tUnixMs;
    const nowRun = this.env.clock.nowRunMs();
    let orphans: WireBundle[] | null = null;
    for (const l of links) {
      const q = this.links.get(l.target);
      if (!l.up) {
        if (q) {
          this.links.delete(l.target);
          const lost = q.drain();
          if (lost.length > 0) orphans = orphans ? orphans.concat(lost) : lost;
        }
      } else if (q) {
        // No address: the one told before (the controller leaves it out when it did not change). The
        // entry gets it too, so apps and WatchLinks see whole entries.
        const st = q.state;
        if (!l.address) l.address = st.address;
        // In place: a link's delay changes nearly every step, and a fresh state object per link per
        // step lives exactly until the next one (long enough to be promoted on a busy host, then
        // garbage in the old space; docs/soak.md). The queue reads its state at each use.
        st.delayMs = l.delayMs;
        st.capacityBps = l.capacityBps;
        st.kind = linkKindOf(l.kind);
        // The same address decoded again is a new string: keep the one held.
        if (l.address !== st.address) st.address = l.address;
      } else {
        const state = {
          delayMs: l.delayMs,
          capacityBps: l.capacityBps,
          kind: linkKindOf(l.kind),
          address: l.address,
        };
        this.links.set(
          l.target,
          new LinkQueue(
            this.id,
            l.target,
            state,
            this.queueLimitBytes,
            this.env.clock,
            (b, hop) => this.departed(b, hop),
            () => this.horizonRunMs(),
          ),
        );
      }
    }
    for (const r of routes) {
      // In place, as the links: the decoded entry then dies young instead of living until the next
      // change of this route (seconds: old-space garbage). fullTable() hands out copies.
      const had = this.routes.get(r.destination);
      if (had) {
        had.nextHop = r.nextHop;
        had.reason = r.reason;
      } else this.routes.set(r.destination, r);
    }
    if (this.appHook && links.length > 0) this.appHook.linksChanged(this.unixOf(nowRun), links);
    if (this.linkWatchers.size > 0 && (links.length > 0 || routes.length > 0 || c)) {
      const msg: LinkTableUpdate = c
        ? this.fullTable()
        : { tUnixMs: u.tUnixMs, update: "diff", diff: { links, routes } };
      for (const w of this.linkWatchers) w(msg);
    }
    // Bundles of a vanished link go back through routing; so do held ones when anything changed.
    this.counters.queued = this.queuedCount();
    if (orphans) for (const b of orphans) this.forward(b, Math.max(nowRun, b.arrivalRunMs));
    if ((links.length > 0 || routes.length > 0) && this.held.length > 0) this.retryHeld(nowRun);
  }

  /** Unix ms of run instant tRunMs, where an instant leaves the data plane (run-time.ts). */
  private unixOf(tRunMs: number): number {
    return unixOfRun(this.env.clock.runEpochUnixMs, tRunMs);
  }

  /** Run instant at which bundle b's lifetime ends (its creation is kept in Unix ms, as records say). */
  private expiryRunMs(b: WireBundle): number {
    return runOfUnix(this.env.clock.runEpochUnixMs, b.createdUnixMs) + b.ttlMs;
  }

  fullTable(): LinkTableUpdate {
    const links: LinkEntry[] = [];
    for (const [target, q] of this.links)
      links.push({
        target,
        up: true,
        delayMs: q.state.delayMs,
        capacityBps: q.state.capacityBps,
        kind: linkKindWire(q.state.kind),
        address: q.state.address,
      });
    const routes: RouteEntry[] = [];
    for (const r of this.routes.values()) routes.push({ ...r });
    return { tUnixMs: this.tMs, update: "full", full: { links, routes } };
  }

  // ---- data plane ----------------------------------------------------------------------------

  /** Originate a bundle here (now, or at req.atUnixMs). Returns its id. */
  inject(req: InjectRequest, defaults: { ttlMs: number; maxPayloadBytes: number }): string {
    const at = req.atUnixMs && req.atUnixMs > 0 ? req.atUnixMs : 0;
    const payload = req.payload && req.payload.length > 0 ? req.payload : undefined;
    const nb: NewBundle = {
      id: req.id || this.newBundleId(),
      source: this.id,
      destination: req.destination,
      createdUnixMs: at,
      createdRunMs: runOfUnix(this.env.clock.runEpochUnixMs, at),
      sizeBytes: Math.max(req.sizeBytes, payload?.length ?? 0),
      payload: payload && payload.length <= defaults.maxPayloadBytes ? payload : undefined,
      ttlMs: req.ttlMs && req.ttlMs > 0 ? req.ttlMs : defaults.ttlMs,
      via: req.via ?? "VIA_SPACE",
      metadata: req.metadata ?? {},
    };
    const b = makeBundle(nb);
    const create = () => {
      const clock = this.env.clock;
      // A bundle injected for an instant already past keeps that instant (the model catches up).
      b.createdUnixMs = at > 0 ? at : clock.now();
      b.arrivalRunMs = at > 0 ? runOfUnix(clock.runEpochUnixMs, at) : clock.nowRunMs();
      this.originate(b, b.arrivalRunMs);
    };
    if (at > 0 && at > this.env.clock.now()) this.env.clock.at(at, create);
    else create();
    return b.id;
  }

  ping(req: PingRequest, defaults: { pingSizeBytes: number }): Promise<PingReply> {
    const nowRun = this.env.clock.nowRunMs();
    const sentUnixMs = this.unixOf(nowRun);
    const size = req.sizeBytes && req.sizeBytes > 0 ? req.sizeBytes : defaults.pingSizeBytes;
    const timeoutMs = req.timeoutMs && req.timeoutMs > 0 ? req.timeoutMs : 10_000;
    const b = makeBundle({
      id: this.newBundleId(),
      source: this.id,
      destination: req.destination,
      createdUnixMs: sentUnixMs,
      createdRunMs: nowRun,
      sizeBytes: size,
      ttlMs: timeoutMs,
      kind: "BUNDLE_KIND_ECHO_REQUEST",
      via: req.via ?? "VIA_SPACE",
    });
    return new Promise<PingReply>((resolve) => {
      // A hair after the bundle's TTL, so a drop at TTL (which carries the no-route reason) answers first.
      const timer = this.env.clock.atRunMs(nowRun + timeoutMs + 1, () => {
        this.pings.delete(b.id);
        resolve({
          ok: false,
          failure: "PING_FAILURE_TIMEOUT",
          dropReason: "DROP_REASON_UNSPECIFIED",
          dropDetail: "",
          rttMs: 0,
          sentUnixMs,
          sentRunMs: nowRun,
          receivedUnixMs: 0,
          forward: [],
          back: [],
        });
      });
      this.pings.set(b.id, { resolve, sentRunMs: nowRun, timer });
      this.originate(b, nowRun);
    });
  }

  /**
   * A hop arrived over the wire: hold it until its arrival instant, then route it.
   *
   * Virtual time is event time (as in ns-3's real-time scheduler, or SliceTime): the bundle is here
   * at max(its arrival instant, the instant its bytes actually reached this node). Bytes that came
   * late (the lead did not hide the transport) make the bundle late, in virtual time, for the rest of
   * its path. A hold timer that fires late because this host was busy (a GC pause, a crowded event
   * loop) does not: the node had the bundle in time, so it moves on at its instant and sends its next
   * hop early enough to catch up (leadWallMs). Both kinds of lateness are counted.
   */
  receive(b: WireBundle): void {
    if (this.stopped) throw new Error("node stopped");
    this.counters.received++;
    this.counters.inFlight++;
    const receivedRunMs = this.env.clock.nowRunMs();
    const arrivalLateMs = receivedRunMs - b.arrivalRunMs;
    if (arrivalLateMs > 0) {
      this.counters.lateArrivals++;
      if (arrivalLateMs > this.counters.maxArrivalLateMs) this.counters.maxArrivalLateMs = arrivalLateMs;
    }
    const readyRunMs = arrivalLateMs > 0 ? receivedRunMs : b.arrivalRunMs;
    // Cut-through: a bundle passing through (or an echo to answer) is routed now, at its instant in
    // virtual time, when that instant is within the current topology step (the table it would be
    // routed with then is this one) and its next link is up. Deliveries wait for their instant.
    const passing = b.destination !== this.id || b.kind === "BUNDLE_KIND_ECHO_REQUEST";
    if (passing && readyRunMs < this.horizonRunMs() && readyRunMs < this.expiryRunMs(b)) {
      const via = b.destination === this.id ? null : this.nextHop(b);
      if (typeof via !== "string") {
        this.counters.inFlight--;
        this.forward(b, readyRunMs);
        return;
      }
    }
    const timer: VirtualTimer = this.env.clock.atRunMs(readyRunMs, () => {
      this.arrivals.delete(timer);
      this.counters.inFlight--;
      const late = this.env.clock.nowRunMs() - readyRunMs;
      if (late > this.env.clock.speed) this.counters.lateEvents++;
      if (late > this.counters.maxLateMs) this.counters.maxLateMs = late;
      this.forward(b, readyRunMs);
    });
    this.arrivals.set(timer, b);
  }

  /**
   * Run instant of the next topology step: until then this node's links, their delays and its
   * routes stay as they are (barring a node failure), so decisions for instants before it may be
   * taken now. -Infinity when unknown or in discrete-event time (which has no wall time to gain).
   */
  private horizonRunMs(): number {
    const clock = this.env.clock;
    if (!(this.stepMs > 0) || !Number.isFinite(clock.speed)) return Number.NEGATIVE_INFINITY;
    const originRunMs = runOfUnix(clock.runEpochUnixMs, this.stepOriginMs);
    const k = Math.floor((clock.nowRunMs() - originRunMs) / this.stepMs);
    return originRunMs + (k + 1) * this.stepMs;
  }

  private originate(b: WireBundle, tRunMs: number): void {
    this.counters.created++;
    this.env.emit(bundleEvent("TYPE_CREATED", b, this.id, this.unixOf(tRunMs)));
    if (!(b.destination >= 0 && b.destination < this.nodeCount)) {
      this.drop(b, DropReason.NoSuchDestination, tRunMs);
      return;
    }
    this.forward(b, tRunMs);
  }

  /** Route a bundle present at this node at run instant tRunMs. */
  private forward(b: WireBundle, tRunMs: number): void {
    if (b.destination === this.id) {
      this.deliver(b, tRunMs);
      return;
    }
    if (tRunMs >= this.expiryRunMs(b)) {
      this.drop(b, DropReason.TtlExpired, tRunMs);
      return;
    }
    const choice = this.nextHop(b);
    if (typeof choice === "string") {
      this.hold(b, choice);
      return;
    }
    if (!choice.enqueue(b, tRunMs)) {
      this.drop(b, DropReason.QueueFull, tRunMs);
      return;
    }
    this.counters.queued = this.queuedCount();
    this.env.waitingOnTopology?.();
    if (this.appHook && b.source === this.id && b.hops.length === 0)
      this.appHook.left(b, this.unixOf(tRunMs));
  }

  /** The link to take, or why there is none. */
  private nextHop(b: WireBundle): LinkQueue | string {
    if (b.via === "VIA_FIBER" && this.isStation(this.id) && this.isStation(b.destination)) {
      const q = this.links.get(b.destination);
      return q && q.state.kind === LinkKind.Fiber ? q : "no-fiber-link";
    }
    const r = this.routes.get(b.destination);
    if (!r) {
      if (!this.wanted.has(b.destination)) {
        this.wanted.add(b.destination);
        this.env.wantRoutes([b.destination]);
      }
      return "awaiting-routes";
    }
    if (r.nextHop < 0) return noRouteOf(r.reason) || "no-route";
    return this.links.get(r.nextHop) ?? "next-hop-link-down";
  }

  private hold(b: WireBundle, reason: string): void {
    const h: Held = {
      bundle: b,
      reason,
      awaitedRoutes: reason === "awaiting-routes",
      ttlTimer: this.env.clock.atRunMs(this.expiryRunMs(b), () => {
        const i = this.held.indexOf(h);
        if (i >= 0) this.held.splice(i, 1);
        this.counters.held = this.held.length;
        this.drop(
          b,
          DropReason.TtlExpired,
          Math.max(this.expiryRunMs(b), this.env.clock.nowRunMs()),
          h.reason,
        );
      }),
    };
    this.held.push(h);
    this.counters.held = this.held.length;
    this.env.waitingOnTopology?.();
  }

  private retryTimer: VirtualTimer | null = null;

  /** Retry held bundles after a failed hop, once per RETRY_AFTER_MS however many failed. */
  private scheduleRetry(): void {
    if (this.retryTimer) return;
    const clock = this.env.clock;
    this.retryTimer = clock.atRunMs(clock.nowRunMs() + RETRY_AFTER_MS, () => {
      this.retryTimer = null;
      if (!this.stopped && this.held.length > 0) this.retryHeld(clock.nowRunMs());
    });
  }

  private retryHeld(tRunMs: number): void {
    const held = this.held;
    this.held = [];
    for (const h of held) {
      const choice = this.nextHop(h.bundle);
      if (typeof choice === "string") {
        h.reason = choice;
        if (choice === "awaiting-routes") h.awaitedRoutes = true;
        this.held.push(h);
        continue;
      }
      h.ttlTimer.cancel();
      // Waiting for the controller's first answer toward a destination is the emulator's delay, not
      // the model's (which had the route): on the realtime clock it makes the bundle late, and the
      // node says so as it does for bytes that came late. (The virtual clock answers at the instant.)
      const waitedMs = tRunMs - h.bundle.arrivalRunMs;
      // Once the answer came, a link the new route names may still be on its way (the step's table):
      // the whole wait since it was held counts, not only the part spent asking.
      if (h.awaitedRoutes && waitedMs > 0) {
        this.counters.lateArrivals++;
        if (waitedMs > this.counters.maxArrivalLateMs) this.counters.maxArrivalLateMs = waitedMs;
      }
      // A bundle routed ahead of its instant (cut-through) is never sent on before it.
      this.forward(h.bundle, Math.max(tRunMs, h.bundle.arrivalRunMs));
    }
    this.counters.held = this.held.length;
  }

  /** Serialization done: propagate, then hand over to the next node. */
  private departed(b: WireBundle, hop: HopRecord): void {
    this.counters.queued = this.queuedCount();
    b.hops.push(hop);
    b.arrivalRunMs = hop.arrivalRunMs;
    const address = this.links.get(hop.to)?.state.address ?? "";
    this.counters.inFlight++;
    const send = () => {
      if (this.stopped) return;
      this.propagating.delete(b);
      this.env.transport.send(address, b).then(
        () => {
          this.counters.inFlight--;
          this.counters.forwarded++;
        },
        (e: unknown) => {
          // The next node did not take it (gone, or not answering): keep the bundle here (store and
          // forward). The controller withdraws a dead node's links within a step; until then, retry.
          this.counters.inFlight--;
          if (this.stopped) return;
          b.hops.pop();
          this.env.log.debug({ err: String(e), to: hop.to, bundle: b.id }, "hop failed; holding");
          this.hold(b, "next-hop-unreachable");
          this.scheduleRetry();
        },
      );
    };
    const clock = this.env.clock;
    // Virtual clock (speed +Infinity): hand over now; the receiver's scheduler holds the hop until
    // its arrival instant, which is at least one lookahead past this window (src/emu/sync.ts).
    const sendAtRunMs = Number.isFinite(clock.speed)
      ? hop.arrivalRunMs - this.leadWallMs * clock.speed
      : Number.NEGATIVE_INFINITY;
    if (sendAtRunMs <= clock.nowRunMs()) {
      this.propagating.set(b, null);
      send();
    } else this.propagating.set(b, clock.atRunMs(sendAtRunMs, send));
  }

  private deliver(b: WireBundle, tRunMs: number): void {
    const tUnixMs = this.unixOf(tRunMs);
    this.counters.delivered++;
    this.env.emit(bundleEvent("TYPE_DELIVERED", b, this.id, tUnixMs));
    if (b.kind === "BUNDLE_KIND_DATA") this.appHook?.delivered(b, tUnixMs);
    else if (b.kind === "BUNDLE_KIND_ECHO_REQUEST") {
      const reply = makeBundle({
        id: this.newBundleId(),
        source: this.id,
        destination: b.source,
        createdUnixMs: tUnixMs,
        createdRunMs: tRunMs,
        sizeBytes: b.sizeBytes,
        ttlMs: b.ttlMs,
        kind: "BUNDLE_KIND_ECHO_REPLY",
        via: b.via,
        replyTo: b.id,
        metadata: { forward: JSON.stringify(b.hops) },
      });
      this.originate(reply, tRunMs);
    } else if (b.kind === "BUNDLE_KIND_ECHO_REPLY") {
      const p = this.pings.get(b.replyTo);
      if (p) {
        this.pings.delete(b.replyTo);
        p.timer.cancel();
        let forward: HopRecord[] = [];
        try {
          forward = JSON.parse(b.metadata["forward"] ?? "[]") as HopRecord[];
        } catch {
          forward = [];
        }
        p.resolve({
          ok: true,
          failure: "PING_FAILURE_UNSPECIFIED",
          dropReason: "DROP_REASON_UNSPECIFIED",
          dropDetail: "",
          rttMs: tRunMs - p.sentRunMs,
          sentUnixMs: this.unixOf(p.sentRunMs),
          sentRunMs: p.sentRunMs,
          receivedUnixMs: tUnixMs,
          forward,
          back: b.hops,
        });
      }
    }
  }

  private drop(b: WireBundle, reason: DropReason, tRunMs: number, detail = ""): void {
    const tUnixMs = this.unixOf(tRunMs);
    this.counters.dropped++;
    this.counters.droppedByReason[reason] = (this.counters.droppedByReason[reason] ?? 0) + 1;
    this.env.emit(bundleEvent("TYPE_DROPPED", b, this.id, tUnixMs, reason, detail));
    if (this.appHook && b.source === this.id) this.appHook.dropped(b, reason, detail, tUnixMs);
    if (b.kind === "BUNDLE_KIND_ECHO_REQUEST" && b.source === this.id) {
      const p = this.pings.get(b.id);
      if (p) {
        this.pings.delete(b.id);
        p.timer.cancel();
        p.resolve({
          ok: false,
          failure: "PING_FAILURE_DROPPED",
          dropReason: DROP_REASON_WIRE[reason],
          dropDetail: detail,
          rttMs: 0,
          sentUnixMs: this.unixOf(p.sentRunMs),
          sentRunMs: p.sentRunMs,
          receivedUnixMs: 0,
          forward: [],
          back: [],
        });
      }
    }
  }

  /**
   * Bundles waiting here on the topology (held without a route, or in a link's FIFO): under the
   * virtual clock the host then asks for every step, so re-routing happens at the step instants
   * exactly as under the realtime clock, however idle the rest of the emulation is.
   */
  get waitsOnTopology(): boolean {
    return this.held.length > 0 || this.queuedCount() > 0;
  }

  /** Deterministic, and unique across nodes and restarts: node, incarnation, sequence. */
  private newBundleId(): string {
    return `${this.id}.${this.incarnation}.${++this.bundleSeq}`;
  }

  private queuedCount(): number {
    let n = 0;
    for (const q of this.links.values()) n += q.length;
    return n;
  }

  /** Bytes on its links and held, and its apps' values: the controller's GetStatus node_states. */
  state(): NodeState {
    const tMs = this.env.clock.now();
    const tRunMs = this.env.clock.nowRunMs();
    let queueBytes = 0;
    let queuedBundles = 0;
    for (const q of this.links.values()) {
      queueBytes += q.bytesAt(tRunMs);
      queuedBundles += q.length;
    }
    let heldBytes = 0;
    for (const h of this.held) heldBytes += h.bundle.sizeBytes;
    return {
      node: this.id,
      tUnixMs: tMs,
      queueBytes,
      queuedBundles,
      heldBundles: this.held.length,
      heldBytes,
      appValues: this.appHook?.appValues?.() ?? [],
    };
  }

  status(): NodeStatus {
    this.counters.queued = this.queuedCount();
    this.counters.held = this.held.length;
    return {
      node: this.id,
      name: this.name,
      tUnixMs: this.env.clock.now(),
      counters: { ...this.counters, droppedByReason: { ...this.counters.droppedByReason } },
      links: this.links.size,
      routes: this.routes.size,
      state: this.state(),
    };
  }

  /** Ids of every bundle this node holds: arriving, propagating, held, queued on its links. */
  bundleIds(out: string[]): void {
    for (const b of this.arrivals.values()) out.push(b.id);
    for (const b of this.propagating.keys()) out.push(b.id);
    for (const h of this.held) out.push(h.bundle.id);
    for (const q of this.links.values()) q.bundleIds(out);
  }

  /** Stop: everything still here is dropped with reason node-stopped (so the ledger stays whole). */
  stop(tRunMs = this.env.clock.nowRunMs()): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const [t, b] of this.arrivals) {
      t.cancel();
      this.counters.inFlight--;
      this.drop(b, DropReason.NodeStopped, tRunMs);
    }
    this.arrivals.clear();
    for (const [b, t] of this.propagating) {
      if (!t) continue; // already on the wire: the next node has it
      t.cancel();
      this.counters.inFlight--;
      this.drop(b, DropReason.NodeStopped, tRunMs);
    }
    this.propagating.clear();
    for (const h of this.held) {
      h.ttlTimer.cancel();
      this.drop(h.bundle, DropReason.NodeStopped, tRunMs);
    }
    this.held = [];
    for (const q of this.links.values())
      for (const b of q.drain()) this.drop(b, DropReason.NodeStopped, tRunMs);
    this.links.clear();
    for (const p of this.pings.values()) {
      p.timer.cancel();
      p.resolve({
        ok: false,
        failure: "PING_FAILURE_NODE_STOPPED",
        dropReason: "DROP_REASON_UNSPECIFIED",
        dropDetail: "",
        rttMs: 0,
        sentUnixMs: this.unixOf(p.sentRunMs),
        sentRunMs: p.sentRunMs,
        receivedUnixMs: 0,
        forward: [],
        back: [],
      });
    }
    this.pings.clear();
    this.linkWatchers.clear();
    this.retryTimer?.cancel();
  }
}
