/**
 * Reading user-named files within limits: only regular files (not `/dev/zero`, a FIFO or a
 * directory), no larger than a limit checked before reading, and read no further than that limit
 * even if the file grows meanwhile. Problems come back as values (a sentence without the file's
 * content) so each caller can place them: in the YAML that named the file, or on the flag.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";

export const MIB = 1024 * 1024;

export type ReadOutcome = { ok: true; text: string } | { ok: false; problem: string };

function openProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "file not found";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "a directory, not a file";
  return code ?? String(e);
}

/** A byte count for messages: "12 bytes" or "3.4 MiB". */
export function fmtBytes(n: number): string {
  return n >= MIB ? `${(n / MIB).toFixed(1)} MiB` : `${n} bytes`;
}

/** Open `path` for reading if it is a regular file of at most `maxBytes`; the caller closes the fd. */
function openRegular(path: string, maxBytes: number): { fd: number; size: number } | { problem: string } {
  let fd: number;
  try {
    // O_NONBLOCK so that opening a FIFO with no writer does not block before the type check.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { problem: openProblem(e) };
  }
  const st = fstatSync(fd);
  if (!st.isFile()) {
    closeSync(fd);
    return {
      problem: st.isDirectory() ? "a directory, not a file" : "not a regular file (a device, pipe or socket)",
    };
  }
  if (st.size > maxBytes) {
    closeSync(fd);
    return { problem: `${fmtBytes(st.size)}, above the limit of ${fmtBytes(maxBytes)}` };
  }
  return { fd, size: st.size };
}

/** The whole file as UTF-8 text, if it is a regular file within `maxBytes`. */
export function readTextBounded(path: string, maxBytes: number): ReadOutcome {
  const o = openRegular(path, maxBytes);
  if ("problem" in o) return { ok: false, problem: o.problem };
  try {
    const buf = Buffer.allocUnsafe(Math.min(maxBytes, o.size) + 1);
    let n = 0;
    for (;;) {
      const r = readSync(o.fd, buf, n, buf.length - n, null);
      if (r === 0) break;
      n += r;
      if (n > maxBytes) return { ok: false, problem: `grew above the limit of ${fmtBytes(maxBytes)}` };
      if (n === buf.length) break;
    }
    return { ok: true, text: buf.toString("utf8", 0, n) };
  } catch (e) {
    return { ok: false, problem: openProblem(e) };
  } finally {
    closeSync(o.fd);
  }
}

/**
 * Call `onLine(line, lineNo)` for each line (1-based; `\r\n` or `\n`) of a regular file within
 * `maxBytes`, reading 1 MiB at a time, so a large workload is never held whole as text.
 * `onProgress(bytesRead, totalBytes)` is called after each chunk.
 */
export function forEachLineBounded(
  path: string,
  maxBytes: number,
  onLine: (line: string, lineNo: number) => void,
  onProgress?: (bytesRead: number, totalBytes: number) => void,
): { ok: true } | { ok: false; problem: string } {
  const o = openRegular(path, maxBytes);
  if ("problem" in o) return { ok: false, problem: o.problem };
  try {
    const buf = Buffer.allocUnsafe(MIB);
    // The decoder keeps a multi-byte character split across two chunks for the next one.
    const decoder = new StringDecoder("utf8");
    let carry = "";
    let lineNo = 0;
    let total = 0;
    for (;;) {
      let r: number;
      try {
        r = readSync(o.fd, buf, 0, buf.length, null);
      } catch (e) {
        return { ok: false, problem: openProblem(e) };
      }
      if (r === 0) break;
      total += r;
      if (total > maxBytes) return { ok: false, problem: `grew above the limit of ${fmtBytes(maxBytes)}` };
      const lines = (carry + decoder.write(buf.subarray(0, r))).split("\n");
      carry = lines.pop()!;
      for (const l of lines) onLine(l.endsWith("\r") ? l.slice(0, -1) : l, ++lineNo);
      onProgress?.(total, o.size);
    }
    carry += decoder.end();
    if (carry !== "") onLine(carry.endsWith("\r") ? carry.slice(0, -1) : carry, ++lineNo);
    return { ok: true };
  } finally {
    closeSync(o.fd);
  }
}
