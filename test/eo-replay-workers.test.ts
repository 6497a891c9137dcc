/**
 * The replay's modes run at once, one worker thread each (src/eo/replay-workers.ts), must give each
 * mode the result it gives run alone in the caller's thread: every field of every mode, byte for
 * byte (JSON), on eo-sso's 48 satellites and 13 stations with a generated workload, 1 h.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConstellation } from "../src/config/load.js";
import { replay, workloadFrom } from "../src/eo/replay.js";
import { InterruptedError } from "../src/util/interrupted.js";
import { repoRoot } from "./cli-helpers.js";

const HOUR_MS = 3_600_000;

describe("replay modes in worker threads", () => {
  it("gives each mode the result it gives alone, byte for byte", async () => {
    const c = loadConstellation(join(repoRoot, "constellations/eo-sso.yaml"));
    const startUnixMs = Date.parse(c.epoch);
    const requests = workloadFrom("gen:land:60", 7, HOUR_MS);
    const o = { startUnixMs, durationMs: HOUR_MS, seed: 7, modes: ["raw", "summary", "hybrid"] as const };
    const atOnce = await replay(c, requests, { ...o, modes: [...o.modes] });
    const alone: Awaited<ReturnType<typeof replay>>[] = [];
    for (const mode of o.modes) alone.push(await replay(c, requests, { ...o, modes: [mode] }));
    expect(atOnce.modesAtOnce).toBe(true);
    expect(alone.every((a) => !a.modesAtOnce)).toBe(true);
    expect(atOnce.results.map((r) => r.mode)).toEqual(["raw", "summary", "hybrid"]);
    // Something happened in each mode, and the modes differ (a mix-up of jobs would show).
    for (const r of atOnce.results) expect(r.imagesCaptured).toBeGreaterThan(0);
    const [raw, summary] = atOnce.results;
    expect(raw!.bytesDownlinked).toBeGreaterThan(summary!.bytesDownlinked);
    atOnce.results.forEach((r, i) => {
      expect(JSON.stringify(r)).toBe(JSON.stringify(alone[i]!.results[0]));
    });
    expect(atOnce.execution).toEqual(alone[0]!.execution);
    // The clock's work is the same too (its mean step time is wall time, not compared).
    const work = (w: { rounds: number; stepsComputed: number; stepsSkipped: number }) => [
      w.rounds,
      w.stepsComputed,
      w.stepsSkipped,
    ];
    expect(atOnce.runClock.map(work)).toEqual(alone.map((a) => work(a.runClock[0]!)));
  }, 600_000);

  it("stops every mode's worker on abort and rejects with the interrupt", async () => {
    const c = loadConstellation(join(repoRoot, "constellations/eo-sso.yaml"));
    const startUnixMs = Date.parse(c.epoch);
    const stop = new AbortController();
    const seen = new Set<string>();
    const run = replay(c, [], {
      startUnixMs,
      durationMs: 3 * HOUR_MS,
      seed: 1,
      modes: ["summary", "hybrid"],
      survey: true,
      signal: stop.signal,
      onProgress(mode, t) {
        if (t > startUnixMs) seen.add(mode);
        if (seen.size === 2) stop.abort(new InterruptedError("SIGINT"));
      },
    });
    await expect(run).rejects.toBeInstanceOf(InterruptedError);
    expect([...seen].sort()).toEqual(["hybrid", "summary"]);
  }, 300_000);
});
