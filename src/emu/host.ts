/**
 * A host process's view: it serves one or more nodes, each its own gRPC server on its own
 * 127.0.0.1 port (one per process in `process` isolation, many in `pooled`, all inside the
 * controller's process in `inproc`). Each node registers with the controller and lives on the
 * update stream it gets back: when that stream ends without us asking, the controller is gone and
 * `onControllerLost` fires (a child host process then exits: no orphans).
 */
import * as grpc from "@grpc/grpc-js";
import type { Logger } from "pino";
import { AppsHost } from "./apps/node-apps.js";
import type { AppsPlan } from "./apps/plan.js";
import { grpcAppServices } from "./apps/services.js";
import { type ClockMode, VirtualClock, wallNowMs } from "./clock.js";
import { EventKind, EventScheduler } from "./event-scheduler.js";
import { client, service, startServer, stopServer, unary } from "./grpc-util.js";
import { type InProcessController, modelRouteInProcess } from "./in-process.js";
import { NodeRuntime, type PeerTransport } from "./node.js";
import { hostControllerClient } from "./node-update-decode.js";
import { HOST_SERVICE, loadProtos, NODE_SERVICE } from "./proto-loader.js";
import { HOST_ID_HEADER, HOST_KEY_HEADER, type RunAuth } from "./run-auth.js";
import { runOfUnix, unixFloorOfRun } from "./run-time.js";
import { DEFAULT_EMU_SETTINGS } from "./settings.js";
import { GrpcTransport } from "./transport.js";
import type {
  AdvanceReply,
  AdvanceRequest,
  BundleEvent,
  ContactPlan,
  HopAck,
  HopFrame,
  NodeState,
  NodeUpdate,
  PingReply,
  WireBundle,
} from "./wire.js";
import { checkInject, checkInjectBatch, checkPing, checkWireBundle, grpcErrorOf } from "./wire-limits.js";

export interface HostOptions {
  hostId: string;
  controllerAddress: string;
  log: Logger;
  /** Which clock the emulation runs on (default realtime). */
  clock?: ClockMode;
  eventFlushWallMs?: number;
  timerSpinWallMs?: number;
  onControllerLost?: () => void;
  /** Onboard apps to run on the nodes this host serves (src/emu/apps/). */
  apps?: AppsPlan;
  /** This host is in the controller's process: rounds and route queries skip the network (in-process.ts). */
  inProcess?: InProcessController;
  /** The run's credentials: its servers demand the secret, its clients present it. */
  auth: RunAuth;
  /** This host's own key (run-auth.ts): registration proves the controller started this host. */
  hostKey: string;
}

/**
 * Hops under the virtual clock: to a node of this host straight into the scheduler, to another
 * host's node over the Hops stream. It remembers, until the end of the round, the earliest arrival
 * it handed over and the acknowledgements still due: the host reports the round done only when
 * every hop is in its receiver's scheduler, and its next-event instant covers the hops it sent.
 */
class VirtualHops implements PeerTransport {
  /** Run-relative (src/emu/run-time.ts), as the bundles' arrival instants. */
  minArrivalRunMs = Number.POSITIVE_INFINITY;
  outstanding: Promise<void>[] = [];

  constructor(
    private readonly grpc: GrpcTransport,
    private readonly local: (address: string) => NodeRuntime | undefined,
    private readonly arrive: (rt: NodeRuntime, b: WireBundle) => void,
  ) {}

  send(address: string, bundle: WireBundle): Promise<void> {
    if (bundle.arrivalRunMs < this.minArrivalRunMs) this.minArrivalRunMs = bundle.arrivalRunMs;
    const rt = this.local(address);
    if (rt) {
      // A copy, as the wire would make: the sender's object must not alias the receiver's.
      this.arrive(rt, { ...bundle, hops: [...bundle.hops], metadata: { ...bundle.metadata } });
      return Promise.resolve();
    }
    const p = this.grpc.send(address, bundle);
    this.outstanding.push(p);
    return p;
  }

  /** The round's acknowledgements (settled after the senders' own handlers) and earliest arrival. */
  takeRound(): { acks: Promise<unknown>; minArrivalRunMs: number } {
    const acks = Promise.allSettled(this.outstanding);
    const minArrivalRunMs = this.minArrivalRunMs;
    this.outstanding = [];
    this.minArrivalRunMs = Number.POSITIVE_INFINITY;
    return { acks, minArrivalRunMs };
  }
}

