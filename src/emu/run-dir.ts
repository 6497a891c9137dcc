/**
 * Run directories: runs/<stamp>-<name>/ holds controller.json (how to reach a running launch),
 * metrics.ndjson, nodes.ndjson (nodes up/down), and one log file per host process. `status`, `ping`
 * and `trace` find the latest. A run dir is private (0700, its files 0600; docs/security.md) and
 * holds the run's secret, the TLS certificate and key with --tls, and launch.lock while a launch
 * runs (run-lock.ts).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeFileAtomic } from "../util/atomic-write.js";
import { InputError } from "../util/input-error.js";

export const CONTROLLER_FILE = "controller.json";
/** Mode of a run dir and of the files in it: the launching user's only. */
export const RUN_DIR_MODE = 0o700;
export const RUN_FILE_MODE = 0o600;

export interface ControllerInfo {
  address: string;
  pid: number;
  name: string;
  isolation: string;
  startedAtUnixMs: number;
  virtualStartMs: number;
  speed: number;
  nodes: number;
  /** Set when the launch has ended (stopped, Ctrl-C): nothing listens at `address` any more. */
  endedAtUnixMs?: number;
  /**
   * The constellation YAML the run uses, absolute (so `view --run-dir` and `export-czml --run-dir`
   * need no YAML argument). Absent in run dirs written before it existed, or for a run built from a
   * provider with no file (tests).
   */
  constellationFile?: string;
}

/** Nodes' up/down changes, one JSON line each ({ tMs, node, up }): what happened, for the view and CZML. */
export const NODES_FILE = "nodes.ndjson";

export function runsRoot(): string {
  return resolve(process.env.CONSTELLATE_RUNS ?? "runs");
}

export function newRunDir(name: string, root = runsRoot()): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const safe = name.replace(/[^A-Za-z0-9_.-]+/g, "_").slice(0, 60);
  const dir = join(root, `${stamp}-${safe}`);
  mkdirSync(dir, { recursive: true, mode: RUN_DIR_MODE });
  return dir;
}

/** A file of a run dir, written whole and private (0600). */
export function writeRunFile(path: string, data: string | Uint8Array): void {
  writeFileAtomic(path, data, RUN_FILE_MODE);
}

export function writeControllerInfo(dir: string, info: ControllerInfo): void {
  writeRunFile(join(dir, CONTROLLER_FILE), `${JSON.stringify(info, null, 2)}\n`);
}

/**
 * Say in controller.json that the launch ended (kept, not removed: finished run dirs are read for
 * their record). Synchronous, so the last-resort exit path can call it; never throws (the run dir
 * may be gone or read-only by then, and the exit must still happen).
 */
export function markControllerEnded(dir: string): void {
  try {
    const f = join(dir, CONTROLLER_FILE);
    if (!existsSync(f)) return;
    const info = JSON.parse(readFileSync(f, "utf8")) as ControllerInfo;
    if (info.endedAtUnixMs !== undefined) return;
    writeControllerInfo(dir, { ...info, endedAtUnixMs: Date.now() });
  } catch {
    // Nothing to do: the file is unreadable or unwritable; the pid in it is no longer running.
  }
}

/** The run dir given, or the most recently started one under runs/ (of those `accept` takes). */
export function findRunDir(given?: string, root = runsRoot(), accept?: (dir: string) => boolean): string {
  if (given) {
    if (!existsSync(join(given, CONTROLLER_FILE)))
      throw new InputError(`no ${CONTROLLER_FILE} there (is it a launch's run dir?)`, {
        field: "--run-dir",
        value: given,
      });
    return given;
  }
  if (!existsSync(root))
    throw new InputError("no runs yet: start one with `constellate launch <constellation.yaml>`", {
      value: root,
    });
  let best: { dir: string; t: number } | null = null;
  let seen = 0;
  for (const e of readdirSync(root, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const f = join(root, e.name, CONTROLLER_FILE);
    if (!existsSync(f)) continue;
    seen++;
    const t = statSync(f).mtimeMs;
    if ((!best || t > best.t) && (!accept || accept(join(root, e.name))))
      best = { dir: join(root, e.name), t };
  }
  if (!best)
    throw new InputError(
      seen > 0
        ? `no launch is running (${seen} run dir${seen === 1 ? "" : "s"} there, every launch ended): start one with \`constellate launch <constellation.yaml>\``
        : "no launch found: start one with `constellate launch <constellation.yaml>`",
      { value: root },
    );
  return best.dir;
}

export function readControllerInfo(dir: string): ControllerInfo {
  const f = join(dir, CONTROLLER_FILE);
  try {
    return JSON.parse(readFileSync(f, "utf8")) as ControllerInfo;
  } catch (e) {
    throw new InputError(`cannot read: ${e instanceof Error ? e.message : String(e)}`, { file: f });
  }
}
