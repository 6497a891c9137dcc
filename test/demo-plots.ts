/**
 * What `npm start` (`constellate demo`) promises about its plots (src/cli/commands/demo.ts, README):
 * it writes them as SVG into out/demo and prints where, one path a line under "Plots (SVG, ...)".
 * Checked by test/doc-runner.ts on the README's own `npm start`, against the files on disk: every
 * printed path exists, was written by this run, is a whole SVG document, and every SVG in the
 * plot directory was printed.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { expect } from "vitest";

/** The paths listed under the demo's "Plots (SVG" line (indented, one a line, up to a blank line). */
export function printedPlotPaths(stdout: string): string[] {
  const lines = stdout.split("\n");
  const at = lines.findIndex((l) => l.startsWith("Plots (SVG"));
  if (at < 0) return [];
  const out: string[] = [];
  for (const l of lines.slice(at + 1)) {
    if (!/^\s+\S/.test(l)) break;
    out.push(l.trim());
  }
  return out;
}

/** The demo run in `cwd` since `sinceMs` (Unix ms) printed its plots and wrote each one there. */
export function expectDemoPlots(stdout: string, cwd: string, sinceMs: number): void {
  const printed = printedPlotPaths(stdout);
  // Two parts, the EO replay (backlog, time to insight) and the latency experiment (its RTT plot).
  expect(printed.length, stdout).toBeGreaterThanOrEqual(3);
  const dirs = new Set<string>();
  for (const p of printed) {
    const f = resolve(cwd, p);
    expect(f.endsWith(".svg"), p).toBe(true);
    const st = statSync(f);
    // Written by this run (mtime has 1 s resolution on some filesystems: allow it).
    expect(st.mtimeMs, p).toBeGreaterThanOrEqual(sinceMs - 1_000);
    const svg = readFileSync(f, "utf8").trim();
    expect(svg.startsWith("<svg"), p).toBe(true);
    expect(svg.endsWith("</svg>"), p).toBe(true);
    dirs.add(dirname(f));
  }
  // Every plot the run put in its directories is one it told the user about.
  for (const d of dirs) {
    const svgs = readdirSync(d)
      .filter((n) => n.endsWith(".svg"))
      .map((n) => join(d, n));
    expect(svgs.sort()).toEqual(
      printed
        .map((p) => resolve(cwd, p))
        .filter((f) => dirname(f) === d)
        .sort(),
    );
  }
}