interface Hosted {
  runtime: NodeRuntime;
  server: grpc.Server;
  address: string;
  call: grpc.ClientReadableStream<NodeUpdate> | null;
  stopping: boolean;
  defaults: { ttlMs: number; maxPayloadBytes: number; pingSizeBytes: number };
}

export class Host {
  readonly clock: VirtualClock;
  /** The virtual clock's scheduler for this host's nodes (null under the realtime clock). */
  readonly scheduler: EventScheduler | null;
  readonly nodes = new Map<number, Hosted>();
  readonly transport: GrpcTransport;
  private readonly byAddress = new Map<string, NodeRuntime>();
  private readonly hops: PeerTransport;
  private readonly virtualHops: VirtualHops | null = null;
  private wantRoutes = new Set<number>();
  /** Nodes a bundle may be waiting at on the topology (NodeEnv.waitingOnTopology; pruned each round). */
  private readonly mayWait = new Set<NodeRuntime>();
  private stepMs = 0;
  private stepStartMs = Number.NEGATIVE_INFINITY;
  private readonly pings = new Map<string, Promise<PingReply>>();
  private pingSeq = 0;
  private readonly controller: grpc.Client;
  private events: BundleEvent[] = [];
  private eventStream: grpc.ClientWritableStream<{ events: BundleEvent[] }> | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private hostServer: grpc.Server | null = null;
  address = "";
  private closed = false;
  private readonly apps: AppsHost | null;

  constructor(private readonly opts: HostOptions) {
    this.transport = new GrpcTransport(opts.auth);
    // Every call to the controller says which host makes it, and proves it with the host's key.
    // Its nodes' update streams are decoded in one pass (node-update-decode.ts: the realtime step's
    // largest allocation in a host).
    this.controller = client(hostControllerClient(), opts.controllerAddress, opts.auth, {
      [HOST_ID_HEADER]: opts.hostId,
      [HOST_KEY_HEADER]: opts.hostKey,
    });
    const services = opts.apps
      ? grpcAppServices(this.controller, opts.log, () => {
          const first = this.nodes.values().next().value;
          // Before any node's first update: the emulator's defaults (settings.ts), the one place.
          return (
            first?.defaults ?? {
              ttlMs: DEFAULT_EMU_SETTINGS.defaultTtlMs,
              maxPayloadBytes: DEFAULT_EMU_SETTINGS.maxPayloadBytes,
              pingSizeBytes: DEFAULT_EMU_SETTINGS.pingSizeBytes,
            }
          );
        })
      : null;
    if (services && opts.inProcess) services.modelRoute = modelRouteInProcess(opts.inProcess);
    this.apps = opts.apps && services ? new AppsHost(opts.apps, services) : null;
    // Placeholder mapping until the controller's first update brings the real one.
    this.clock = new VirtualClock(
      { virtualEpochUnixMs: 0, wallEpochMonoMs: wallNowMs(), speed: 1 },
      { spinWindowMs: opts.timerSpinWallMs },
    );
    if (opts.clock === "virtual") {
      this.scheduler = new EventScheduler(Number.NEGATIVE_INFINITY);
      this.virtualHops = new VirtualHops(
        this.transport,
        (a) => this.byAddress.get(a),
        (rt, b) => this.arrive(rt, b),
      );
      this.hops = this.virtualHops;
    } else {
      this.scheduler = null;
      this.hops = this.transport;
    }
  }

  get virtual(): boolean {
    return this.scheduler !== null;
  }

  /** Virtual clock: a hop is an event at its arrival instant, keyed by sender, bundle and hop count. */
  private arrive(rt: NodeRuntime, b: WireBundle): void {
    const from = b.hops[b.hops.length - 1]?.from ?? -1;
    this.scheduler!.scheduleRun(
      b.arrivalRunMs,
      rt.id,
      EventKind.Hop,
      from,
      `${b.id}#${b.hops.length}`,
      () => {
        if (this.nodes.get(rt.id)?.runtime !== rt) return; // stopped meanwhile
        try {
          rt.receive(b);
        } catch {
          // a stopped node refuses; its drop was counted when it stopped
        }
      },
    );
  }

