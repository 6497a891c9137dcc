/**
 * CLI conventions: --version, a quiet end when the reader of stdout goes away, human table headers
 * beside machine CSV names, NO_COLOR, "did you mean" for near names, and the lazy command table.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../src/cli/commands/index.js";
import { humanHeader } from "../src/report/table.js";
import { colorWanted } from "../src/util/log.js";
import { nearestName } from "../src/util/suggest.js";
import { repoRoot, runCli, STACK_LINE } from "./cli-helpers.js";

describe("CLI conventions", () => {
  it("--version prints package.json's version", () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string };
    const r = runCli(["--version"]);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it("--help lists every command of the table, each with its summary", () => {
    const r = runCli(["--help"]);
    expect(r.status).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toContain(c.name);
    expect(COMMANDS.map((c) => c.name)).toContain("launch");
  });

  it("positions | head ends quietly: no EPIPE trace, status 0", () => {
    // starlink-gen1 prints 4,408 rows (~0.6 MB), far above a pipe's 64 KiB buffer, so the writer
    // is still writing when head exits after 2 lines.
    const cmd = `set -o pipefail; node --import tsx src/cli/main.ts positions constellations/starlink-gen1.yaml | head -n 2 >/dev/null; echo "rc=\${PIPESTATUS[0]}"`;
    const r = spawnSync("bash", ["-c", cmd], { cwd: repoRoot, encoding: "utf8", timeout: 60_000 });
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stderr).not.toMatch(/EPIPE/);
    expect(r.stdout.trim()).toBe("rc=0");
  });

  it("tables show human headers; CSV keeps the machine names", () => {
    const args = ["passes", "constellations/eo-sso.yaml", "--station", "Svalbard SvalSat", "--hours", "3"];
    const table = runCli(args);
    const csv = runCli([...args, "--format", "csv"]);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/max elevation \(deg\)\s+duration \(s\)/);
    expect(table.stdout).not.toContain("maxElevationDeg");
    expect(csv.stdout.split("\n")[0]).toBe("satellite,name,aos,tca,los,maxElevationDeg,durationS");
  });

  it("humanHeader: units in parentheses, acronyms in capitals, words left alone", () => {
    expect(humanHeader("rttMs")).toBe("RTT (ms)");
    expect(humanHeader("maxElevationDeg")).toBe("max elevation (deg)");
    expect(humanHeader("fiberX1.5RttMs")).toBe("fiber x1.5 RTT (ms)");
    expect(humanHeader("altKm")).toBe("alt (km)");
    expect(humanHeader("nodesUp")).toBe("nodes up");
    expect(humanHeader("steps")).toBe("steps");
    expect(humanHeader("images captured")).toBe("images captured");
  });

  it("NO_COLOR (non-empty) turns colour off; empty or absent leaves it on (no-color.org)", () => {
    const saved = process.env.NO_COLOR;
    try {
      process.env.NO_COLOR = "1";
      expect(colorWanted()).toBe(false);
      process.env.NO_COLOR = "";
      expect(colorWanted()).toBe(true);
      delete process.env.NO_COLOR;
      expect(colorWanted()).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.NO_COLOR;
      else process.env.NO_COLOR = saved;
    }
  });

  it("suggestions: a typo or a unique part finds the name; a stranger finds none", () => {
    const cities = ["London", "New York", "Tokyo", "Los Angeles", "Svalbard SvalSat"];
    expect(nearestName("Londn", cities)).toBe("London");
    expect(nearestName("new yrok", cities)).toBe("New York");
    expect(nearestName("Svalbard", cities)).toBe("Svalbard SvalSat");
    expect(nearestName("Atlantis", cities)).toBeUndefined();
    expect(nearestName("", cities)).toBeUndefined();
  });

  it("an unknown station on the command line suggests the near one, in one line", () => {
    const r = runCli(["passes", "constellations/starlink-shell1.yaml", "--station", "Londn"]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(
      'constellate: constellations/starlink-shell1.yaml, field --station, value "Londn": unknown ground station (did you mean "London"?)',
    );
  });
});
