/**
 * `constellate status` (and ping, trace, stop) without --run-dir: the newest run dir whose launch is
 * still running, which is one whose controller.json is not marked ended, whose pid lives, and whose
 * lock that pid holds. Ended runs are newer on disk than live ones (ending rewrites controller.json),
 * and a run made through the API ends inside a process that lives on: the pid alone picked those.
 * With none running, one line says so (exit 2).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { launchEnded, runningRunDir } from "../src/emu/run-client.js";
import { type ControllerInfo, writeControllerInfo } from "../src/emu/run-dir.js";
import { LOCK_FILE } from "../src/emu/run-lock.js";
import { runCli, STACK_LINE } from "./cli-helpers.js";

const root = mkdtempSync(join(tmpdir(), "status-live-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A pid that existed and has exited (spawnSync reaps it). */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid!;

/** A run dir under `runs` as a launch leaves it; `ageS`: how long ago controller.json was written. */
function runDir(
  runs: string,
  name: string,
  o: { pid: number; lockPid?: number; ended?: boolean; ageS: number },
): string {
  const dir = join(runs, name);
  mkdirSync(dir, { recursive: true });
  const info: ControllerInfo = {
    address: "127.0.0.1:9",
    pid: o.pid,
    name,
    isolation: "inproc",
    startedAtUnixMs: Date.now() - o.ageS * 1000,
    virtualStartMs: 0,
    speed: 1,
    nodes: 1,
    ...(o.ended ? { endedAtUnixMs: Date.now() } : {}),
  };
  writeControllerInfo(dir, info);
  if (o.lockPid !== undefined) writeFileSync(join(dir, LOCK_FILE), `${o.lockPid}\n`);
  const t = new Date(Date.now() - o.ageS * 1000);
  utimesSync(join(dir, "controller.json"), t, t);
  return dir;
}

function withRuns<T>(runs: string, fn: () => T): T {
  const was = process.env.CONSTELLATE_RUNS;
  process.env.CONSTELLATE_RUNS = runs;
  try {
    return fn();
  } finally {
    if (was === undefined) delete process.env.CONSTELLATE_RUNS;
    else process.env.CONSTELLATE_RUNS = was;
  }
}

describe("the running launch, without --run-dir", () => {
  it("is the newest whose pid lives and holds the lock, not a newer ended one", () => {
    const runs = join(root, "mixed");
    const me = process.pid; // alive for the whole test, as a launch's process is
    // Newest first on disk: each of these ended, though its pid may still be alive.
    runDir(runs, "ended-marked", { pid: me, ended: true, ageS: 10 });
    runDir(runs, "ended-in-a-live-process", { pid: me, ageS: 20 }); // lock released, not marked
    runDir(runs, "lock-of-another-pid", { pid: me, lockPid: deadPid(), ageS: 30 });
    runDir(runs, "dead-pid", { pid: deadPid(), lockPid: deadPid(), ageS: 40 });
    const live = runDir(runs, "live", { pid: me, lockPid: me, ageS: 50 });
    runDir(runs, "older-live", { pid: me, lockPid: me, ageS: 60 });
    expect(withRuns(runs, () => runningRunDir())).toBe(live);
    expect(launchEnded(live)).toBeNull();
    expect(launchEnded(join(runs, "ended-marked"))).toBe(`its launch (pid ${me}) has ended`);
    expect(launchEnded(join(runs, "ended-in-a-live-process"))).toMatch(/holds no lock/);
  });

  it("given as --run-dir, an ended run whose pid lives on is refused at once", () => {
    const runs = join(root, "given");
    const dir = runDir(runs, "ended", { pid: process.pid, ended: true, ageS: 1 });
    expect(() => runningRunDir(dir)).toThrow(
      `no launch is running there: its launch (pid ${process.pid}) has ended`,
    );
  });

  it("with none running, `status` says so in one line, exit 2", () => {
    const runs = join(root, "cli");
    runDir(runs, "a", { pid: process.pid, ended: true, ageS: 1 });
    runDir(runs, "b", { pid: process.pid, ageS: 2 });
    runDir(runs, "c", { pid: deadPid(), lockPid: deadPid(), ageS: 3 });
    const r = withRuns(runs, () => runCli(["status"]));
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).not.toMatch(STACK_LINE);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/no launch is running \(3 run dirs there, every launch ended\)/);
  });
});