  /**
   * One round of the conservative synchronization (src/emu/sync.ts): apply the step's tables at its
   * instant, run every event before untilMs, wait until every hop sent is acknowledged (it is then
   * in its receiver's scheduler), report the next instant this host needs.
   */
  private async advance(r: AdvanceRequest): Promise<AdvanceReply> {
    const sched = this.scheduler!;
    sched.advanceTo(r.stepStartUnixMs);
    this.stepStartMs = r.stepStartUnixMs;
    for (const u of r.updates) if (u.update) this.nodes.get(u.node)?.runtime.applyUpdate(u.update);
    // Cut: a node asked for routes toward a new destination; the controller computes them at this
    // instant and sends them with the next round, so the bundle leaves when the model says.
    const cut = await sched.runUntil(r.untilUnixMs);
    const round = this.virtualHops!.takeRound();
    await round.acks;
    // Run-relative, then Unix ms rounded down (run-time.ts): the window granted from it covers it.
    let nextRun = Math.min(
      sched.nextRunMs(),
      round.minArrivalRunMs,
      cut ? sched.nowRunMs() : Number.POSITIVE_INFINITY,
    );
    if (this.stepMs > 0 && Number.isFinite(this.stepStartMs) && this.needsNextStep())
      nextRun = Math.min(nextRun, runOfUnix(sched.runEpochUnixMs, this.stepStartMs + this.stepMs));
    const next = unixFloorOfRun(sched.runEpochUnixMs, nextRun);
    const events = this.events;
    this.events = [];
    const wantRoutes = [...this.wantRoutes];
    this.wantRoutes.clear();
    return { nextEventUnixMs: next, events, wantRoutes };
  }

  /**
   * Some node here waits on the topology (held bundles, or bundles in a link's FIFO), or an app here
   * watches its links: the host then asks for the next step. Only the nodes that said a bundle started
   * waiting are examined (and forgotten once they no longer wait): checking all of them every round was
   * a fifth of a shell1 host's CPU (docs/step-cpu.md).
   */
  private needsNextStep(): boolean {
    let waits = false;
    for (const rt of this.mayWait) {
      if (this.nodes.get(rt.id)?.runtime === rt && rt.waitsOnTopology) waits = true;
      else this.mayWait.delete(rt);
    }
    if (waits || !this.apps) return waits;
    for (const h of this.nodes.values()) if (this.apps.watchesLinks(h.runtime.id)) return true;
    return false;
  }

  get log(): Logger {
    return this.opts.log;
  }

  /** Every bundle held here (flushing the events first, so what ended is already reported). */
  census(): string[] {
    if (!this.virtual) this.flush();
    const ids: string[] = [];
    for (const h of this.nodes.values()) h.runtime.bundleIds(ids);
    if (this.scheduler) {
      // Hops handed over to this host's nodes, waiting for their arrival instant.
      const keys: string[] = [];
      this.scheduler.pendingKeys(EventKind.Hop, keys);
      for (const k of keys) ids.push(k.slice(0, k.lastIndexOf("#")));
    }
    return ids;
  }

  /** Start the Host control service and announce it to the controller. */
  async start(): Promise<void> {
    await this.apps?.start(this.opts.hostId, this.opts.auth, this.opts.hostKey);
    const impl: grpc.UntypedServiceImplementation = {
      StartNode: (call: grpc.ServerUnaryCall<{ node: number }, unknown>, cb: grpc.sendUnaryData<unknown>) => {
        this.startNode(call.request.node).then(
          () => cb(null, {}),
          (e: unknown) => cb({ code: grpc.status.INTERNAL, details: String(e) }),
        );
      },
      StopNode: (call: grpc.ServerUnaryCall<{ node: number }, unknown>, cb: grpc.sendUnaryData<unknown>) => {
        this.stopNode(call.request.node).then(
          () => cb(null, {}),
          (e: unknown) => cb({ code: grpc.status.INTERNAL, details: String(e) }),
        );
      },
      Census: (_call: grpc.ServerUnaryCall<unknown, unknown>, cb: grpc.sendUnaryData<unknown>) => {
        cb(null, { ids: this.census() });
      },
      Advance: (call: grpc.ServerUnaryCall<AdvanceRequest, unknown>, cb: grpc.sendUnaryData<unknown>) => {
        if (!this.scheduler) {
          cb({ code: grpc.status.FAILED_PRECONDITION, details: "this host runs the realtime clock" });
          return;
        }
        this.advance(call.request).then(
          (r) => cb(null, r),
          (e: unknown) => cb({ code: grpc.status.INTERNAL, details: String(e) }),
        );
      },
      Rounds: (call: grpc.ServerDuplexStream<AdvanceRequest, AdvanceReply>) => this.serveRounds(call),
    };
    impl["GetNodeStates"] = (
      call: grpc.ServerUnaryCall<{ nodes: number[] }, unknown>,
      cb: grpc.sendUnaryData<unknown>,
    ) => cb(null, { states: this.nodeStates(call.request.nodes) });
    const s = await startServer(
      [{ name: HOST_SERVICE, def: service(loadProtos().Host), impl }],
      this.opts.auth,
      this.opts.log,
    );
    this.hostServer = s.server;
    this.address = s.address;
    await unary(this.controller, "RegisterHost", {
      hostId: this.opts.hostId,
      address: this.address,
      pid: process.pid,
    });
    if (this.virtual) this.opts.inProcess?.attachHost(this.opts.hostId, (r) => this.advance(r));
    // Virtual clock: events go back with each round's reply instead, in order.
    if (!this.virtual)
      this.flushTimer = setInterval(
        () => this.flush(),
        this.opts.eventFlushWallMs ?? DEFAULT_EMU_SETTINGS.eventFlushWallMs,
      );
  }

