/**
 * A real launch against another local user (docs/security.md): the launch runs as root (CI does)
 * with 2 pooled host processes and the Python example app attached; test/fixtures/rpc-intruder.mjs
 * runs as uid 65534 (setpriv) and tries every RPC that changes or observes the run, without the
 * secret and with a guessed one, and tries to read the run dir. Then the same calls with the secret
 * (read from the run dir, as the CLI does) go through, except those only the run's own hosts may
 * make; `constellate stop` ends the launch; a second launch on the dir is refused while it runs.
 * A second launch with --tls: the CLI works over it, a plaintext or differently pinned client does not.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { afterAll, describe, expect, it } from "vitest";
import { loadAppsProtos } from "../src/emu/apps/apps-proto.js";
import { client, unary } from "../src/emu/grpc-util.js";
import { loadProtos } from "../src/emu/proto-loader.js";
import { RunAuth, SECRET_HEADER } from "../src/emu/run-auth.js";
import { RunClient } from "../src/emu/run-client.js";
import { pidAlive } from "../src/emu/run-lock.js";
import { readRunAuth } from "../src/emu/run-secret.js";
import { generateRunTls } from "../src/emu/run-tls.js";
import type { EmulationStatus } from "../src/emu/wire.js";
import { runCli, STACK_LINE } from "./cli-helpers.js";

const ROOT_DIR = resolve(import.meta.dirname, "..");
const IS_ROOT = process.getuid?.() === 0;
const SETPRIV = ["/usr/bin/setpriv", "/bin/setpriv"].find((p) => existsSync(p));
/** Debian's interpreter: python3-grpcio installs for it (as test/apps-external.test.ts). */
const PYTHON = ["/usr/bin/python3"].find(
  (p) => spawnSync(p, ["-c", "import grpc, grpc_tools"], { stdio: "ignore" }).status === 0,
);
const UNAUTHENTICATED = grpc.status.UNAUTHENTICATED;

/** The server of each service of proto/ (grpc-util.ts startServer callers: controller.ts, host.ts, gateway.ts). */
const SERVER_OF: Record<string, string[]> = {
  "constellate.v1.Controller": ["controller"],
  "constellate.v1.RunControl": ["controller"],
  "constellate.v1.Host": ["host"],
  "constellate.v1.Node": ["node"],
  "constellate.v1.Apps": ["gateway"],
  "constellate.v1.AppBridge": ["gateway"],
};

/** Every `rpc` of every `service` in proto/, read from the .proto text: "<package>.<Service>.<Method>". */
function protoRpcs(): { service: string; call: string }[] {
  const dir = join(ROOT_DIR, "proto");
  const out: { service: string; call: string }[] = [];
  for (const f of readdirSync(dir, { recursive: true })
    .map(String)
    .filter((x) => x.endsWith(".proto"))) {
    const text = readFileSync(join(dir, f), "utf8").replace(/\/\/.*$/gm, "");
    const pkg = /^package\s+([\w.]+);/m.exec(text)?.[1];
    for (const m of text.matchAll(/\bservice\s+(\w+)\s*\{([^}]*)\}/g))
      for (const r of m[2]!.matchAll(/\brpc\s+(\w+)\s*\(/g))
        out.push({ service: `${pkg}.${m[1]}`, call: `${pkg}.${m[1]}.${r[1]}` });
  }
  return out;
}

// The 10-satellite plane of test/emu-cli.test.ts: neighbours 4,282 km apart, two stations.
const YAML = readFileSync(new URL("./fixtures/plane10-two-stations.yaml", import.meta.url), "utf8");

