/**
 * Runs documented commands as written (test/readme-commands.test.ts, readme-commands-2.test.ts,
 * docs-commands.test.ts, each a share of the blocks, test/doc-shares.ts):
 * every command of the given ```sh blocks, in order, with CONSTELLATE_DOC_SHORT=1
 * (src/cli/doc-short.ts caps long runs, the way Skyfield doctests its documentation); each must exit
 * 0 without a stack trace. `launch` serves until Ctrl-C: it is started, awaited until its nodes are
 * up, used by the `status`, `ping` and `trace` that follow it, then ended with SIGINT. The commands
 * run in a scratch directory (one per test file) whose constellations/ and workloads/ link to the
 * repo's, so out/ and runs/ land there. Beyond the CLI: `curl` lines run through sh as written (they
 * read the run's secret with `$(cat ...)`); `catalog fetch` gets a stand-in for CelesTrak on
 * 127.0.0.1 (no internet in CI); `npm run build` and benchmarks run in the repo (bench/run.ts makes
 * CONSTELLATE_DOC_SHORT=1 its --quick smoke run), except the scale benchmarks (minutes of every
 * node of shell1/gen1), which are listed as skipped with why; a file the doc shows is written.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, STACK_LINE } from "./cli-helpers.js";
import { expectDemoPlots } from "./demo-plots.js";
import type { DocCommand } from "./doc-commands.js";

// The scratch dir stands where a checkout does: `main/` beside `shared/` (the reference data the
// README names as ../shared), so documented relative paths resolve as they do for a user.
const scratchBase = mkdtempSync(join(tmpdir(), "constellate-readme-"));
const scratch = join(scratchBase, "main");
mkdirSync(scratch);
symlinkSync(resolve(repoRoot, "../shared"), join(scratchBase, "shared"));
for (const d of ["constellations", "workloads", "examples"]) symlinkSync(join(repoRoot, d), join(scratch, d));
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

/**
 * What a documented command runs here, or why it is not run: the CLI (`args`), a shell line in the
 * scratch dir (`sh`), a command in the repo (`repo`: the build, a benchmark), `cat` of a file an
 * earlier command wrote, a file the doc shows (`write`).
 */
type Plan =
  | { args: string[] }
  | { sh: string }
  | { repo: string[]; env: Record<string, string>; build?: true }
  | { cat: string }
  | { write: string; content: string }
  | { skip: string };

/** Benchmarks too long for the suite (docs/engineering.md: scale runs go in bench/), and why. */
const SCALE_BENCHES: Record<string, string> = {
  soak: "the 10-minute soak of starlink-shell1 (1,684 nodes), longer than the suite's whole budget; npm run bench with CONSTELLATE_BENCH_SOAK=1 runs it",
  emu: "the emulation benchmarks start every node of starlink-shell1 and gen1 (minutes); npm run bench runs them",
  mesh: "the mesh benchmark builds topologies of Walker shells up to 29,988 satellites against its baseline: 104-182 s even as --quick on a loaded 2-core machine, a fifth of the suite's budget; npm run bench runs it",
};

/** `VAR=value ... node [node flags] dist/bench/run.js <names>` as env, node flags and names. */
function benchPlan(words: string[]): Plan | null {
  const env: Record<string, string> = {};
  let i = 0;
  for (; i < words.length && /^[A-Z_][A-Z0-9_]*=/.test(words[i]!); i++) {
    const [k, ...v] = words[i]!.split("=");
    env[k!] = v.join("=");
  }
  if (words[i] !== "node") return null;
  const rest = words.slice(i + 1);
  const script = rest.indexOf("dist/bench/run.js");
  if (script < 0) return null;
  const names = rest.slice(script + 1).filter((a) => !a.startsWith("--"));
  const long = names.find((n) => n in SCALE_BENCHES);
  if (long) return { skip: SCALE_BENCHES[long]! };
  return { repo: rest, env };
}

