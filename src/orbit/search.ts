/**
 * One-dimensional searches over time used to refine event times (pass AOS/LOS/TCA, eclipse
 * boundaries): bisection on a sign change and golden-section search for a minimum.
 */

/** Sign boundary of f in [lo, hi] (f(lo) < 0 iff loNegative), bisected to a bracket of tolMs. */
export function bisect(
  f: (t: number) => number,
  lo: number,
  hi: number,
  loNegative: boolean,
  tolMs: number,
): number {
  let a = lo;
  let b = hi;
  while (b - a > tolMs) {
    const mid = 0.5 * (a + b);
    if (f(mid) < 0 === loNegative) a = mid;
    else b = mid;
  }
  return 0.5 * (a + b);
}

const INV_PHI = (Math.sqrt(5) - 1) / 2;

/** Minimum of a unimodal f on [lo, hi] by golden-section search, to a bracket of tolMs. */
export function goldenMin(f: (t: number) => number, lo: number, hi: number, tolMs: number): number {
  let a = lo;
  let b = hi;
  let c = b - INV_PHI * (b - a);
  let d = a + INV_PHI * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (b - a > tolMs) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - INV_PHI * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + INV_PHI * (b - a);
      fd = f(d);
    }
  }
  return 0.5 * (a + b);
}
