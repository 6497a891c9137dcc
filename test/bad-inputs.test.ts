/**
 * The bad-input corpus (test/bad-inputs/cases.ts, 200+ cases in families): each must end with exit
 * status 2 and exactly one line on stderr that says what is wrong (matching the case's pattern),
 * no stack trace, within a bound, and leave every file in the sandbox as it was. Run in this process
 * through the CLI's main(argv) for speed; the families that could hang or crash a process
 * (/dev/zero, huge counts, deep nesting) also run as real processes.
 */
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { corpus } from "./bad-inputs/cases.js";
import { makeSandbox, SECRET, snapshot } from "./bad-inputs/sandbox.js";
import { runCli, STACK_LINE } from "./cli-helpers.js";

const sb = makeSandbox();
afterAll(() => sb.cleanup());
const cases = corpus(sb);

/** Per-case bound: generous for a loaded 2-core machine; a hang, not slowness, is what it catches. */
const CASE_TIMEOUT_MS = 30_000;

async function runInProcess(argv: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  let stderr = "";
  let stdout = "";
  const errWrite = process.stderr.write;
  const outWrite = process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString();
    return true;
  }) as typeof process.stderr.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString();
    return true;
  }) as typeof process.stdout.write;
  try {
    const code = await main(["node", "constellate", ...argv]);
    return { code, stderr, stdout };
  } catch (e) {
    // Not an input error: main rethrows bugs. Report it as the case's stderr to fail visibly.
    return { code: 70, stderr: `${stderr}${e instanceof Error ? e.stack : String(e)}`, stdout };
  } finally {
    process.stderr.write = errWrite;
    process.stdout.write = outWrite;
  }
}

describe("bad inputs: one clear line, exit 2, nothing written", () => {
  it("the corpus holds at least 200 cases in every family", () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    const families = new Set(cases.map((c) => c.family));
    for (const f of [
      "usage",
      "flags",
      "dates",
      "durations",
      "names",
      "yaml",
      "elements",
      "workloads",
      "generators",
      "outputs",
      "runs",
    ])
      expect(families).toContain(f);
    expect(new Set(cases.map((c) => `${c.family}: ${c.name}`)).size).toBe(cases.length);
  });

  it.each(cases.map((c) => [`${c.family}: ${c.name}`, c] as const))(
    "%s",
    async (_label, c) => {
      const before = snapshot(sb.dir);
      const r = await runInProcess(c.argv);
      const lines = r.stderr.split("\n").filter((l) => l !== "");
      expect(r.stderr, "no stack trace").not.toMatch(STACK_LINE);
      expect(lines, `exactly one line on stderr, got:\n${r.stderr}`).toHaveLength(1);
      expect(lines[0]).toMatch(/^constellate: /);
      expect(lines[0]).toMatch(c.expect);
      expect(lines[0], "never echoes a named file's content").not.toContain(SECRET);
      expect(r.code).toBe(2);
      expect(snapshot(sb.dir), "outputs untouched").toEqual(before);
    },
    CASE_TIMEOUT_MS,
  );
});

describe("bad inputs as real processes (the ones that hung or crashed)", () => {
  const real: [string, string[], RegExp][] = [
    [
      "/dev/zero as an element file",
      [
        "info",
        sb.yaml("real-zero", (s) =>
          s.replace(/walker: \{[^}]*\}/, 'elements: { file: "/dev/zero", format: tle }'),
        ),
      ],
      /not a regular file/,
    ],
    [
      "gen:land:1000000000000",
      ["replay", sb.p("good.yaml"), "gen:land:1000000000000"],
      /expected gen:<kind>:<count>/,
    ],
    [
      "1e10 satellites",
      [
        "info",
        sb.yaml("real-huge", (s) =>
          s.replace("planes: 4, satsPerPlane: 4", "planes: 100000, satsPerPlane: 100000"),
        ),
      ],
      /above the limit/,
    ],
    [
      "--from +275760-09-13T00:00:00Z",
      ["positions", sb.p("good.yaml"), "--at", "+275760-09-13T00:00:00Z"],
      /not an ISO 8601 time/,
    ],
    ["--out onto a file", ["export-hypatia", sb.p("good.yaml"), "--out", sb.p("out-file")], /it is a file/],
    ["an unknown command", ["positon", sb.p("good.yaml")], /did you mean positions\?/],
  ];
  it.each(real)(
    "%s",
    (_name, argv, re) => {
      const before = snapshot(sb.dir);
      const r = runCli(argv, { timeoutMs: CASE_TIMEOUT_MS });
      expect(r.stderr).not.toMatch(STACK_LINE);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(re);
      expect(r.status).toBe(2);
      expect(snapshot(sb.dir)).toEqual(before);
    },
    CASE_TIMEOUT_MS + 5_000,
  );
});
