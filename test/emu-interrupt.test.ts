/**
 * Ctrl-C at any moment: SIGINT to the whole process group (as a terminal sends it) at seeded random
 * instants of start-up, of the run, and of the shutdown (a second Ctrl-C while the first one's stop
 * is under way), 20 times across the three isolation modes, and three times during `replay`. Each
 * time: exit status 130, one line per signal and no stack trace, no process of the group left,
 * controller.json marked ended, no temporary or staging file left (TMPDIR is the test's own).
 *
 * How long the exit takes is measured in bench/ (module `interrupt`), not asserted here.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stageOutputDir } from "../src/util/output-dir.js";
import { STACK_LINE } from "./cli-helpers.js";

const root = resolve(import.meta.dirname, "..");

// The 10-satellite plane of emu-cli.test.ts: 12 nodes, one process each in `process` isolation.
const YAML = readFileSync(new URL("./fixtures/plane10-two-stations.yaml", import.meta.url), "utf8");

/** mulberry32 (Tommy Ettinger's public-domain 32-bit generator): a seeded, repeatable sequence. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The exit status as a shell reports it: the code, or 128 + the signal's number when a signal ended
 * the process (POSIX). A Ctrl-C that lands before any of our code runs (Node still loading the
 * modules) ends the process by the signal itself; there is nothing to clean up then, and the shell
 * shows 130 as well.
 */
function shellStatus(x: { code: number | null; signal: NodeJS.Signals | null }): number | null {
  if (x.code !== null) return x.code;
  const n: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 2, SIGTERM: 15, SIGKILL: 9 };
  return x.signal ? 128 + (n[x.signal] ?? 0) : null;
}

/** What a run left in its TMPDIR, but tsx's compile cache (only when running from sources). */
function leftInTmp(tmp: string): string[] {
  return readdirSync(tmp).filter((f) => !f.startsWith("tsx-"));
}

/** Live (non-zombie) members of a process group. */
function groupMembers(pgid: number): number[] {
  try {
    const out = execFileSync("ps", ["-o", "pid=,stat=", "-g", String(pgid)], { encoding: "utf8" });
    return out
      .split("\n")
      .map((l) => l.trim().split(/\s+/))
      .filter(([pid, stat]) => Number(pid) > 0 && !stat?.startsWith("Z"))
      .map(([pid]) => Number(pid));
  } catch {
    return []; // ps exits 1 when nothing matches
  }
}

function killGroup(pgid: number | undefined): void {
  if (!pgid) return;
  for (const p of groupMembers(pgid))
    try {
      process.kill(p, "SIGKILL");
    } catch {}
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Run {
  cli: ChildProcess;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startCli(args: string[], env: NodeJS.ProcessEnv): Run {
  let err = "";
  const cli = spawn(process.execPath, ["--import", "tsx", join(root, "src/cli/main.ts"), ...args], {
    cwd: root,
    detached: true, // its own process group: every descendant is found by pgid
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  cli.stderr!.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    cli.once("exit", (code, signal) => r({ code, signal })),
  );
  return { cli, stderr: () => err, exited };
}

async function until(pred: () => boolean, ms: number): Promise<boolean> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > ms) return false;
    await sleep(25);
  }
  return true;
}

/** The exit, waited for with a generous bound (a hang fails the test; the latency is the bench's). */
async function exitOf(r: Run): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const bound = new Promise<"hung">((res) => setTimeout(() => res("hung"), 30_000));
  const x = await Promise.race([r.exited, bound]);
  if (x === "hung") {
    killGroup(r.cli.pid);
    throw new Error(`no exit 30 s after SIGINT: ${r.stderr()}`);
  }
  return x;
}

/** After the exit: nothing of the group survives (children given a bounded while to notice). */
async function expectNoneLeft(pgid: number): Promise<void> {
  await until(() => groupMembers(pgid).length === 0, 5_000);
  expect(groupMembers(pgid)).toEqual([]);
}

type Phase = "start-up" | "run" | "shutdown";

