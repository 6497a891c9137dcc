/** The clocks' shared binary heap, against a reference that sorts what is pending before each pop. */
import { describe, expect, it } from "vitest";
import { heapPop, heapPush } from "../src/util/binary-heap.js";

interface E {
  t: number;
  seq: number;
}
const less = (x: E, y: E) => x.t < y.t || (x.t === y.t && x.seq < y.seq);
const byKey = (a: E, b: E) => a.t - b.t || a.seq - b.seq;

describe("binary heap", () => {
  it("each pop is the least pending (t, seq), with pushes and pops interleaved and many equal t", () => {
    // A fixed LCG (Numerical Recipes constants): the same case every run.
    let s = 12345;
    const rnd = (n: number) => {
      s = (s * 1664525 + 1013904223) >>> 0;
      return Math.floor((s / 2 ** 32) * n);
    };
    const heap: E[] = [];
    let pending: E[] = [];
    let seq = 0;
    let pops = 0;
    for (let round = 0; round < 300; round++) {
      for (let k = 0, n = 1 + rnd(8); k < n; k++) {
        const e = { t: round + rnd(20), seq: seq++ };
        heapPush(heap, e, less);
        pending.push(e);
      }
      for (let k = 0, n = round === 299 ? pending.length : rnd(7); k < n && pending.length > 0; k++) {
        pending = pending.sort(byKey);
        expect(heapPop(heap, less)).toBe(pending.shift());
        pops++;
      }
    }
    expect(pops).toBe(seq);
    expect(heapPop(heap, less)).toBeUndefined();
  });
});
