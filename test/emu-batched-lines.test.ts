/**
 * The controller's record files written in batches (src/emu/batched-lines.ts): the file holds every
 * line in the order written, byte for byte as writing each at once would; nothing is on disk before
 * the event loop turns (one write per turn), everything is once it has; 64 KiB waiting go out at
 * once; after end() the file is closed and later lines are not written.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BatchedLines } from "../src/emu/batched-lines.js";

const dir = mkdtempSync(join(tmpdir(), "constellate-batched-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bytes on disk (the stream opens its file asynchronously: none before). */
const sizeOf = (path: string) => (existsSync(path) ? statSync(path).size : 0);

/** Until the file stream has written what it was handed (its writes are asynchronous). */
async function settled(path: string, bytes: number): Promise<string> {
  for (let i = 0; i < 200 && sizeOf(path) < bytes; i++) await new Promise((r) => setTimeout(r, 5));
  return readFileSync(path, "utf8");
}

describe("BatchedLines", () => {
  it("writes every line in order, once per turn of the event loop", async () => {
    const path = join(dir, "a.ndjson");
    const f = new BatchedLines(path, 0o600);
    const lines = Array.from({ length: 1000 }, (_, i) => `{"i":${i},"é":"ü"}\n`);
    for (const l of lines) f.write(l);
    // Nothing handed to the file yet: the batch waits for the event loop.
    await new Promise<void>((r) => queueMicrotask(r));
    expect(sizeOf(path)).toBe(0);
    const expected = lines.join("");
    const bytes = Buffer.byteLength(expected);
    expect(await settled(path, bytes)).toBe(expected);
    f.write("last\n");
    await f.end();
    expect(readFileSync(path, "utf8")).toBe(`${expected}last\n`);
    f.write("after the end\n");
    await new Promise((r) => setImmediate(r));
    expect(readFileSync(path, "utf8")).toBe(`${expected}last\n`);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("writes a batch of 64 KiB whole", async () => {
    const path = join(dir, "b.ndjson");
    const f = new BatchedLines(path, 0o600);
    const line = `${"x".repeat(1023)}\n`;
    for (let i = 0; i < 64; i++) f.write(line);
    // 64 x 1,024 characters: the 64th write hands the batch to the file stream.
    const text = await settled(path, 64 * 1024);
    expect(text.length).toBe(64 * 1024);
    await f.end();
  });
});
