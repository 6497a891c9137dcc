/**
 * The soak's allocation sampler (src/emu/alloc-sampler.ts): V8's sampling heap profiler keeping the
 * samples of collected objects, so garbage counts. A function that allocates 64 MiB of arrays it
 * drops at once (1,000,000 arrays of 8 small integers: 16 header + 8 x 8 element bytes + the array
 * object's 32 = 112 bytes each on x64 without pointer compression) must be the top site, with a
 * sampled total of that order; alive, the same bytes would be gone from a live-objects profile.
 */
import { describe, expect, it } from "vitest";
import { AllocSampler } from "../src/emu/alloc-sampler.js";

/** The last array: it escapes, so the optimizer cannot drop the allocations. */
let sink: number[] = [];

function allocateAndDropKnownGarbage(): number {
  let n = 0;
  for (let i = 0; i < 1_000_000; i++) {
    sink = [i, i, i, i, i, i, i, i];
    n += sink.length;
  }
  return n;
}

describe("allocation sampler", () => {
  it("names the site that allocated the garbage, with about the bytes it allocated", async () => {
    const s = new AllocSampler();
    expect(await s.stop()).toBeNull();
    await s.start();
    expect(s.running).toBe(true);
    expect(allocateAndDropKnownGarbage()).toBe(8_000_000);
    const out = await s.stop(10, false);
    expect(s.running).toBe(false);
    expect(out).not.toBeNull();
    const top = out!.sites[0]!;
    expect(top.site).toMatch(/^allocateAndDropKnownGarbage .*emu-alloc-sampler\.test\.ts:\d+$/);
    // 112 MB by the object layout above; halved with pointer compression; sampling adds noise.
    expect(top.bytes).toBeGreaterThan(40e6);
    expect(top.bytes).toBeLessThan(200e6);
    expect(out!.totalBytes).toBeGreaterThanOrEqual(top.bytes);
    expect(out!.windowWallMs).toBeGreaterThan(0);
  });
});