function plan(c: DocCommand): Plan {
  const [prog, ...rest] = c.words;
  if (prog === "write") return { write: rest[0]!, content: c.content! };
  if (prog === "npx" && rest[0] === "constellate" && rest[1] === "catalog" && rest[2] === "fetch") {
    // CelesTrak stood in for by 127.0.0.1 (no internet in CI): the command's --url, or the default, replaced.
    const args = rest.slice(1);
    const at = args.indexOf("--url");
    if (at >= 0) args.splice(at, 2);
    return { args: [...args, "--url", STAND_IN_URL] };
  }
  if (prog === "npx" && rest[0] === "constellate") return { args: rest.slice(1) };
  if (prog === "curl") return { sh: c.line };
  if (prog === "grpcurl")
    return spawnSync("sh", ["-c", "command -v grpcurl"]).status === 0
      ? { sh: c.line }
      : { skip: "grpcurl is not installed on this machine" };
  if (prog === "npm" && rest[0] === "run" && rest[1] === "build" && rest.length === 2)
    return { repo: ["run", "build"], env: {}, build: true };
  const bench = benchPlan(c.words);
  if (bench) return bench;
  if (prog === "npm" && rest[0] === "start") return { args: ["demo"] }; // what `npm start` runs after its build
  if (prog === "npm" && rest[0] === "ci")
    return { skip: "reinstalls node_modules (shared by the worktrees here); .ci/run runs it in CI" };
  if (prog === "npm" && rest[0] === "test") return { skip: "is the suite this test belongs to" };
  if (prog === "cat" && rest.length === 1) return { cat: rest[0]! };
  throw new Error(`${c.where}: no runner for \`${c.text}\`: teach test/doc-runner.ts`);
}

/**
 * A stand-in for CelesTrak's GP endpoint on 127.0.0.1, in a process of its own (the commands run
 * through spawnSync, which blocks this one): GROUP=starlink in FORMAT=tle or 3le (the same 3LE
 * text) is the shared snapshot of 2023-07-18; anything else is CelesTrak's "No GP data found".
 */
const SNAPSHOT = resolve(repoRoot, "../shared/catalogs/starlink-2023-07-18.3le");
const STAND_IN = `
const { createServer } = require("node:http");
const { readFileSync } = require("node:fs");
const server = createServer((req, res) => {
  const q = new URL(req.url || "/", "http://127.0.0.1").searchParams;
  const tle = ["tle", "3le"].includes((q.get("FORMAT") || "").toLowerCase());
  res.end(q.get("GROUP") === "starlink" && tle ? readFileSync(process.argv[1]) : "No GP data found");
});
server.listen(0, "127.0.0.1", () => process.stdout.write(server.address().port + "\\n"));
process.stdin.on("end", () => process.exit(0)).resume(); // ends with its parent
`;
let standIn: ChildProcess | null = null;
/** In a plan's args, the stand-in's URL (known once it listens). */
const STAND_IN_URL = "<the CelesTrak stand-in>";
let standInUrl = "";
async function startStandIn(): Promise<void> {
  if (!existsSync(SNAPSHOT)) return; // the fetch tests then fail saying the URL is unset
  const child = spawn(process.execPath, ["-e", STAND_IN, SNAPSHOT], { stdio: ["pipe", "pipe", "inherit"] });
  standIn = child;
  const port = await new Promise<string>((res, rej) => {
    child.stdout!.once("data", (d: Buffer) => res(d.toString().trim()));
    child.once("exit", (code) => rej(new Error(`the CelesTrak stand-in exited (${code})`)));
  });
  standInUrl = `http://127.0.0.1:${port}/NORAD/elements/gp.php`;
}

/**
 * make's rule for `npm run build`: a dist/ newer than every source it is built from is the build
 * (CI's `npm ci` made it with `prepare`); otherwise build (about 30 s of CPU, 2 min on a loaded
 * machine). The sources are the files git tracks or would track (not bench/results/, not dist/).
 */
function buildIsCurrent(): boolean {
  const built = statSync(join(repoRoot, "dist", "src", "cli", "main.js"), { throwIfNoEntry: false })?.mtimeMs;
  if (built === undefined) return false;
  const listed = spawnSync(
    "git",
    [
      "ls-files",
      "-co",
      "--exclude-standard",
      "--",
      "src",
      "bench",
      "web",
      "scripts",
      "proto",
      "package.json",
    ],
    { cwd: repoRoot, encoding: "utf8" },
  );
  if (listed.status !== 0) return false; // not a git checkout: build
  const files = [...listed.stdout.split("\n").filter(Boolean), "tsconfig.json", "tsconfig.build.json"];
  return files.every((f) => (statSync(join(repoRoot, f), { throwIfNoEntry: false })?.mtimeMs ?? 0) < built);
}

/**
 * Commands that serve until Ctrl-C, and how to tell they are ready: `launch` without `--duration`
 * (its nodes are up), `view` (its URL is the first line of stdout).
 */
