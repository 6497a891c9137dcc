/**
 * A real full disk: a 64 KiB tmpfs mounted for the test (root only; skipped with the reason
 * otherwise). Writing 256 KiB into it must fail with a one-line error, leave the old file as it
 * was and leave no truncated file or temp file behind; an output dir must not be half-replaced.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../src/util/atomic-write.js";
import { InputError } from "../src/util/input-error.js";
import { stageOutputDir } from "../src/util/output-dir.js";

const isRoot = process.getuid?.() === 0;
const base = mkdtempSync(join(tmpdir(), "constellate-fulldisk-"));
const mnt = join(base, "mnt");
let mounted = false;
let mountError = "";
if (isRoot) {
  mkdirSync(mnt);
  const r = spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mnt], { encoding: "utf8" });
  mounted = r.status === 0;
  mountError = (r.stderr || r.error?.message || "").trim();
}
const why = !isRoot
  ? `not root (uid ${process.getuid?.()}), so no tmpfs can be mounted`
  : `mount -t tmpfs failed: ${mountError}`;

afterAll(() => {
  if (mounted) spawnSync("umount", [mnt]);
  rmSync(base, { recursive: true, force: true });
});

describe.skipIf(!mounted)("a full disk (64 KiB tmpfs)", () => {
  const big = "x".repeat(256 * 1024);
  beforeAll(() => writeFileSync(join(mnt, "result.csv"), "old,complete\n"));

  it("writeFileAtomic fails with a clear error; the old file is intact, nothing truncated remains", () => {
    let err: unknown;
    try {
      writeFileAtomic(join(mnt, "result.csv"), big);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(
      /result\.csv: cannot write: no space left on the device \(ENOSPC\)/,
    );
    expect((err as Error).message).not.toContain("\n");
    expect(readFileSync(join(mnt, "result.csv"), "utf8")).toBe("old,complete\n");
    expect(readdirSync(mnt).sort()).toEqual(["result.csv"]);
  });

  it("an output dir that fills the disk is aborted whole: the previous output stays", () => {
    const first = stageOutputDir(join(mnt, "out"));
    writeFileAtomic(join(first.path, "a.csv"), "first\n");
    first.commit();
    const second = stageOutputDir(join(mnt, "out"));
    expect(() => writeFileAtomic(join(second.path, "a.csv"), big)).toThrow(/no space left/);
    second.abort();
    expect(readFileSync(join(mnt, "out", "a.csv"), "utf8")).toBe("first\n");
    expect(readdirSync(mnt).sort()).toEqual(["out", "result.csv"]);
  });
});

// Registered only when skipped, so its reason is never printed while the tests above run.
if (!mounted)
  describe("a full disk", () => {
    it.skip(`skipped: ${why}`, () => {});
  });
