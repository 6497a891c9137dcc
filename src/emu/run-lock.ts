/**
 * launch.lock: one launch per run dir. The lock file holds the launching process's pid, created
 * with O_EXCL so two launches racing for one dir cannot both win. A lock whose pid is gone (a
 * launch killed with SIGKILL, a crash) is stale: the next launch removes it and takes the dir.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../util/input-error.js";

export const LOCK_FILE = "launch.lock";

/** Is there a live process with this pid? (EPERM: yes, another user's. A zombie is not.) */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
  return !isZombie(pid);
}

/**
 * A process that has exited but whose parent has not reaped it yet still answers kill(pid, 0):
 * Linux says so in /proc/<pid>/stat (state Z, the field after the parenthesised name).
 */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) === "Z";
  } catch {
    return false; // no /proc (not Linux): trust kill(0)
  }
}

/** The pid in a run dir's lock, or null when there is no lock (or it cannot be read as one). */
export function lockPid(dir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dir, LOCK_FILE), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export interface RunLock {
  readonly file: string;
  /** Remove the lock if it is still ours. Idempotent; also runs when the process exits. */
  release(): void;
}

export function acquireRunLock(dir: string): RunLock {
  const file = join(dir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      try {
        writeSync(fd, `${process.pid}\n`);
      } finally {
        closeSync(fd);
      }
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) {
        if ((e as NodeJS.ErrnoException).code === "EEXIST")
          throw new InputError("another launch took this run dir at the same moment", { file });
        throw new InputError(`cannot create the run dir's lock (${(e as Error).message})`, { file });
      }
      const holder = lockPid(dir);
      if (holder !== null && pidAlive(holder))
        throw new InputError(
          `another launch (pid ${holder}) is running in this run dir: stop it (constellate stop --run-dir ${dir}) or pick another --run-dir`,
          { file },
        );
      // Stale: its launch is gone (or the file is not a lock we wrote). Take the dir over.
      rmSync(file, { force: true });
    }
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off("exit", release);
    if (lockPid(dir) === process.pid) rmSync(file, { force: true });
  };
  // A launch that ends by an uncaught error or process.exit still frees its dir.
  process.on("exit", release);
  return { file, release };
}
