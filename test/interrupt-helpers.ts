/**
 * Ctrl-C at any moment (test/emu-interrupt.test.ts, emu-interrupt-2.test.ts, replay-interrupt.test.ts):
 * SIGINT to the whole process group (as a terminal sends it) at seeded random instants, and what
 * every such exit must leave: exit status 130, one line per signal and no stack trace, no process of
 * the group, controller.json marked ended, no temporary or staging file (TMPDIR is the test's own).
 * The 20 launch instants are one seeded list, split over two files so vitest's two workers share
 * them (it schedules by file).
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
import { STACK_LINE } from "./cli-helpers.js";

export const root = resolve(import.meta.dirname, "..");

/** mulberry32 (Tommy Ettinger's public-domain 32-bit generator): a seeded, repeatable sequence. */
export function mulberry32(seed: number): () => number {
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
export function shellStatus(x: { code: number | null; signal: NodeJS.Signals | null }): number | null {
  if (x.code !== null) return x.code;
  const n: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 2, SIGTERM: 15, SIGKILL: 9 };
  return x.signal ? 128 + (n[x.signal] ?? 0) : null;
}

/** What a run left in its TMPDIR, but tsx's compile cache (only when running from sources). */
export function leftInTmp(tmp: string): string[] {
  return readdirSync(tmp).filter((f) => !f.startsWith("tsx-"));
}

/** Live (non-zombie) members of a process group. */
export function groupMembers(pgid: number): number[] {
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

export function killGroup(pgid: number | undefined): void {
  if (!pgid) return;
  for (const p of groupMembers(pgid))
    try {
      process.kill(p, "SIGKILL");
    } catch {}
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Run {
  cli: ChildProcess;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startCli(args: string[], env: NodeJS.ProcessEnv): Run {
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

export async function until(pred: () => boolean, ms: number): Promise<boolean> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > ms) return false;
    await sleep(25);
  }
  return true;
}

/** The exit, waited for with a generous bound (a hang fails the test; the latency is the bench's). */
export async function exitOf(r: Run): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const bound = new Promise<"hung">((res) => setTimeout(() => res("hung"), 30_000));
  const x = await Promise.race([r.exited, bound]);
  if (x === "hung") {
    killGroup(r.cli.pid);
    throw new Error(`no exit 30 s after SIGINT: ${r.stderr()}`);
  }
  return x;
}

/** After the exit: nothing of the group survives (children given a bounded while to notice). */
export async function expectNoneLeft(pgid: number): Promise<void> {
  await until(() => groupMembers(pgid).length === 0, 5_000);
  expect(groupMembers(pgid)).toEqual([]);
}

export type Phase = "start-up" | "run" | "shutdown";

export interface LaunchTrial {
  k: number;
  isolation: "process" | "pooled" | "inproc";
  phase: Phase;
  delayMs: number;
}

/** The 20 seeded instants: every isolation mode in each phase (k % 3, floor(k / 3) % 3). */
export function launchTrials(): LaunchTrial[] {
  const rand = mulberry32(20261201);
  const isolations = ["process", "pooled", "inproc"] as const;
  const phases: Phase[] = ["start-up", "run", "shutdown"];
  return Array.from({ length: 20 }, (_, k) => ({
    k,
    isolation: isolations[k % 3]!,
    phase: phases[Math.floor(k / 3) % 3]!,
    // Bounded delays, ms: start-up within the ~1-4 s it takes here; run and shutdown after "nodes up".
    delayMs: Math.floor(rand() * 1000 * (k % 2 === 0 ? 2.5 : 1.5)),
  }));
}

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

/**
 * The launches: the 10-satellite plane of emu-cli.test.ts (12 nodes) for pooled and inproc, and
 * test/fixtures/plane4.yaml (5 nodes) for one process per node: it is the same property (every
 * child process of the group gone, whatever the instant) with 5 children instead of 12, and each
 * child costs a Node start (~2 s of CPU here), which made the process trials most of this test.
 */
export function describeLaunchInterrupts(title: string, trials: LaunchTrial[]): void {
  describe(title, () => {
    const dir = mkdtempSync(join(tmpdir(), "emu-interrupt-"));
    const yamls = { plane10: join(dir, "plane10.yaml"), plane4: join(dir, "plane4.yaml") };
    writeFileSync(yamls.plane10, fixture("plane10-two-stations.yaml"));
    writeFileSync(yamls.plane4, fixture("plane4.yaml"));
    const pgids: number[] = [];
    afterAll(() => {
      for (const p of pgids) killGroup(p);
      rmSync(dir, { recursive: true, force: true });
    });

    for (const t of trials) {
      it(`#${t.k} ${t.isolation}, ${t.phase}, +${t.delayMs} ms: exit 130, nothing left`, async () => {
        const runDir = join(dir, `run-${t.k}`);
        const tmp = join(dir, `tmp-${t.k}`);
        mkdirSync(tmp);
        const yaml = t.isolation === "process" ? yamls.plane4 : yamls.plane10;
        // The run phase on the realtime clock (until Ctrl-C); the shutdown phase also.
        const r = startCli(["launch", yaml, "--isolation", t.isolation, "--run-dir", runDir], {
          TMPDIR: tmp,
        });
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
        // Except a second Ctrl-C that lands while the graceful stop is already exiting: Node restores
        // the default disposition on its way out, so the process dies by that SIGINT (status 130
        // to the shell, checked above) with no code of its own.
        const diedInExit = signals === 2 && x.code === null && x.signal === "SIGINT";
        if (t.phase !== "start-up" && !diedInExit) expect(x.code).toBe(130);
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
}
