/**
 * The launcher's gateway for external apps (proto/constellate/v1/apps.proto). Apps attach here with
 * the run's secret (as call metadata, checked by grpc-util.ts's interceptor, and again in their
 * hello, which predates the metadata) and claim nodes; each host process keeps one bridge stream here, and the gateway
 * routes by node: claims, sends and yields to the host serving the node, events and send results
 * back to the app. Model routes are answered here from the controller. Binds 127.0.0.1:0.
 *
 * A bridge stream must also prove its host with that host's key (run-auth.ts), as the controller's
 * host RPCs do: the run secret alone is held by every attached app, and a bridge under a host's id
 * would receive that host's claims and the apps' sends for its nodes.
 */
import * as grpc from "@grpc/grpc-js";
import type { Logger } from "pino";
import { InputError } from "../../util/input-error.js";
import type { Controller } from "../controller.js";
import { startServer, stopServer } from "../grpc-util.js";
import { HOST_ID_HEADER, HOST_KEY_HEADER, type RunAuth, sameSecret } from "../run-auth.js";
import { modelRouteFailure } from "../wire-enums.js";
import {
  APP_BRIDGE_SERVICE,
  APPS_SERVICE,
  type AppDownMsg,
  type AppDownRead,
  type AppUpMsg,
  loadAppsProtos,
} from "./apps-proto.js";
import type { NodeSelector } from "./define.js";
import { type AppsPlan, findNode, resolveSelector } from "./plan.js";

type AppCall = grpc.ServerDuplexStream<AppUpMsg, AppDownMsg>;
type BridgeCall = grpc.ServerDuplexStream<AppDownMsg, AppUpMsg>;

interface Session {
  app: string;
  call: AppCall;
  nodes: number[];
  /** Claimed nodes whose start event has not yet come back from their host. */
  starting: Set<number>;
}

export class AppGateway {
  address = "";
  private server: grpc.Server | null = null;
  private readonly bridges = new Map<string, BridgeCall>();
  /** Each host's key (hosting.ts makes them), by host id: only these may open a bridge. */
  private readonly hostKeys = new Map<string, string>();
  private readonly sessions = new Map<string, Session>();
  private controller: Controller | null = null;
  /** Resolves when an app has attached and its claimed nodes have started (by name). */
  private readonly attachedWaiters = new Map<string, (() => void)[]>();

  constructor(
    private readonly plan: AppsPlan,
    private readonly log: Logger,
    private readonly auth: RunAuth,
  ) {}

  async start(): Promise<string> {
    const p = loadAppsProtos();
    const s = await startServer(
      [
        { name: APPS_SERVICE, def: p.Apps.service, impl: { Attach: (c: AppCall) => this.attach(c) } },
        {
          name: APP_BRIDGE_SERVICE,
          def: p.AppBridge.service,
          impl: { Serve: (c: BridgeCall) => this.serve(c) },
        },
      ],
      this.auth,
      this.log,
    );
    this.server = s.server;
    this.address = s.address;
    return s.address;
  }

  /** A host the launch will start, and its key (called before the host can connect). */
  expectHost(hostId: string, key: string): void {
    this.hostKeys.set(hostId, key);
  }

  /** Once the emulation runs: who hosts which node, and the model for ModelRoute answers. */
  bind(controller: Controller): void {
    this.controller = controller;
  }

  get attached(): string[] {
    return [...this.sessions.keys()];
  }

  private serve(call: BridgeCall): void {
    const md = call.metadata;
    const hostId = String(md.get(HOST_ID_HEADER)[0] ?? "");
    const key = this.hostKeys.get(hostId);
    if (key === undefined || !sameSecret(md.get(HOST_KEY_HEADER)[0], key)) {
      this.log.warn(
        { method: "AppBridge.Serve", peer: call.getPeer(), hostId: hostId.slice(0, 64) },
        "bridge without a host's key refused",
      );
      call.emit("error", {
        code: grpc.status.UNAUTHENTICATED,
        details: "only the run's own hosts may bridge apps",
      });
      return;
    }
    this.bridges.set(hostId, call);
    call.on("data", (m: AppDownRead) => {
      const s = this.sessions.get(m.app);
      if (!s) return;
      s.call.write(m);
      if (m.event?.start && s.starting.delete(m.event.node) && s.starting.size === 0) this.ready(s);
    });
    const gone = () => {
      if (this.bridges.get(hostId) === call) this.bridges.delete(hostId);
    };
    call.on("end", () => {
      gone();
      call.end();
    });
    call.on("error", gone);
    call.on("cancelled", gone);
  }

  private bridgeOf(node: number): BridgeCall | undefined {
    const hostId = this.controller?.nodes[node]?.hostId;
    return hostId ? this.bridges.get(hostId) : undefined;
  }

