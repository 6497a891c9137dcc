/**
 * What a run dir records and what reads it back: controller.json names its constellation file
 * (absolute), so `status` and `view --run-dir` need no YAML; nodes.ndjson has every node's up and
 * down changes at their virtual instants; readRunRecord turns a finished launch (summary.json) or a
 * run in progress (metrics.ndjson) into its window and each node's up intervals.
 *
 * References: the path the test itself wrote the YAML to; the launch's own --duration (the virtual
 * clock stops exactly there); the emulation's clock read just before a node is stopped and when the
 * controller announces it lost (nodeLost$); node counts written in the YAML.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConstellation } from "../src/config/load.js";
import { type Emulation, startEmulation } from "../src/emu/emulation.js";
import { readControllerInfo } from "../src/emu/run-dir.js";
import { readRunRecord, upAt } from "../src/emu/run-record.js";
import { repoRoot, runCli } from "./cli-helpers.js";

const YAML = `name: record-small
epoch: "2026-01-01T00:00:00Z"
shells:
  - name: r
    walker: { altitudeKm: 550, inclinationDeg: 53, planes: 2, satsPerPlane: 6, phasing: 0, raanSpreadDeg: 60, eccentricity: 0.0001 }
    isl: { maxRangeKm: 5000 }
groundStations:
  stations:
    - { name: "Quito", latDeg: -0.18, lonDeg: -78.47, altM: 0 }
    - { name: "Nairobi", latDeg: -1.29, lonDeg: 36.82, altM: 0 }
`;
const NODES = 2 * 6 + 2;
const EPOCH_MS = Date.parse("2026-01-01T00:00:00Z");

/** Run the CLI without blocking this process (it may host the emulation the CLI talks to). */
function cliAsync(args: string[]): {
  proc: ChildProcess;
  firstLine: Promise<string>;
  done: Promise<{ code: number | null; out: string; err: string }>;
} {
  const proc = spawn(process.execPath, ["--import", "tsx", join(repoRoot, "src/cli/main.ts"), ...args], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  let out = "";
  let err = "";
  let lineFound: (l: string) => void = () => {};
  const firstLine = new Promise<string>((resolve) => {
    lineFound = resolve;
  });
  proc.stdout!.on("data", (d: Buffer) => {
    out += d.toString();
    if (out.includes("\n")) lineFound(out.slice(0, out.indexOf("\n")));
  });
  proc.stderr!.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
    proc.once("exit", (code) => {
      lineFound("");
      resolve({ code, out, err });
    }),
  );
  return { proc, firstLine, done };
}

describe("run dir record", () => {
  const dir = mkdtempSync(join(tmpdir(), "run-record-"));
  const yaml = join(dir, "record-small.yaml");
  writeFileSync(yaml, YAML);
  const procs: ChildProcess[] = [];
  let emu: Emulation | null = null;
  afterAll(async () => {
    for (const p of procs) if (p.exitCode === null) p.kill("SIGKILL");
    await emu?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a finished launch: controller.json names the YAML (absolute), every node up over the whole window", () => {
    const runDir = join(dir, "finished");
    // A relative path on the command line: controller.json still holds the absolute one.
    const r = runCli(
      ["launch", relative(repoRoot, yaml), "--duration", "2m", "--isolation", "inproc", "--run-dir", runDir],
      { timeoutMs: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(readControllerInfo(runDir).constellationFile).toBe(yaml);
    const rec = readRunRecord(runDir);
    expect(rec.finished).toBe(true);
    expect(rec.nodesRecorded).toBe(true);
    expect(rec.fromMs).toBe(EPOCH_MS);
    expect(rec.toMs).toBe(EPOCH_MS + 120_000);
    expect(rec.up).toHaveLength(NODES);
    for (const u of rec.up) expect(u).toEqual([[EPOCH_MS, EPOCH_MS + 120_000]]);
    expect([...upAt(rec, EPOCH_MS + 60_000, new Uint8Array(NODES))]).toEqual(new Array(NODES).fill(1));
  }, 150_000);

  it("a node stopped in a run: its down instant is recorded; status and view need no YAML", async () => {
    const runDir = join(dir, "live");
    mkdirSync(runDir);
    const c = loadConstellation(yaml);
    emu = await startEmulation(c, { isolation: "inproc", clock: "realtime", speed: 10, runDir });
    await emu.waitAllUp();
    let lostAt = Number.NaN;
    emu.controller.nodeLost$.subscribe(() => {
      lostAt = emu!.now();
    });
    emu.resume();
    await new Promise((r) => setTimeout(r, 1_000));
    const beforeKill = emu.now();
    await emu.killNode(3, "stop");
    while (Number.isNaN(lostAt)) await new Promise((r) => setTimeout(r, 20));
    expect(beforeKill).toBeGreaterThan(EPOCH_MS);

    // status without the YAML: the run's constellation file in its JSON.
    const st = cliAsync(["status", "--run-dir", runDir, "--format", "json"]);
    procs.push(st.proc);
    const s = await st.done;
    expect(s.code, s.err).toBe(0);
    const sj = JSON.parse(s.out) as { constellationFile: string; nodesUp: number; satellites: number };
    expect(sj.constellationFile).toBe(yaml);
    expect(sj.satellites).toBe(12);
    expect(sj.nodesUp).toBe(NODES - 1);

    // view --run-dir without the YAML: it attaches (first stdout line the URL) and serves the run.
    // (its page as `npm run build` makes it, from the current sources)
    const b = spawnSync(process.execPath, [join(repoRoot, "scripts/build-view.mjs")], { encoding: "utf8" });
    expect(b.status, b.stderr).toBe(0);
    const v = cliAsync(["view", "--run-dir", runDir]);
    procs.push(v.proc);
    const url = await v.firstLine;
    expect(url, (await Promise.race([v.done, Promise.resolve({ err: "" })])).err).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}\/$/,
    );
    const meta = (await (await fetch(`${url}api/meta`)).json()) as {
      mode: string;
      name: string;
      satellites: unknown[];
    };
    expect(meta).toMatchObject({ mode: "live", name: "record-small" });
    expect(meta.satellites).toHaveLength(12);
    v.proc.kill("SIGINT");
    expect((await v.done).code).toBe(0);

    // The record of the run so far (no summary.json: it ends at its last metrics period).
    await emu.stop();
    emu = null;
    const rec = readRunRecord(runDir);
    expect(rec.finished).toBe(false);
    const lines = readFileSync(join(runDir, "nodes.ndjson"), "utf8").trim().split("\n");
    expect(lines).toHaveLength(NODES + 1);
    // Down between the kill and the controller's announcement (the record is written just before it).
    expect(rec.up[3]).toHaveLength(1);
    const [upFrom, downAt] = rec.up[3]![0]!;
    expect(upFrom).toBe(EPOCH_MS);
    expect(downAt).toBeGreaterThanOrEqual(beforeKill);
    expect(downAt).toBeLessThanOrEqual(lostAt);
    for (let n = 0; n < NODES; n++) if (n !== 3) expect(rec.up[n]).toEqual([[EPOCH_MS, rec.toMs]]);
    expect(rec.toMs).toBeGreaterThan(lostAt);
    const at = (t: number) => upAt(rec, t, new Uint8Array(NODES))[3];
    expect([at(downAt - 1), at(downAt), at(rec.toMs)]).toEqual([1, 0, 0]);
  }, 150_000);
});
