/**
 * The hop transport keeps no channel to a peer it stopped sending to (src/emu/transport.ts): routes
 * move with the satellites, so a long run sends to ever more peers, and each channel left open kept
 * an HTTP/2 session in both hosts (the soak's growing pinging host, docs/soak.md). Real gRPC: peers
 * are Node servers on 127.0.0.1 that count the Hops streams opened to them and the frames on them.
 */
import type * as grpc from "@grpc/grpc-js";
import { afterEach, describe, expect, it } from "vitest";
import { makeBundle } from "../src/emu/bundle.js";
import { service, startServer } from "../src/emu/grpc-util.js";
import { loadProtos, NODE_SERVICE } from "../src/emu/proto-loader.js";
import { RunAuth } from "../src/emu/run-auth.js";
import { GrpcTransport } from "../src/emu/transport.js";
import type { HopAck, HopFrame } from "../src/emu/wire.js";

interface Peer {
  address: string;
  server: grpc.Server;
  /** Hops streams opened to this peer, and how many of them ended (cancelled by the sender). */
  opened: number;
  closed: number;
  bundles: number;
}

const auth = RunAuth.generate();

async function peer(): Promise<Peer> {
  const p: Peer = { address: "", server: null as unknown as grpc.Server, opened: 0, closed: 0, bundles: 0 };
  const impl: grpc.UntypedServiceImplementation = {
    Hops: (call: grpc.ServerDuplexStream<HopFrame, HopAck>) => {
      p.opened++;
      let ended = false;
      const end = () => {
        if (!ended) p.closed++;
        ended = true;
      };
      call.on("data", (f: HopFrame) => {
        p.bundles += f.bundles.length;
        call.write({ seq: f.seq, accepted: true, refusal: "HOP_REFUSAL_UNSPECIFIED", detail: "" });
      });
      call.on("cancelled", end);
      call.on("error", end);
      call.on("end", () => {
        end();
        call.end();
      });
    },
  };
  const s = await startServer([{ name: NODE_SERVICE, def: service(loadProtos().Node), impl }], auth);
  p.server = s.server;
  p.address = s.address;
  return p;
}

const hop = (to: number) =>
  makeBundle({
    source: 0,
    destination: to,
    createdUnixMs: 1_000,
    createdRunMs: 1_000,
    sizeBytes: 100,
    ttlMs: 10_000,
  });

/** Poll until `ok()` (real timers: gRPC does real I/O), failing after `limitMs`. */
async function until(ok: () => boolean, limitMs: number, what: string): Promise<void> {
  const t0 = performance.now();
  while (!ok()) {
    if (performance.now() - t0 > limitMs) throw new Error(`not within ${limitMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("hop transport: idle peers are closed", () => {
  const owned: { transports: GrpcTransport[]; peers: Peer[] } = { transports: [], peers: [] };
  afterEach(() => {
    for (const t of owned.transports) t.close();
    for (const p of owned.peers) p.server.forceShutdown();
    owned.transports = [];
    owned.peers = [];
  });

  it("after hops to 12 peers, none stays open once idle, and each peer's stream ends", async () => {
    const peers = await Promise.all(Array.from({ length: 12 }, () => peer()));
    owned.peers.push(...peers);
    const t = new GrpcTransport(auth, { peerIdleWallMs: 300 });
    owned.transports.push(t);
    await Promise.all(peers.map((p, i) => t.send(p.address, hop(i + 1))));
    expect(peers.map((p) => p.bundles)).toEqual(peers.map(() => 1));
    expect(t.peerCount).toBe(12);
    // Before the fix the count stayed at 12 for as long as the transport lived (one per peer ever
    // sent to); the bound here is generous (a loaded machine), the idle time 0.3 s.
    await until(() => t.peerCount === 0, 15_000, "idle peers closed");
    await until(() => peers.every((p) => p.closed === 1), 15_000, "every peer's Hops stream ended");
    expect(peers.map((p) => p.opened)).toEqual(peers.map(() => 1));
  }, 40_000);

  it("a peer in use keeps its one stream while an idle one closes; a later hop reopens the idle one", async () => {
    const [busy, idle] = [await peer(), await peer()];
    owned.peers.push(busy!, idle!);
    const t = new GrpcTransport(auth, { peerIdleWallMs: 400 });
    owned.transports.push(t);
    await t.send(idle!.address, hop(2));
    // Hops to `busy` every 50 ms (8 per idle time) until `idle` has been closed.
    let sent = 0;
    while (idle!.closed === 0) {
      await t.send(busy!.address, hop(1));
      sent++;
      if (sent > 600) throw new Error("the idle peer was never closed");
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(busy!.opened).toBe(1);
    expect(busy!.closed).toBe(0);
    expect(busy!.bundles).toBe(sent);
    expect(t.peerCount).toBe(1);
    // The idle peer comes back on demand, on a new stream, and the hop is acknowledged.
    await t.send(idle!.address, hop(2));
    expect(idle!.opened).toBe(2);
    expect(idle!.bundles).toBe(2);
    expect(t.peerCount).toBe(2);
  }, 60_000);
});
