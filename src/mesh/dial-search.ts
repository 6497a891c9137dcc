/**
 * The shortest-delay search itself, as one self-contained function over typed arrays: Dial's bucket
 * queue with bucket width <= the shortest link a popped node can relax, so every node in the bucket
 * being scanned is final (a relaxation adds at least one bucket width), the order within a bucket is
 * free and the result is exact. O(links + span / width); no heap.
 *
 * Self-contained on purpose (no imports, no closure, no module state): the router calls it directly,
 * and src/mesh/station-delays.ts ships its source text (`dialSearch.toString()`) to worker threads, so
 * every thread runs the very same code and the answers cannot depend on the thread count.
 *
 * Stations (node ids >= firstStation) are endpoints only unless `relay`: a station other than the
 * source is never expanded, and never enters the queue (its distance is updated in place).
 */

/** Buffers of one search, sized by the caller: nodes for dist/prev/done, links + 1 for entries. */
export interface DialWorkspace {
  dist: Float64Array;
  prev: Int32Array;
  done: Uint8Array;
  /** Circular bucket heads, at least `bucketCount` rounded up to a power of two. */
  head: Int32Array;
  /** Queue entries (node, next in bucket): at most one per relaxation + 1. */
  entryNode: Int32Array;
  entryNext: Int32Array;
}

/** Power of two >= the bucket count: the circular bucket index is then a mask. */
export function bucketRing(bucketCount: number): number {
  let c = 2;
  while (c < bucketCount) c <<= 1;
  return c;
}

/**
 * Single-source shortest delays from `source`, into ws.dist / ws.prev (Infinity / -1 when unreached).
 * Stops early when `stopAt` (>= 0) is settled, or, when `targetsFrom` >= 0 and stations are endpoints
 * only, as soon as every station with id >= targetsFrom that has a link is final (then only those
 * stations' dist/prev are meaningful; the rest of the tree may be partial). A target station's
 * distance is final once the scan has passed it: nothing still queued can lower it.
 * Returns the number of queue entries used (a measure of the work done).
 */
export function dialSearch(
  rowStart: Int32Array,
  target: Int32Array,
  delayMs: Float64Array,
  nodeCount: number,
  firstStation: number,
  relay: boolean,
  source: number,
  stopAt: number,
  targetsFrom: number,
  width: number,
  ringSize: number,
  ws: DialWorkspace,
): number {
  const mask = ringSize - 1;
  const { dist, prev, done, head, entryNode, entryNext } = ws;
  head.fill(-1, 0, ringSize);
  dist.fill(Number.POSITIVE_INFINITY, 0, nodeCount);
  prev.fill(-1, 0, nodeCount);
  done.fill(0, 0, nodeCount);
  const inv = 1 / width;
  dist[source] = 0;
  entryNode[0] = source;
  entryNext[0] = -1;
  head[0] = 0;
  let entries = 1;
  let queued = 1;
  const leafStations = !relay;
  const stopIsLeaf = leafStations && stopAt >= firstStation && stopAt !== source;
  // Multi-target stop: targets still unreached, and an upper bound of the reached ones' distances (the
  // first distance each got; later relaxations only lower it).
  const watchTargets = leafStations && targetsFrom >= 0;
  let pending = 0;
  let bound = 0;
  if (watchTargets)
    for (let g = Math.max(targetsFrom, firstStation); g < nodeCount; g++)
      if (g !== source && rowStart[g + 1]! > rowStart[g]!) pending++;
  if (watchTargets && pending === 0) return entries;
  for (let b = 0; queued > 0; b++) {
    if (stopIsLeaf && dist[stopAt]! <= b * width) return entries;
    if (watchTargets && pending === 0 && bound <= b * width) return entries;
    const slot = b & mask;
    let e = head[slot]!;
    head[slot] = -1;
    while (e !== -1) {
      const u: number = entryNode[e]!;
      e = entryNext[e]!;
      queued--;
      if (done[u] === 1) continue;
      done[u] = 1;
      if (u === stopAt) return entries;
      if (u >= firstStation && u !== source && !relay) continue;
      const du = dist[u]!;
      for (let j: number = rowStart[u]!, end: number = rowStart[u + 1]!; j < end; j++) {
        const v = target[j]!;
        const nd = du + delayMs[j]!;
        if (nd < dist[v]!) {
          if (leafStations && v >= firstStation) {
            if (watchTargets && v >= targetsFrom && dist[v] === Number.POSITIVE_INFINITY) {
              pending--;
              if (nd > bound) bound = nd;
            }
            dist[v] = nd;
            prev[v] = u;
            continue;
          }
          dist[v] = nd;
          prev[v] = u;
          const vs = Math.floor(nd * inv) & mask;
          entryNode[entries] = v;
          entryNext[entries] = head[vs]!;
          head[vs] = entries++;
          queued++;
        }
      }
    }
  }
  return entries;
}