  /**
   * Host.Rounds: the controller's rounds on one stream, run one after the other in arrival order (the
   * controller waits for each reply before it sends the next request). A failed round ends the stream
   * with its status, as the unary Advance answers it; the controller then opens a new one.
   */
  private serveRounds(call: grpc.ServerDuplexStream<AdvanceRequest, AdvanceReply>): void {
    if (!this.scheduler) {
      call.emit("error", {
        code: grpc.status.FAILED_PRECONDITION,
        details: "this host runs the realtime clock",
      });
      return;
    }
    let last: Promise<void> = Promise.resolve();
    let failed = false;
    call.on("data", (req: AdvanceRequest) => {
      last = last.then(async () => {
        if (failed) return;
        try {
          call.write(await this.advance(req));
        } catch (e) {
          failed = true;
          call.emit("error", { code: grpc.status.INTERNAL, details: String(e) });
        }
      });
    });
    call.on("end", () => {
      void last.then(() => {
        if (!failed) call.end();
      });
    });
    // The controller went away mid-stream (cancelled, or its process ended): nothing to answer.
    call.on("error", () => {});
  }

  /** The states of the asked nodes this host serves (all of its nodes when `ids` is empty). */
  nodeStates(ids: readonly number[]): NodeState[] {
    const out: NodeState[] = [];
    for (const id of ids.length > 0 ? ids : this.nodes.keys()) {
      const h = this.nodes.get(id);
      if (h && !h.stopping) out.push(h.runtime.state());
    }
    return out;
  }

  async startNode(id: number): Promise<string> {
    if (this.closed) throw new Error("host closed");
    const existing = this.nodes.get(id);
    if (existing && !existing.stopping) return existing.address;
    const runtime = new NodeRuntime(id, {
      clock: this.scheduler ? this.scheduler.forNode(id) : this.clock,
      transport: this.hops,
      emit: (ev) => {
        this.events.push(ev);
        if (!this.virtual && this.events.length >= 512) this.flush();
      },
      wantRoutes: (destinations) => {
        if (this.virtual) {
          for (const d of destinations) this.wantRoutes.add(d);
          this.scheduler?.cutHere();
        } else unary(this.controller, "WantRoutes", { destinations }).catch(() => {});
      },
      // Only the virtual clock's rounds ask (and prune); the realtime clock has no use for it.
      waitingOnTopology: this.virtual ? () => this.mayWait.add(runtime) : undefined,
      log: this.opts.log,
    });
    const hosted: Hosted = {
      runtime,
      server: null as unknown as grpc.Server,
      address: "",
      call: null,
      stopping: false,
      defaults: {
        ttlMs: DEFAULT_EMU_SETTINGS.defaultTtlMs,
        maxPayloadBytes: DEFAULT_EMU_SETTINGS.maxPayloadBytes,
        pingSizeBytes: DEFAULT_EMU_SETTINGS.pingSizeBytes,
      },
    };
    const s = await startServer(
      [{ name: NODE_SERVICE, def: service(loadProtos().Node), impl: this.nodeService(hosted) }],
      this.opts.auth,
      this.opts.log,
    );
    hosted.server = s.server;
    hosted.address = s.address;
    this.nodes.set(id, hosted);
    this.byAddress.set(s.address, runtime);
    await new Promise<void>((resolve, reject) => {
      const call = (
        this.controller as unknown as { Register(req: unknown): grpc.ClientReadableStream<NodeUpdate> }
      ).Register({
        node: id,
        address: s.address,
        hostId: this.opts.hostId,
        pid: process.pid,
      });
      hosted.call = call;
      let first = true;
      call.on("data", (u: NodeUpdate) => {
        const c = u.config;
        if (c) {
          hosted.defaults = {
            ttlMs: c.defaultTtlMs,
            maxPayloadBytes: c.maxPayloadBytes,
            pingSizeBytes: c.pingSizeBytes,
          };
          if (c.stepMs > 0) this.stepMs = c.stepMs;
          // The step grid's origin is the run's epoch (scenario time 0): run-relative instants count
          // from it (run-time.ts), on the wire between hosts too.
          this.clock.runEpochUnixMs = c.stepOriginUnixMs;
          this.scheduler?.setEpoch(c.stepOriginUnixMs);
          this.scheduler?.advanceTo(c.stepOriginUnixMs);
        }
        runtime.applyUpdate(u);
        if (first) {
          first = false;
          resolve();
        }
      });
      const ended = (why: string) => {
        if (first) reject(new Error(`registration of node ${id} failed: ${why}`));
        if (hosted.stopping || this.closed) return;
        this.opts.log.warn({ node: id, why }, "controller stream ended: controller gone");
        this.opts.onControllerLost?.();
      };
      call.on("error", (e: grpc.ServiceError) => ended(e.details || e.message));
      call.on("end", () => ended("end"));
    });
    this.apps?.attach(runtime);
    this.opts.log.debug({ node: id, address: s.address }, "node up");
    return s.address;
  }

