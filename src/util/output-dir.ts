/**
 * An output directory (`--out <dir>`) written as a whole: files go into a sibling staging directory
 * (`.<name>.staging-<pid>-<hex>`), and `commit()` puts it in place with renames, so a reader (or a
 * Ctrl-C, or a full disk) never leaves old and new files mixed. If the command fails before
 * `commit()`, `abort()` removes the staging directory and the old output stays as it was.
 *
 * The directory is replaced whole, so constellate only replaces directories it wrote itself (they
 * hold MARKER) or empty ones: `--out .` or `--out ~/photos` is refused rather than emptied.
 * Staging directories of processes that died (SIGKILL) are removed by the next stage of that dir.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { ensureDir, fsyncDir, writeFailure, writeFileAtomic } from "./atomic-write.js";
import { InputError } from "./input-error.js";

/** Present in every output dir constellate wrote: what wrote it, and when. */
export const MARKER = ".constellate-output";

export interface StagedDir {
  /** Where to write the files now (the staging directory). */
  readonly path: string;
  /** The directory the files will be in after commit. */
  readonly target: string;
  /** Put the staged files in place of the target, as a whole. */
  commit(): void;
  /** Drop the staged files (after a failure); the target is untouched. */
  abort(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Remove staging/old directories beside `target` left by processes that no longer run. */
function removeStale(parent: string, name: string): void {
  const re = new RegExp(
    `^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(?:staging|old)-(\\d+)-[0-9a-f]+$`,
  );
  for (const entry of readdirSync(parent)) {
    const m = re.exec(entry);
    if (m && !alive(Number(m[1]))) rmSync(join(parent, entry), { recursive: true, force: true });
  }
}

/** Refuse to replace a directory that holds files constellate did not write. */
function checkReplaceable(target: string, flag: string): void {
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory())
    throw new InputError("it is a file, not a directory", { field: flag, value: target });
  const entries = readdirSync(target);
  if (entries.length > 0 && !entries.includes(MARKER))
    throw new InputError(
      "the directory holds files constellate did not write; name a new or empty directory",
      { field: flag, value: target },
    );
}

export function stageOutputDir(target: string, flag = "--out"): StagedDir {
  const abs = resolve(target);
  const parent = dirname(abs);
  const name = basename(abs);
  checkReplaceable(abs, flag);
  ensureDir(parent);
  removeStale(parent, name);
  const tag = `${process.pid}-${randomBytes(4).toString("hex")}`;
  const staging = join(parent, `.${name}.staging-${tag}`);
  try {
    mkdirSync(staging);
  } catch (e) {
    throw writeFailure(e, target, "cannot write the output directory");
  }
  let done = false;
  return {
    path: staging,
    target,
    commit() {
      if (done) return;
      writeFileAtomic(
        join(staging, MARKER),
        `${JSON.stringify({ by: "constellate", argv: process.argv.slice(2), at: new Date().toISOString() })}\n`,
      );
      const old = join(parent, `.${name}.old-${tag}`);
      try {
        // Two renames: the old output steps aside, the new one takes its name. A crash between
        // them leaves the old output beside, named .old-, never a mix of the two.
        if (existsSync(abs)) renameSync(abs, old);
        renameSync(staging, abs);
      } catch (e) {
        throw writeFailure(e, target, "cannot put the output in place");
      }
      fsyncDir(parent);
      rmSync(old, { recursive: true, force: true });
      done = true;
    },
    abort() {
      if (done) return;
      rmSync(staging, { recursive: true, force: true });
      done = true;
    },
  };
}

/** Run `write(stagingPath)` and commit its files to `target` as a whole, or leave nothing on failure. */
export async function writeOutputDir<T>(
  target: string,
  write: (dir: string) => T | Promise<T>,
  flag = "--out",
): Promise<T> {
  const staged = stageOutputDir(target, flag);
  try {
    const r = await write(staged.path);
    staged.commit();
    return r;
  } catch (e) {
    staged.abort();
    throw e;
  }
}
