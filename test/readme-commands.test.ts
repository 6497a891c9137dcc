/**
 * The README runs as written: every command of every ```sh block in README.md and docs/*.md runs
 * here, in order, with CONSTELLATE_DOC_SHORT=1 (src/cli/doc-short.ts caps long runs, the way
 * Skyfield doctests its documentation) and must exit 0 without a stack trace. `launch` serves until
 * Ctrl-C: it is started, awaited until its nodes are up, used by the `status`, `ping` and `trace`
 * that follow it, then ended with SIGINT. The commands run in a scratch directory whose
 * constellations/ and workloads/ link to the repo's, so out/ and runs/ land there.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot, STACK_LINE } from "./cli-helpers.js";
import { allDocCommands, type DocCommand } from "./doc-commands.js";

const scratch = mkdtempSync(join(tmpdir(), "constellate-readme-"));
for (const d of ["constellations", "workloads"]) symlinkSync(join(repoRoot, d), join(scratch, d));
const env = {
  ...process.env,
  CONSTELLATE_DOC_SHORT: "1",
  NO_COLOR: "1",
  CONSTELLATE_RUNS: join(scratch, "runs"),
};
const cliArgs = (args: string[]) => [
  "--import",
  import.meta.resolve("tsx"),
  resolve(repoRoot, "src/cli/main.ts"),
  ...args,
];

/** What a documented command runs here, or why it is not run. */
function plan(c: DocCommand): { args: string[] } | { skip: string } {
  const [prog, ...rest] = c.words;
  if (prog === "npx" && rest[0] === "constellate") return { args: rest.slice(1) };
  if (prog === "npm" && rest[0] === "start") return { args: ["demo"] }; // what `npm start` runs after its build
  if (prog === "npm" && rest[0] === "ci")
    return { skip: "reinstalls node_modules (shared by the worktrees here); .ci/run runs it in CI" };
  if (prog === "npm" && rest[0] === "test") return { skip: "is the suite this test belongs to" };
  throw new Error(`${c.where}: no runner for \`${c.text}\`: teach test/readme-commands.test.ts`);
}

const commands = allDocCommands(repoRoot);
const timings: string[] = [];
let launch: ChildProcess | null = null;
let launchErr = "";

function groupMembers(pgid: number): number[] {
  try {
    return execFileSync("ps", ["-o", "pid=", "-g", String(pgid)], { encoding: "utf8" })
      .split("\n")
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0);
  } catch {
    return []; // ps exits 1 when nothing matches
  }
}

function killGroup(): void {
  if (!launch?.pid) return;
  for (const p of groupMembers(launch.pid))
    try {
      process.kill(p, "SIGKILL");
    } catch {}
}

afterAll(() => {
  killGroup();
  rmSync(scratch, { recursive: true, force: true });
  process.stdout.write(`\nREADME commands, wall time with CONSTELLATE_DOC_SHORT=1:\n${timings.join("\n")}\n`);
});

async function startLaunch(args: string[]): Promise<void> {
  launchErr = join(scratch, "launch.stderr");
  const fd = openSync(launchErr, "w");
  // Its own process group (to find every descendant); stderr to a file, never a pipe we might not drain.
  launch = spawn(process.execPath, cliArgs(args), {
    cwd: scratch,
    env,
    detached: true,
    stdio: ["ignore", "ignore", fd],
  });
  closeSync(fd);
  const t0 = Date.now();
  for (;;) {
    const text = readFileSync(launchErr, "utf8");
    if (/nodes up/.test(text)) return;
    if (launch.exitCode !== null || Date.now() - t0 > 150_000) throw new Error(`launch not up: ${text}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stopLaunch(): Promise<number | null> {
  const cli = launch!;
  const exited = new Promise<number | null>((res) => cli.once("exit", (code) => res(code)));
  cli.kill("SIGINT");
  const code = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 30_000))]);
  return code;
}

describe("README.md and docs/*.md run as written", () => {
  it("the docs hold commands, and the README's launch is followed by status, ping and trace", () => {
    const texts = commands.map((c) => c.text);
    expect(texts.some((t) => t.startsWith("npx constellate launch"))).toBe(true);
    for (const sub of ["status", "ping", "trace"])
      expect(texts.some((t) => t.startsWith(`npx constellate ${sub}`))).toBe(true);
  });

  // Per block (file#index): its last command, and whether it starts a launch (to end after it).
  const blockOf = (c: DocCommand) => `${c.where.split(":")[0]}#${c.block}`;
  const lastOfBlock = new Map<string, number>();
  const launches = new Set<string>();
  commands.forEach((c, i) => {
    lastOfBlock.set(blockOf(c), i);
    if (c.words[2] === "launch") launches.add(blockOf(c));
  });

  commands.forEach((c, i) => {
    const p = plan(c);
    if ("skip" in p) {
      it.skip(`${c.where} \`${c.text}\`: skipped, ${p.skip}`, () => {});
      return;
    }
    it(`${c.where} \`${c.text}\``, async () => {
      const t0 = performance.now();
      if (p.args[0] === "launch") {
        await startLaunch(p.args);
        timings.push(
          `  ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s  ${c.text} (until its nodes are up)`,
        );
        return;
      }
      const r = spawnSync(process.execPath, cliArgs(p.args), {
        cwd: scratch,
        env,
        encoding: "utf8",
        timeout: 180_000,
      });
      timings.push(`  ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s  ${c.text}`);
      expect(r.stderr, r.stderr).not.toMatch(STACK_LINE);
      expect(r.status, `${c.text}\n${r.stderr}`).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(0);
    }, 200_000);

    if (
      launch === null &&
      lastOfBlock.get(`${c.where.split(":")[0]}#${c.block}`) === i &&
      commands
        .slice(0, i + 1)
        .some(
          (x) =>
            x.block === c.block && x.where.split(":")[0] === c.where.split(":")[0] && x.words[2] === "launch",
        )
    ) {
      it(`${c.where}: a ping that gets no answer exits 1 (Svalbard SvalSat - Punta Arenas: never connected on eo-sso)`, () => {
        const r = spawnSync(
          process.execPath,
          cliArgs(["ping", "Svalbard SvalSat", "Punta Arenas", "--count", "1", "--timeout", "2s"]),
          { cwd: scratch, env, encoding: "utf8", timeout: 60_000 },
        );
        expect(r.stderr).toMatch(/^constellate: no round trip of 1 came back/m);
        expect(r.status).toBe(1);
      }, 90_000);
      it(`${c.where}: Ctrl-C ends the launch and every process it started`, async () => {
        expect(launch, "the launch ran").not.toBeNull();
        const code = await stopLaunch();
        expect(readFileSync(launchErr, "utf8")).not.toMatch(STACK_LINE);
        expect(code).toBe(0);
        const deadline = Date.now() + 10_000;
        while (groupMembers(launch!.pid!).length > 0 && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 200));
        expect(groupMembers(launch!.pid!)).toEqual([]);
      }, 60_000);
    }
  });
});
