/**
 * The README runs as written: every command of README.md's first two ```sh blocks (install, first
 * steps, the replay and the launch followed by status, ping and trace) through test/doc-runner.ts.
 * The README's later blocks are test/readme-commands-2.test.ts, docs/*.md test/docs-commands.test.ts:
 * one file each so vitest's two workers share them (it schedules by file; together they took 305 s).
 */

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./cli-helpers.js";
import { allDocCommands, COMMAND_LINE, docFiles, unrunCommandBlocks } from "./doc-commands.js";
import { describeDocCommands } from "./doc-runner.js";
import { DOCS, README_FIRST, README_LATER } from "./doc-shares.js";

const commands = allDocCommands(repoRoot);

describe("the documented commands", () => {
  it("the docs hold commands, and the README's launch is followed by status, ping and trace", () => {
    const texts = commands.map((c) => c.text);
    expect(texts.some((t) => t.startsWith("npx constellate launch"))).toBe(true);
    for (const sub of ["status", "ping", "trace"])
      expect(texts.some((t) => t.startsWith(`npx constellate ${sub}`))).toBe(true);
  });

  it("every code block of README.md and docs/*.md with a command line is a ```sh block (so it is run)", () => {
    // The check itself: a bare fence, a ```text fence and an indented block with a command are found.
    expect(COMMAND_LINE.test("npx constellate info x.yaml")).toBe(true);
    expect(COMMAND_LINE.test("CONSTELLATE_BENCH_SOAK=1 node dist/bench/run.js soak")).toBe(true);
    expect(COMMAND_LINE.test("curl -s http://127.0.0.1:9464/metrics")).toBe(true);
    expect(COMMAND_LINE.test(" constellate view (Node)      browser")).toBe(false);
    expect(COMMAND_LINE.test("node.send(x)")).toBe(false);
    const probe = join(mkdtempSync(join(tmpdir(), "doc-fences-")), "probe.md");
    writeFileSync(
      probe,
      [
        "```",
        "constellate info a.yaml",
        "```",
        "```text",
        "npm run build",
        "```",
        "```sh",
        "npx constellate info a.yaml",
        "```",
        "```yaml",
        "name: a",
        "```",
        "",
        "    curl -s http://127.0.0.1:1/metrics",
        "",
      ].join("\n"),
    );
    expect(unrunCommandBlocks(probe, "probe.md").map((u) => u.split(" ")[0])).toEqual([
      "probe.md:2",
      "probe.md:5",
      "probe.md:14",
    ]);
    rmSync(dirname(probe), { recursive: true });
    const unrun = docFiles(repoRoot).flatMap((f) => unrunCommandBlocks(join(repoRoot, f), f));
    expect(unrun).toEqual([]);
  });

  it("each command is run by exactly one of the three files", () => {
    const shares = [README_FIRST, README_LATER, DOCS].map((f) => commands.filter(f).length);
    expect(shares.every((n) => n > 0)).toBe(true);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(commands.length);
  });
});

describeDocCommands("README.md, its first two sh blocks, runs as written", commands.filter(README_FIRST));
