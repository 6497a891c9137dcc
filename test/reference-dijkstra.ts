/** A reference shortest-path search for the mesh tests, written independently of src/mesh/. */
import type { TopologySnapshot } from "../src/mesh/types.js";

/**
 * Textbook Dijkstra with a binary heap of [delay, node] pairs: stations (ids >= S) are endpoints
 * only, as in Hypatia (a path never passes through one). Returns delays from `source` to all nodes.
 */
export function referenceDijkstra(
  s: TopologySnapshot,
  source: number,
): { dist: Float64Array; prev: Int32Array } {
  const n = s.nodeCount;
  const dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const prev = new Int32Array(n).fill(-1);
  const settled = new Uint8Array(n);
  const heap: [number, number][] = [];
  const push = (d: number, v: number) => {
    heap.push([d, v]);
    for (let i = heap.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (heap[p]![0] <= heap[i]![0]) break;
      [heap[p], heap[i]] = [heap[i]!, heap[p]!];
      i = p;
    }
  };
  const pop = (): [number, number] => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l]![0] < heap[m]![0]) m = l;
        if (r < heap.length && heap[r]![0] < heap[m]![0]) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i]!, heap[m]!];
        i = m;
      }
    }
    return top;
  };
  dist[source] = 0;
  push(0, source);
  while (heap.length > 0) {
    const [d, u] = pop();
    if (settled[u]) continue;
    settled[u] = 1;
    if (u >= s.satelliteCount && u !== source) continue;
    for (let j = s.rowStart[u]!; j < s.rowStart[u + 1]!; j++) {
      const v = s.target[j]!;
      const nd = d + s.delayMs[j]!;
      if (nd < dist[v]!) {
        dist[v] = nd;
        prev[v] = u;
        push(nd, v);
      }
    }
  }
  return { dist, prev };
}
