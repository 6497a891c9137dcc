/**
 * Frozen copy of src/mesh/route.ts's Router as it was before the scale work of issue 11: one Dial
 * search per call, over every node. bench/mesh.ts's baseline, run in the same process. Do not edit or
 * optimise.
 */
import { noRoute } from "../../src/mesh/route.js";
import type { RouteResult, TopologySnapshot } from "../../src/mesh/types.js";

interface RouteOptions {
  /** Allow paths through ground stations (sat -> station -> sat). Default false. */
  relayThroughStations?: boolean;
  /**
   * Priority queue: "auto" (default) uses Dial's buckets when the links' delays make them few (width =
   * shortest link), else the binary heap; "heap" forces the heap. Both are exact.
   */
  queue?: "auto" | "heap";
}

/** Above this many buckets (very short links next to long ones) the binary heap is used instead. */
const MAX_BUCKETS = 1 << 16;

export class RouterBefore {
  /** Delay from the last source to every node, ms (Infinity when unreachable). */
  dist: Float64Array;
  /** Predecessor of every node on its shortest path (-1 for the source and unreached nodes). */
  prev: Int32Array;
  private done: Uint8Array;
  // Binary min-heap with lazy deletion: entries (key, node) in parallel arrays, keys stored in the
  // heap itself so sifting touches contiguous memory. At most one entry per relaxation + 1.
  private heapKey: Float64Array;
  private heapNode: Int32Array;
  private entryNext = new Int32Array(0);
  private bucketHead = new Int32Array(0);
  private snap: TopologySnapshot | null = null;
  private source = -1;

  constructor(nodeCapacity = 0) {
    this.dist = new Float64Array(nodeCapacity);
    this.prev = new Int32Array(nodeCapacity);
    this.done = new Uint8Array(nodeCapacity);
    this.heapKey = new Float64Array(16);
    this.heapNode = new Int32Array(16);
  }

  private ensure(n: number, links: number): void {
    if (this.dist.length < n) {
      this.dist = new Float64Array(n);
      this.prev = new Int32Array(n);
      this.done = new Uint8Array(n);
    }
    if (this.heapKey.length < links + 1) {
      this.heapKey = new Float64Array(links + 1);
      this.heapNode = new Int32Array(links + 1);
    }
  }

  /**
   * Single-source shortest delays from `source` to every node (or until `stopAt` is settled).
   * Results stay in dist/prev until the next call.
   */
  run(s: TopologySnapshot, source: number, opts: RouteOptions = {}, stopAt = -1): void {
    this.ensure(s.nodeCount, s.linkCount);
    this.snap = s;
    this.source = source;
    const relay = opts.relayThroughStations === true;
    if (opts.queue !== "heap") {
      // Bucket width: the shortest link (shrunk a hair so float rounding cannot put a relaxed node in
      // the bucket being scanned); circular buckets span the longest link.
      let minD = s.minDelayMs ?? Number.NaN;
      let maxD = s.maxDelayMs ?? Number.NaN;
      if (!(minD >= 0 && maxD >= minD)) {
        minD = Number.POSITIVE_INFINITY;
        maxD = 0;
        const delay = s.delayMs;
        for (let j = 0; j < s.linkCount; j++) {
          const d = delay[j]!;
          if (d < minD) minD = d;
          if (d > maxD) maxD = d;
        }
      }
      const width = minD * (1 - 1e-9);
      const buckets = width > 0 ? Math.floor(maxD / width) + 2 : Number.POSITIVE_INFINITY;
      if (s.linkCount === 0 || buckets <= MAX_BUCKETS) {
        this.runBuckets(s, source, relay, stopAt, width, Math.max(2, buckets));
        return;
      }
    }
    this.runHeap(s, source, relay, stopAt);
  }

