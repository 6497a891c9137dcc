/** Hops as real gRPC calls: one client per peer address, shared by all nodes of a host process. */
import type * as grpc from "@grpc/grpc-js";
import { client, unary } from "./grpc-util.js";
import type { PeerTransport } from "./node.js";
import { loadProtos } from "./proto-loader.js";
import type { WireBundle } from "./wire.js";

interface Pending {
  bundles: WireBundle[];
  waiters: { resolve(): void; reject(e: unknown): void }[];
}

/**
 * Hops to the same peer made in the same event-loop turn go out as one DeliverBatch call: under load
 * the per-call cost of gRPC, not the bytes, is what limits bundles per second.
 */
export class GrpcTransport implements PeerTransport {
  private readonly clients = new Map<string, grpc.Client>();
  private readonly pending = new Map<string, Pending>();
  private flushScheduled = false;

  send(address: string, bundle: WireBundle): Promise<void> {
    if (!address) return Promise.reject(new Error("no address for next hop"));
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
    const all = [...this.pending];
    this.pending.clear();
    for (const [address, p] of all) {
      let c = this.clients.get(address);
      if (!c) {
        c = client(loadProtos().Node, address);
        this.clients.set(address, c);
      }
      const call =
        p.bundles.length === 1
          ? unary<WireBundle, { accepted: boolean }>(c, "Deliver", p.bundles[0]!, 10_000)
          : unary<{ bundles: WireBundle[] }, { accepted: boolean }>(
              c,
              "DeliverBatch",
              { bundles: p.bundles },
              10_000,
            );
      call.then(
        (r) => {
          for (const w of p.waiters) r.accepted ? w.resolve() : w.reject(new Error("refused"));
        },
        (e: unknown) => {
          for (const w of p.waiters) w.reject(e);
        },
      );
    }
  }

  /** Drop the client of a peer that went away (its port will not come back). */
  forget(address: string): void {
    this.clients.get(address)?.close();
    this.clients.delete(address);
  }

  close(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }
}
