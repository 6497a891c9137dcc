/**
 * Virtual instants are Unix ms in IEEE 754 binary64 doubles (52-bit fraction). Between 2^40 ms
 * (2004-11) and 2^41 ms (2039-09) one unit in the last place is 2^(40-52) ms = 0.244 us, so every
 * instant the emulator computes (tx end, arrival) is rounded to that: a sub-us serialization time
 * can vanish in one hop. Lower bounds on emulated times allow this much per computed instant.
 */
export const UNIX_MS_ULP = 2 ** -12;

/** Lower bound for an emulated duration spanning `hops` hops (tx end and arrival rounded at each). */
export function atLeast(modelMs: number, hops: number): number {
  return modelMs - 2 * hops * UNIX_MS_ULP;
}
