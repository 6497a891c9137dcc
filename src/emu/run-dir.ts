/**
 * Run directories: runs/<stamp>-<name>/ holds controller.json (how to reach a running launch),
 * metrics.ndjson, nodes.ndjson (nodes up/down), and one log file per host process. `status`, `ping` and `trace` find the latest.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeFileAtomic } from "../util/atomic-write.js";
import { InputError } from "../util/input-error.js";

export const CONTROLLER_FILE = "controller.json";

export interface ControllerInfo {
  address: string;
  pid: number;
  name: string;
  isolation: string;
  startedAtUnixMs: number;
  virtualStartMs: number;
  speed: number;
  nodes: number;
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
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function writeControllerInfo(dir: string, info: ControllerInfo): void {
  writeFileAtomic(join(dir, CONTROLLER_FILE), `${JSON.stringify(info, null, 2)}\n`);
}

/** The run dir given, or the most recently started one under runs/. */
export function findRunDir(given?: string, root = runsRoot()): string {
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
  for (const e of readdirSync(root, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const f = join(root, e.name, CONTROLLER_FILE);
    if (!existsSync(f)) continue;
    const t = statSync(f).mtimeMs;
    if (!best || t > best.t) best = { dir: join(root, e.name), t };
  }
  if (!best)
    throw new InputError("no launch found: start one with `constellate launch <constellation.yaml>`", {
      value: root,
    });
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