  private attach(call: AppCall): void {
    let session: Session | null = null;
    const refuse = (error: string) => {
      call.write({ app: "", welcome: { nodes: [], tUnixMs: 0, optionsJson: "", error } });
      call.end();
    };
    call.on("data", (m: AppUpMsg) => {
      if (!session) {
        if (!m.hello) return refuse("the first message must be hello");
        if (!this.auth.matches(m.hello.token)) return refuse("bad token");
        const spec = this.plan.apps.find((a) => a.command && a.name === m.hello!.app);
        if (!spec) return refuse(`no external app named "${m.hello.app}" in this run`);
        if (this.sessions.has(spec.name)) return refuse(`app ${spec.name} is already attached`);
        if (!this.controller) return refuse("the emulation is not running yet");
        let nodes: number[];
        try {
          const sel = m.hello.nodes;
          const one = sel.length === 1 ? sel[0]! : "";
          const selector: NodeSelector = ["satellites", "stations", "all"].includes(one)
            ? (one as NodeSelector)
            : sel.map((x) => (/^\d+$/.test(x) ? Number(x) : x));
          nodes = resolveSelector(selector, this.plan.nodes, { field: "hello.nodes" });
        } catch (e) {
          return refuse(e instanceof InputError ? e.message : String(e));
        }
        session = { app: spec.name, call, nodes, starting: new Set() };
        this.sessions.set(spec.name, session);
        call.write({
          app: spec.name,
          welcome: {
            nodes: nodes.map((id) => {
              const n = this.plan.nodes[id]!;
              return { id, name: n.name, kind: n.kind };
            }),
            tUnixMs: this.controller.clock.now(),
            optionsJson: JSON.stringify(spec.options),
            error: "",
          },
        });
        const byHost = new Map<BridgeCall, number[]>();
        for (const id of nodes) {
          const b = this.bridgeOf(id);
          if (!b) {
            this.log.warn({ app: spec.name, node: id }, "claimed node has no host bridge (is it up?)");
            continue;
          }
          byHost.set(b, [...(byHost.get(b) ?? []), id]);
          session.starting.add(id);
        }
        for (const [b, ids] of byHost) b.write({ app: spec.name, claim: { nodes: ids } });
        // Attached once every claimed node's proxy runs (its start event came back): only then may
        // the launch start virtual time, or the app would miss the scenario's first instants.
        if (session.starting.size === 0) this.ready(session);
        return;
      }
      const s: Session = session;
      if (m.modelRoute) {
        const q = m.modelRoute;
        let answer: AppDownMsg["modelRoute"];
        try {
          const from = findNode(this.plan.nodes, q.from, { field: "modelRoute.from" }).id;
          const to = findNode(this.plan.nodes, q.to, { field: "modelRoute.to" }).id;
          const r = this.controller!.modelRoute(from, to, q.via);
          answer = {
            seq: q.seq,
            ok: r.ok,
            reason: r.reason,
            noRoute: r.noRoute,
            reasonDetail: r.reasonDetail,
            oneWayMs: r.oneWayMs,
            path: r.path,
          };
        } catch (e) {
          const why = modelRouteFailure("MODEL_ROUTE_FAILURE_INVALID_REQUEST", (e as Error).message);
          answer = { seq: q.seq, ok: false, ...why, oneWayMs: 0, path: [] };
        }
        call.write({ app: s.app, modelRoute: answer });
        return;
      }
      const node = m.send?.node ?? m.yield?.node;
      if (node === undefined || !s.nodes.includes(node)) return;
      this.bridgeOf(node)?.write({ ...m, app: s.app });
    });
    const gone = () => {
      if (!session || this.sessions.get(session.app) !== session) return;
      this.sessions.delete(session.app);
      this.release(session);
    };
    call.on("end", () => {
      gone();
      call.end();
    });
    call.on("error", gone);
    call.on("cancelled", gone);
  }

  private ready(s: Session): void {
    for (const fn of this.attachedWaiters.get(s.app) ?? []) fn();
    this.attachedWaiters.delete(s.app);
  }

  /** The app is gone: its hosts stop sending it events and stop holding virtual time for it. */
  private release(s: Session): void {
    const byHost = new Map<BridgeCall, number[]>();
    for (const id of s.nodes) {
      const b = this.bridgeOf(id);
      if (b) byHost.set(b, [...(byHost.get(b) ?? []), id]);
    }
    for (const [b, ids] of byHost) b.write({ app: s.app, release: { nodes: ids } });
  }

  /** Resolve when the app has attached, or reject after `timeoutMs` of wall time. */
  waitAttached(app: string, timeoutMs: number): Promise<void> {
    const s = this.sessions.get(app);
    if (s && s.starting.size === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(
        () => reject(new Error(`app ${app} did not attach within ${timeoutMs} ms`)),
        timeoutMs,
      );
      // Whoever gave up waiting (the app exited first) must not be kept alive by this timer.
      t.unref();
      const list = this.attachedWaiters.get(app) ?? [];
      list.push(() => {
        clearTimeout(t);
        resolve();
      });
      this.attachedWaiters.set(app, list);
    });
  }

  /** The run is ending: every claimed node gets its stop event, then the app's stream ends. */
  stopApps(): void {
    const t = this.controller?.clock.now() ?? 0;
    for (const s of this.sessions.values()) {
      for (const node of s.nodes) s.call.write({ app: s.app, event: { node, tUnixMs: t, stop: {} } });
      s.call.end();
      this.release(s);
    }
    this.sessions.clear();
  }

  async stop(): Promise<void> {
    this.stopApps();
    for (const b of this.bridges.values()) b.end();
    this.bridges.clear();
    if (this.server) await stopServer(this.server, 200);
    this.server = null;
  }
}
