/**
 * Hops as real gRPC: one long-lived `Hops` stream per peer address, shared by all nodes of a host
 * process. Hops to the same peer made in the same event-loop turn go out as one frame (under load
 * the per-message cost of gRPC, not the bytes, limits bundles per second); the peer acknowledges
 * every frame, and a hop's promise settles with its frame's ack.
 *
 * Why a stream and not a unary call per hop: a unary call creates an HTTP/2 stream and grpc-js call
 * state that, measured here, kept ~2 MB alive through every young-generation GC, so each such GC
 * paused the process 5-10 ms, longer than the propagation delay a hop has to hide in. The same
 * traffic as stream messages left ~7 KB and 0.5 ms pauses (scratch benchmark, 4,000 messages).
 *
 * A peer no hop went to for `peerIdleWallMs` is closed (its stream cancelled, its channel closed):
 * routes move with the satellites, so over a run a host sends to ever more peers, and each open
 * channel keeps an HTTP/2 session with its socket and buffers here and in the peer's host. Kept
 * open, they were the pinging host's steady RSS growth in the soak (docs/soak.md). A later hop to
 * a closed peer opens it again (a loopback connection: well inside leadWallMs).
 */
import type * as grpc from "@grpc/grpc-js";
import { client } from "./grpc-util.js";
import type { PeerTransport } from "./node.js";
import { loadProtos } from "./proto-loader.js";
import type { RunAuth } from "./run-auth.js";
import type { HopAck, HopFrame, WireBundle } from "./wire.js";
import { hopRefusalText } from "./wire-enums.js";

interface Waiter {
  resolve(): void;
  reject(e: unknown): void;
}

interface Pending {
  bundles: WireBundle[];
  waiters: Waiter[];
}

interface Unacked {
  waiters: Waiter[];
  sentWallMs: number;
}

interface PeerStream {
  call: grpc.ClientDuplexStream<HopFrame, HopAck>;
  unacked: Map<number, Unacked>;
  /** Wall ms (performance.now) of the last frame sent: what the idle sweep looks at. */
  lastSentWallMs: number;
}

/** A frame not acknowledged this long (wall ms) fails its hops and resets the stream. */
const ACK_TIMEOUT_WALL_MS = 10_000;
/** How often unacknowledged frames are checked against ACK_TIMEOUT_WALL_MS, wall ms. */
const ACK_CHECK_EVERY_WALL_MS = 1_000;
/**
 * A peer idle this long (wall ms) is closed. Our choice: far above the gap between hops on a route
 * in use (a ping every 2 s, a replay's bundles), far below the minutes a route lasts.
 */
export const PEER_IDLE_WALL_MS = 30_000;

export interface GrpcTransportOptions {
  /** Close a peer no hop went to for this long, wall ms (default PEER_IDLE_WALL_MS). */
  peerIdleWallMs?: number;
}

type HopsClient = grpc.Client & { Hops(): grpc.ClientDuplexStream<HopFrame, HopAck> };

export class GrpcTransport implements PeerTransport {
  private readonly clients = new Map<string, HopsClient>();
  private readonly streams = new Map<string, PeerStream>();
  private readonly pending = new Map<string, Pending>();
  private flushScheduled = false;
  private seq = 0;
  private watchdog: NodeJS.Timeout | null = null;
  private idleSweep: NodeJS.Timeout | null = null;
  private readonly peerIdleWallMs: number;
  private closed = false;

  constructor(
    private readonly auth: RunAuth,
    opts: GrpcTransportOptions = {},
  ) {
    this.peerIdleWallMs = opts.peerIdleWallMs ?? PEER_IDLE_WALL_MS;
  }

  /** Peers with a channel open (memory figures: each holds an HTTP/2 session and its buffers). */
  get peerCount(): number {
    return this.clients.size;
  }

