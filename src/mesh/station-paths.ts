/**
 * The previous step's station-to-station paths, kept to bound this step's searches from above
 * (src/mesh/dial-search.ts dialDistances): a path re-evaluated on the current snapshot, with
 * its delays summed in path order from the source as the search sums them, is a real path's value,
 * so an exact upper bound whatever changed since (a path with a link gone gives no bound). Paths
 * rarely change between 100 ms steps, so the bound is usually the answer itself and the search
 * only has to confirm it.
 *
 * Self-contained functions (no imports, no closures): src/mesh/station-delays.ts ships their
 * source text to its worker threads, like the searches'.
 */

/** Nodes kept per path (source and target included); a longer path is not kept (no bound next step). */
export const MAX_PATH_NODES = 128;

/**
 * The value on this snapshot of the path stored at paths[off .. off + len): Infinity unless it runs
 * from `source` to `dest` through satellites only (ids < firstStation) over links that exist now.
 * `firstHop[v]` is the delay of the link source -> v (Infinity when there is none; a station's row
 * is long, so the caller tabulates it once per source). Parallel links: the shortest (a real path).
 */
export function pathValue(
  rowStart: Int32Array,
  target: Int32Array,
  delayMs: Float64Array,
  nodeCount: number,
  firstStation: number,
  firstHop: Float64Array,
  paths: Int32Array,
  off: number,
  len: number,
  source: number,
  dest: number,
): number {
  if (len < 2 || paths[off] !== source || paths[off + len - 1] !== dest) return Number.POSITIVE_INFINITY;
  const p1 = paths[off + 1]!;
  if (p1 < 0 || p1 >= nodeCount || (len > 2 && p1 >= firstStation)) return Number.POSITIVE_INFINITY;
  // The search's order: dist(u) + delay hop by hop from the source.
  let sum = firstHop[p1]!;
  for (let k = 1; k + 1 < len && sum !== Number.POSITIVE_INFINITY; k++) {
    const a = paths[off + k]!;
    const b = paths[off + k + 1]!;
    if (b < 0 || b >= nodeCount || (k + 2 < len && b >= firstStation)) return Number.POSITIVE_INFINITY;
    let d = Number.POSITIVE_INFINITY;
    for (let j = rowStart[a]!, end = rowStart[a + 1]!; j < end; j++)
      if (target[j] === b && delayMs[j]! < d) d = delayMs[j]!;
    sum += d;
  }
  return sum;
}

/**
 * Store the path to `dest` that the predecessors give (walked back to `source`) at paths[off ..],
 * returning its node count, or 0 when it is longer than maxNodes or does not reach the source.
 */
export function storePath(
  prev: Int32Array,
  paths: Int32Array,
  off: number,
  maxNodes: number,
  source: number,
  dest: number,
): number {
  let n = 0;
  for (let v = dest; v !== -1; v = prev[v]!) {
    if (n === maxNodes) return 0;
    paths[off + n++] = v;
    if (v === source) break;
  }
  if (paths[off + n - 1] !== source) return 0;
  // Walked backwards: reverse in place.
  for (let i = 0, j = n - 1; i < j; i++, j--) {
    const t = paths[off + i]!;
    paths[off + i] = paths[off + j]!;
    paths[off + j] = t;
  }
  return n;
}

/**
 * Store a path to `dest` whose value on this snapshot is dist[dest], found from the distances alone
 * (a search that keeps no predecessors), at paths[off ..]; returns its node count, or 0 when none is
 * found within maxNodes (then no bound next step, nothing else).
 *
 * Walked back from dest: at node x, any neighbour w (the source, or a satellite: stations are
 * endpoints) with dist[w] + delay(w -> x) === dist[x], the very float sum the search formed. The
 * node whose expansion last lowered dist[x] is one (its distance was final then and has not changed),
 * so one exists; any w that matches carries a real path of value dist[w], so the path found sums,
 * in path order from the source, to exactly dist[dest]. Delays are positive, so the distances fall
 * strictly along the walk and it ends. Candidates w are x's out-neighbours (TopologyBuilder puts
 * every link both ways); the link w -> x itself is looked up in w's row.
 */
export function walkPath(
  rowStart: Int32Array,
  target: Int32Array,
  delayMs: Float64Array,
  firstStation: number,
  dist: Float64Array,
  paths: Int32Array,
  off: number,
  maxNodes: number,
  source: number,
  dest: number,
): number {
  let n = 0;
  let x = dest;
  paths[off + n++] = x;
  while (x !== source) {
    if (n === maxNodes) return 0;
    const dx = dist[x]!;
    let found = -1;
    for (let i = rowStart[x]!, end = rowStart[x + 1]!; i < end && found < 0; i++) {
      const w = target[i]!;
      if (w >= firstStation && w !== source) continue;
      const dw = dist[w]!;
      if (!(dw < dx)) continue;
      for (let j = rowStart[w]!, e2 = rowStart[w + 1]!; j < e2; j++)
        if (target[j] === x && dw + delayMs[j]! === dx) {
          found = w;
          break;
        }
    }
    if (found < 0) return 0;
    x = found;
    paths[off + n++] = x;
  }
  // Walked backwards: reverse in place.
  for (let i = 0, j = n - 1; i < j; i++, j--) {
    const t = paths[off + i]!;
    paths[off + i] = paths[off + j]!;
    paths[off + j] = t;
  }
  return n;
}
