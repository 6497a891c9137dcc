/**
 * The host's side of external apps: one stream per host to the launcher's gateway. A claim makes a
 * proxy app instance on each claimed node this host serves; the proxy turns the node's events into
 * AppEvents and the app's AppSends and AppYields into sends and wake-up timers on the node's clock.
 * The proxy is an ordinary app (AppContext), so external apps see exactly what TypeScript apps see.
 */
import * as grpc from "@grpc/grpc-js";
import type { Logger } from "pino";
import { client } from "../grpc-util.js";
import type { RunAuth } from "../run-auth.js";
import {
  type AppDownMsg,
  type AppEventMsg,
  type AppUpMsg,
  HOST_HEADER,
  loadAppsProtos,
} from "./apps-proto.js";
import type { AppContext, AppDefinition, AppTimer } from "./define.js";
import type { AppsHost } from "./node-apps.js";

interface Proxy {
  ctx: AppContext<Record<string, unknown>>;
  wake: AppTimer | null;
}

export class HostBridge {
  private readonly client: grpc.Client;
  private call: grpc.ClientDuplexStream<AppDownMsg, AppUpMsg> | null = null;
  private readonly proxies = new Map<string, Proxy>();
  private closed = false;

  constructor(
    gatewayAddress: string,
    auth: RunAuth,
    private readonly hostId: string,
    private readonly apps: AppsHost,
    private readonly log: Logger,
  ) {
    // The run secret goes with every call (grpc-util.ts); the gateway's interceptor checks it.
    this.client = client(loadAppsProtos().AppBridge, gatewayAddress, auth);
  }

  start(): void {
    const md = new grpc.Metadata();
    md.set(HOST_HEADER, this.hostId);
    const call = (
      this.client as unknown as { Serve(md: grpc.Metadata): grpc.ClientDuplexStream<AppDownMsg, AppUpMsg> }
    ).Serve(md);
    this.call = call;
    call.on("data", (m: AppUpMsg) => this.onUp(m));
    call.on("error", (e: grpc.ServiceError) => {
      if (!this.closed) this.log.warn({ err: e.details || e.message }, "app gateway stream failed");
    });
    call.on("end", () => call.end());
  }

  private write(m: AppDownMsg): void {
    if (!this.closed && this.call) this.call.write(m);
  }

  private event(app: string, ev: AppEventMsg): void {
    this.write({ app, event: ev });
  }

  private onUp(m: AppUpMsg): void {
    if (m.claim) {
      for (const node of m.claim.nodes) this.claim(m.app, node);
      return;
    }
    if (m.send) {
      const s = m.send;
      const p = this.proxies.get(`${m.app}/${s.node}`);
      if (!p) return;
      const to = /^\d+$/.test(s.to) ? Number(s.to) : s.to;
      p.ctx
        .send(to, {
          payload: s.payload && s.payload.length > 0 ? s.payload : undefined,
          sizeBytes: s.sizeBytes,
          metadata: s.metadata,
          via: s.via === "VIA_FIBER" ? "fiber" : "space",
          ttlMs: s.ttlMs > 0 ? s.ttlMs : undefined,
          atUnixMs: s.atUnixMs > 0 ? s.atUnixMs : undefined,
          app: s.toApp || undefined,
        })
        .then(
          (r) =>
            this.write({
              app: m.app,
              sendResult: {
                node: s.node,
                seq: s.seq,
                ok: true,
                id: r.id,
                reason: "",
                createdUnixMs: r.createdUnixMs,
                leftUnixMs: r.leftUnixMs,
              },
            }),
          (e: { reason?: string; bundleId?: string; message?: string }) =>
            this.write({
              app: m.app,
              sendResult: {
                node: s.node,
                seq: s.seq,
                ok: false,
                id: e.bundleId ?? "",
                reason: e.reason ?? e.message ?? String(e),
                createdUnixMs: 0,
                leftUnixMs: 0,
              },
            }),
        );
      return;
    }
    if (m.yield) {
      const y = m.yield;
      const p = this.proxies.get(`${m.app}/${y.node}`);
      if (!p) return;
      // One pending wake-up per node and app: the latest answer replaces the previous one.
      p.wake?.cancel();
      p.wake = null;
      if (y.wakeAtUnixMs > 0) {
        const at = y.wakeAtUnixMs;
        p.wake = p.ctx.at(at, () => {
          p.wake = null;
          this.event(m.app, { node: y.node, tUnixMs: at, timer: {} });
        });
      }
    }
  }

  private claim(app: string, node: number): void {
    const key = `${app}/${node}`;
    if (this.proxies.has(key)) return;
    const def: AppDefinition = {
      name: app,
      setup: (ctx) => {
        const p: Proxy = { ctx: ctx as AppContext<Record<string, unknown>>, wake: null };
        this.proxies.set(key, p);
        ctx.onReceive((r) =>
          this.event(app, {
            node,
            tUnixMs: r.arrivalUnixMs,
            delivery: {
              id: r.id,
              from: r.from.id,
              fromName: r.from.name,
              metadata: r.metadata,
              payload: r.payload,
              sizeBytes: r.sizeBytes,
              createdUnixMs: r.createdUnixMs,
              arrivalUnixMs: r.arrivalUnixMs,
              hops: r.hops,
              via: r.via === "fiber" ? "VIA_FIBER" : "VIA_SPACE",
            },
          }),
        );
        ctx.onLinkChange((c) =>
          this.event(app, {
            node,
            tUnixMs: c.tUnixMs,
            linkChange: {
              up: c.up.map((l) => ({
                peer: l.peer.id,
                peerName: l.peer.name,
                kind: l.kind,
                delayMs: l.delayMs,
                capacityBps: l.capacityBps,
              })),
              down: c.down.map((n) => n.id),
            },
          }),
        );
        ctx.onStop(() => this.proxies.delete(key));
        this.event(app, { node, tUnixMs: ctx.now(), start: {} });
      },
    };
    if (!this.apps.addInstance(node, { name: app, options: {}, nodes: [node] }, def))
      this.log.warn({ app, node }, "claim for a node this host does not serve");
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.call?.end();
    this.call = null;
    this.client.close();
  }
}
