/**
 * Run-relative time (`tRunMs`): ms since the run's epoch, the Unix ms of scenario time 0 (the
 * controller's start instant, which is also the origin of the topology step grid: NodeConfig's
 * step_origin_unix_ms). The emulation computes and compares hop instants on this base, and converts
 * to Unix ms only at its edges (the app API, records, wire fields that are Unix ms by contract).
 *
 * Why: a double's step near 1.7e12 (Unix ms in 2024) is 2^-12 ms = 0.244 us, and every computed
 * instant of a hop (enqueue, tx start, tx end, arrival = tx end + propagation) was rounded to it
 * again; 26 hops of a ping summed to ~1 us of error against the model. Near 3.6e6 ms (an hour of
 * run time) a double's step is 2^-31 ms, 4.7e-10 ms.
 *
 * Conversions. Unix -> run, `tUnixMs - epochUnixMs`, is exact (Sterbenz's lemma: the difference of
 * two doubles within a factor 2 of each other is a double), so an instant given in Unix ms keeps its
 * value. Run -> Unix rounds once, to the nearest double (`unixOfRun`), or down (`unixFloorOfRun`)
 * where a bound must not pass the instant it bounds.
 */

/** Unix ms of run instant `tRunMs` (rounded once, to the nearest double). */
export function unixOfRun(epochUnixMs: number, tRunMs: number): number {
  return epochUnixMs + tRunMs;
}

/** Run instant of Unix instant `tUnixMs` (exact for instants within a factor 2 of the epoch). */
export function runOfUnix(epochUnixMs: number, tUnixMs: number): number {
  return tUnixMs - epochUnixMs;
}

const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);

/** The largest double below `x` (x finite). */
function nextDown(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  f64[0] = x;
  // The bit pattern of a double is monotone in its magnitude: one less is one step toward zero.
  i64[0] = x > 0 ? i64[0]! - 1n : i64[0]! + 1n;
  return f64[0]!;
}

/**
 * The largest Unix-ms double not after run instant `tRunMs`. A host reports its next event to the
 * controller in Unix ms this way, so that the window granted from the report (W >= report + lookahead,
 * or the end of the report's topology step) never ends before the event it was granted for, and the
 * report's step is never one after the event's.
 */
export function unixFloorOfRun(epochUnixMs: number, tRunMs: number): number {
  const u = epochUnixMs + tRunMs;
  if (!Number.isFinite(u)) return u;
  // u - epoch is exact (Sterbenz) when u and the epoch are within a factor 2; otherwise the
  // comparison is still right to within the rounding that such a distant instant has anyway.
  return u - epochUnixMs > tRunMs ? nextDown(u) : u;
}
