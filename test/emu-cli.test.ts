/**
 * `constellate launch` end to end: a 10-satellite Walker plane plus 2 stations, one OS process per
 * node; status and ping through the run dir's controller.json; then SIGINT to the CLI must leave
 * no process behind (checked by process group), write summary.json and exit 130.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RunClient } from "../src/emu/run-client.js";
import { runCli, STACK_LINE } from "./cli-helpers.js";

// 10 per plane: neighbours 36 deg apart, 4,282 km at 550 km (chord 2 x 6928 x sin 18 deg), whose
// lowest point (6928 x cos 18 deg = 6,589 km from the centre) clears the 80 km grazing altitude.
const YAML = readFileSync(new URL("./fixtures/plane10-two-stations.yaml", import.meta.url), "utf8");

/** SIGKILL whatever is left in the launch's process group (test teardown). */
function killGroup(cli: ChildProcess | null): void {
  if (!cli?.pid) return;
  for (const p of groupMembers(cli.pid))
    try {
      process.kill(p, "SIGKILL");
    } catch {}
}

function groupMembers(pgid: number): number[] {
  try {
    const out = execFileSync("ps", ["-o", "pid=", "-g", String(pgid)], { encoding: "utf8" });
    return out
      .split("\n")
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0);
  } catch {
    return []; // ps exits 1 when nothing matches
  }
}