  send(address: string, bundle: WireBundle): Promise<void> {
    if (!address) return Promise.reject(new Error("no address for next hop"));
    if (this.closed) return Promise.reject(new Error("transport closed"));
    return new Promise<void>((resolve, reject) => {
      let p = this.pending.get(address);
      if (!p) {
        p = { bundles: [], waiters: [] };
        this.pending.set(address, p);
      }
      p.bundles.push(bundle);
      p.waiters.push({ resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const now = performance.now();
    for (const [address, p] of this.pending) {
      const s = this.stream(address);
      const seq = ++this.seq;
      s.unacked.set(seq, { waiters: p.waiters, sentWallMs: now });
      s.lastSentWallMs = now;
      s.call.write({ seq, bundles: p.bundles });
    }
    this.pending.clear();
    this.armWatchdog();
    this.armIdleSweep();
  }

  /** While any peer is open, close every few seconds those idle for peerIdleWallMs. */
  private armIdleSweep(): void {
    if (this.idleSweep || this.closed) return;
    this.idleSweep = setInterval(() => this.closeIdlePeers(), Math.max(10, this.peerIdleWallMs / 4));
    this.idleSweep.unref();
  }

  /** Close the peers idle for peerIdleWallMs with nothing unacknowledged and nothing about to go. */
  private closeIdlePeers(): void {
    const before = performance.now() - this.peerIdleWallMs;
    for (const [address, s] of [...this.streams])
      if (s.lastSentWallMs < before && s.unacked.size === 0 && !this.pending.has(address))
        this.forget(address);
    // A client without a stream (its stream broke, no hop since) is idle too.
    for (const [address, c] of [...this.clients])
      if (!this.streams.has(address) && !this.pending.has(address)) {
        c.close();
        this.clients.delete(address);
      }
    if (this.clients.size === 0 && this.idleSweep) {
      clearInterval(this.idleSweep);
      this.idleSweep = null;
    }
  }

  private stream(address: string): PeerStream {
    const open = this.streams.get(address);
    if (open) return open;
    let c = this.clients.get(address);
    if (!c) {
      c = client(loadProtos().Node, address, this.auth) as HopsClient;
      this.clients.set(address, c);
    }
    const s: PeerStream = { call: c.Hops(), unacked: new Map(), lastSentWallMs: performance.now() };
    this.streams.set(address, s);
    s.call.on("data", (ack: HopAck) => {
      const u = s.unacked.get(ack.seq);
      if (!u) return;
      s.unacked.delete(ack.seq);
      if (ack.accepted) for (const w of u.waiters) w.resolve();
      else {
        const e = new Error(`refused: ${hopRefusalText(ack.refusal, ack.detail)}`);
        for (const w of u.waiters) w.reject(e);
      }
    });
    const fail = (e: unknown) => this.fail(address, s, e);
    s.call.on("error", fail);
    s.call.on("end", () => fail(new Error(`hop stream to ${address} ended`)));
    return s;
  }

  /** The stream broke: every hop it had not acknowledged fails (the senders hold and retry). */
  private fail(address: string, s: PeerStream, e: unknown): void {
    if (this.streams.get(address) === s) this.streams.delete(address);
    const unacked = [...s.unacked.values()];
    s.unacked.clear();
    for (const u of unacked) for (const w of u.waiters) w.reject(e);
  }

  private armWatchdog(): void {
    if (this.watchdog || this.closed) return;
    this.watchdog = setInterval(() => {
      const tooOld = performance.now() - ACK_TIMEOUT_WALL_MS;
      let waiting = false;
      for (const [address, s] of this.streams) {
        for (const u of s.unacked.values()) {
          waiting = true;
          if (u.sentWallMs < tooOld) {
            s.call.cancel();
            this.fail(address, s, new Error(`no ack from ${address} within ${ACK_TIMEOUT_WALL_MS} ms`));
            break;
          }
        }
      }
      if (!waiting && this.watchdog) {
        clearInterval(this.watchdog);
        this.watchdog = null;
      }
    }, ACK_CHECK_EVERY_WALL_MS);
    this.watchdog.unref();
  }

  /** Drop the stream and client of a peer that went away (its port will not come back). */
  forget(address: string): void {
    const s = this.streams.get(address);
    if (s) {
      s.call.cancel();
      this.fail(address, s, new Error(`peer ${address} forgotten`));
    }
    this.clients.get(address)?.close();
    this.clients.delete(address);
  }

  close(): void {
    this.closed = true;
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    if (this.idleSweep) clearInterval(this.idleSweep);
    this.idleSweep = null;
    for (const [address, s] of [...this.streams]) {
      s.call.cancel();
      this.fail(address, s, new Error("transport closed"));
    }
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }
}
