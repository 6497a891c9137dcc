/**
 * Live mode: a running `constellate launch`, attached as any outside client would, through its
 * controller's public gRPC API (the address in the run dir's controller.json): GetStatus (nodes up
 * and down, the ledger), WatchClock (the virtual clock's announcements), WatchMetrics (per-step
 * metrics), ModelRoute (the emulator's route for a pair), GetContactPlan (a node's contacts),
 * GetStatus with node_states (a node's bytes on its links and its apps' values), and each node's own
 * GetStatus (its counters), and WatchTopology (the links of the run's computed steps: a link the
 * run withdrew, a node stopped, is gone from the next one). Positions come from the model of the
 * same constellation (ModelGeometry): the public API does not stream them (docs/view.md, gaps).
 */
import type * as grpc from "@grpc/grpc-js";
import { wallNowMs } from "../emu/clock.js";
import { client, unary } from "../emu/grpc-util.js";
import { loadProtos } from "../emu/proto-loader.js";
import type { RunAuth } from "../emu/run-auth.js";
import type { ControllerInfo } from "../emu/run-dir.js";
import { readRunAuth } from "../emu/run-secret.js";
import type {
  BundleEvent,
  ClockSync,
  ContactPlan,
  EmulationStatus,
  Metrics,
  ModelRouteReply,
  NodeStatus,
  RunTopology,
} from "../emu/wire.js";
import { isolationOf, modelRouteText } from "../emu/wire-enums.js";
import type { Constellation } from "../orbit/constellation.js";
import { InputError } from "../util/input-error.js";
import { ModelGeometry, SAMPLE_STEP_MS, type SampleLinks } from "./model-geometry.js";
import { modelNodeInfo } from "./model-source.js";
import {
  BUNDLES_KEPT,
  type BundleInfo,
  type BundlesInfo,
  type ClockInfo,
  LINK_GROUND,
  LINK_ISL,
  type LiveStatus,
  type NodeInfo,
  type RouteInfo,
  RUN_LINKS_HEADER_BYTES,
  type ViewMeta,
} from "./protocol.js";
import type { ViewSource } from "./source.js";

/** How often the ledger and node states are re-read, wall ms (our choice: the panel's refresh). */
export const STATUS_POLL_WALL_MS = 1_000;
/** Contact plan asked of the controller for a clicked node: horizon and resolution, virtual ms. */
export const LIVE_CONTACT_HORIZON_MS = 3_600_000;
export const LIVE_CONTACT_RESOLUTION_MS = 30_000;
/**
 * The run's links at most this often, wall ms (our choice: four a second, more than the page's 1 s
 * poll needs; a change of the nodes up comes at once regardless, WatchTopology's contract).
 */
export const TOPOLOGY_MIN_INTERVAL_WALL_MS = 250;

/** The latest step's links the run streamed, decoded for the samples and api/links. */
interface RunLinks extends SampleLinks {
  tUnixMs: number;
  steps: number;
  up: Uint8Array;
}

export class LiveSource implements ViewSource {
  private readonly controller: grpc.Client;
  private readonly nodeClients = new Map<string, grpc.Client>();
  private readonly up: Uint8Array;
  private sync: ClockSync;
  private lastStatus: EmulationStatus;
  private metrics: Metrics | null = null;
  private readonly streams: grpc.ClientReadableStream<unknown>[] = [];
  private poll: NodeJS.Timeout | null = null;
  private closed = false;
  /** The pair whose bundles are watched ("a-b", a < b), its stream, and what it has seen (by id, in order). */
  private bundlePair = "";
  private bundleStream: grpc.ClientReadableStream<unknown> | null = null;
  private readonly pairBundles = new Map<string, BundleInfo>();
  /** The controller's first message for the pair's watch came. */
  private bundleWatching = false;
  private missedEvents = 0;
  /** The run's links (WatchTopology); null before the first message, or from a controller without it. */
  private runTopology: RunLinks | null = null;

  private constructor(
    private readonly geo: ModelGeometry,
    readonly runDir: string,
    readonly info: ControllerInfo,
    controller: grpc.Client,
    first: EmulationStatus,
    private readonly auth: RunAuth,
  ) {
    this.controller = controller;
    this.lastStatus = first;
    this.sync = first.clock;
    this.up = new Uint8Array(first.nodes.length);
    this.applyStatus(first);
  }