const dirs: string[] = [];
const launches: ChildProcess[] = [];
afterAll(() => {
  for (const cli of launches) for (const p of groupMembers(cli.pid!)) tryKill(p);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tryKill(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {}
}

/**
 * A scratch dir any user may enter (mkdtemp makes 0700, which alone would keep the intruder out
 * and prove nothing about the run dir's own mode).
 */
function openScratch(): string {
  const d = mkdtempSync(join(tmpdir(), "emu-security-"));
  chmodSync(d, 0o755);
  dirs.push(d);
  writeFileSync(join(d, "plane10.yaml"), YAML);
  chmodSync(join(d, "plane10.yaml"), 0o644);
  return d;
}

function groupMembers(pgid: number): number[] {
  try {
    return execFileSync("ps", ["-o", "pid=", "-g", String(pgid)], { encoding: "utf8" })
      .split("\n")
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0);
  } catch {
    return [];
  }
}

async function launch(args: string[]): Promise<{ cli: ChildProcess; stderr: { text: string } }> {
  const cli = spawn(
    process.execPath,
    ["--import", "tsx", join(ROOT_DIR, "src/cli/main.ts"), "launch", ...args],
    {
      cwd: ROOT_DIR,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, CONSTELLATE_LOG_LEVEL: "info" },
    },
  );
  launches.push(cli);
  const stderr = { text: "" };
  cli.stderr!.on("data", (d: Buffer) => {
    stderr.text += d.toString();
  });
  cli.stdout!.resume();
  const t0 = Date.now();
  while (!/nodes up/.test(stderr.text)) {
    if (Date.now() - t0 > 120_000 || cli.exitCode !== null) throw new Error(`launch not up: ${stderr.text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { cli, stderr };
}

/**
 * The CLI without blocking this process: a launch we spawned writes to pipes that this process
 * must keep draining (and reaping) while `stop` waits for it to end.
 */
function runCliAsync(
  args: string[],
  timeoutMs: number,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT_DIR, "src/cli/main.ts"), ...args], {
      cwd: ROOT_DIR,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const t = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (status) => {
      clearTimeout(t);
      resolvePromise({ status, stdout, stderr });
    });
  });
}

/** 127.0.0.1 ports a process listens on (ss(8) from iproute2). */
function listeningPorts(pid: number): number[] {
  const out = execFileSync("ss", ["-ltnpH"], { encoding: "utf8" });
  return out
    .split("\n")
    .filter((l) => l.includes(`pid=${pid},`))
    .map((l) => Number(/127\.0\.0\.1:(\d+)/.exec(l)?.[1]))
    .filter((p) => p > 0);
}

function envOf(pid: number): Record<string, string> {
  return Object.fromEntries(
    readFileSync(`/proc/${pid}/environ`, "utf8")
      .split("\0")
      .filter((kv) => kv.includes("="))
      .map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]),
  );
}

/** The Python app itself (the launch's own command line names ping.py too, in its --app). */
function isPythonApp(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0] === PYTHON;
  } catch {
    return false;
  }
}

/** Every entry of a run dir with its permission bits. */
function modes(dir: string): { path: string; mode: number; dir: boolean }[] {
  const out = [{ path: dir, mode: statSync(dir).mode & 0o777, dir: true }];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...modes(p));
    else out.push({ path: p, mode: statSync(p).mode & 0o777, dir: false });
  }
  return out;
}

function callCode(
  start: (md: grpc.Metadata, done: (code: number, details: string) => void) => void,
  md: grpc.Metadata,
) {
  return new Promise<{ code: number; details: string }>((resolve) => {
    let settled = false;
    start(md, (code, details) => {
      if (settled) return;
      settled = true;
      resolve({ code, details });
    });
  });
}

function secretMd(auth: RunAuth): grpc.Metadata {
  const md = new grpc.Metadata();
  md.set(SECRET_HEADER, auth.secretHex());
  return md;
}

describe.skipIf(!IS_ROOT || !SETPRIV)(
  "another uid against a real launch (needs root for setpriv to uid 65534; CI runs as root)",
  () => {
    const dir = openScratch();
    const runDir = join(dir, "run");
    let cli: ChildProcess;
    let auth: RunAuth;
    let first: EmulationStatus;

    it("the run dir is private: 0700, every file 0600 (logs, metrics, secret, lock)", async () => {
      const args = [
        join(dir, "plane10.yaml"),
        "--isolation",
        "pooled",
        "--hosts",
        "2",
        "--clock",
        "realtime",
      ];
      if (PYTHON)
        args.push(
          "--app",
          `${PYTHON} examples/apps/python/ping.py`,
          "--app-config",
          "ping.from=p-P0-S0",
          "--app-config",
          "ping.to=p-P0-S2",
          "--app-config",
          "ping.everyS=5",
        );
      ({ cli } = await launch([...args, "--run-dir", runDir]));
      auth = readRunAuth(runDir);
      const rc = RunClient.open(runDir);
      try {
        first = await rc.status();
      } finally {
        rc.close();
      }
      expect(first.nodesUp).toBe(12);
      const entries = modes(runDir);
      const names = entries.map((e) => e.path.slice(runDir.length + 1));
      for (const f of ["secret", "launch.lock", "controller.json", "controller.log", "metrics.ndjson"])
        expect(names).toContain(f);
      expect(names.filter((n) => /^host-h\d\.log$/.test(n))).toHaveLength(2);
      for (const e of entries) expect([e.path, e.mode.toString(8)]).toEqual([e.path, e.dir ? "700" : "600"]);
      expect(readFileSync(join(runDir, "secret"), "utf8").trim()).toMatch(/^[0-9a-f]{64}$/);
      expect(Number(readFileSync(join(runDir, "launch.lock"), "utf8"))).toBe(cli.pid);
      // Never in argv: a command line is world-readable (/proc/<pid>/cmdline).
      const secret = auth.secretHex();
      for (const pid of groupMembers(cli.pid!))
        expect(readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(secret)).toBe(false);
      expect(readFileSync(join(runDir, "controller.log"), "utf8").includes(secret)).toBe(false);
    }, 180_000);

    it("uid 65534 is refused every method of every service on every server (UNAUTHENTICATED) and cannot read the run dir; health stays open", () => {
      const hostNode = 5;
      const hostPid = first.nodes[hostNode]!.pid;
      const nodePorts = new Set(
        first.nodes.filter((n) => n.pid === hostPid).map((n) => Number(n.address.split(":")[1])),
      );
      const hostPorts = listeningPorts(hostPid).filter((p) => !nodePorts.has(p));
      expect(hostPorts).toHaveLength(1);
      const python = groupMembers(cli.pid!).find((p) => isPythonApp(p));
      const gateway = python ? envOf(python).CONSTELLATE_ADDRESS : undefined;
      if (PYTHON) expect(gateway).toMatch(/^127\.0\.0\.1:\d+$/);
      const target = {
        repo: ROOT_DIR,
        runDir,
        controller: JSON.parse(readFileSync(join(runDir, "controller.json"), "utf8")).address,
        // Node 7: the intruder's bundles would go 7 -> 8, which the app's ping (0 -> 2) never uses.
        node: first.nodes[7]!.address,
        host: `127.0.0.1:${hostPorts[0]}`,
        hostNode,
        gateway,
      };
      const r = spawnSync(
        SETPRIV!,
        [
          "--reuid=65534",
          "--regid=65534",
          "--clear-groups",
          process.execPath,
          join(ROOT_DIR, "test/fixtures/rpc-intruder.mjs"),
          JSON.stringify(target),
        ],
        { encoding: "utf8", timeout: 120_000 },
      );
      expect(r.status, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as {
        uid: number;
        calls: { server: string; call: string; mode: string; code: number; details: string }[];
        unmapped: string[];
        files: Record<string, string>;
      };
      expect(out.uid).toBe(65534);
      // Every service of proto/ had a server to try it on (a new service needs one in the intruder).
      expect(out.unmapped).toEqual([]);
      const tried = new Set(out.calls.map((c) => `${c.server} ${c.call}`));
      // What must have been tried, read from the .proto text here (not from the intruder's loader):
      // each rpc on the server of its service; health and reflection on every server.
      const servers = ["controller", "host", "node", ...(PYTHON ? ["gateway"] : [])];
      const expected = [
        ...protoRpcs().flatMap((r) => (SERVER_OF[r.service] ?? ["(none)"]).map((s) => `${s} ${r.call}`)),
        ...servers.flatMap((s) =>
          [
            "grpc.health.v1.Health.Check",
            "grpc.health.v1.Health.Watch",
            "grpc.reflection.v1.ServerReflection.ServerReflectionInfo",
            "grpc.reflection.v1alpha.ServerReflection.ServerReflectionInfo",
          ].map((c) => `${s} ${c}`),
        ),
      ].filter((e) => PYTHON || !e.startsWith("gateway "));
      expect(expected.length).toBeGreaterThan(40);
      for (const e of expected) expect(tried, e).toContain(e);
      // The ones an audit found untried before, by name.
      for (const c of [
        "Host.StartNode",
        "Host.Advance",
        "Host.Census",
        "Host.GetNodeStates",
        "Node.Deliver",
        "Node.DeliverBatch",
        "Node.InjectMany",
        "Node.StartPing",
        "Node.AwaitPing",
        "Node.WatchLinks",
        "Node.WatchClock",
        "Node.GetContactPlan",
        "Controller.GetContactPlan",
        ...(PYTHON ? ["AppBridge.Serve"] : []),
      ])
        expect(
          [...tried].some((t) => t.endsWith(` constellate.v1.${c}`)),
          c,
        ).toBe(true);
      // Every call refused before any handler ran (none answered, none failed otherwise), except
      // the health check, open by design (docs/security.md): it answered SERVING on every server.
      const open = (c: { call: string }) => c.call.startsWith("grpc.health.v1.Health.");
      expect(out.calls.filter((c) => !open(c) && c.code !== UNAUTHENTICATED)).toEqual([]);
      expect(out.calls.filter((c) => open(c) && c.code !== 0)).toEqual([]);
      expect(out.calls.length).toBe(2 * tried.size);
      expect(out.files).toEqual({
        list: "EACCES",
        secret: "EACCES",
        "controller.json": "EACCES",
        "controller.log": "EACCES",
      });
    }, 180_000);

    it("nothing the intruder tried took effect; each refusal is logged without the offered value", async () => {
      const rc = RunClient.open(runDir);
      try {
        const st = await rc.status();
        expect(st.nodesUp).toBe(12);
        // The same processes serve the same nodes: no registration was taken over, no node stopped.
        expect(st.nodes.map((n) => [n.address, n.pid, n.restarts])).toEqual(
          first.nodes.map((n) => [n.address, n.pid, 0]),
        );
        expect(st.totals.droppedByReason["forged-by-intruder"]).toBeUndefined();
        // No bundle the intruder injected at, delivered to or streamed into node 7 (for node 8) arrived.
        const p = loadProtos();
        for (const [n, zero] of [
          [7, ["created", "received", "forwarded"]],
          [8, ["created", "received", "delivered"]],
        ] as const) {
          const c = client(p.Node, st.nodes[n]!.address, auth);
          try {
            const ns = await unary<unknown, { counters: Record<string, number> }>(c, "GetStatus", {});
            expect(zero.map((k) => [n, k, ns.counters[k]])).toEqual(zero.map((k) => [n, k, 0]));
          } finally {
            c.close();
          }
        }
      } finally {
        rc.close();
      }
      const log = readFileSync(join(runDir, "controller.log"), "utf8");
      expect(log).toMatch(/unauthenticated call refused/);
      expect(log).not.toMatch(/"offered":"[0-9a-f]/);
      expect(pidAlive(cli.pid!)).toBe(true);
    });

    it("with the run's secret the same calls go through; node and event calls need a host's key as well", async () => {
      const rc = RunClient.open(runDir);
      const p = loadProtos();
      const node = client(p.Node, first.nodes[0]!.address, auth);
      const controller = client(p.Controller, rc.info.address, auth);
      try {
        const st = await rc.status();
        expect(st.name).toBe("plane10");
        const injected = await unary<unknown, { id: string }>(node, "Inject", {
          destination: 2,
          sizeBytes: 1000,
        });
        expect(injected.id).not.toBe("");
        const ping = await rc.ping(0, { destination: 2, timeoutMs: 5000 });
        expect(ping.ok).toBe(true);
        // Host.StopNode with the secret: the node goes down (fault injection is the user's to do).
        const hostPid = st.nodes[5]!.pid;
        const nodePorts = new Set(
          st.nodes.filter((n) => n.pid === hostPid).map((n) => Number(n.address.split(":")[1])),
        );
        const hostPort = listeningPorts(hostPid).find((q) => !nodePorts.has(q));
        const host = client(p.Host, `127.0.0.1:${hostPort}`, auth);
        try {
          await unary(host, "StopNode", { node: 5 });
        } finally {
          host.close();
        }
        const t0 = Date.now();
        while ((await rc.status()).nodes[5]!.up && Date.now() - t0 < 10_000)
          await new Promise((r) => setTimeout(r, 100));
        expect((await rc.status()).nodes[5]!.up).toBe(false);
        // The secret alone (what an attached app holds) does not make a host: Register and
        // ReportEvents are refused, and node 0 keeps its own registration.
        const reg = await callCode((md, done) => {
          const call = (
            controller as unknown as {
              Register(r: unknown, md: grpc.Metadata): grpc.ClientReadableStream<unknown>;
            }
          ).Register({ node: 0, address: "127.0.0.1:9", hostId: st.nodes[0]!.hostId, pid: 1 }, md);
          call.on("data", () => done(0, "registered"));
          call.on("error", (e: grpc.ServiceError) => done(e.code, e.details));
        }, new grpc.Metadata());
        expect(reg.code).toBe(UNAUTHENTICATED);
        const rep = await callCode((md, done) => {
          const call = (
            controller as unknown as {
              ReportEvents(
                md: grpc.Metadata,
                cb: (e: grpc.ServiceError | null) => void,
              ): grpc.ClientWritableStream<unknown>;
            }
          ).ReportEvents(md, (e) => done(e ? e.code : 0, e?.details ?? ""));
          call.write({ events: [{ type: "TYPE_DROPPED", id: "x", node: 0, reason: "forged-with-secret" }] });
          call.end();
        }, new grpc.Metadata());
        expect(rep.code).toBe(UNAUTHENTICATED);
        const after = await rc.status();
        expect(after.nodes[0]!.address).toBe(first.nodes[0]!.address);
        expect(after.totals.droppedByReason["forged-with-secret"]).toBeUndefined();
        if (PYTHON) {
          // The gateway lets the secret's holder in: the hello is refused only because "ping" is attached.
          const python = groupMembers(cli.pid!).find((q) => isPythonApp(q))!;
          const apps = client(loadAppsProtos().Apps, envOf(python).CONSTELLATE_ADDRESS!, auth);
          const att = await callCode((md, done) => {
            const call = (
              apps as unknown as {
                Attach(md: grpc.Metadata): grpc.ClientDuplexStream<unknown, { welcome?: { error: string } }>;
              }
            ).Attach(md);
            call.on("data", (m) => {
              done(0, m.welcome?.error ?? "");
              call.cancel();
            });
            call.on("error", (e: grpc.ServiceError) => done(e.code, e.details));
            call.write({ hello: { token: auth.secretHex(), app: "ping", nodes: [] } });
          }, secretMd(auth));
          apps.close();
          expect(att).toEqual({ code: 0, details: "app ping is already attached" });
        }
      } finally {
        node.close();
        controller.close();
        rc.close();
      }
    }, 60_000);

    it("a second launch on the same run dir is refused with one line while the first runs", () => {
      const r = runCli(
        [
          "launch",
          join(dir, "plane10.yaml"),
          "--isolation",
          "inproc",
          "--duration",
          "1s",
          "--run-dir",
          runDir,
        ],
        {
          timeoutMs: 60_000,
        },
      );
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain(`another launch (pid ${cli.pid}) is running in this run dir`);
      expect(r.stderr).not.toMatch(STACK_LINE);
      expect(pidAlive(cli.pid!)).toBe(true);
    }, 60_000);

    it("constellate stop ends it (exit 0, every process gone, lock and secret removed); then: nothing to stop", async () => {
      const exited = new Promise<number | null>((r) =>
        cli.exitCode !== null ? r(cli.exitCode) : cli.once("exit", (c) => r(c)),
      );
      const r = await runCliAsync(["stop", "--run-dir", runDir], 90_000);
      expect(
        r.status,
        `${r.stderr}\n${readFileSync(join(runDir, "controller.log"), "utf8").slice(-2000)}`,
      ).toBe(0);
      expect(r.stdout).toContain(`stopped the launch in ${runDir} (pid ${cli.pid})`);
      // stop returns once the launch's process is gone; it exited as on Ctrl-C (status 0, summary written).
      expect(pidAlive(cli.pid!)).toBe(false);
      expect(await exited).toBe(0);
      const t0 = Date.now();
      while (groupMembers(cli.pid!).length > 0 && Date.now() - t0 < 10_000)
        await new Promise((q) => setTimeout(q, 100));
      expect(groupMembers(cli.pid!)).toEqual([]);
      expect(existsSync(join(runDir, "summary.json"))).toBe(true);
      expect(statSync(join(runDir, "summary.json")).mode & 0o777).toBe(0o600);
      for (const f of ["launch.lock", "secret"]) expect(existsSync(join(runDir, f))).toBe(false);
      expect(existsSync(join(runDir, "controller.json"))).toBe(true);

      const again = runCli(["stop", "--run-dir", runDir], { timeoutMs: 30_000 });
      expect(again.status).toBe(1);
      expect(again.stderr.trim()).toBe(
        `constellate: nothing to stop: ${runDir}, field --run-dir: no launch is running there: its launch (pid ${cli.pid}) has ended`,
      );
      // A dead launch's controller.json: status says so at once (no wait on its dead address).
      const st = runCli(["status", "--run-dir", runDir], { timeoutMs: 30_000 });
      expect(st.status).toBe(2);
      expect(st.stderr).toContain("no launch is running there");
      expect(st.stderr).not.toMatch(STACK_LINE);
    }, 120_000);
  },
);

describe("launch --tls: every RPC over TLS, clients pin the run's certificate", () => {
  const dir = openScratch();
  const runDir = join(dir, "run");
  let cli: ChildProcess;

  it("serves status and ping over TLS to the CLI; refuses plaintext and other certificates; stops", async () => {
    ({ cli } = await launch([
      join(dir, "plane10.yaml"),
      "--isolation",
      "pooled",
      "--hosts",
      "2",
      "--tls",
      "--run-dir",
      runDir,
    ]));
    for (const f of ["tls-cert.pem", "tls-key.pem", "secret"])
      expect(statSync(join(runDir, f)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(runDir, "tls-cert.pem"), "utf8")).toMatch(/^-----BEGIN CERTIFICATE-----/);
    // The CLI over TLS, through both host processes (a ping hops node to node over TLS too).
    const ping = runCli(
      ["ping", "p-P0-S0", "p-P0-S2", "--count", "1", "--run-dir", runDir, "--format", "json"],
      {
        timeoutMs: 60_000,
      },
    );
    expect(ping.status, ping.stderr).toBe(0);
    expect((JSON.parse(ping.stdout) as { ok: boolean }[])[0]!.ok).toBe(true);

    const auth = readRunAuth(runDir);
    const address = (JSON.parse(readFileSync(join(runDir, "controller.json"), "utf8")) as { address: string })
      .address;
    const status = (a: RunAuth) => {
      const c = client(loadProtos().Controller, address, a);
      return unary<unknown, EmulationStatus>(c, "GetStatus", {}, 5_000).then(
        (st) => {
          c.close();
          return { code: 0, nodesUp: st.nodesUp };
        },
        (e: grpc.ServiceError) => {
          c.close();
          return { code: e.code, nodesUp: 0 };
        },
      );
    };
    expect(await status(auth)).toEqual({ code: 0, nodesUp: 12 });
    // The right secret over plaintext: the TLS server does not speak it.
    const plain = RunAuth.parse(auth.secretHex())!;
    expect((await status(plain)).code).toBe(grpc.status.UNAVAILABLE);
    // The right secret, pinning another certificate: the handshake fails.
    const other = RunAuth.parse(auth.secretHex(), {
      certPem: (await generateRunTls("other")).certPem,
      keyPem: null,
    })!;
    expect((await status(other)).code).toBe(grpc.status.UNAVAILABLE);

    const r = await runCliAsync(["stop", "--run-dir", runDir], 90_000);
    expect(r.status, r.stderr).toBe(0);
    expect(pidAlive(cli.pid!)).toBe(false);
    for (const f of ["tls-key.pem", "secret", "launch.lock"]) expect(existsSync(join(runDir, f))).toBe(false);
  }, 240_000);
});
