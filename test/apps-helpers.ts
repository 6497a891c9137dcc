/** Hand-made line topologies for the app tests, with every delay chosen so instants are hand-computable. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll } from "vitest";
import { type HandLink, StaticTopologyProvider, snapshotFromLinks } from "../src/emu/topology-provider.js";
import { repoRoot } from "./cli-helpers.js";

export const T0 = Date.parse("2026-01-01T00:00:00Z");
/** 1 Gbit/s: a 64-byte bundle serializes in 64 x 8 / 1e9 s = 0.000512 ms per hop. */
export const CAP_BPS = 1e9;
export const SER64_MS = (64 * 8 * 1000) / CAP_BPS;

export function both(l: HandLink[], a: number, b: number, delayMs: number): void {
  l.push(
    { from: a, to: b, delayMs, capacityBps: CAP_BPS },
    { from: b, to: a, delayMs, capacityBps: CAP_BPS },
  );
}

/**
 * A(3) - s0 - s1 - s2 - B(4): ground links 2 ms, ISLs 3 ms, so A to B is 4 hops and 10 ms one way;
 * C(5) has no link at all (unreachable).
 */
export function lineProvider(): StaticTopologyProvider {
  const l: HandLink[] = [];
  both(l, 3, 0, 2);
  both(l, 0, 1, 3);
  both(l, 1, 2, 3);
  both(l, 2, 4, 2);
  return new StaticTopologyProvider(snapshotFromLinks(3, 3, l), ["s0", "s1", "s2", "A", "B", "C"]);
}

export const LINE_NAMES = ["s0", "s1", "s2", "A", "B", "C"];

export function example(path: string): string {
  return resolve(repoRoot, "examples/apps", path);
}

const runDirs: string[] = [];
// Removed when the test file that made them ends (a helper's top-level hook joins that file's suite).
afterAll(() => {
  for (const d of runDirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

export function tempRunDir(): string {
  const d = mkdtempSync(join(tmpdir(), "constellate-apps-"));
  runDirs.push(d);
  return d;
}