function serverReady(args: string[]): RegExp | null {
  if (args[0] === "launch" && !args.includes("--duration")) return /nodes up/;
  if (args[0] === "view") return /^http:\/\/127\.0\.0\.1:\d+\//m;
  return null;
}

const timings: string[] = [];
/**
 * The servers the commands after them in their block use, with their stderr files. A `launch` ends
 * every earlier server first (one emulation at a time); a `view` runs beside the launch it follows.
 */
/** `stoppedBy`: a `constellate stop` of the block ended it (then it exits 0, not 130). */
const servers: { child: ChildProcess; err: string; command: string; stoppedBy?: string }[] = [];

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

function killGroups(): void {
  for (const { child } of servers)
    for (const p of child.pid ? groupMembers(child.pid) : [])
      try {
        process.kill(p, "SIGKILL");
      } catch {}
}

afterAll(() => {
  killGroups();
  standIn?.kill();
  rmSync(scratchBase, { recursive: true, force: true });
  process.stdout.write(`\nREADME commands, wall time with CONSTELLATE_DOC_SHORT=1:\n${timings.join("\n")}\n`);
});

async function startServer(args: string[], ready: RegExp): Promise<void> {
  const serverOut = join(scratch, `${args[0]}-${servers.length}.stdout`);
  const serverErr = join(scratch, `${args[0]}-${servers.length}.stderr`);
  const out = openSync(serverOut, "w");
  const err = openSync(serverErr, "w");
  // Its own process group (to find every descendant); output to files, never a pipe we might not drain.
  const child = spawn(process.execPath, cliArgs(args), {
    cwd: scratch,
    env,
    detached: true,
    stdio: ["ignore", out, err],
  });
  servers.push({ child, err: serverErr, command: args[0] ?? "" });
  closeSync(out);
  closeSync(err);
  const t0 = Date.now();
  for (;;) {
    const text = readFileSync(serverOut, "utf8") + readFileSync(serverErr, "utf8");
    if (ready.test(text)) return;
    if (child.exitCode !== null || Date.now() - t0 > 150_000)
      throw new Error(`${args[0]} not ready: ${readFileSync(serverErr, "utf8")}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Ctrl-C the newest server: it must exit as it says (launch: 130, 128 + SIGINT; view: 0), print no
 * stack trace and leave no process of its group.
 */
async function stopServer(): Promise<void> {
  const { child: cli, err: serverErr, command, stoppedBy } = servers[servers.length - 1]!;
  const exited = new Promise<number | null>((res) => {
    if (cli.exitCode !== null) res(cli.exitCode);
    else cli.once("exit", (code) => res(code));
  });
  cli.kill("SIGINT");
  const code = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 30_000))]);
  expect(readFileSync(serverErr, "utf8")).not.toMatch(STACK_LINE);
  // Ctrl-C ends a launch with 130; one that `constellate stop` ended first exited 0.
  expect(code, stoppedBy).toBe(command === "launch" && !stoppedBy ? 130 : 0);
  const deadline = Date.now() + 10_000;
  while (groupMembers(cli.pid!).length > 0 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 200));
  expect(groupMembers(cli.pid!)).toEqual([]);
  servers.pop();
}

/**
 * One test per command of `commands` (in order), then, after each block that started a server, a
 * ping that gets no answer (when the block pings) and Ctrl-C of its servers. Commands of one block
 * run together; blocks share nothing but the scratch dir, so each test file takes a share of them.
 */
export function describeDocCommands(title: string, commands: DocCommand[]): void {
  describe(title, () => {
    beforeAll(startStandIn);
    // Per block (file#index): its last command, whether it starts a server (to end after it), and
    // whether it pings (then a ping that gets no answer is checked against the same launch).
    const blockOf = (c: DocCommand) => `${c.where.split(":")[0]}#${c.block}`;
    const lastOfBlock = new Map<string, number>();
    const serves = new Set<string>();
    const pings = new Set<string>();
    commands.forEach((c, i) => {
      lastOfBlock.set(blockOf(c), i);
      const p = plan(c);
      if ("args" in p && serverReady(p.args)) serves.add(blockOf(c));
      if ("args" in p && p.args[0] === "ping") pings.add(blockOf(c));
    });

    commands.forEach((c, i) => {
      const p = plan(c);
      if ("skip" in p) {
        it.skip(`${c.where} \`${c.text}\`: skipped, ${p.skip}`, () => {});
        return;
      }
      it(`${c.where} \`${c.text}\`${"build" in p ? " (unless dist/ is newer than its sources)" : ""}${"args" in p && p.args.includes(STAND_IN_URL) ? " (CelesTrak stood in for by 127.0.0.1: the shared snapshot)" : ""}`, async () => {
        const t0 = performance.now();
        if ("cat" in p) {
          // The file an earlier command of the block wrote: it exists and holds something.
          expect(readFileSync(join(scratch, p.cat), "utf8").length).toBeGreaterThan(0);
          return;
        }
        if ("write" in p) {
          // A file the doc shows, for the commands after it: written where the reader would.
          writeFileSync(join(scratch, p.write), p.content);
          return;
        }
        if ("sh" in p || "repo" in p) {
          if ("build" in p && buildIsCurrent()) return;
          const r =
            "sh" in p
              ? spawnSync("sh", ["-c", p.sh], { cwd: scratch, env, encoding: "utf8", timeout: 60_000 })
              : spawnSync("build" in p ? "npm" : process.execPath, p.repo, {
                  cwd: repoRoot,
                  env: { ...env, ...p.env },
                  encoding: "utf8",
                  timeout: 600_000,
                });
          timings.push(`  ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s  ${c.text}`);
          expect(r.stderr, r.stderr).not.toMatch(STACK_LINE);
          expect(r.status, `${c.text}\n${r.stderr}`).toBe(0);
          if (!("build" in p)) expect(r.stdout.length).toBeGreaterThan(0);
          return;
        }
        const ready = serverReady(p.args);
        if (ready) {
          if (p.args[0] === "launch") while (servers.length > 0) await stopServer();
          await startServer(p.args, ready);
          timings.push(
            `  ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s  ${c.text} (until it is ready)`,
          );
          return;
        }
        const startedUnixMs = Date.now();
        const r = spawnSync(
          process.execPath,
          cliArgs(p.args.map((a) => (a === STAND_IN_URL ? standInUrl : a))),
          {
            cwd: scratch,
            env,
            encoding: "utf8",
            timeout: 180_000,
          },
        );
        timings.push(`  ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s  ${c.text}`);
        expect(r.stderr, r.stderr).not.toMatch(STACK_LINE);
        expect(r.status, `${c.text}\n${r.stderr}`).toBe(0);
        expect(r.stdout.length + (p.args[0] === "launch" ? 1 : 0)).toBeGreaterThan(0);
        // `npm start`: its plots are written, and it says where (test/demo-plots.ts).
        if (p.args[0] === "demo") expectDemoPlots(r.stdout, scratch, startedUnixMs);
        if (p.args[0] === "stop") {
          const launch = [...servers].reverse().find((x) => x.command === "launch");
          if (launch) launch.stoppedBy = c.text;
        }
      }, 700_000);

      const block = blockOf(c);
      if (lastOfBlock.get(block) !== i || !serves.has(block)) return;
      if (pings.has(block))
        it(`${c.where}: a ping that gets no answer exits 1 (Svalbard SvalSat - Punta Arenas: never connected on eo-sso)`, () => {
          const r = spawnSync(
            process.execPath,
            cliArgs(["ping", "Svalbard SvalSat", "Punta Arenas", "--count", "1", "--timeout", "2s"]),
            { cwd: scratch, env, encoding: "utf8", timeout: 60_000 },
          );
          expect(r.stderr).toMatch(/^constellate: no round trip of 1 came back/m);
          expect(r.status).toBe(1);
        }, 90_000);
      if (pings.has(block))
        it(`${c.where}: a trace that gets no answer exits 1, with one line and no hops (the same pair)`, () => {
          const r = spawnSync(
            process.execPath,
            cliArgs(["trace", "Svalbard SvalSat", "Punta Arenas", "--timeout", "2s"]),
            { cwd: scratch, env, encoding: "utf8", timeout: 60_000 },
          );
          expect(r.stderr).toMatch(/^constellate: no round trip: \S/m);
          expect(r.stderr).not.toMatch(STACK_LINE);
          expect(r.stdout).toBe("");
          expect(r.status).toBe(1);
        }, 90_000);
      it(`${c.where}: Ctrl-C ends the servers the block started and every process they started`, async () => {
        expect(servers.length, "a server ran").toBeGreaterThan(0);
        while (servers.length > 0) await stopServer();
      }, 90_000);
    });
  });
}
