/**
 * The soak's promotion meter (src/emu/gc-meter.ts), on this process's own collections: objects kept
 * alive across many young collections must end up in the old generation (promoted, or allocated
 * there at once when V8 pretenures their site), and garbage that dies young must not. The reference
 * is the bytes retained by construction: 2,000 arrays of 1,000 small integers, each at least
 * 1,000 x 8 bytes of elements (a tagged slot is 8 bytes on x64 without pointer compression, Node's
 * build; 4 with it, hence the lower bound of half).
 */
import { describe, expect, it } from "vitest";
import { GcMeter } from "../src/emu/gc-meter.js";

const ARRAYS = 2000;
const SLOTS = 1000;
const RETAINED_BYTES = ARRAYS * SLOTS * 8;

/** The last garbage object: it escapes, so the optimizer cannot drop the allocations. */
let sink: unknown = null;

/** Short-lived garbage: enough to run the young generation's collector many times. */
function churn(mib: number): void {
  for (let i = 0; i < (mib * 2 ** 20) / 64; i++) sink = { a: i, b: i + 1, c: i + 2, d: [i] };
}

describe("gc meter", () => {
  it("counts what outlives the young generation and not what dies in it", () => {
    const meter = new GcMeter();
    const zero = meter.read();
    expect(zero).toEqual({ promotedBytes: 0, oldAllocatedBytes: 0, youngGcs: 0, majorGcs: 0 });

    churn(200);
    const young = meter.read();
    expect(young.youngGcs).toBeGreaterThan(2);
    // Dying young: a few MiB at most move up (what was live at each collection: this loop's last object).
    expect(young.promotedBytes + young.oldAllocatedBytes).toBeLessThan(RETAINED_BYTES / 4);

    const kept: number[][] = [];
    for (let k = 0; k < ARRAYS; k++) {
      kept.push(new Array(SLOTS).fill(k));
      churn(0.1); // collections in between: the arrays have to survive them
    }
    churn(100);
    const after = meter.read();
    meter.stop();
    const moved =
      after.promotedBytes + after.oldAllocatedBytes - (young.promotedBytes + young.oldAllocatedBytes);
    expect(kept.length).toBe(ARRAYS);
    expect(sink).not.toBeNull();
    expect(moved).toBeGreaterThan(RETAINED_BYTES / 2);
    expect(moved).toBeLessThan(RETAINED_BYTES * 3);
    expect(after.youngGcs).toBeGreaterThan(young.youngGcs);
  });
});
