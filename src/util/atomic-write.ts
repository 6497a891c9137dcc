/**
 * Write a file so that readers see either the old content or the new, never half of it: write a
 * temp file beside the target, loop until every byte is written, fsync, check its size, rename it
 * over the target, fsync the directory.
 *
 * Why not write-file-atomic: its 7.0 sync and async paths issue one write() and ignore
 * the count it returns, so a short write on a nearly full disk still renames a truncated file into
 * place. The loop below is the fix; the rest follows the same recipe.
 *
 * Failures the user can act on (no space, no permission, a read-only file system, a path through a
 * file) become one-line InputErrors naming the path; the temp file is always removed.
 */
import { randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError } from "./input-error.js";

/** Why a write failed, in words, for the errno codes a user causes or can fix. */
const WRITE_PROBLEM: Record<string, string> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "read-only file system",
  ENOTDIR: "a part of the path is a file, not a directory",
  EISDIR: "it is a directory",
  EEXIST: "a file is in the way",
  ENAMETOOLONG: "path too long",
  ENOENT: "no such directory",
};

/** An fs error as a one-line InputError about `path`; other errors pass through unchanged. */
export function writeFailure(e: unknown, path: string, what = "cannot write"): unknown {
  const code = (e as NodeJS.ErrnoException).code;
  const problem = code === undefined ? undefined : WRITE_PROBLEM[code];
  return problem === undefined ? e : new InputError(`${what}: ${problem} (${code})`, { file: path });
}

/** Create `dir` (and parents) or explain in one line why it cannot be. */
export function ensureDir(dir: string): void {
  if (existsSync(dir) && statSync(dir).isDirectory()) return;
  try {
    // Non-recursive when the parent exists: recursive mkdir reports a read-only parent as ENOENT.
    if (existsSync(dirname(dir))) mkdirSync(dir);
    else mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw writeFailure(e, dir, "cannot create directory");
  }
  if (!statSync(dir).isDirectory())
    throw new InputError("cannot write into it: a file, not a directory", { file: dir });
}

/** Write all of `buf` at fd, looping over short writes; a write of 0 bytes means no space. */
function writeAll(fd: number, buf: Uint8Array): void {
  let off = 0;
  while (off < buf.length) {
    const n = writeSync(fd, buf, off, buf.length - off);
    if (n <= 0) throw Object.assign(new Error("write returned 0 bytes"), { code: "ENOSPC" });
    off += n;
  }
}

/** `mode`: 0o600 for a run dir's files (docs/security.md), else readable by all as usual. */
export function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o644): void {
  const dir = dirname(path);
  ensureDir(dir);
  const buf = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  let fd = -1;
  try {
    fd = openSync(tmp, "w", mode);
    writeAll(fd, buf);
    fsyncSync(fd);
    // Belt and braces: what the file system holds is what we meant to write.
    const size = fstatSync(fd).size;
    if (size !== buf.length)
      throw Object.assign(new Error(`wrote ${size} of ${buf.length} bytes`), { code: "ENOSPC" });
    closeSync(fd);
    fd = -1;
    renameSync(tmp, path);
    fsyncDir(dir);
  } catch (e) {
    if (fd >= 0) closeSync(fd);
    rmSync(tmp, { force: true });
    throw writeFailure(e, path);
  }
}

/** Make a rename durable: fsync the directory holding it (best effort: not every fs allows it). */
export function fsyncDir(dir: string): void {
  let fd = -1;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // Directories cannot be fsync'd on some platforms; the rename itself is still atomic.
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}
