/**
 * `constellate info` on element-set shells with problems: the sanity warnings on stderr (one line
 * each, then "N warnings") and in `--format json`, and a shell altitude that stays physical for a
 * 16.5 rev/day element set SGP4 cannot carry through one orbit (Kepler: a = 6,517.5 km, 139.3 km up).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, STACK_LINE } from "./cli-helpers.js";
import { tle } from "./tle-fixture.js";

const tmp = mkdtempSync(join(tmpdir(), "constellate-info-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// 2023 day 199 = 18 July (31+28+31+30+31+30 = 181 days to 30 June); day 190 = 9 July, 9 days earlier.
writeFileSync(join(tmp, "ok.tle"), tle("HEALTHY", "90001", "23199.00000000", "15.50000000", " 00000-0"));
writeFileSync(join(tmp, "old.tle"), tle("OLD", "90002", "23190.00000000", "15.50000000", " 00000-0"));
writeFileSync(join(tmp, "low.tle"), tle("FALLING", "90003", "23199.00000000", "16.50000000", " 10000-1"));
writeFileSync(join(tmp, "fast.tle"), tle("FAST", "90004", "23199.00000000", "16.60000000", " 00000-0"));
const yaml = join(tmp, "c.yaml");
writeFileSync(
  yaml,
  `name: problems\nepoch: "2023-07-18T00:00:00Z"\nshells:\n` +
    ["ok", "old", "low", "fast"]
      .map((n) => `  - name: ${n}\n    elements: { file: ${n}.tle, format: tle }\n`)
      .join(""),
);

describe("constellate info: catalog warnings", () => {
  it("--format json carries a warnings array; stderr has one line each and the count", () => {
    const r = runCli(["info", yaml, "--format", "json"]);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      shells: { shell: string; meanAltitudeKm: number }[];
      warnings: { kind: string; satellite: string; index: number; message: string }[];
    };
    expect(out.warnings.map((w) => [w.satellite, w.kind])).toEqual([
      ["OLD", "stale-epoch"],
      ["FALLING", "decayed"],
      ["FAST", "implausible-mean-motion"],
    ]);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe("3 warnings");
    for (const [k, w] of out.warnings.entries()) expect(lines[k]).toBe(`warning: ${w.message}`);
    expect(lines[0]).toMatch(/OLD: .* is 9\.0 days before the run start/);
    // 16.5 rev/day: a = (mu / n^2)^(1/3) = 6,517.47 km (mu = 398,600.8), 139.3 km above 6,378.135 km.
    const low = out.shells.find((s) => s.shell === "low")!;
    expect(low.meanAltitudeKm).toBeGreaterThan(139.3 - 3);
    expect(low.meanAltitudeKm).toBeLessThan(139.3 + 3);
    // 16.6 rev/day propagates: its one-orbit mean altitude is near Kepler's 113.1 km.
    const fast = out.shells.find((s) => s.shell === "fast")!;
    expect(Math.abs(fast.meanAltitudeKm - 113.1)).toBeLessThan(5);
  });

  it("--from moves the run start: 10 days later every element set is stale; a table run still warns on stderr", () => {
    const r = runCli(["info", yaml, "--from", "2023-07-28T00:00:00Z", "--hours", "1"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stderr.match(/stale after 7 days/g)).toHaveLength(4);
    expect(r.stdout).toMatch(/problems: 4 satellites in 4 shell\(s\)/);
  });

  it("a Walker constellation gets no warnings and prints nothing on stderr", () => {
    const r = runCli(["info", "constellations/kuiper-630.yaml", "--format", "json"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    expect((JSON.parse(r.stdout) as { warnings: unknown[] }).warnings).toEqual([]);
  });
});
