/**
 * LinkLedger (src/emu/link-ledger.ts) against the plain map it replaces, written here from its
 * stated rule: tell a link when it is new, or its kind, capacity or peer address changed, or its
 * delay moved by more than the tolerance from the value told (without the address when it is the
 * one told before); withdraw told links absent from a step. Random link sets over many steps, with nodes cleared now and then, must give the same
 * diffs in both, entry for entry.
 */
import { describe, expect, it } from "vitest";
import { LinkLedger } from "../src/emu/link-ledger.js";
import { linkKindWire } from "../src/emu/wire-enums.js";

interface Told {
  delayMs: number;
  capacityBps: number;
  kind: number;
  address: string;
}

/** A tiny seeded generator (mulberry32) so a failure reproduces. */
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

describe("LinkLedger", () => {
  it("gives the same diffs as a map from target to the told entry, over random steps", () => {
    const N = 40;
    const tol = 0.001;
    const rand = rng(42);
    const ledger = new LinkLedger(N);
    const ref = Array.from({ length: N }, () => new Map<number, Told>());
    // Each node's current links: target -> [delay, capacity, kind, address]; they drift and churn.
    const links = Array.from({ length: N }, () => new Map<number, [number, number, number, string]>());
    let diffs = 0;
    for (let stamp = 1; stamp <= 400; stamp++) {
      for (let u = 0; u < N; u++) {
        const l = links[u]!;
        // Churn: add up to 3 links (some nodes reach > 8, forcing runs to move), drop some.
        for (let k = 0; k < 3; k++)
          if (rand() < 0.3)
            l.set(Math.floor(rand() * N), [1 + 10 * rand(), 1e9, 1 + Math.floor(rand() * 2), `a${u}`]);
        for (const t of [...l.keys()]) if (rand() < 0.08) l.delete(t);
        for (const [t, v] of l) {
          const r = rand();
          if (r < 0.3)
            v[0] += tol * 0.5 * rand(); // within tolerance of the value told, or not
          else if (r < 0.5) v[0] += 2 * tol;
          else if (r < 0.52) v[1] = v[1] === 1e9 ? 2e9 : 1e9;
          else if (r < 0.54) v[3] = `${v[3]}'`;
          l.set(t, v);
        }
        if (rand() < 0.01) {
          ledger.clear(u);
          ref[u]!.clear();
        }
        const got: string[] = [];
        const want: string[] = [];
        for (const [t, [d, c, k, a]] of l) {
          const e = ledger.consider(u, t, d, c, k, a, tol, stamp);
          if (e) got.push(`${t} up ${e.delayMs} ${e.capacityBps} ${e.kind} ${e.address}`);
          const p = ref[u]!.get(t);
          if (!p || p.kind !== k || p.address !== a || p.capacityBps !== c || Math.abs(p.delayMs - d) > tol) {
            ref[u]!.set(t, { delayMs: d, capacityBps: c, kind: k, address: a });
            // The told entry is a wire LinkEntry: its kind is the LinkKind enum's name; a link told
            // again with the address told before carries none (the node keeps the one it has).
            want.push(`${t} up ${d} ${c} ${linkKindWire(k)} ${p && p.address === a ? "" : a}`);
          }
        }
        ledger.sweep(u, stamp, (t, k) => got.push(`${t} down ${k}`));
        for (const [t, p] of ref[u]!)
          if (!l.has(t)) {
            ref[u]!.delete(t);
            want.push(`${t} down ${p.kind}`);
          }
        expect(got.sort()).toEqual(want.sort());
        expect(ledger.count(u)).toBe(ref[u]!.size);
        diffs += got.length;
      }
    }
    // The walk exercised the cases it is about (not a vacuous pass).
    expect(diffs).toBeGreaterThan(10_000);
  });
});
