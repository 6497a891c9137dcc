/**
 * The README runs as written: every command of README.md's first two ```sh blocks (install, first
 * steps, the replay and the launch followed by status, ping and trace) through test/doc-runner.ts.
 * The README's later blocks are test/readme-commands-2.test.ts, docs/*.md test/docs-commands.test.ts:
 * one file each so vitest's two workers share them (it schedules by file; together they took 305 s).
 */
import { describe, expect, it } from "vitest";
import { repoRoot } from "./cli-helpers.js";
import { allDocCommands } from "./doc-commands.js";
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

  it("each command is run by exactly one of the three files", () => {
    const shares = [README_FIRST, README_LATER, DOCS].map((f) => commands.filter(f).length);
    expect(shares.every((n) => n > 0)).toBe(true);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(commands.length);
  });
});

describeDocCommands("README.md, its first two sh blocks, runs as written", commands.filter(README_FIRST));
