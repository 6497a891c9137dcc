/**
 * Controller.WatchTopology: the run's links, per computed step, for whoever draws the run (the
 * view), through the public API like any outside client. What is sent is what the step tells the
 * nodes: the snapshot's space and ground links whose two ends are up and serving (registered, with
 * an address), so a node the run lost has no links here from the step that withdrew them.
 *
 * Cost: nothing while nobody watches (the controller checks `size` after its step); with watchers,
 * one pass over the step's CSR and one message built per step that some watcher is due for, shared
 * by all of them. A watcher's stream that is full (gRPC's write returned false) skips steps instead
 * of queueing them, and gets the latest one at 'drain': a slow reader costs a counter, not memory.
 */
import type * as grpc from "@grpc/grpc-js";
import { LinkKind, type TopologySnapshot } from "../mesh/types.js";
import { wallNowMs } from "./clock.js";
import type { RunTopology } from "./wire.js";
import { linkKindWire } from "./wire-enums.js";

/** The request's interval above this is refused (our bound: a day of wall time). */
export const MAX_TOPOLOGY_INTERVAL_WALL_MS = 86_400_000;

/** The step's run links as a message: each undirected link once (a < b), fiber left out. */
export function runTopologyOf(
  snap: TopologySnapshot,
  up: Uint8Array,
  serving: (node: number) => boolean,
  steps: number,
): RunTopology {
  const a: number[] = [];
  const b: number[] = [];
  const kind: RunTopology["kind"] = [];
  const n = snap.nodeCount;
  for (let u = 0; u < n; u++) {
    if (up[u] !== 1 || !serving(u)) continue;
    for (let j = snap.rowStart[u]!; j < snap.rowStart[u + 1]!; j++) {
      const v = snap.target[j]!;
      if (v <= u || up[v] !== 1 || snap.kind[j] === LinkKind.Fiber || !serving(v)) continue;
      a.push(u);
      b.push(v);
      kind.push(linkKindWire(snap.kind[j]!));
    }
  }
  return {
    tUnixMs: snap.tUnixMs,
    steps,
    a,
    b,
    kind,
    up: Buffer.from(up.buffer, up.byteOffset, up.byteLength).subarray(0, n).slice(),
    skippedSteps: 0,
  };
}

interface Watcher {
  call: grpc.ServerWritableStream<unknown, RunTopology>;
  minIntervalWallMs: number;
  lastSentWallMs: number;
  /** The up-set version of the last message sent (TopologyWatchers.upVersion). */
  sentUpVersion: number;
  skipped: number;
  full: boolean;
  /** The latest step not sent while the stream was full (and its up-set version), sent at 'drain'. */
  owed: { m: RunTopology; upVersion: number } | null;
}

export class TopologyWatchers {
  private readonly watchers = new Set<Watcher>();
  /** The up set of the last step seen, and a version bumped whenever it changes. */
  private lastUp = new Uint8Array(0);
  private upVersion = 0;

  get size(): number {
    return this.watchers.size;
  }

  /** A new watcher; `latest` (the current step's links, if any, with up as now) goes out at once. */
  add(
    call: grpc.ServerWritableStream<unknown, RunTopology>,
    minIntervalWallMs: number,
    latest: RunTopology | null,
    up: Uint8Array,
  ): void {
    const w: Watcher = {
      call,
      minIntervalWallMs,
      lastSentWallMs: Number.NEGATIVE_INFINITY,
      sentUpVersion: -1,
      skipped: 0,
      full: false,
      owed: null,
    };
    this.watchers.add(w);
    call.on("cancelled", () => this.watchers.delete(w));
    call.on("drain", () => {
      w.full = false;
      const o = w.owed;
      w.owed = null;
      if (o && this.watchers.has(w)) this.write(w, o.m, o.upVersion);
    });
    this.noteUp(up);
    if (latest) this.write(w, latest, this.upVersion);
  }

  /** After a computed step: the message is built only if some watcher is due for it. */
  stepped(build: () => RunTopology, up: Uint8Array): void {
    this.noteUp(up);
    const now = wallNowMs();
    let m: RunTopology | null = null;
    for (const w of this.watchers) {
      const due = w.sentUpVersion !== this.upVersion || now - w.lastSentWallMs >= w.minIntervalWallMs;
      if (!due) {
        w.skipped++;
        continue;
      }
      m ??= build();
      if (w.full) {
        // The step it owed before is replaced by this one: that one is never sent.
        if (w.owed) w.skipped++;
        w.owed = { m, upVersion: this.upVersion };
        continue;
      }
      this.write(w, m, this.upVersion);
    }
  }

  /** Bump the up-set version when `up` differs from the last seen. */
  private noteUp(up: Uint8Array): void {
    if (sameBytes(this.lastUp, up)) return;
    this.lastUp = up.slice();
    this.upVersion++;
  }

  private write(w: Watcher, m: RunTopology, upVersion: number): void {
    w.lastSentWallMs = wallNowMs();
    w.sentUpVersion = upVersion;
    w.full = !w.call.write({ ...m, skippedSteps: w.skipped });
  }

  endAll(): void {
    for (const w of this.watchers) w.call.end();
    this.watchers.clear();
  }
}

function sameBytes(x: Uint8Array, y: Uint8Array): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}