async function launchAndWait(args: string[], stderrSink: { text: string }): Promise<ChildProcess> {
  const root = resolve(import.meta.dirname, "..");
  const cli = spawn(process.execPath, ["--import", "tsx", join(root, "src/cli/main.ts"), "launch", ...args], {
    cwd: root,
    detached: true, // its own process group: we can find every descendant by pgid
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, CONSTELLATE_LOG_LEVEL: "info" },
  });
  cli.stderr!.on("data", (d: Buffer) => {
    stderrSink.text += d.toString();
  });
  const t0 = Date.now();
  while (!/nodes up/.test(stderrSink.text)) {
    if (Date.now() - t0 > 90_000 || cli.exitCode !== null)
      throw new Error(`launch not up: ${stderrSink.text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return cli;
}

describe("constellate launch (process isolation) and Ctrl-C", () => {
  const dir = mkdtempSync(join(tmpdir(), "emu-cli-"));
  const runDir = join(dir, "run");
  let cli: ChildProcess | null = null;

  afterAll(() => {
    // Whatever happened, nothing of ours survives the test.
    killGroup(cli);
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs, answers status and ping, and stops cleanly on SIGINT", async () => {
    const yaml = join(dir, "plane10.yaml");
    writeFileSync(yaml, YAML);
    const sink = { text: "" };
    cli = await launchAndWait([yaml, "--isolation", "process", "--run-dir", runDir], sink);
    const pgid = cli.pid!;
    const exited = new Promise<number | null>((r) => {
      if (cli!.exitCode !== null) r(cli!.exitCode);
      else cli!.once("exit", (code) => r(code));
    });
    expect(existsSync(join(runDir, "controller.json"))).toBe(true);
    // 12 nodes, each its own process, plus the CLI: at least 13 processes in the group.
    expect(groupMembers(pgid).length).toBeGreaterThanOrEqual(13);

    const rc = RunClient.open(runDir);
    try {
      const st = await rc.status();
      expect(st.nodesUp).toBe(12);
      expect(st.isolation).toBe("ISOLATION_PROCESS");
      expect(new Set(st.nodes.map((n) => n.pid)).size).toBe(12);
      await new Promise((r) => setTimeout(r, 500));
      const from = await rc.nodeId("p-P0-S0", "A");
      const to = await rc.nodeId("p-P0-S2", "B");
      const model = await rc.modelRoute(from, to, "VIA_SPACE");
      expect(model.ok).toBe(true);
      expect(model.path).toEqual([0, 1, 2]);
      const r = await rc.ping(from, { destination: to, timeoutMs: 5000 });
      expect(r.ok).toBe(true);
      expect(r.forward.map((h) => h.to)).toEqual([1, 2]);
      // Two ISLs of ~4,282 km each way: ~14.3 ms one way by light time; emulated RTT never below it.
      expect(r.rttMs).toBeGreaterThanOrEqual(2 * model.oneWayMs - 0.01);
    } finally {
      rc.close();
    }

    // The same through the user's commands.
    const st = runCli(["status", "--run-dir", runDir, "--format", "json"]);
    expect(st.status, st.stderr).toBe(0);
    const stJson = JSON.parse(st.stdout) as {
      nodesUp: number;
      satellites: number;
      stations: number;
      totals: { created: number; delivered: number; queued: number; dropped: number };
    };
    expect([stJson.satellites, stJson.stations, stJson.nodesUp]).toEqual([10, 2, 12]);
    // Conservation: every bundle so far (the echo above) is delivered, queued or dropped.
    const tot = stJson.totals;
    expect(tot.created).toBe(tot.delivered + tot.queued + tot.dropped);
    const ping = runCli([
      "ping",
      "p-P0-S0",
      "p-P0-S2",
      "--count",
      "2",
      "--interval",
      "0",
      "--run-dir",
      runDir,
      "--format",
      "json",
    ]);
    expect(ping.status, ping.stderr).toBe(0);
    const rows = JSON.parse(ping.stdout) as Array<{ ok: boolean; rttMs: number; modelRttMs: number }>;
    expect(rows).toHaveLength(2);
    // Hand model: two ISL hops of 2 x 6928 x sin 18 deg = 4,281.8 km each way, 14.283 ms one way per
    // hop at c, so ~57.1 ms round trip (+-0.3 ms for the orbit's J2 and eccentricity wobble).
    for (const r of rows) {
      expect(r.ok).toBe(true);
      expect(r.modelRttMs).toBeGreaterThan(56.8);
      expect(r.modelRttMs).toBeLessThan(57.5);
      expect(r.rttMs).toBeGreaterThanOrEqual(r.modelRttMs - 0.01);
    }
    const trace = runCli(["trace", "p-P0-S0", "p-P0-S2", "--run-dir", runDir, "--format", "json"]);
    expect(trace.status, trace.stderr).toBe(0);
    const hops = (
      JSON.parse(trace.stdout) as {
        hops: Array<{ dir: string; from: string; to: string; propagationMs: number }>;
      }
    ).hops;
    expect(hops.filter((h) => h.dir === "fwd").map((h) => h.to)).toEqual(["p-P0-S1", "p-P0-S2"]);
    for (const h of hops) {
      expect(h.propagationMs).toBeGreaterThan(14.2);
      expect(h.propagationMs).toBeLessThan(14.4);
    }
    const bad = runCli(["ping", "p-P0-S0", "Atlantis", "--run-dir", runDir]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("Atlantis");
    expect(bad.stderr).not.toMatch(STACK_LINE);

    process.kill(pgid, "SIGINT");
    const code = await Promise.race([
      exited,
      new Promise<string>((r) => setTimeout(() => r("timeout"), 20_000)),
    ]);
    expect(code).toBe(130); // Ctrl-C: 128 + SIGINT, as a shell reports it
    // Children exit on their own when the controller goes (IPC disconnect, stream end).
    const t1 = Date.now();
    while (groupMembers(pgid).length > 0 && Date.now() - t1 < 10_000)
      await new Promise((r) => setTimeout(r, 100));
    expect(groupMembers(pgid)).toEqual([]);
    expect(existsSync(join(runDir, "summary.json"))).toBe(true);
  }, 150_000);
});

describe("no orphans when the launch is killed outright", () => {
  const dir = mkdtempSync(join(tmpdir(), "emu-cli-kill-"));
  let cli: ChildProcess | null = null;

  afterAll(() => {
    killGroup(cli);
    rmSync(dir, { recursive: true, force: true });
  });

  it("host processes exit by themselves after SIGKILL of the controller (pooled, 2 hosts)", async () => {
    const yaml = join(dir, "plane10.yaml");
    writeFileSync(yaml, YAML);
    const sink = { text: "" };
    cli = await launchAndWait(
      [yaml, "--isolation", "pooled", "--hosts", "2", "--run-dir", join(dir, "run")],
      sink,
    );
    const pgid = cli.pid!;
    expect(groupMembers(pgid).length).toBeGreaterThanOrEqual(3);
    process.kill(cli.pid!, "SIGKILL"); // no chance to clean up: the children must notice on their own
    const t0 = Date.now();
    while (groupMembers(pgid).length > 0 && Date.now() - t0 < 10_000)
      await new Promise((r) => setTimeout(r, 100));
    expect(groupMembers(pgid)).toEqual([]);
  }, 120_000);
});
