/**
 * Ctrl-C during `replay`, four times at seeded instants (two while planning, two once the first mode
 * runs): exit 130, no staging dir, no temporary dir. The launch instants are
 * test/emu-interrupt.test.ts; the helpers test/interrupt-helpers.ts.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stageOutputDir } from "../src/util/output-dir.js";
import { STACK_LINE } from "./cli-helpers.js";
import {
  exitOf,
  expectNoneLeft,
  killGroup,
  leftInTmp,
  mulberry32,
  root,
  shellStatus,
  sleep,
  startCli,
  until,
} from "./interrupt-helpers.js";

describe("Ctrl-C during replay", () => {
  const dir = mkdtempSync(join(tmpdir(), "replay-interrupt-"));
  const pgids: number[] = [];
  afterAll(() => {
    for (const p of pgids) killGroup(p);
    rmSync(dir, { recursive: true, force: true });
  });
  const rand = mulberry32(7);
  // eo-sso, 5 requests, 20 min: ~15 s on an idle machine, of which planning and start-up ~8 s.
  // Ctrl-C once the first mode runs ("nodes up" in its log is not printed: wait for the run dir).
  for (const k of [0, 1, 2, 3]) {
    // #0, #1: from the spawn (start-up, planning); #2, #3: once the first mode runs.
    const delayMs = Math.floor(rand() * (k < 2 ? 3000 : 2000));
    it(`#${k} +${delayMs} ms: exit 130, no staging dir, no temporary dir`, async () => {
      const tmp = join(dir, `tmp-${k}`);
      mkdirSync(tmp);
      const out = join(dir, `out-${k}`);
      const args = ["replay", join(root, "constellations/eo-sso.yaml"), "gen:land:5", "--duration", "20m"];
      // Every other run writes --out (staged), the others use a temporary run dir.
      const r = startCli(k % 2 === 0 ? [...args, "--out", out] : args, { TMPDIR: tmp });
      const pgid = r.cli.pid!;
      pgids.push(pgid);
      // The first mode has begun when its run dir exists (in the staged --out, or the temporary one).
      const modeBegun = () =>
        k % 2 === 0
          ? readdirSync(dir).some(
              (f) => f.startsWith(`.out-${k}.staging-`) && existsSync(join(dir, f, "runs")),
            )
          : leftInTmp(tmp).some((f) => f.startsWith("constellate-replay-"));
      if (k >= 2) expect(await until(modeBegun, 150_000), r.stderr()).toBe(true);
      await sleep(delayMs);
      process.kill(-pgid, "SIGINT");
      const x = await exitOf(r);
      // A replay that finished before the signal could exit 0; these delays fall well before its end.
      expect(shellStatus(x), r.stderr()).toBe(130);
      // Once a mode runs, the handler is installed: our own exit code, not the signal's end.
      if (k >= 2) expect(x.code).toBe(130);
      await expectNoneLeft(pgid);
      expect(r.stderr()).not.toMatch(STACK_LINE);
      expect(leftInTmp(tmp)).toEqual([]);
      const staging = () => readdirSync(dir).filter((f) => f.startsWith(`.out-${k}.staging-`));
      if (x.signal === "SIGINT") {
        // Ended by the signal itself, while planning (no handler yet): the staging dir of a process
        // that no longer runs goes at the next stage of the same --out.
        stageOutputDir(out).abort();
      }
      expect(staging()).toEqual([]);
      expect(existsSync(out)).toBe(false);
    }, 120_000);
  }
});
