/** Small statistics helpers for replay results. */

export { percentileSorted } from "../util/percentile.js";

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
