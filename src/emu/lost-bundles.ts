/**
 * Bundles lost with a node whose process died. A SIGKILLed node cannot report what it held, so the
 * controller keeps the ledger's open bundles (created, not yet delivered or dropped) and, when a node
 * goes down, asks every live host which bundles its nodes hold (Host.Census). An open bundle that no
 * live node holds went down with the node: it is recorded as dropped, reason `lost-with-node`, at
 * the dead node, instead of staying "queued" forever (or being mistaken for a TTL expiry later).
 *
 * - Virtual clock: the census runs between two rounds, when every hop is acknowledged and every
 *   event reported (sync.ts), so it is exact.
 * - Realtime clock: a bundle can be between two live nodes (sent, not yet acknowledged), or its end
 *   not yet reported, at the instant of a census. So two censuses CENSUS_GAP_WALL_MS apart are taken
 *   (each host flushes its events before answering) and only a bundle missing from both, and still
 *   open after the second, is lost. A later delivery or drop of a bundle counted lost (it was merely
 *   slow) takes the loss back, so the totals stay conserved.
 */
import type * as grpc from "@grpc/grpc-js";
import type { Logger } from "pino";
import { unary } from "./grpc-util.js";
import type { BundleEvent } from "./wire.js";

/** Wall time after a node goes down before the first census (its links are withdrawn meanwhile). */
export const CENSUS_SETTLE_WALL_MS = 300;
/** Wall time between the two censuses under the realtime clock (far above a loopback hop's ~1 ms). */
export const CENSUS_GAP_WALL_MS = 500;

export interface LostBundlesDeps {
  /** Clients of the live hosts' Host services. */
  hosts(): grpc.Client[];
  /** Virtual clock: run `fn` between two rounds. Realtime: absent. */
  betweenRounds?: <T>(fn: () => Promise<T>) => Promise<T>;
  /** Record the loss in the ledger (events$, events.ndjson, totals). */
  report(ev: BundleEvent): void;
  /** Take a loss back: the bundle turned up delivered or dropped after all. */
  unreport(ev: BundleEvent): void;
  now(): number;
  log: Logger;
}

export class LostBundles {
  /** Created and not yet ended, by id: the CREATED event (source, size, kind for the drop event). */
  private readonly open = new Map<string, BundleEvent>();
  /** Ends reported before their creation (events of two hosts can cross): not open when created. */
  private readonly endedFirst = new Set<string>();
  /** Counted lost: a late end takes it back. */
  private readonly lost = new Map<string, BundleEvent>();
  private readonly down = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private disposed = false;

  constructor(private readonly d: LostBundlesDeps) {}

  /** Every event the controller records passes here. */
  record(ev: BundleEvent): void {
    if (ev.type === "TYPE_CREATED") {
      if (this.endedFirst.delete(ev.id)) return;
      this.open.set(ev.id, ev);
      return;
    }
    if (ev.reason === "DROP_REASON_LOST_WITH_NODE") return; // ours
    if (this.open.delete(ev.id)) return;
    const l = this.lost.get(ev.id);
    if (l) {
      this.lost.delete(ev.id);
      this.d.unreport(l);
      return;
    }
    this.endedFirst.add(ev.id);
  }

  get openCount(): number {
    return this.open.size;
  }

  /** A node went down (its registration stream ended) while the emulation runs. */
  nodeDown(node: number): void {
    if (this.disposed) return;
    this.down.add(node);
    if (this.timer || this.running) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.census();
    }, CENSUS_SETTLE_WALL_MS);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async held(): Promise<Set<string>> {
    const ids = new Set<string>();
    await Promise.all(
      this.d.hosts().map((c) =>
        unary<unknown, { ids: string[] }>(c, "Census", {}, 5_000).then(
          (r) => {
            for (const id of r.ids) ids.add(id);
          },
          () => {
            // A host that does not answer is a dead one (its nodes are down): it holds nothing.
          },
        ),
      ),
    );
    return ids;
  }

  private missing(held: Set<string>): Set<string> {
    const out = new Set<string>();
    for (const id of this.open.keys()) if (!held.has(id)) out.add(id);
    return out;
  }

  private async census(): Promise<void> {
    this.running = true;
    const dead = [...this.down].sort((a, b) => a - b);
    this.down.clear();
    try {
      let lost: Set<string>;
      if (this.d.betweenRounds) {
        lost = await this.d.betweenRounds(async () => this.missing(await this.held()));
      } else {
        const first = this.missing(await this.held());
        await new Promise((r) => setTimeout(r, CENSUS_GAP_WALL_MS));
        if (this.disposed) return;
        const second = this.missing(await this.held());
        lost = new Set([...first].filter((id) => second.has(id)));
      }
      if (this.disposed) return;
      const detail = dead.length > 1 ? `nodes ${dead.join(",")}` : "";
      const tMs = this.d.now();
      let n = 0;
      for (const id of lost) {
        const c = this.open.get(id);
        if (!c) continue; // ended meanwhile
        this.open.delete(id);
        const ev: BundleEvent = {
          ...c,
          type: "TYPE_DROPPED",
          node: dead[0] ?? -1,
          tUnixMs: tMs,
          reason: "DROP_REASON_LOST_WITH_NODE",
          reasonDetail: detail,
        };
        this.lost.set(id, ev);
        this.d.report(ev);
        n++;
      }
      if (n > 0) this.d.log.warn({ nodes: dead, bundles: n }, "bundles lost with their node");
    } catch (e) {
      this.d.log.warn({ err: String(e) }, "lost-bundle census failed");
    } finally {
      this.running = false;
      // Nodes that went down while this census ran get their own.
      if (this.down.size > 0 && !this.disposed) this.nodeDown([...this.down][0]!);
    }
  }
}
