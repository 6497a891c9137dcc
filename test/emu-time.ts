/**
 * Unix-ms instants are IEEE 754 binary64 doubles (52-bit fraction). Between 2^40 ms (2004-11) and
 * 2^41 ms (2039-09) one unit in the last place is 2^(40-52) ms = 0.244 us. The emulator computes hop
 * instants run-relative (docs/emulation.md, "Time bases") and rounds to this only where an instant
 * becomes Unix ms (events, apps, ping sent/received), so bounds of this many ulps per computed
 * instant are loose upper bounds now; test/emu-run-time.test.ts asserts the exact values.
 */
export const UNIX_MS_ULP = 2 ** -12;

/** Lower bound for an emulated duration spanning `hops` hops (tx end and arrival rounded at each). */
export function atLeast(modelMs: number, hops: number): number {
  return modelMs - 2 * hops * UNIX_MS_ULP;
}
