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
import { VirtualClock, wallNowMs } from "./clock.js";
import { client, service, startServer, stopServer, unary } from "./grpc-util.js";
import { NodeRuntime } from "./node.js";
import { HOST_SERVICE, loadProtos, NODE_SERVICE } from "./proto-loader.js";
import { GrpcTransport } from "./transport.js";
import type { BundleEvent, ContactPlan, HopAck, HopFrame, NodeUpdate, WireBundle } from "./wire.js";

export interface HostOptions {
  hostId: string;
  controllerAddress: string;
  log: Logger;
  eventFlushWallMs?: number;
  timerSpinWallMs?: number;
  onControllerLost?: () => void;
  /** Onboard apps to run on the nodes this host serves (src/emu/apps/). */
  apps?: AppsPlan;
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
  readonly nodes = new Map<number, Hosted>();
  readonly transport = new GrpcTransport();
  private readonly controller: grpc.Client;
  private events: BundleEvent[] = [];
  private eventStream: grpc.ClientWritableStream<{ events: BundleEvent[] }> | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private hostServer: grpc.Server | null = null;
  address = "";
  private closed = false;
  private readonly apps: AppsHost | null;

  constructor(private readonly opts: HostOptions) {
    this.controller = client(loadProtos().Controller, opts.controllerAddress);
    this.apps = opts.apps
      ? new AppsHost(
          opts.apps,
          grpcAppServices(this.controller, opts.log, () => {
            const first = this.nodes.values().next().value;
            return first?.defaults ?? { ttlMs: 3_600_000, maxPayloadBytes: 65_536, pingSizeBytes: 64 };
          }),
        )
      : null;
    // Placeholder mapping until the controller's first update brings the real one.
    this.clock = new VirtualClock(
      { virtualEpochMs: 0, wallEpochMs: wallNowMs(), speed: 1 },
      { spinWindowMs: opts.timerSpinWallMs },
    );
  }

  get log(): Logger {
    return this.opts.log;
  }

  /** Start the Host control service and announce it to the controller. */
  async start(): Promise<void> {
    await this.apps?.start(this.opts.hostId);
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
    };
    const s = await startServer([{ name: HOST_SERVICE, def: service(loadProtos().Host), impl }]);
    this.hostServer = s.server;
    this.address = s.address;
    await unary(this.controller, "RegisterHost", {
      hostId: this.opts.hostId,
      address: this.address,
      pid: process.pid,
    });
    this.flushTimer = setInterval(() => this.flush(), this.opts.eventFlushWallMs ?? 20);
  }

  async startNode(id: number): Promise<string> {
    if (this.closed) throw new Error("host closed");
    const existing = this.nodes.get(id);
    if (existing && !existing.stopping) return existing.address;
    const runtime = new NodeRuntime(id, {
      clock: this.clock,
      transport: this.transport,
      emit: (ev) => {
        this.events.push(ev);
        if (this.events.length >= 512) this.flush();
      },
      wantRoutes: (destinations) => {
        unary(this.controller, "WantRoutes", { destinations }).catch(() => {});
      },
      log: this.opts.log,
    });
    const hosted: Hosted = {
      runtime,
      server: null as unknown as grpc.Server,
      address: "",
      call: null,
      stopping: false,
      defaults: { ttlMs: 3_600_000, maxPayloadBytes: 65_536, pingSizeBytes: 64 },
    };
    const s = await startServer([
      { name: NODE_SERVICE, def: service(loadProtos().Node), impl: this.nodeService(hosted) },
    ]);
    hosted.server = s.server;
    hosted.address = s.address;
    this.nodes.set(id, hosted);
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
        if (u.first) {
          hosted.defaults = {
            ttlMs: u.defaultTtlMs,
            maxPayloadBytes: u.maxPayloadBytes,
            pingSizeBytes: u.pingSizeBytes,
          };
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
    this.flush();
  }

  private nodeService(h: Hosted): grpc.UntypedServiceImplementation {
    const rt = h.runtime;
    const fail = (cb: grpc.sendUnaryData<unknown>, e: unknown) =>
      cb({ code: grpc.status.UNAVAILABLE, details: e instanceof Error ? e.message : String(e) });
    return {
      Deliver: (call: grpc.ServerUnaryCall<WireBundle, unknown>, cb: grpc.sendUnaryData<unknown>) => {
        try {
          rt.receive(call.request);
          cb(null, { accepted: true });
        } catch (e) {
          fail(cb, e);
        }
      },
      Hops: (call: grpc.ServerDuplexStream<HopFrame, HopAck>) => {
        call.on("data", (f: HopFrame) => {
          try {
            for (const b of f.bundles) rt.receive(b);
            call.write({ seq: f.seq, accepted: true, reason: "" });
          } catch (e) {
            call.write({ seq: f.seq, accepted: false, reason: e instanceof Error ? e.message : String(e) });
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
          for (const b of call.request.bundles) rt.receive(b);
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
          cb(null, { id: rt.inject(call.request, h.defaults) });
        } catch (e) {
          fail(cb, e);
        }
      },
      Ping: (
        call: grpc.ServerUnaryCall<Parameters<NodeRuntime["ping"]>[0], unknown>,
        cb: grpc.sendUnaryData<unknown>,
      ) => {
        rt.ping(call.request, h.defaults).then(
          (r) => cb(null, r),
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
  }
}