  /** Attach to the launch whose controller.json is in runDir; `c` must be the constellation it runs. */
  static async attach(c: Constellation, runDir: string, info: ControllerInfo): Promise<LiveSource> {
    // The run's secret (and certificate with --tls) from its run dir: only its user can read them.
    const auth = readRunAuth(runDir);
    const controller = client(loadProtos().Controller, info.address, auth);
    let first: EmulationStatus;
    try {
      first = await unary<unknown, EmulationStatus>(controller, "GetStatus", {}, 10_000);
    } catch (e) {
      controller.close();
      throw new InputError(
        `the launch in this run dir does not answer (${e instanceof Error ? e.message.split("\n")[0] : String(e)}); is it still running?`,
        { file: runDir, value: info.address },
      );
    }
    const names = [...c.satellites.map((s) => s.name), ...c.groundStations.map((g) => g.name)];
    const mismatch =
      first.satellites !== c.satellites.length ||
      first.stations !== c.groundStations.length ||
      first.nodes.some((n) => names[n.node] !== n.name);
    if (mismatch) {
      controller.close();
      throw new InputError(
        `this is not the constellation the run uses (the run has ${first.satellites} satellites and ${first.stations} stations named differently)`,
        { file: c.sourceFile, value: first.name },
      );
    }
    const src = new LiveSource(await ModelGeometry.create(c), runDir, info, controller, first, auth);
    src.watch();
    return src;
  }

  private watch(): void {
    const c = this.controller as unknown as Record<
      string,
      (req: unknown) => grpc.ClientReadableStream<unknown>
    >;
    const clock = c["WatchClock"]!.call(this.controller, {});
    clock.on("data", (s: ClockSync) => {
      this.sync = s;
    });
    const metrics = c["WatchMetrics"]!.call(this.controller, {});
    metrics.on("data", (m: Metrics) => {
      this.metrics = m;
    });
    const topology = c["WatchTopology"]!.call(this.controller, {
      minIntervalWallMs: TOPOLOGY_MIN_INTERVAL_WALL_MS,
    });
    topology.on("data", (m: RunTopology) => this.applyTopology(m));
    // A controller from before WatchTopology answers UNIMPLEMENTED: the model's links stay (masked by up).
    for (const s of [clock, metrics, topology]) {
      // Cancelling on close, or the run ending, ends the stream: nothing to report.
      s.on("error", () => {});
      this.streams.push(s);
    }
    const tick = () => {
      unary<unknown, EmulationStatus>(this.controller, "GetStatus", {}, 5_000).then(
        (st) => {
          if (this.closed) return;
          this.applyStatus(st);
          this.poll = setTimeout(tick, STATUS_POLL_WALL_MS);
        },
        () => {
          // The run ended or stalls: keep the last state on screen, try again.
          if (!this.closed) this.poll = setTimeout(tick, STATUS_POLL_WALL_MS);
        },
      );
    };
    this.poll = setTimeout(tick, STATUS_POLL_WALL_MS);
  }

  private applyStatus(st: EmulationStatus): void {
    this.lastStatus = st;
    for (const n of st.nodes) this.up[n.node] = n.up ? 1 : 0;
  }

  private applyTopology(m: RunTopology): void {
    const count = m.a.length;
    const kind = new Uint8Array(count);
    for (let i = 0; i < count; i++) kind[i] = m.kind[i] === "LINK_KIND_ISL" ? LINK_ISL : LINK_GROUND;
    const up = Uint8Array.from(m.up);
    this.runTopology = {
      tUnixMs: m.tUnixMs,
      steps: m.steps,
      count,
      a: Uint32Array.from(m.a),
      b: Uint32Array.from(m.b),
      kind,
      up,
    };
    // The step's up set is as fresh as the status poll's, or fresher.
    if (up.length === this.up.length) this.up.set(up);
  }

  /** The run's latest links, binary (protocol.ts RUN_LINKS); null before the first step's arrived. */
  runLinks(): Uint8Array | null {
    const r = this.runTopology;
    if (!r) return null;
    const L = r.count;
    const buf = new ArrayBuffer(RUN_LINKS_HEADER_BYTES + 9 * L + r.up.length);
    const dv = new DataView(buf);
    dv.setFloat64(0, r.tUnixMs, true);
    dv.setFloat64(8, r.steps, true);
    dv.setUint32(16, r.up.length, true);
    dv.setUint32(20, L, true);
    const ends = new Uint32Array(buf, RUN_LINKS_HEADER_BYTES, 2 * L);
    for (let i = 0; i < L; i++) {
      ends[2 * i] = r.a[i]!;
      ends[2 * i + 1] = r.b[i]!;
    }
    new Uint8Array(buf, RUN_LINKS_HEADER_BYTES + 8 * L, L).set(r.kind);
    new Uint8Array(buf, RUN_LINKS_HEADER_BYTES + 9 * L, r.up.length).set(r.up);
    return new Uint8Array(buf);
  }

