/**
 * The one place that decides how to start a child host process: `process.execPath` with the compiled
 * JS when running from dist/, or with `--import tsx` when running from .ts sources (tests, tsx).
 * Children get an IPC channel: its 'disconnect' (the parent died or let go) makes them exit.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";

import type { ClockMode } from "./clock.js";

/** Everything a child host needs, passed on its command line (it shares nothing else with us). */
export interface HostSpec {
  hostId: string;
  controllerAddress: string;
  nodes: number[];
  logFile?: string;
  logLevel?: string;
  clock?: ClockMode;
  timerSpinWallMs?: number;
  /** apps-plan.json of the run (src/emu/apps/plan-file.ts), when apps run on these nodes. */
  appsFile?: string;
  eventFlushWallMs?: number;
}

/**
 * Profiling the hosts (docs/step-cpu.md): with this variable set to a directory, each child host runs
 * V8's CPU profiler and writes a .cpuprofile there as it exits. An environment switch because Node 20
 * refuses --cpu-prof in NODE_OPTIONS; a debugging aid, not a setting of the emulation.
 */
export const HOST_CPU_PROF_DIR_ENV = "CONSTELLATE_HOST_CPU_PROF_DIR";

/** The profiler's flags for a child host, when HOST_CPU_PROF_DIR_ENV asks for them. */
export function hostProfilerArgs(): string[] {
  const dir = process.env[HOST_CPU_PROF_DIR_ENV];
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [];
}

export function hostEntry(): { command: string; args: string[] } {
  const here = fileURLToPath(import.meta.url);
  const ext = extname(here);
  const entry = join(dirname(here), `host-main${ext}`);
  if (ext === ".ts")
    return { command: process.execPath, args: ["--import", import.meta.resolve("tsx"), entry] };
  return { command: process.execPath, args: [entry] };
}

/**
 * Spawn one host process serving `spec.nodes`; its stderr goes to `stderrFile` (crash traces).
 * `secrets` (the run's credentials) go in its environment, never in argv: a command line is
 * readable by every user (/proc/<pid>/cmdline), an environment only by the same one.
 */
export function spawnHost(
  spec: HostSpec,
  stderrFile: string | undefined,
  secrets: Record<string, string>,
): ChildProcess {
  const { command, args } = hostEntry();
  const errFd = stderrFile ? openSync(stderrFile, "a", 0o600) : "ignore";
  const child = spawn(command, [...hostProfilerArgs(), ...args, JSON.stringify(spec)], {
    stdio: ["ignore", "ignore", errFd, "ipc"],
    env: { ...process.env, ...secrets, CONSTELLATE_CHILD: "1" },
  });
  if (typeof errFd === "number") closeSync(errFd);
  return child;
}