/**
 * dialSearch for distances only (StationDelays): no predecessors and no settled flags. A node is
 * queued at most once per bucket (a relaxation that keeps it in the bucket it is already queued in
 * adds no entry), and an entry whose node has since moved to an earlier bucket is skipped when its
 * bucket comes (the absolute bucket index of its distance no longer matches). Each node is thus
 * expanded once, at its final distance; the distances are dialSearch's bit for bit (the same minimum
 * over paths of the delays summed in path order); only the order of equal-bucket work differs.
 * Stations are endpoints only (relay is not supported here). Stops once every station with id >=
 * targetsFrom that has a link is final. Returns the number of queue entries used.
 */
export function dialDistances(
  rowStart: Int32Array,
  target: Int32Array,
  delayMs: Float64Array,
  nodeCount: number,
  firstStation: number,
  source: number,
  targetsFrom: number,
  width: number,
  ringSize: number,
  ws: DialWorkspace,
): number {
  const mask = ringSize - 1;
  const { dist, head, entryNode, entryNext } = ws;
  head.fill(-1, 0, ringSize);
  dist.fill(Number.POSITIVE_INFINITY, 0, nodeCount);
  const inv = 1 / width;
  let pending = 0;
  for (let g = Math.max(targetsFrom, firstStation); g < nodeCount; g++)
    if (g !== source && rowStart[g + 1]! > rowStart[g]!) pending++;
  let bound = 0;
  dist[source] = 0;
  // The source (a station) is expanded first, outside the queue.
  let entries = 0;
  let queued = 0;
  for (let j = rowStart[source]!, end = rowStart[source + 1]!; j < end; j++) {
    const v = target[j]!;
    const nd = delayMs[j]!;
    if (!(nd < dist[v]!)) continue;
    const old = dist[v]!;
    dist[v] = nd;
    if (v >= firstStation) {
      if (v >= targetsFrom && old === Number.POSITIVE_INFINITY) {
        pending--;
        if (nd > bound) bound = nd;
      }
      continue;
    }
    const vb = Math.floor(nd * inv);
    if (old !== Number.POSITIVE_INFINITY && Math.floor(old * inv) === vb) continue;
    const vs = vb & mask;
    entryNode[entries] = v;
    entryNext[entries] = head[vs]!;
    head[vs] = entries++;
    queued++;
  }
  for (let b = 0; queued > 0; b++) {
    if (pending === 0 && bound <= b * width) return entries;
    const slot = b & mask;
    let e = head[slot]!;
    head[slot] = -1;
    while (e !== -1) {
      const u: number = entryNode[e]!;
      e = entryNext[e]!;
      queued--;
      const du = dist[u]!;
      if (Math.floor(du * inv) !== b) continue; // moved to an earlier bucket: expanded there
      for (let j: number = rowStart[u]!, end: number = rowStart[u + 1]!; j < end; j++) {
        const v = target[j]!;
        const nd = du + delayMs[j]!;
        const old = dist[v]!;
        if (nd < old) {
          dist[v] = nd;
          if (v >= firstStation) {
            if (v >= targetsFrom && old === Number.POSITIVE_INFINITY) {
              pending--;
              if (nd > bound) bound = nd;
            }
            continue;
          }
          const vb = Math.floor(nd * inv);
          if (old !== Number.POSITIVE_INFINITY && Math.floor(old * inv) === vb) continue;
          const vs = vb & mask;
          entryNode[entries] = v;
          entryNext[entries] = head[vs]!;
          head[vs] = entries++;
          queued++;
        }
      }
    }
  }
  return entries;
}