  private syncNow(wallMs: number): number {
    const s = this.sync;
    return s.virtualEpochUnixMs + (wallMs - s.wallEpochMonoMs) * s.speed;
  }

  /** The run's clock as its controller reports it (GetStatus clock_mode). */
  private get onVirtualClock(): boolean {
    return this.lastStatus.clockMode === "CLOCK_MODE_VIRTUAL";
  }

  meta(): ViewMeta {
    return {
      mode: "live",
      name: this.lastStatus.name,
      satellites: this.geo.satelliteMeta(),
      stations: this.geo.stationMeta(),
      originMs: this.info.virtualStartMs,
      sampleStepMs: SAMPLE_STEP_MS,
      fromMs: this.info.virtualStartMs,
      toMs: Number.NaN,
    };
  }

  sample(tUnixMs: number): Uint8Array {
    // Positions at tUnixMs from the model; links as the run has them now (its latest step).
    return this.geo.sample(tUnixMs, this.up, this.runTopology ?? undefined);
  }

  clock(): ClockInfo {
    // The virtual clock does not follow the wall: show the controller's latest now.
    const virtual = this.onVirtualClock;
    const t = virtual ? this.lastStatus.tUnixMs : this.syncNow(wallNowMs());
    // The lag is the controller's own measure (GetStatus lag): how late its realtime steps went
    // out after their instants. The virtual clock is never late (it waits for the slowest host).
    const lag = virtual ? null : this.lastStatus.lag;
    return {
      mode: "live",
      kind: virtual ? "virtual" : "realtime",
      tUnixMs: t,
      speed: this.sync.speed,
      lagMs: lag?.p50WallMs ?? 0,
      lagMaxMs: lag?.maxWallMs ?? 0,
      stepsLate: lag?.stepsLate ?? 0,
      isolation: isolationOf(this.lastStatus.isolation),
    };
  }

  status(): LiveStatus {
    const st = this.lastStatus;
    return {
      name: st.name,
      nodesUp: st.nodesUp,
      nodes: st.nodes.length,
      down: st.nodes.filter((n) => !n.up).map((n) => n.node),
      totals: {
        created: st.totals.created,
        delivered: st.totals.delivered,
        dropped: st.totals.dropped,
        queued: st.totals.queued,
      },
      steps: st.steps,
      links: this.metrics?.links ?? Number.NaN,
      stepComputeMs: this.metrics?.stepComputeWallMs ?? Number.NaN,
    };
  }

  bundles(a: number, b: number): BundlesInfo {
    const pair = a < b ? `${a}-${b}` : `${b}-${a}`;
    if (pair !== this.bundlePair && !this.closed) this.watchBundles(pair, a, b);
    return {
      emulated: true,
      watching: this.bundleWatching,
      bundles: [...this.pairBundles.values()],
      missedEvents: this.missedEvents,
    };
  }

  /** Follow the run's bundles between a and b (either way) instead of the pair followed before. */
  private watchBundles(pair: string, a: number, b: number): void {
    this.bundleStream?.cancel();
    this.bundlePair = pair;
    this.pairBundles.clear();
    this.missedEvents = 0;
    this.bundleWatching = false;
    const c = this.controller as unknown as Record<
      string,
      (req: unknown) => grpc.ClientReadableStream<unknown>
    >;
    const stream = c["WatchBundles"]!.call(this.controller, { sources: [a, b], destinations: [a, b] });
    stream.on("data", (m: { events: BundleEvent[]; missedEvents: number }) => {
      if (stream !== this.bundleStream) return;
      this.bundleWatching = true;
      this.missedEvents = m.missedEvents;
      for (const ev of m.events) this.applyBundleEvent(ev);
    });
    // Cancelled (another pair, close) or the run ended: nothing to report.
    stream.on("error", () => {});
    this.bundleStream = stream;
  }

