/**
 * A launch that fails before its run begins leaves nothing behind in its run dir (run-open.ts
 * discard): not the secret, not the lock, not the files it wrote (controller.json, logs,
 * apps-plan.json, app dirs), and not the dir when the launch made it; an existing dir keeps only
 * what it held. Each failure is one line, exit 2, and no host process outlives it. Failures at
 * three moments: planning the apps (before any server), serving --metrics (after the hosts
 * started), an external app exiting before it attached (after every node was up).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, runCli, STACK_LINE } from "./cli-helpers.js";

const YAML = resolve(repoRoot, "test/fixtures/plane10.yaml");
const FAILING_APP = `${process.execPath} ${resolve(repoRoot, "test/fixtures/exit-before-attach.mjs")}`;
const root = mkdtempSync(join(tmpdir(), "launch-early-failure-"));
let busy: Server;
let busyPort = 0;
beforeAll(async () => {
  busy = createServer();
  await new Promise<void>((r) => busy.listen(0, "127.0.0.1", r));
  busyPort = (busy.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise<void>((r) => busy.close(() => r()));
  rmSync(root, { recursive: true, force: true });
});

/** Processes whose command line names `dir` (a child host's spec holds its log path there). */
function processesNaming(dir: string): string[] {
  const r = spawnSync("pgrep", ["-af", dir], { encoding: "utf8" });
  return r.stdout.split("\n").filter((l) => l.trim() !== "" && !l.includes("pgrep"));
}

function launch(runDir: string, ...extra: string[]) {
  return runCli(["launch", YAML, "--clock", "realtime", "--duration", "5s", "--run-dir", runDir, ...extra], {
    timeoutMs: 120_000,
  });
}

function expectOneLineExit2(r: ReturnType<typeof runCli>, pattern: RegExp): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr).not.toMatch(STACK_LINE);
  const errors = r.stderr.split("\n").filter((l) => /^constellate: /.test(l) || /error/i.test(l));
  expect(errors, r.stderr).toHaveLength(1);
  expect(errors[0]).toMatch(pattern);
}

describe("launch failing before its run begins", () => {
  it("an app module that does not exist: the run dir it made is gone", () => {
    const runDir = join(root, "no-module");
    const r = launch(runDir, "--isolation", "inproc", "--app", join(root, "missing-app.ts"));
    expectOneLineExit2(r, /missing-app/);
    expect(existsSync(runDir)).toBe(false);
  });

  it("--metrics on a port in use, after the hosts started: no run dir, no host left", () => {
    const runDir = join(root, "metrics-busy");
    const r = launch(runDir, "--isolation", "pooled", "--hosts", "2", "--metrics", `127.0.0.1:${busyPort}`);
    expectOneLineExit2(r, /cannot listen there/);
    expect(existsSync(runDir)).toBe(false);
    expect(processesNaming(runDir)).toEqual([]);
  });

  it("an external app that exits before attaching, in an existing dir: only what the dir held stays", () => {
    const runDir = join(root, "existing");
    mkdirSync(runDir);
    writeFileSync(join(runDir, "notes.txt"), "the user's own file\n");
    const r = launch(runDir, "--isolation", "inproc", "--app", FAILING_APP);
    expectOneLineExit2(r, /exited with code 2 before attaching/);
    expect(readdirSync(runDir)).toEqual(["notes.txt"]);
  });
});
