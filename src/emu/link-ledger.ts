/**
 * What the controller has told each node about its links: per node, the peers it was given with
 * the delay, capacity, kind and peer address told, so that a step sends only the differences.
 *
 * The controller examines every link of every up node at every step (~7,000 at starlink-shell1,
 * ~19,000 at gen1) and almost all are unchanged, so this is a hot path. It lives in typed arrays:
 * each node owns a run of slots in one pool (a node's degree is small: a satellite's laser
 * terminals plus the stations in view), found by a linear scan of that run. A node whose run is
 * full moves to a run twice as long at the end of the pool; the pool is compacted when it grows.
 *
 * Semantics are those of a map from target to the told entry: a link is told again when its kind,
 * capacity or peer address differs, or its delay moved by more than `toleranceMs` from the value
 * told; a told link absent from a step is withdrawn (told down) by `sweep`. A link told again with
 * the address told before carries an empty address (the receiver keeps the one it has).
 */
import type { LinkEntry } from "./wire.js";
import { linkKindWire } from "./wire-enums.js";

const MIN_RUN = 8;

export class LinkLedger {
  /** Per node: first slot, slots used, slots owned. */
  private readonly start: Int32Array;
  private readonly used: Int32Array;
  private readonly cap: Int32Array;
  private target = new Int32Array(0);
  private delayMs = new Float64Array(0);
  private capacityBps = new Float64Array(0);
  private kind = new Uint8Array(0);
  private seen = new Int32Array(0);
  private address: string[] = [];
  private top = 0;

  constructor(readonly nodeCount: number) {
    this.start = new Int32Array(nodeCount);
    this.used = new Int32Array(nodeCount);
    this.cap = new Int32Array(nodeCount);
  }

  /** Forget what node u was told (it registered again, or went down). */
  clear(u: number): void {
    this.used[u] = 0;
  }

  /** How many links node u has been told and not withdrawn. */
  count(u: number): number {
    return this.used[u]!;
  }

  /**
   * Link u -> target as it is at step `stamp`: null when u already knows it so, else the entry
   * to tell (and now recorded as told).
   */
  consider(
    u: number,
    target: number,
    delayMs: number,
    capacityBps: number,
    kind: number,
    address: string,
    toleranceMs: number,
    stamp: number,
  ): LinkEntry | null {
    const s0 = this.start[u]!;
    const end = s0 + this.used[u]!;
    let j = s0;
    while (j < end && this.target[j] !== target) j++;
    let addressTold = address;
    if (j < end) {
      const sameAddress = this.address[j] === address;
      if (
        this.kind[j] === kind &&
        sameAddress &&
        this.capacityBps[j] === capacityBps &&
        Math.abs(this.delayMs[j]! - delayMs) <= toleranceMs
      ) {
        this.seen[j] = stamp;
        return null;
      }
      // An up entry without an address keeps the one told before (node.ts, update-merge.ts). Most
      // links told again only moved their delay (every computed step under the virtual clock, whose
      // tolerance is 0), and the address was ~40 % of each entry's bytes on the wire.
      if (sameAddress) addressTold = "";
    } else {
      j = this.append(u);
      this.target[j] = target;
    }
    this.delayMs[j] = delayMs;
    this.capacityBps[j] = capacityBps;
    this.kind[j] = kind;
    this.address[j] = address;
    this.seen[j] = stamp;
    return { target, up: true, delayMs, capacityBps, kind: linkKindWire(kind), address: addressTold };
  }

  /** Withdraw every link of u not considered at step `stamp`; `down` gets each (target, kind). */
  sweep(u: number, stamp: number, down: (target: number, kind: number) => void): void {
    const s0 = this.start[u]!;
    let end = s0 + this.used[u]!;
    let j = s0;
    while (j < end) {
      if (this.seen[j] === stamp) {
        j++;
        continue;
      }
      down(this.target[j]!, this.kind[j]!);
      // Swap the last slot in (order within a node's run does not matter).
      end--;
      this.target[j] = this.target[end]!;
      this.delayMs[j] = this.delayMs[end]!;
      this.capacityBps[j] = this.capacityBps[end]!;
      this.kind[j] = this.kind[end]!;
      this.address[j] = this.address[end]!;
      this.seen[j] = this.seen[end]!;
    }
    this.used[u] = end - s0;
  }

  /** A free slot at the end of u's run, moving the run when it is full. */
  private append(u: number): number {
    const used = this.used[u]!;
    if (used < this.cap[u]!) {
      this.used[u] = used + 1;
      return this.start[u]! + used;
    }
    const newCap = Math.max(MIN_RUN, this.cap[u]! * 2);
    if (this.top + newCap > this.target.length) this.grow(newCap);
    const from = this.start[u]!;
    const to = this.top;
    this.target.copyWithin(to, from, from + used);
    this.delayMs.copyWithin(to, from, from + used);
    this.capacityBps.copyWithin(to, from, from + used);
    this.kind.copyWithin(to, from, from + used);
    this.seen.copyWithin(to, from, from + used);
    for (let k = 0; k < used; k++) this.address[to + k] = this.address[from + k]!;
    this.start[u] = to;
    this.cap[u] = newCap;
    this.top += newCap;
    this.used[u] = used + 1;
    return to + used;
  }

  /** Compact the live runs into arrays with room for `need` more slots (amortised doubling). */
  private grow(need: number): void {
    let live = 0;
    for (let u = 0; u < this.nodeCount; u++) live += this.cap[u]!;
    const size = Math.max(1024, 2 * (live + need));
    const target = new Int32Array(size);
    const delayMs = new Float64Array(size);
    const capacityBps = new Float64Array(size);
    const kind = new Uint8Array(size);
    const seen = new Int32Array(size);
    const address = new Array<string>(size).fill("");
    let top = 0;
    for (let u = 0; u < this.nodeCount; u++) {
      const c = this.cap[u]!;
      if (c === 0) continue;
      const from = this.start[u]!;
      const n = this.used[u]!;
      target.set(this.target.subarray(from, from + n), top);
      delayMs.set(this.delayMs.subarray(from, from + n), top);
      capacityBps.set(this.capacityBps.subarray(from, from + n), top);
      kind.set(this.kind.subarray(from, from + n), top);
      seen.set(this.seen.subarray(from, from + n), top);
      for (let k = 0; k < n; k++) address[top + k] = this.address[from + k]!;
      this.start[u] = top;
      top += c;
    }
    this.target = target;
    this.delayMs = delayMs;
    this.capacityBps = capacityBps;
    this.kind = kind;
    this.seen = seen;
    this.address = address;
    this.top = top;
  }
}
