/**
 * `constellate launch --clock virtual|realtime --duration d`: with the virtual clock launch exits by
 * itself when the scenario time is reached; summary.json says which clock ran, how much scenario
 * time (counted from when every node is up) and how much wall time; a realtime run also reports how
 * late its steps went out. Bad combinations are input errors (exit 2, one line).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, STACK_LINE } from "./cli-helpers.js";

const YAML = `name: plane4
epoch: "2026-01-01T00:00:00Z"
shells:
  - name: p
    walker: { altitudeKm: 550, inclinationDeg: 53, planes: 1, satsPerPlane: 10, phasing: 0, raanSpreadDeg: 360, eccentricity: 0.0001 }
    isl: { maxRangeKm: 5000 }
groundStations:
  stations:
    - { name: "Quito", latDeg: -0.18, lonDeg: -78.47, altM: 0 }
`;

/** Run launch to its end; it must exit on its own (the test's timeout is the only wall bound). */
function launch(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const root = resolve(import.meta.dirname, "..");
  const cli = spawn(process.execPath, ["--import", "tsx", join(root, "src/cli/main.ts"), "launch", ...args], {
    cwd: root,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  cli.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((r) => cli.once("exit", (code) => r({ code, stderr })));
}

describe("launch --clock and summary.json", () => {
  const dir = mkdtempSync(join(tmpdir(), "emu-launch-clock-"));
  const yaml = join(dir, "plane.yaml");
  writeFileSync(yaml, YAML);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("virtual: runs the duration as fast as it can and exits; summary.json has clock, scenarioS, wallS", async () => {
    const runDir = join(dir, "virtual");
    const r = await launch([
      yaml,
      "--duration",
      "10min",
      "--isolation",
      "pooled",
      "--hosts",
      "2",
      "--run-dir",
      runDir,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/virtual clock/);
    const s = JSON.parse(readFileSync(join(runDir, "summary.json"), "utf8")) as Record<string, unknown>;
    expect(s["clock"]).toBe("virtual");
    expect(s["scenarioS"]).toBe(600);
    expect(typeof s["wallS"]).toBe("number");
    expect(s["wallS"] as number).toBeGreaterThan(0);
    expect(s["lag"]).toBeUndefined();
    // Nothing happened in those 10 minutes: no step was needed but the first.
    expect(s["stepsSkipped"] as number).toBeGreaterThan(0);
  }, 120_000);

  it("realtime: paced at --speed, summary.json reports the steps' lag", async () => {
    const runDir = join(dir, "realtime");
    const r = await launch([
      yaml,
      "--clock",
      "realtime",
      "--speed",
      "2",
      "--duration",
      "4s",
      "--isolation",
      "inproc",
      "--run-dir",
      runDir,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(readFileSync(join(runDir, "summary.json"), "utf8")) as {
      clock: string;
      scenarioS: number;
      wallS: number;
      lag: { p50Ms: number; p99Ms: number; maxMs: number; stepsLate: number };
    };
    expect(s.clock).toBe("realtime");
    // The duration is scenario time, counted from when every node was up.
    expect(s.scenarioS).toBeGreaterThanOrEqual(4);
    expect(s.wallS).toBeGreaterThan(0);
    for (const k of ["p50Ms", "p99Ms", "maxMs", "stepsLate"] as const)
      expect(s.lag[k]).toBeGreaterThanOrEqual(0);
    expect(s.lag.p50Ms).toBeLessThanOrEqual(s.lag.p99Ms);
    expect(s.lag.p99Ms).toBeLessThanOrEqual(s.lag.maxMs);
  }, 120_000);

  it("refuses the virtual clock without a duration, and --speed with it (exit 2, one line)", () => {
    for (const args of [
      ["launch", yaml, "--clock", "virtual"],
      ["launch", yaml, "--duration", "1min", "--speed", "3"],
      ["launch", yaml, "--clock", "sometimes", "--duration", "1min"],
    ]) {
      const r = runCli(args);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).not.toMatch(STACK_LINE);
    }
  });
});