  /** Stop one node (fault injection, or shutdown): its server closes and its stream is cancelled. */
  async stopNode(id: number): Promise<void> {
    const h = this.nodes.get(id);
    if (!h || h.stopping) return;
    h.stopping = true;
    this.apps?.detach(id);
    h.runtime.stop();
    h.call?.cancel();
    h.server.forceShutdown();
    this.nodes.delete(id);
    this.byAddress.delete(h.address);
    if (!this.virtual) this.flush();
  }

  private nodeService(h: Hosted): grpc.UntypedServiceImplementation {
    const rt = h.runtime;
    // Out-of-bounds input (wire-limits.ts) is INVALID_ARGUMENT; anything else, the node is unavailable.
    const fail = (cb: grpc.sendUnaryData<unknown>, e: unknown) => cb(grpcErrorOf(e, grpc.status.UNAVAILABLE));
    return {
      Deliver: (call: grpc.ServerUnaryCall<WireBundle, unknown>, cb: grpc.sendUnaryData<unknown>) => {
        try {
          checkWireBundle(call.request);
          if (this.virtual) this.arrive(rt, call.request);
          else rt.receive(call.request);
          cb(null, { accepted: true });
        } catch (e) {
          fail(cb, e);
        }
      },
      Hops: (call: grpc.ServerDuplexStream<HopFrame, HopAck>) => {
        call.on("data", (f: HopFrame) => {
          try {
            if (h.stopping) {
              call.write({ seq: f.seq, accepted: false, refusal: "HOP_REFUSAL_NODE_STOPPED", detail: "" });
              return;
            }
            for (const b of f.bundles) checkWireBundle(b);
            if (this.virtual) for (const b of f.bundles) this.arrive(rt, b);
            else for (const b of f.bundles) rt.receive(b);
            call.write({ seq: f.seq, accepted: true, refusal: "HOP_REFUSAL_UNSPECIFIED", detail: "" });
          } catch (e) {
            const detail = e instanceof Error ? e.message : String(e);
            call.write({ seq: f.seq, accepted: false, refusal: "HOP_REFUSAL_INVALID_BUNDLE", detail });
          }
        });
        call.on("end", () => call.end());
        call.on("error", () => {
          // The sender went away; its unacknowledged hops fail on its side.
        });
      },
      DeliverBatch: (
        call: grpc.ServerUnaryCall<{ bundles: WireBundle[] }, unknown>,
        cb: grpc.sendUnaryData<unknown>,
      ) => {
        try {
          for (const b of call.request.bundles) checkWireBundle(b);
          for (const b of call.request.bundles) this.virtual ? this.arrive(rt, b) : rt.receive(b);
          cb(null, { accepted: true });
        } catch (e) {
          fail(cb, e);
        }
      },
      InjectMany: (
        call: grpc.ServerUnaryCall<{ requests: Parameters<NodeRuntime["inject"]>[0][] }, unknown>,
        cb: grpc.sendUnaryData<unknown>,
      ) => {
        try {
          checkInjectBatch(call.request.requests);
          cb(null, { ids: call.request.requests.map((r) => rt.inject(r, h.defaults)) });
        } catch (e) {
          fail(cb, e);
        }
      },
      Inject: (
        call: grpc.ServerUnaryCall<Parameters<NodeRuntime["inject"]>[0], unknown>,
        cb: grpc.sendUnaryData<unknown>,
      ) => {
        try {
          checkInject(call.request);
          cb(null, { id: rt.inject(call.request, h.defaults) });
        } catch (e) {
          fail(cb, e);
        }
      },
      Ping: (
        call: grpc.ServerUnaryCall<Parameters<NodeRuntime["ping"]>[0], unknown>,
        cb: grpc.sendUnaryData<unknown>,
      ) => {
        try {
          checkPing(call.request);
        } catch (e) {
          fail(cb, e);
          return;
        }
        rt.ping(call.request, h.defaults).then(
          (r) => cb(null, r),
          (e: unknown) => fail(cb, e),
        );
      },
      StartPing: (
        call: grpc.ServerUnaryCall<Parameters<NodeRuntime["ping"]>[0], unknown>,
        cb: grpc.sendUnaryData<unknown>,
      ) => {
        try {
          checkPing(call.request);
          const token = `${rt.id}:${++this.pingSeq}`;
          this.pings.set(token, rt.ping(call.request, h.defaults));
          cb(null, { token });
        } catch (e) {
          fail(cb, e);
        }
      },
      AwaitPing: (
        call: grpc.ServerUnaryCall<{ token: string }, unknown>,
        cb: grpc.sendUnaryData<unknown>,
      ) => {
        const p = this.pings.get(call.request.token);
        if (!p) {
          cb({ code: grpc.status.NOT_FOUND, details: `no ping ${call.request.token}` });
          return;
        }
        p.then(
          (r) => {
            this.pings.delete(call.request.token);
            cb(null, r);
          },
          (e: unknown) => fail(cb, e),
        );
      },
      GetStatus: (_call: unknown, cb: grpc.sendUnaryData<unknown>) => cb(null, rt.status()),
      WatchLinks: (call: grpc.ServerWritableStream<unknown, unknown>) => {
        const w = (u: unknown) => call.write(u);
        call.write(rt.fullTable());
        rt.linkWatchers.add(w);
        call.on("cancelled", () => rt.linkWatchers.delete(w));
      },
      WatchClock: (call: grpc.ServerWritableStream<unknown, unknown>) => {
        const sub = this.clock.sync$.subscribe((s) => call.write(s));
        call.on("cancelled", () => sub.unsubscribe());
      },
      GetContactPlan: (
        call: grpc.ServerUnaryCall<{ node: number; horizonMs: number; resolutionMs: number }, unknown>,
        cb: grpc.sendUnaryData<unknown>,
      ) => {
        unary<unknown, ContactPlan>(
          this.controller,
          "GetContactPlan",
          { ...call.request, node: rt.id },
          120_000,
        ).then(
          (r) => cb(null, r),
          (e: unknown) => fail(cb, e),
        );
      },
    };
  }

  private flush(): void {
    if (this.events.length === 0) return;
    if (!this.eventStream) {
      const stream = (
        this.controller as unknown as {
          ReportEvents(
            cb: (e: grpc.ServiceError | null) => void,
          ): grpc.ClientWritableStream<{ events: BundleEvent[] }>;
        }
      ).ReportEvents((e) => {
        if (e && !this.closed) this.opts.log.debug({ err: e.message }, "event stream closed");
        if (this.eventStream === stream) this.eventStream = null;
      });
      this.eventStream = stream;
    }
    const batch = this.events;
    this.events = [];
    this.eventStream.write({ events: batch });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.apps?.stopAll();
    if (this.flushTimer) clearInterval(this.flushTimer);
    for (const [id, h] of this.nodes) {
      h.stopping = true;
      h.call?.cancel();
      h.runtime.stop();
      h.server.forceShutdown();
      this.nodes.delete(id);
    }
    this.eventStream?.end();
    this.eventStream = null;
    if (this.hostServer) await stopServer(this.hostServer, 200);
    this.transport.close();
    this.controller.close();
    this.clock.dispose();
    this.scheduler?.clear();
  }
}