  /**
   * Dial's algorithm with bucket width <= the shortest link: every node in the bucket being scanned is
   * final (a relaxation adds at least one bucket width), so the order within a bucket is free and the
   * result is exact. O(links + span / width); no heap.
   */
  private runBuckets(
    s: TopologySnapshot,
    source: number,
    relay: boolean,
    stopAt: number,
    width: number,
    bucketCount: number,
  ): void {
    const n = s.nodeCount;
    // A power of two, so the circular index is a mask.
    let C = 2;
    while (C < bucketCount) C <<= 1;
    const mask = C - 1;
    if (this.bucketHead.length < C) this.bucketHead = new Int32Array(C);
    const head = this.bucketHead;
    head.fill(-1, 0, C);
    // Entries (node, next) in the heap arrays' storage: at most one per relaxation + 1.
    const entryNode = this.heapNode;
    const entryNext =
      this.entryNext.length >= entryNode.length ? this.entryNext : new Int32Array(entryNode.length);
    this.entryNext = entryNext;
    const dist = this.dist;
    const prev = this.prev;
    const done = this.done;
    dist.fill(Number.POSITIVE_INFINITY, 0, n);
    prev.fill(-1, 0, n);
    done.fill(0, 0, n);
    const firstStation = s.satelliteCount;
    const { rowStart, target, delayMs } = s;
    const inv = 1 / width;
    dist[source] = 0;
    entryNode[0] = source;
    entryNext[0] = -1;
    head[0] = 0;
    let entries = 1;
    let queued = 1;
    // Stations that are not expanded (endpoints only) never enter the queue: their distance is
    // updated in place, and final once the scan passes it (for stopAt).
    const leafStations = !relay;
    const stopIsLeaf = leafStations && stopAt >= firstStation && stopAt !== source;
    for (let b = 0; queued > 0; b++) {
      if (stopIsLeaf && dist[stopAt]! <= b * width) return;
      const slot = b & mask;
      let e = head[slot]!;
      head[slot] = -1;
      while (e !== -1) {
        const u: number = entryNode[e]!;
        e = entryNext[e]!;
        queued--;
        if (done[u] === 1) continue;
        done[u] = 1;
        if (u === stopAt) return;
        if (u >= firstStation && u !== source && !relay) continue;
        const du = dist[u]!;
        for (let j: number = rowStart[u]!, end: number = rowStart[u + 1]!; j < end; j++) {
          const v = target[j]!;
          const nd = du + delayMs[j]!;
          if (nd < dist[v]!) {
            dist[v] = nd;
            prev[v] = u;
            if (leafStations && v >= firstStation) continue;
            const vs = Math.floor(nd * inv) & mask;
            entryNode[entries] = v;
            entryNext[entries] = head[vs]!;
            head[vs] = entries++;
            queued++;
          }
        }
      }
    }
  }

  private runHeap(s: TopologySnapshot, source: number, relay: boolean, stopAt: number): void {
    const n = s.nodeCount;
    const dist = this.dist;
    const prev = this.prev;
    const done = this.done;
    const hk = this.heapKey;
    const hn = this.heapNode;
    dist.fill(Number.POSITIVE_INFINITY, 0, n);
    prev.fill(-1, 0, n);
    done.fill(0, 0, n);
    const firstStation = s.satelliteCount;
    const { rowStart, target, delayMs } = s;
    dist[source] = 0;
    hk[0] = 0;
    hn[0] = source;
    let size = 1;
    while (size > 0) {
      // Pop the minimum.
      const u: number = hn[0]!;
      const du = hk[0]!;
      size--;
      if (size > 0) {
        const lk = hk[size]!;
        const ln = hn[size]!;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          if (l >= size) break;
          const r = l + 1;
          const c = r < size && hk[r]! < hk[l]! ? r : l;
          if (!(hk[c]! < lk)) break;
          hk[i] = hk[c]!;
          hn[i] = hn[c]!;
          i = c;
        }
        hk[i] = lk;
        hn[i] = ln;
      }
      if (done[u] === 1) continue; // stale entry
      done[u] = 1;
      if (u === stopAt) break;
      if (u >= firstStation && u !== source && !relay) continue;
      for (let j: number = rowStart[u]!, end: number = rowStart[u + 1]!; j < end; j++) {
        const v = target[j]!;
        const nd = du + delayMs[j]!;
        if (nd < dist[v]!) {
          dist[v] = nd;
          prev[v] = u;
          // Push (nd, v) and sift up.
          let i = size++;
          while (i > 0) {
            const p = (i - 1) >> 1;
            if (!(nd < hk[p]!)) break;
            hk[i] = hk[p]!;
            hn[i] = hn[p]!;
            i = p;
          }
          hk[i] = nd;
          hn[i] = v;
        }
      }
    }
  }

  /** Node ids from the last source to `dest` inclusive, or [] when unreachable. */
  pathTo(dest: number): number[] {
    if (!Number.isFinite(this.dist[dest]!)) return [];
    const path: number[] = [];
    for (let v = dest; v !== -1; v = this.prev[v]!) path.push(v);
    return path.reverse();
  }

  /** The route from the last run's source to `dest`, or why there is none. */
  resultTo(dest: number): RouteResult {
    const s = this.snap;
    if (!s) throw new Error("Router.resultTo before run()");
    const d = this.dist[dest]!;
    if (Number.isFinite(d)) {
      const path = this.pathTo(dest);
      return { ok: true, path, delayMs: d, hops: path.length - 1 };
    }
    return noRoute(s, this.source, dest);
  }

  /** Shortest-delay route between two nodes (stops as soon as the destination is settled). */
  route(s: TopologySnapshot, source: number, dest: number, opts: RouteOptions = {}): RouteResult {
    this.run(s, source, opts, dest);
    return this.resultTo(dest);
  }
}