  private applyBundleEvent(ev: BundleEvent): void {
    // A bundle from a node to itself never takes the pair's route.
    if (ev.source === ev.destination) return;
    let b = this.pairBundles.get(ev.id);
    if (!b) {
      b = {
        id: ev.id,
        source: ev.source,
        destination: ev.destination,
        createdUnixMs: ev.createdUnixMs,
        endUnixMs: null,
        outcome: "in-flight",
        reason: "",
      };
      this.pairBundles.set(ev.id, b);
      // Oldest first (Map order): keep the most recent BUNDLES_KEPT.
      if (this.pairBundles.size > BUNDLES_KEPT) {
        const oldest = this.pairBundles.keys().next().value;
        if (oldest !== undefined) this.pairBundles.delete(oldest);
      }
    }
    if (ev.type === "TYPE_DELIVERED") {
      b.outcome = "delivered";
      b.endUnixMs = ev.tUnixMs;
    } else if (ev.type === "TYPE_DROPPED") {
      b.outcome = "dropped";
      b.endUnixMs = ev.tUnixMs;
      b.reason = ev.reason;
    }
  }

  async node(id: number, tUnixMs: number): Promise<NodeInfo> {
    const info = modelNodeInfo(this.geo, id, tUnixMs, false);
    const n = this.lastStatus.nodes[id];
    info.up = n?.up === true;
    if (n?.up && n.address) {
      let c = this.nodeClients.get(n.address);
      if (!c) {
        c = client(loadProtos().Node, n.address, this.auth);
        this.nodeClients.set(n.address, c);
      }
      try {
        const ns = await unary<unknown, NodeStatus>(c, "GetStatus", {}, 3_000);
        const k = ns.counters;
        info.counters = {
          queued: k.queued,
          held: k.held,
          inFlight: k.inFlight,
          forwarded: k.forwarded,
          received: k.received,
          delivered: k.delivered,
          dropped: k.dropped,
          links: ns.links,
        };
      } catch {
        // The node went down between the status poll and this call: up/down says so next poll.
      }
    }
    if (n?.up) {
      try {
        const st = await unary<unknown, EmulationStatus>(
          this.controller,
          "GetStatus",
          { nodeStates: true, nodes: [id] },
          5_000,
        );
        const s = st.nodeStates?.find((x) => x.node === id);
        if (s)
          info.state = {
            tUnixMs: s.tUnixMs,
            queueBytes: s.queueBytes,
            heldBytes: s.heldBytes,
            appValues: s.appValues.map((v) => ({
              app: v.app,
              name: v.name,
              kind: v.kind === "counter" ? "counter" : "gauge",
              value: v.value,
            })),
          };
      } catch {
        // A controller from before node states, or the node's host is busy: the panel shows none.
      }
    }
    try {
      const plan = await unary<unknown, ContactPlan>(
        this.controller,
        "GetContactPlan",
        { node: id, horizonMs: LIVE_CONTACT_HORIZON_MS, resolutionMs: LIVE_CONTACT_RESOLUTION_MS },
        20_000,
      );
      info.contacts = plan.passes.slice(0, 12).map((p) => ({
        peer: p.peerName,
        startUnixMs: p.startUnixMs,
        endUnixMs: p.endUnixMs,
        maxElevationDeg: null,
      }));
      info.contactSource = `the controller's contact plan (GetContactPlan), next ${LIVE_CONTACT_HORIZON_MS / 60_000} min at ${LIVE_CONTACT_RESOLUTION_MS / 1000} s`;
    } catch (e) {
      info.contactSource = `GetContactPlan failed: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`;
    }
    return info;
  }

  async route(from: number, to: number, _tUnixMs: number): Promise<RouteInfo> {
    const r = await unary<unknown, ModelRouteReply>(this.controller, "ModelRoute", {
      from,
      to,
      via: "VIA_SPACE",
    });
    // ModelRoute answers on the controller's current snapshot.
    const t = this.clock().tUnixMs;
    return {
      ok: r.ok,
      reason: modelRouteText(r),
      path: r.path,
      hopDelayMs: r.hopDelayMs,
      oneWayMs: r.oneWayMs,
      tUnixMs: t,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.poll) clearTimeout(this.poll);
    for (const s of this.streams) s.cancel();
    this.bundleStream?.cancel();
    for (const c of this.nodeClients.values()) c.close();
    this.controller.close();
    this.geo[Symbol.dispose]();
  }
}
