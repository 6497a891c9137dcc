/**
 * Next-hop trees: for one destination, every node's next hop on its shortest-delay path there.
 * The mesh router (src/mesh/route.ts) run from the destination over the reversed graph gives the
 * whole column of every node's routing table at once: a node's predecessor in that search is its next
 * hop. Same rules as the mesh router: stations are endpoints only (never transit). Down nodes and
 * fiber links (not part of the space mesh) are left out of the reversed graph.
 */
import { Router } from "../mesh/route.js";
import { LinkKind, type NoRouteReason, type TopologySnapshot } from "../mesh/types.js";

export const REASON_CODES: readonly (NoRouteReason | "")[] = [
  "",
  "source-has-no-satellite-in-view",
  "destination-has-no-satellite-in-view",
  "mesh-partitioned",
  "node-down",
];

/** Typed-array workspace reused across destinations and steps. */
export class NextHopSolver {
  private readonly router = new Router();
  private rev: TopologySnapshot | null = null;
  /** Links each node has to up, non-fiber peers (0 for a station: nothing in view). */
  private upOut = new Int32Array(0);

  /** Build the reversed graph of the snapshot without down nodes (once per step). */
  prepare(s: TopologySnapshot, up: Uint8Array): void {
    const n = s.nodeCount;
    let rev = this.rev;
    if (!rev || rev.nodeCount !== n || rev.target.length < s.linkCount) {
      const cap = Math.max(s.linkCount, 16);
      rev = {
        tUnixMs: 0,
        satelliteCount: s.satelliteCount,
        stationCount: s.stationCount,
        nodeCount: n,
        linkCount: 0,
        rowStart: new Int32Array(n + 1),
        target: new Int32Array(cap),
        delayMs: new Float64Array(cap),
        distanceKm: new Float64Array(0),
        capacityBps: new Float64Array(0),
        kind: new Uint8Array(cap),
      };
      this.rev = rev;
      this.upOut = new Int32Array(n);
    }
    rev.tUnixMs = s.tUnixMs;
    const inStart = rev.rowStart;
    inStart.fill(0);
    this.upOut.fill(0);
    const { rowStart, target, kind } = s;
    for (let u = 0; u < n; u++) {
      if (!up[u]) continue;
      for (let j = rowStart[u]!; j < rowStart[u + 1]!; j++) {
        const v = target[j]!;
        if (!up[v] || kind[j] === LinkKind.Fiber) continue;
        inStart[v + 1]!++;
        this.upOut[u]!++;
      }
    }
    for (let v = 0; v < n; v++) inStart[v + 1]! += inStart[v]!;
    const cursor = Int32Array.from(inStart.subarray(0, n));
    for (let u = 0; u < n; u++) {
      if (!up[u]) continue;
      for (let j = rowStart[u]!; j < rowStart[u + 1]!; j++) {
        const v = target[j]!;
        if (!up[v] || kind[j] === LinkKind.Fiber) continue;
        const k = cursor[v]!++;
        rev.target[k] = u;
        rev.delayMs[k] = s.delayMs[j]!;
        rev.kind[k] = kind[j]!;
      }
    }
    rev.linkCount = inStart[n]!;
    // The router's bucket width comes from these; without them it would scan every link per search.
    let minD = Number.POSITIVE_INFINITY;
    let maxD = 0;
    for (let k = 0; k < rev.linkCount; k++) {
      const d = rev.delayMs[k]!;
      if (d < minD) minD = d;
      if (d > maxD) maxD = d;
    }
    if (rev.linkCount > 0) {
      rev.minDelayMs = minD;
      rev.maxDelayMs = maxD;
    } else {
      delete rev.minDelayMs;
      delete rev.maxDelayMs;
    }
  }

  /**
   * Fill next[u] with u's next hop toward `dest` (-1: none, and for dest itself) and reason[u] with a
   * REASON_CODES index when there is none.
   */
  solve(s: TopologySnapshot, up: Uint8Array, dest: number, next: Int32Array, reason: Uint8Array): void {
    next.fill(-2); // differs from every answer: update() then writes them all
    this.update(s, up, dest, next, reason, null);
  }

  /**
   * solve() into a column that holds the previous answer (reason 0 wherever next >= 0, as solve
   * leaves it), writing only the entries that differ and listing those nodes, dest excluded, in
   * ascending order in `changed` (when given). Returns how many it listed. One pass over the nodes
   * does the search's answer, the reasons and the comparison together.
   */
  update(
    s: TopologySnapshot,
    up: Uint8Array,
    dest: number,
    next: Int32Array,
    reason: Uint8Array,
    changed: Int32Array | null,
  ): number {
    const rev = this.rev;
    if (!rev) throw new Error("NextHopSolver.update before prepare()");
    const n = s.nodeCount;
    const firstStation = s.satelliteCount;
    const destUp = up[dest] !== 0;
    let prev: Int32Array | null = null;
    if (destUp) {
      this.router.run(rev, dest);
      prev = this.router.prev;
    }
    const upOut = this.upOut;
    const destBlind = dest >= firstStation && upOut[dest] === 0;
    let k = 0;
    for (let u = 0; u < n; u++) {
      const p = prev !== null && u !== dest ? prev[u]! : -1;
      let r = 0;
      if (p < 0 && u !== dest) {
        if (!destUp) r = 4;
        else if (u >= firstStation && upOut[u] === 0) r = 1;
        else if (destBlind) r = 2;
        else r = 3;
      }
      if (p !== next[u] || r !== reason[u]) {
        if (changed !== null && u !== dest) changed[k++] = u;
        next[u] = p;
        reason[u] = r;
      }
    }
    return k;
  }
}
