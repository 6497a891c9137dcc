/**
 * Nearest-rank percentile (the smallest value with at least p% of the data at or below it), of an
 * ascending-sorted array; NaN when empty. The one definition every layer uses.
 */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  return sorted[Math.min(n, rank) - 1]!;
}
