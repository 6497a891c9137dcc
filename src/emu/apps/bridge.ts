/**
 * The host's side of external apps: one stream per host to the launcher's gateway. A claim makes a
 * proxy app instance on each claimed node this host serves; the proxy turns the node's events into
 * AppEvents and the app's AppSends and AppYields into sends and wake-up timers on the node's clock.
 * The proxy is an ordinary app (AppContext), so external apps see exactly what TypeScript apps see.
 *
 * Virtual time: each event sent holds the node's virtual time (`ctx.hold`) until the app's yield for
 * it arrives, so the sends it causes happen at the event's instant, as a TypeScript app's would; on
 * the realtime clock a hold is a no-op and messages act as they come. The app answers events in
 * order (apps.proto), so the yields of one node resolve its holds first in, first out. When the
 * app's stream ends the gateway releases its nodes: their holds resolve and they get no more events.
 */
import type * as grpc from "@grpc/grpc-js";
import type { Logger } from "pino";
import { client } from "../grpc-util.js";
import { HOST_ID_HEADER, HOST_KEY_HEADER, type RunAuth } from "../run-auth.js";
import { sendFailureWire } from "../wire-enums.js";
import { type AppDownMsg, type AppEventMsg, type AppUpMsg, loadAppsProtos } from "./apps-proto.js";
import { type AppContext, type AppDefinition, type AppTimer, SendError } from "./define.js";
import type { AppsHost } from "./node-apps.js";

interface Proxy {
  ctx: AppContext<Record<string, unknown>>;
  wake: AppTimer | null;
  /** Events sent and not yet answered, oldest first: virtual time waits for each one's yield. */
  unanswered: { answer: () => void; sentWallMs: number }[];
  /** The app's stream ended: no more events, nothing held. */
  released: boolean;
  /** Whether the current stall has been logged. */
  warned: boolean;
}

/** An event unanswered this long (wall time) is logged: the app holds virtual time still. */
export const STALL_WARN_WALL_MS = 10_000;

export class HostBridge {
  private readonly client: grpc.Client;
  private call: grpc.ClientDuplexStream<AppDownMsg, AppUpMsg> | null = null;
  private readonly proxies = new Map<string, Proxy>();
  private closed = false;
  private stallCheck: NodeJS.Timeout | null = null;

  constructor(
    gatewayAddress: string,
    auth: RunAuth,
    hostId: string,
    hostKey: string,
    private readonly apps: AppsHost,
    private readonly log: Logger,
  ) {
    // The run secret goes with every call (grpc-util.ts; the gateway's interceptor checks it), and
    // the host's id and key, as toward the controller: the gateway takes bridges from its hosts only.
    this.client = client(loadAppsProtos().AppBridge, gatewayAddress, auth, {
      [HOST_ID_HEADER]: hostId,
      [HOST_KEY_HEADER]: hostKey,
    });
  }

  start(): void {
    const call = (
      this.client as unknown as { Serve(): grpc.ClientDuplexStream<AppDownMsg, AppUpMsg> }
    ).Serve();
    this.call = call;
    call.on("data", (m: AppUpMsg) => this.onUp(m));
    call.on("error", (e: grpc.ServiceError) => {
      if (!this.closed) this.log.warn({ err: e.details || e.message }, "app gateway stream failed");
    });
    call.on("end", () => call.end());
    this.stallCheck = setInterval(() => this.warnStalls(), STALL_WARN_WALL_MS);
    this.stallCheck.unref();
  }

  /** An app that does not answer holds its nodes' virtual time: say so rather than hang silently. */
  private warnStalls(): void {
    const now = performance.now();
    for (const [key, p] of this.proxies) {
      const oldest = p.unanswered[0];
      if (!oldest || p.warned || now - oldest.sentWallMs < STALL_WARN_WALL_MS) continue;
      p.warned = true;
      this.log.warn(
        { app: key, waitedWallMs: Math.round(now - oldest.sentWallMs), unanswered: p.unanswered.length },
        "external app has not yielded: virtual time waits for it",
      );
    }
  }

  private write(m: AppDownMsg): void {
    if (!this.closed && this.call) this.call.write(m);
  }

  private event(app: string, p: Proxy, ev: AppEventMsg): void {
    if (p.released || this.closed) return;
    this.write({ app, event: ev });
    p.ctx.hold(new Promise<void>((answer) => p.unanswered.push({ answer, sentWallMs: performance.now() })));
  }

  /** Every hold of `p` resolves; later events are not sent. */
  private release(p: Proxy): void {
    p.released = true;
    p.wake?.cancel();
    p.wake = null;
    for (const u of p.unanswered.splice(0)) u.answer();
  }

  private onUp(m: AppUpMsg): void {
    if (m.claim) {
      for (const node of m.claim.nodes) this.claim(m.app, node);
      return;
    }
    if (m.release) {
      for (const node of m.release.nodes) {
        const p = this.proxies.get(`${m.app}/${node}`);
        if (p) this.release(p);
      }
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
                reason: "SEND_FAILURE_UNSPECIFIED",
                dropReason: "DROP_REASON_UNSPECIFIED",
                reasonDetail: "",
                createdUnixMs: r.createdUnixMs,
                leftUnixMs: r.leftUnixMs,
              },
            }),
          (e: unknown) =>
            this.write({
              app: m.app,
              sendResult: {
                node: s.node,
                seq: s.seq,
                ok: false,
                id: e instanceof SendError ? e.bundleId : "",
                // A node's drop as its enum; anything else (a payload too large, no such node) refused.
                ...(e instanceof SendError
                  ? sendFailureWire(e.drop, e.reason)
                  : sendFailureWire(undefined, e instanceof Error ? e.message : String(e))),
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
      if (!p || p.released) return;
      // One pending wake-up per node and app: the latest answer replaces the previous one.
      p.wake?.cancel();
      p.wake = null;
      if (y.wakeAtUnixMs > 0) {
        const at = y.wakeAtUnixMs;
        p.wake = p.ctx.at(at, () => {
          p.wake = null;
          this.event(m.app, p, { node: y.node, tUnixMs: at, timer: {} });
        });
      }
      // The wake-up is set before time may pass the event it answers.
      p.unanswered.shift()?.answer();
      p.warned = false;
    }
  }

  private claim(app: string, node: number): void {
    const key = `${app}/${node}`;
    if (this.proxies.has(key)) return;
    const def: AppDefinition = {
      name: app,
      setup: (ctx) => {
        const p: Proxy = {
          ctx: ctx as AppContext<Record<string, unknown>>,
          wake: null,
          unanswered: [],
          released: false,
          warned: false,
        };
        this.proxies.set(key, p);
        ctx.onReceive((r) =>
          this.event(app, p, {
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
          this.event(app, p, {
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
        ctx.onStop(() => {
          this.release(p);
          this.proxies.delete(key);
        });
        this.event(app, p, { node, tUnixMs: ctx.now(), start: {} });
      },
    };
    if (!this.apps.addInstance(node, { name: app, options: {}, nodes: [node] }, def))
      this.log.warn({ app, node }, "claim for a node this host does not serve");
  }

  close(): void {
    if (this.closed) return;
    for (const p of this.proxies.values()) this.release(p);
    this.closed = true;
    if (this.stallCheck) clearInterval(this.stallCheck);
    this.call?.end();
    this.call = null;
    this.client.close();
  }
}
