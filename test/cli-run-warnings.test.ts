/**
 * The element-set sanity warnings reach `latency` and `launch` as they reach `info` and `catalog`:
 * one `warning:` line each on stderr, then the count, and the list in the command's JSON output
 * (latency --format json and --out latency.json; launch's summary.json). The decay check covers the
 * run's own window, so a run that ends before the decaying object fails does not warn of it.
 *
 * The catalog: four hand-made TLEs (test/tle-fixture.ts) against a run starting 2023-07-18T00:00Z
 * (2023 day 199): HEALTHY (epoch day 199, 15.5 rev/day), OLD (day 190: 9 days before the start, over
 * the 7-day threshold), FALLING (16.5 rev/day with BSTAR 0.1 /earth radii: drag ends it within the
 * first hour), FAST (16.6 rev/day, above the 16.5 rev/day bound).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, STACK_LINE } from "./cli-helpers.js";
import { tle } from "./tle-fixture.js";

const tmp = mkdtempSync(join(tmpdir(), "constellate-run-warnings-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

writeFileSync(join(tmp, "ok.tle"), tle("HEALTHY", "90001", "23199.00000000", "15.50000000", " 00000-0"));
writeFileSync(join(tmp, "old.tle"), tle("OLD", "90002", "23190.00000000", "15.50000000", " 00000-0"));
writeFileSync(join(tmp, "low.tle"), tle("FALLING", "90003", "23199.00000000", "16.50000000", " 10000-1"));
writeFileSync(join(tmp, "fast.tle"), tle("FAST", "90004", "23199.00000000", "16.60000000", " 00000-0"));

function yaml(name: string, shells: string[]): string {
  const path = join(tmp, `${name}.yaml`);
  writeFileSync(
    path,
    `name: ${name}\nepoch: "2023-07-18T00:00:00Z"\nshells:\n` +
      shells
        .map(
          (n) =>
            `  - name: ${n}\n    elements: { file: ${n}.tle, format: tle }\n    isl: { pattern: none }\n`,
        )
        .join("") +
      "groundStations:\n  stations:\n" +
      "    - { name: London, latDeg: 51.5, lonDeg: -0.13 }\n" +
      "    - { name: Paris, latDeg: 48.86, lonDeg: 2.35 }\n",
  );
  return path;
}
const problems = yaml("problems", ["ok", "old", "low", "fast"]);
const healthy = yaml("healthy", ["ok"]);

interface Warning {
  kind: string;
  satellite: string;
  message: string;
}

/** The warning lines and the count line, in order, against the JSON list. */
function expectWarningLines(stderr: string, warnings: Warning[]): void {
  const lines = stderr.split("\n").filter((l) => l.startsWith("warning: ") || /^\d+ warnings?$/.test(l));
  expect(lines).toEqual([
    ...warnings.map((w) => `warning: ${w.message}`),
    `${warnings.length} warning${warnings.length === 1 ? "" : "s"}`,
  ]);
  expect(stderr).not.toMatch(STACK_LINE);
}

const kinds = (ws: Warning[]) => ws.map((w) => [w.satellite, w.kind]);

describe("latency: catalog warnings", () => {
  it("a 1 h run: stale, decayed and implausible on stderr with the count, and in --format json and --out latency.json", () => {
    const out = join(tmp, "latency-out");
    const r = runCli([
      "latency",
      problems,
      "--pair",
      "London:Paris",
      "--duration",
      "1h",
      "--step",
      "10min",
      "--format",
      "json",
      "--out",
      out,
    ]);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { pairs: unknown[]; warnings: Warning[] };
    expect(doc.pairs).toHaveLength(1);
    expect(kinds(doc.warnings)).toEqual([
      ["OLD", "stale-epoch"],
      ["FALLING", "decayed"],
      ["FAST", "implausible-mean-motion"],
    ]);
    expect(doc.warnings[0]!.message).toMatch(/OLD: .* is 9\.0 days before the run start/);
    expectWarningLines(r.stderr, doc.warnings);
    const file = JSON.parse(readFileSync(join(out, "latency.json"), "utf8")) as { warnings: Warning[] };
    expect(file.warnings).toEqual(doc.warnings);
  }, 60_000);

  it("the decay check is the run's window: 10 s from the start does not reach FALLING's decay; a table run still warns", () => {
    const r = runCli(["latency", problems, "--pair", "London:Paris", "--duration", "10s", "--step", "5s"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^warning: OLD: /m);
    expect(r.stderr).toMatch(/^warning: FAST: /m);
    expect(r.stderr).not.toMatch(/FALLING/);
    expect(r.stderr).toMatch(/^2 warnings$/m);
    expect(r.stdout).toMatch(/London/);
  }, 60_000);

  it("a healthy catalog: no warning lines and an empty list", () => {
    const r = runCli([
      "latency",
      healthy,
      "--pair",
      "London:Paris",
      "--duration",
      "10s",
      "--step",
      "5s",
      "--format",
      "json",
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/^warning: |^\d+ warnings?$/m);
    expect((JSON.parse(r.stdout) as { warnings: unknown[] }).warnings).toEqual([]);
  }, 60_000);
});

describe("launch: catalog warnings", () => {
  it("inproc, virtual clock, 00:20 + 10 min (FALLING decays inside): stderr lines and count before the run, the list in summary.json", () => {
    const runDir = join(tmp, "run");
    const r = runCli([
      "launch",
      problems,
      "--isolation",
      "inproc",
      "--from",
      "2023-07-18T00:20:00Z",
      "--duration",
      "10min",
      "--run-dir",
      runDir,
    ]);
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(runDir, "summary.json"), "utf8")) as { warnings: Warning[] };
    expect(kinds(summary.warnings)).toEqual([
      ["OLD", "stale-epoch"],
      ["FALLING", "decayed"],
      ["FAST", "implausible-mean-motion"],
    ]);
    expect(summary.warnings[0]!.message).toMatch(/is 9\.0 days before the run start 2023-07-18T00:20:00Z/);
    expectWarningLines(r.stderr, summary.warnings);
    // The warnings come before the nodes start, so a user sees them while waiting.
    expect(r.stderr.indexOf("3 warnings")).toBeLessThan(r.stderr.indexOf("nodes up"));
  }, 90_000);

  it("a healthy catalog: summary.json has an empty list and stderr no warning", () => {
    const runDir = join(tmp, "run-healthy");
    const r = runCli(["launch", healthy, "--isolation", "inproc", "--duration", "2s", "--run-dir", runDir]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/^warning: |^\d+ warnings?$/m);
    const summary = JSON.parse(readFileSync(join(runDir, "summary.json"), "utf8")) as { warnings: unknown[] };
    expect(summary.warnings).toEqual([]);
  }, 90_000);
});
