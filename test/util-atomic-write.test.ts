/**
 * writeFileAtomic under short writes: node:fs's writeSync is replaced by one that writes at most 7
 * bytes per call (what a nearly full disk or a pipe-backed fs may do), or none at all.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";

const mode = vi.hoisted(() => ({ maxBytesPerWrite: Number.POSITIVE_INFINITY }));

vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const writeSync = (fd: number, buf: Uint8Array, off = 0, len = buf.length - off) =>
    fs.writeSync(fd, buf, off, Math.min(len, mode.maxBytesPerWrite));
  return { ...fs, default: { ...fs, writeSync }, writeSync };
});

const { writeFileAtomic } = await import("../src/util/atomic-write.js");
const { InputError } = await import("../src/util/input-error.js");

const dir = mkdtempSync(join(tmpdir(), "constellate-atomic-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("writeFileAtomic", () => {
  it("writes every byte when each write() takes only 7 of them", () => {
    mode.maxBytesPerWrite = 7;
    const text = "0123456789".repeat(1000); // 10,000 bytes: 1,429 calls of at most 7
    const path = join(dir, "short.txt");
    writeFileAtomic(path, text);
    expect(readFileSync(path, "utf8")).toBe(text);
    mode.maxBytesPerWrite = Number.POSITIVE_INFINITY;
  });

  it("a write() that takes nothing is a full disk: the old file stays, no temp file remains", () => {
    const path = join(dir, "full.txt");
    writeFileSync(path, "old content\n");
    mode.maxBytesPerWrite = 0;
    try {
      expect(() => writeFileAtomic(path, "new content that does not fit\n")).toThrow(InputError);
      expect(() => writeFileAtomic(path, "x")).toThrow(/no space left on the device/);
    } finally {
      mode.maxBytesPerWrite = Number.POSITIVE_INFINITY;
    }
    expect(readFileSync(path, "utf8")).toBe("old content\n");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("a path through a file is a one-line input error naming it", () => {
    const file = join(dir, "plain");
    writeFileSync(file, "x");
    expect(() => writeFileAtomic(join(file, "out.json"), "{}")).toThrow(/plain/);
    expect(() => writeFileAtomic(join(file, "out.json"), "{}")).toThrow(InputError);
  });
});