describe("Ctrl-C during launch, 20 times at random instants", () => {
  const dir = mkdtempSync(join(tmpdir(), "emu-interrupt-"));
  const yaml = join(dir, "plane10.yaml");
  writeFileSync(yaml, YAML);
  const pgids: number[] = [];
  afterAll(() => {
    for (const p of pgids) killGroup(p);
    rmSync(dir, { recursive: true, force: true });
  });

  const rand = mulberry32(20261201);
  const isolations = ["process", "pooled", "inproc"] as const;
  const phases: Phase[] = ["start-up", "run", "shutdown"];
  const trials = Array.from({ length: 20 }, (_, k) => ({
    k,
    isolation: isolations[k % 3]!,
    phase: phases[Math.floor(k / 3) % 3]!,
    // Bounded delays, ms: start-up within the ~1-4 s it takes here; run and shutdown after "nodes up".
    delayMs: Math.floor(rand() * 1000 * (k % 2 === 0 ? 2.5 : 1.5)),
  }));

  for (const t of trials) {
    it(`#${t.k} ${t.isolation}, ${t.phase}, +${t.delayMs} ms: exit 130, nothing left`, async () => {
      const runDir = join(dir, `run-${t.k}`);
      const tmp = join(dir, `tmp-${t.k}`);
      mkdirSync(tmp);
      // The run phase on the realtime clock (until Ctrl-C); the shutdown phase also.
      const r = startCli(["launch", yaml, "--isolation", t.isolation, "--run-dir", runDir], { TMPDIR: tmp });
      const pgid = r.cli.pid!;
      pgids.push(pgid);
      const up = () => /nodes up/.test(r.stderr());
      let signals = 1;
      if (t.phase === "start-up") {
        await sleep(t.delayMs);
        process.kill(-pgid, "SIGINT");
      } else {
        expect(await until(up, 150_000), r.stderr()).toBe(true);
        await sleep(t.delayMs);
        process.kill(-pgid, "SIGINT");
        if (t.phase === "shutdown") {
          // A second Ctrl-C within the first one's stop: it forces.
          await sleep(Math.floor(t.delayMs / 10));
          if (r.cli.exitCode === null) {
            process.kill(-pgid, "SIGINT");
            signals = 2;
          }
        }
      }
      const x = await exitOf(r);
      expect(shellStatus(x), r.stderr()).toBe(130);
      // Once our code runs (always, after "nodes up"), the status is our own exit code.
      if (t.phase !== "start-up") expect(x.code).toBe(130);
      await expectNoneLeft(pgid);
      const err = r.stderr();
      expect(err).not.toMatch(STACK_LINE);
      expect(err).not.toMatch(/internal error/);
      // One line per signal handled (none when it came before there was anything to stop).
      expect(err.split("\n").filter((l) => /SIGINT/.test(l)).length).toBeLessThanOrEqual(signals);
      const ctl = join(runDir, "controller.json");
      if (existsSync(ctl)) {
        const info = JSON.parse(readFileSync(ctl, "utf8")) as { endedAtUnixMs?: number };
        expect(info.endedAtUnixMs, "controller.json marked ended").toBeGreaterThan(0);
      }
      if (t.phase === "run" && signals === 1) expect(existsSync(join(runDir, "summary.json"))).toBe(true);
      expect(leftInTmp(tmp)).toEqual([]);
      // Nothing half-written: atomic writes leave no temporary beside their target.
      if (existsSync(runDir)) expect(readdirSync(runDir).filter((f) => /\.tmp/.test(f))).toEqual([]);
    }, 240_000);
  }
});

describe("Ctrl-C during replay", () => {
  const dir = mkdtempSync(join(tmpdir(), "replay-interrupt-"));
  const pgids: number[] = [];
  afterAll(() => {
    for (const p of pgids) killGroup(p);
    rmSync(dir, { recursive: true, force: true });
  });
  const rand = mulberry32(7);
  // eo-sso, 5 requests, 20 min: ~15 s on an idle machine, of which planning and start-up ~8 s.
  // Ctrl-C once the first mode runs ("nodes up" in its log is not printed: wait for the run dir).
  for (const k of [0, 1, 2, 3]) {
    // #0, #1: from the spawn (start-up, planning); #2, #3: once the first mode runs.
    const delayMs = Math.floor(rand() * (k < 2 ? 3000 : 2000));
    it(`#${k} +${delayMs} ms: exit 130, no staging dir, no temporary dir`, async () => {
      const tmp = join(dir, `tmp-${k}`);
      mkdirSync(tmp);
      const out = join(dir, `out-${k}`);
      const args = ["replay", join(root, "constellations/eo-sso.yaml"), "gen:land:5", "--duration", "20m"];
      // Every other run writes --out (staged), the others use a temporary run dir.
      const r = startCli(k % 2 === 0 ? [...args, "--out", out] : args, { TMPDIR: tmp });
      const pgid = r.cli.pid!;
      pgids.push(pgid);
      // The first mode has begun when its run dir exists (in the staged --out, or the temporary one).
      const modeBegun = () =>
        k % 2 === 0
          ? readdirSync(dir).some(
              (f) => f.startsWith(`.out-${k}.staging-`) && existsSync(join(dir, f, "runs")),
            )
          : leftInTmp(tmp).some((f) => f.startsWith("constellate-replay-"));
      if (k >= 2) expect(await until(modeBegun, 150_000), r.stderr()).toBe(true);
      await sleep(delayMs);
      process.kill(-pgid, "SIGINT");
      const x = await exitOf(r);
      // A replay that finished before the signal could exit 0; these delays fall well before its end.
      expect(shellStatus(x), r.stderr()).toBe(130);
      // Once a mode runs, the handler is installed: our own exit code, not the signal's end.
      if (k >= 2) expect(x.code).toBe(130);
      await expectNoneLeft(pgid);
      expect(r.stderr()).not.toMatch(STACK_LINE);
      expect(leftInTmp(tmp)).toEqual([]);
      const staging = () => readdirSync(dir).filter((f) => f.startsWith(`.out-${k}.staging-`));
      if (x.signal === "SIGINT") {
        // Ended by the signal itself, while planning (no handler yet): the staging dir of a process
        // that no longer runs goes at the next stage of the same --out.
        stageOutputDir(out).abort();
      }
      expect(staging()).toEqual([]);
      expect(existsSync(out)).toBe(false);
    }, 120_000);
  }
});
