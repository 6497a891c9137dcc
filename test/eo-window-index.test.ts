/**
 * The onboard policy's window lookups (src/eo/apps/window-index.ts) against the plain scans they
 * replace, written from their rule: `find` of the first window starting after t, and `filter` of the
 * windows open at t, on random days of windows sorted by start (equal starts, nested and touching
 * windows, instants on the edges).
 */
import { describe, expect, it } from "vitest";
import { WindowIndex } from "../src/eo/apps/window-index.js";
import type { DownlinkWindow } from "../src/eo/downlink-windows.js";

/** A small deterministic PRNG (mulberry32), so a failure replays. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("WindowIndex", () => {
  it("answers as find and filter over the same windows, in the same order", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const r = rng(seed);
      const n = Math.floor(r() * 200);
      const ws: DownlinkWindow[] = Array.from({ length: n }, () => {
        const start = Math.floor(r() * 500) * 1000;
        return {
          sat: Math.floor(r() * 5),
          station: Math.floor(r() * 3),
          startUnixMs: start,
          endUnixMs: start + (1 + Math.floor(r() * 60)) * 1000,
        };
      }).sort((a, b) => a.startUnixMs - b.startUnixMs || a.sat - b.sat);
      const ix = new WindowIndex(ws);
      for (let k = 0; k < 300; k++) {
        // Instants on the step grid (window edges) and between.
        const t = r() < 0.5 ? Math.floor(r() * 560) * 1000 : r() * 560_000 - 1000;
        expect(ix.firstAfter(t)).toBe(ws.find((w) => w.startUnixMs > t));
        expect(ix.openAt(t)).toEqual(ws.filter((w) => w.startUnixMs <= t && t < w.endUnixMs));
      }
    }
  });

  it("refuses windows out of start order", () => {
    const w = (s: number): DownlinkWindow => ({ sat: 0, station: 0, startUnixMs: s, endUnixMs: s + 10 });
    expect(() => new WindowIndex([w(20), w(10)])).toThrow(/sorted by start/);
  });
});
