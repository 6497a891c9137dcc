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
 * dialSearch for distances only, for StationDelays: the distances to the target stations (id >=
 * targetsFrom), bit for bit dialSearch's, with optional upper bounds and goal-directed pruning (one
 * loop for both: the pruning hook is off with `pos` null, and with every ub Infinity it is the plain
 * early-stopping search; measured as fast as the separate copy it replaced, bench/mesh.ts).
 *
 * No settled flags: a node is queued at most once per bucket (a relaxation that keeps it in the
 * bucket it is already queued in adds no entry), and an entry whose node has since moved to an
 * earlier bucket is skipped when its bucket comes (the absolute bucket index of its distance no
 * longer matches). Each node is thus expanded once, at its final distance; the distances are the
 * same minimum over paths of the delays summed in path order; only the order of equal-bucket work
 * differs. Stations are endpoints only (relay is not supported here).
 *
 * - `ub[h - firstStation]`: an upper bound of the target's distance, the float sum (in path order
 *   from the source) of a real path of this snapshot (Infinity when none is known). A target is
 *   finished once min(ub, dist) <= the scan's distance; the search stops when every target is.
 * - `pos` (3 per node, km) and `lbPerKm`: a lower bound of the delay from node u to station h is
 *   lbPerKm x |pos(u) - pos(h)| - LB_SLACK_MS (the triangle inequality, given that every link's
 *   delay is >= lbPerKm x the straight distance between its ends). A popped node is expanded only if
 *   some unfinished target h could still gain through it: dist(u) + lb(u, h) < min(ub_h, dist_h).
 *   `pos` null: no pruning.
 *
 * Why the answer min(ub_h, dist_h) is the exact minimum: take a shortest path to h whose every prefix
 * is shortest (one exists, float addition being monotone). If none of its nodes was pruned, dist_h
 * is its value. Otherwise its first pruned node u was popped at its exact distance, and then
 * min(ub_h, dist_h) <= dist(u) + lb(u, h) <= the path's value, while both ub_h and dist_h are values
 * of real paths (>= the minimum). So the caller takes min(ub_h, dist_h).
 *
 * No predecessors are kept (ws.prev is untouched): the caller walks the path of every target whose
 * dist_h < ub_h back from the distances (walkPath, src/mesh/station-paths.ts), for the few that
 * change per step. `tlist`, `tslot` (one per station) and `tpack` (four per station) are scratch.
 * A station with no link out is taken to have none in (TopologyBuilder puts every
 * ground link both ways), so it is no target: a blind station does not keep the search going.
 * Self-contained like dialSearch (shipped to worker threads as source text). Returns entries used.
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
  ub: Float64Array,
  pos: Float64Array | null,
  lbPerKm: number,
  tlist: Int32Array,
  tpack: Float64Array,
  tslot: Int32Array,
): number {
  // Absolute slack of the lower bound, ms (1 ns): far above the float error of the sums compared.
  const LB_SLACK_MS = 1e-6;
  const mask = ringSize - 1;
  const { dist, head, entryNode, entryNext } = ws;
  head.fill(-1, 0, ringSize);
  dist.fill(Number.POSITIVE_INFINITY, 0, nodeCount);
  const inv = 1 / width;
  const prune = pos !== null && lbPerKm > 0;
  const lb2 = lbPerKm * lbPerKm;
  dist[source] = 0;
  let entries = 0;
  let queued = 0;
  for (let j = rowStart[source]!, end = rowStart[source + 1]!; j < end; j++) {
    const v = target[j]!;
    const nd = delayMs[j]!;
    const old = dist[v]!;
    if (!(nd < old)) continue;
    dist[v] = nd;
    if (v >= firstStation) continue;
    const vb = Math.floor(nd * inv);
    if (old !== Number.POSITIVE_INFINITY && Math.floor(old * inv) === vb) continue;
    const vs = vb & mask;
    entryNode[entries] = v;
    entryNext[entries] = head[vs]!;
    head[vs] = entries++;
    queued++;
  }
  // Unfinished targets: stations after the source that have a link (the others are unreachable),
  // packed 4 doubles each (position, best = min(ub, dist)) so the pruning check per popped node
  // reads one contiguous run; tslot maps a station to its entry (-1: none).
  for (let g = firstStation; g < nodeCount; g++) tslot[g - firstStation] = -1;
  let tn = 0;
  // Smallest best over the unfinished targets: none can finish before the scan reaches it.
  let minBest = Number.POSITIVE_INFINITY;
  // The stop test, O(1) per bucket: targets with no bound yet, and the largest first bound each got
  // (bests only fall, so once none is Infinity every target is finished when the scan passes it).
  let unbounded = 0;
  let maxFirst = 0;
  for (let g = Math.max(targetsFrom, firstStation); g < nodeCount; g++) {
    if (g === source || rowStart[g + 1]! <= rowStart[g]!) continue;
    const u = ub[g - firstStation]!;
    const d = dist[g]!;
    const best = d < u ? d : u;
    if (best < minBest) minBest = best;
    if (best === Number.POSITIVE_INFINITY) unbounded++;
    else if (best > maxFirst) maxFirst = best;
    tlist[tn] = g;
    tslot[g - firstStation] = tn;
    tpack[4 * tn] = prune ? pos![3 * g]! : 0;
    tpack[4 * tn + 1] = prune ? pos![3 * g + 1]! : 0;
    tpack[4 * tn + 2] = prune ? pos![3 * g + 2]! : 0;
    tpack[4 * tn + 3] = best;
    tn++;
  }
  if (tn === 0) return entries;
  for (let b = 0; queued > 0; b++) {
    const scan = b * width;
    if (unbounded === 0 && maxFirst <= scan) return entries;
    // Pruning checks every unfinished target per popped node: keep that list short.
    if (prune && minBest <= scan) {
      // Some targets may be final now: drop them (the last entry takes the slot), and find the next
      // smallest bound.
      minBest = Number.POSITIVE_INFINITY;
      for (let t = 0; t < tn; ) {
        const best = tpack[4 * t + 3]!;
        if (best <= scan) {
          tslot[tlist[t]! - firstStation] = -1;
          if (t < --tn) {
            const h = tlist[tn]!;
            tlist[t] = h;
            tslot[h - firstStation] = t;
            tpack[4 * t] = tpack[4 * tn]!;
            tpack[4 * t + 1] = tpack[4 * tn + 1]!;
            tpack[4 * t + 2] = tpack[4 * tn + 2]!;
            tpack[4 * t + 3] = tpack[4 * tn + 3]!;
          }
          continue;
        }
        if (best < minBest) minBest = best;
        t++;
      }
      if (tn === 0) return entries;
    }
    const slot = b & mask;
    let e = head[slot]!;
    head[slot] = -1;
    while (e !== -1) {
      const u: number = entryNode[e]!;
      e = entryNext[e]!;
      queued--;
      const du = dist[u]!;
      if (Math.floor(du * inv) !== b) continue; // moved to an earlier bucket: expanded there
      if (prune) {
        // Expand u only if some unfinished target could still gain through it; the target that
        // needed the last node goes first (nodes popped together lie close together). Checked from
        // the first bucket on, whatever the number of targets: at 29,988 satellites that expands
        // 0.63 M nodes per step instead of 1.03 M when checks waited for <= 16 targets, and the
        // packed targets keep the 4.5 M checks cheap (bench/mesh.ts; 1.2x less CPU per step).
        const ux = pos![3 * u]!;
        const uy = pos![3 * u + 1]!;
        const uz = pos![3 * u + 2]!;
        let need = false;
        for (let t = 0; t < tn; t++) {
          const q = 4 * t;
          const slack = tpack[q + 3]! - du + LB_SLACK_MS;
          if (!(slack > 0)) continue;
          const dx = tpack[q]! - ux;
          const dy = tpack[q + 1]! - uy;
          const dz = tpack[q + 2]! - uz;
          // NaN (a position SGP4 could not give) fails the comparison: the node is expanded.
          if (!(lb2 * (dx * dx + dy * dy + dz * dz) >= slack * slack)) {
            need = true;
            if (t > 0) {
              const h = tlist[t]!;
              const h0 = tlist[0]!;
              tlist[t] = h0;
              tlist[0] = h;
              tslot[h0 - firstStation] = t;
              tslot[h - firstStation] = 0;
              for (let i = 0; i < 4; i++) {
                const x = tpack[q + i]!;
                tpack[q + i] = tpack[i]!;
                tpack[i] = x;
              }
            }
            break;
          }
        }
        if (!need) continue;
      }
      for (let j: number = rowStart[u]!, end: number = rowStart[u + 1]!; j < end; j++) {
        const v = target[j]!;
        const nd = du + delayMs[j]!;
        const old = dist[v]!;
        if (nd < old) {
          dist[v] = nd;
          if (v >= firstStation) {
            if (nd < minBest) minBest = nd;
            const sl = tslot[v - firstStation]!;
            if (sl >= 0) {
              const best = tpack[4 * sl + 3]!;
              if (nd < best) {
                if (best === Number.POSITIVE_INFINITY) {
                  unbounded--;
                  if (nd > maxFirst) maxFirst = nd;
                }
                tpack[4 * sl + 3] = nd;
              }
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
