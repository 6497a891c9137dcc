/** Small statistics helpers for replay results. */

/**
 * Nearest-rank percentile (the smallest value with at least p% of the data at or below it), of an
 * ascending-sorted array; NaN when empty.
 */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  return sorted[Math.min(n, rank) - 1]!;
}

/** Total length of the union of intervals [a, b), in the intervals' unit. */
export function unionLength(intervals: readonly (readonly [number, number])[]): number {
  const s = [...intervals].sort((x, y) => x[0] - y[0]);
  let total = 0;
  let curA = Number.NEGATIVE_INFINITY;
  let curB = Number.NEGATIVE_INFINITY;
  for (const [a, b] of s) {
    if (a > curB) {
      if (curB > curA) total += curB - curA;
      curA = a;
      curB = b;
    } else if (b > curB) curB = b;
  }
  if (curB > curA) total += curB - curA;
  return total;
}
