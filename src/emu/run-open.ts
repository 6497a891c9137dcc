/**
 * Opening a run dir for a launch: private (0700; it is created so, or an existing run dir or empty
 * dir of ours is made so), locked (run-lock.ts), and holding a fresh secret (and with TLS a fresh
 * certificate). What `launch` and startEmulation({ runDir }) both do first; release() undoes the
 * lock and the credentials, leaving the run's results; discard() is for a launch that failed
 * before its run began: it also removes every file the launch put there, and the dir if it made it.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, rmdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../util/input-error.js";
import { RunAuth } from "./run-auth.js";
import { CONTROLLER_FILE, RUN_DIR_MODE } from "./run-dir.js";
import { acquireRunLock, LOCK_FILE } from "./run-lock.js";
import { removeRunAuth, SECRET_FILE, writeRunAuth } from "./run-secret.js";
import { generateRunTls } from "./run-tls.js";

export interface OpenedRunDir {
  readonly dir: string;
  readonly auth: RunAuth;
  /** Remove the lock and the credentials (idempotent). Also runs if the process exits first. */
  release(): void;
  /**
   * The launch failed before its run began: remove what it wrote here (every entry the dir did not
   * hold when it was opened: controller.json, logs, apps-plan.json, app dirs), the lock and the
   * credentials, and the dir itself when the launch made it and nothing else is left. Idempotent.
   */
  discard(): void;
}

/** Files that mark a directory as a run dir (so an existing one may be reused and made private). */
const RUN_MARKERS = [CONTROLLER_FILE, LOCK_FILE, SECRET_FILE, "controller.log", "summary.json"];

/**
 * Create `dir` 0700, or make an existing run dir (or empty dir) of ours 0700. Any other existing
 * dir (the EO replay's per-mode dir holding its tasking, or a path given by mistake: a home or
 * project dir) keeps its mode: a launch never chmods what it did not make; the files it writes
 * there are 0600 all the same, so the secret stays its user's.
 */
export function makePrivateRunDir(dir: string): void {
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true, mode: RUN_DIR_MODE });
    chmodSync(dir, RUN_DIR_MODE); // mkdir's mode is masked by the umask; the result must not be
    return;
  }
  const st = statSync(dir);
  if (!st.isDirectory()) throw new InputError("cannot write into it: a file, not a directory", { file: dir });
  if (typeof process.getuid === "function" && st.uid !== process.getuid())
    throw new InputError("a run dir must be your own directory (it is made private, 0700)", { file: dir });
  const entries = readdirSync(dir);
  if (entries.length > 0 && !entries.some((e) => RUN_MARKERS.includes(e))) return;
  chmodSync(dir, RUN_DIR_MODE);
}

export async function openRunDir(
  dir: string,
  opts: { tls?: boolean; name?: string; madeDir?: boolean } = {},
): Promise<OpenedRunDir> {
  // Made here (or by the caller, just now, for this launch): a failed launch takes it away again.
  const made = opts.madeDir === true || !existsSync(dir);
  makePrivateRunDir(dir);
  const before = new Set(readdirSync(dir));
  const removeDirIfMade = () => {
    if (!made) return;
    try {
      rmdirSync(dir);
    } catch {
      // Not empty (someone else's file appeared) or already gone: leave it.
    }
  };
  let lock: ReturnType<typeof acquireRunLock>;
  try {
    lock = acquireRunLock(dir);
  } catch (e) {
    removeDirIfMade();
    throw e;
  }
  try {
    const auth = RunAuth.generate(opts.tls ? await generateRunTls(opts.name ?? "run") : null);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.off("exit", release);
      removeRunAuth(dir);
      lock.release();
    };
    // An exit that skips the launch's own cleanup (the forced Ctrl-C path, an uncaught error) must
    // not leave the secret behind either: the lock already goes the same way (run-lock.ts).
    process.on("exit", release);
    writeRunAuth(dir, auth);
    let discarded = false;
    const discard = () => {
      if (discarded) return;
      discarded = true;
      release();
      let now: string[];
      try {
        now = readdirSync(dir);
      } catch {
        return; // the dir itself is gone
      }
      for (const e of now) if (!before.has(e)) rmSync(join(dir, e), { recursive: true, force: true });
      removeDirIfMade();
    };
    return { dir, auth, release, discard };
  } catch (e) {
    removeRunAuth(dir);
    lock.release();
    removeDirIfMade();
    throw e;
  }
}
