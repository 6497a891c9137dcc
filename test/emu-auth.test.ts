/**
 * The run's credentials in one process (docs/security.md): the secret compared in constant time,
 * the one server interceptor (refuses without the secret, logs without the offered value, leaves
 * health checks open), the run dir's lock (refused while its pid lives, taken over when it is
 * dead), the private run dir, and a dead launch's controller.json answered at once.
 */
import { spawnSync } from "node:child_process";
import * as crypto from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { protoPath as healthProtoPath } from "grpc-health-check";
import { pino } from "pino";
import { afterAll, describe, expect, it, vi } from "vitest";
import { CLIENT_OPTIONS, client, startServer, stopServer, unary } from "../src/emu/grpc-util.js";
import { loadProtos, RUN_CONTROL_SERVICE } from "../src/emu/proto-loader.js";
import { RunAuth, SECRET_HEADER } from "../src/emu/run-auth.js";
import { runningRunDir } from "../src/emu/run-client.js";
import { writeControllerInfo } from "../src/emu/run-dir.js";
import { acquireRunLock, LOCK_FILE, pidAlive } from "../src/emu/run-lock.js";
import { makePrivateRunDir, openRunDir } from "../src/emu/run-open.js";
import { readRunAuth } from "../src/emu/run-secret.js";

// Count calls of the real timingSafeEqual: the comparison must go through it.
vi.mock("node:crypto", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:crypto")>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function scratch(): string {
  const d = mkdtempSync(join(tmpdir(), "emu-auth-"));
  dirs.push(d);
  return d;
}

/** A pid that existed and has exited (and been reaped): spawnSync waits for it. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", ""]);
  return r.pid!;
}

describe("RunAuth", () => {
  it("matches only its own 64-hex secret, through crypto.timingSafeEqual", () => {
    const a = RunAuth.generate();
    const b = RunAuth.generate();
    const tse = vi.mocked(crypto.timingSafeEqual);
    tse.mockClear();
    expect(a.secretHex()).toMatch(/^[0-9a-f]{64}$/);
    expect(a.secretHex()).not.toBe(b.secretHex());
    expect(a.matches(a.secretHex())).toBe(true);
    expect(tse).toHaveBeenCalledTimes(1);
    expect(a.matches(b.secretHex())).toBe(false);
    expect(tse).toHaveBeenCalledTimes(2);
    // One flipped character at the end: still a full-length compare, still refused.
    const last = a.secretHex().slice(-1) === "0" ? "1" : "0";
    expect(a.matches(a.secretHex().slice(0, -1) + last)).toBe(false);
    // Wrong length or type never reaches the compare (timingSafeEqual would throw on lengths).
    for (const v of ["", a.secretHex().slice(0, 63), `${a.secretHex()}0`, undefined, 42, Buffer.alloc(3)])
      expect(a.matches(v)).toBe(false);
    expect(tse).toHaveBeenCalledTimes(3);
  });

  it("round-trips through its hex form and a child's environment (the TLS key only when asked)", () => {
    const a = RunAuth.generate({ certPem: "CERT", keyPem: "KEY" });
    expect(RunAuth.parse(`${a.secretHex()}\n`)!.matches(a.secretHex())).toBe(true);
    expect(RunAuth.parse("not hex")).toBeNull();
    const host = RunAuth.fromEnv(a.env(true))!;
    expect(host.tls).toEqual({ certPem: "CERT", keyPem: "KEY" });
    const app = RunAuth.fromEnv(a.env(false))!;
    expect(app.tls).toEqual({ certPem: "CERT", keyPem: null });
    expect(app.matches(a.secretHex())).toBe(true);
    expect(RunAuth.fromEnv({})).toBeUndefined();
  });
});

describe("the server interceptor (grpc-util startServer)", () => {
  it("refuses calls without the secret (UNAUTHENTICATED, logged without the value), serves with it, leaves health open", async () => {
    const auth = RunAuth.generate();
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const log = pino({ level: "info" }, sink);
    let handled = 0;
    const p = loadProtos();
    const s = await startServer(
      [
        {
          name: RUN_CONTROL_SERVICE,
          def: p.RunControl.service,
          impl: {
            Stop: (_c: unknown, cb: grpc.sendUnaryData<unknown>) => {
              handled++;
              cb(null, { pid: 4242 });
            },
          },
        },
      ],
      auth,
      log,
    );
    const good = client(p.RunControl, s.address, auth);
    const wrong = RunAuth.generate();
    const bad = client(p.RunControl, s.address, wrong);
    const none = new p.RunControl(s.address, grpc.credentials.createInsecure(), CLIENT_OPTIONS);
    const health = new (
      grpc.loadPackageDefinition(protoLoader.loadSync(healthProtoPath, { enums: String })) as unknown as {
        grpc: { health: { v1: { Health: grpc.ServiceClientConstructor } } };
      }
    ).grpc.health.v1.Health(s.address, grpc.credentials.createInsecure());
    try {
      expect(await unary(good, "Stop", { reason: "t" })).toEqual({ pid: 4242 });
      const code = (c: grpc.Client) =>
        unary(c, "Stop", { reason: "t" }).then(
          () => 0,
          (e: grpc.ServiceError) => e.code,
        );
      expect(await code(bad)).toBe(grpc.status.UNAUTHENTICATED);
      expect(await code(none)).toBe(grpc.status.UNAUTHENTICATED);
      // Two secrets in one call are refused too (which one would count?).
      const md = new grpc.Metadata();
      md.add(SECRET_HEADER, wrong.secretHex());
      md.add(SECRET_HEADER, auth.secretHex());
      const two = await new Promise<number>((resolve) =>
        (none as unknown as Record<string, (...a: unknown[]) => void>).Stop!(
          { reason: "t" },
          md,
          (e: grpc.ServiceError | null) => resolve(e ? e.code : 0),
        ),
      );
      expect(two).toBe(grpc.status.UNAUTHENTICATED);
      expect(handled).toBe(1);
      expect(await unary(health, "Check", { service: "" })).toEqual({ status: "SERVING" });
      await new Promise((r) => setImmediate(r));
      const refused = lines.filter((l) => l.includes("unauthenticated call refused"));
      expect(refused).toHaveLength(3);
      expect(JSON.parse(refused[0]!)).toMatchObject({
        level: 40,
        method: "/constellate.v1.RunControl/Stop",
        offered: true,
      });
      expect(JSON.parse(refused[1]!)).toMatchObject({ offered: false });
      for (const l of lines)
        expect(l.includes(wrong.secretHex()) || l.includes(auth.secretHex())).toBe(false);
    } finally {
      for (const c of [good, bad, none, health]) c.close();
      await stopServer(s.server);
    }
  });
});

describe("run dir: private, locked, credentials", () => {
  it("openRunDir: 0700 dir, 0600 secret, lock with our pid; release removes both", async () => {
    const dir = join(scratch(), "run");
    const opened = await openRunDir(dir, { name: "t" });
    try {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, "secret")).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, LOCK_FILE)).mode & 0o777).toBe(0o600);
      expect(Number(readFileSync(join(dir, LOCK_FILE), "utf8"))).toBe(process.pid);
      expect(readRunAuth(dir).matches(opened.auth.secretHex())).toBe(true);
      // Our own pid lives: a second opening is refused with the way out.
      await expect(openRunDir(dir)).rejects.toThrow(
        `another launch (pid ${process.pid}) is running in this run dir`,
      );
    } finally {
      opened.release();
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    expect(existsSync(join(dir, "secret"))).toBe(false);
    expect(() => readRunAuth(dir)).toThrow(/the launch has ended/);
  });

  it("a lock whose pid is dead is stale: taken over", () => {
    const dir = scratch();
    const dead = deadPid();
    expect(pidAlive(dead)).toBe(false);
    writeFileSync(join(dir, LOCK_FILE), `${dead}\n`);
    const lock = acquireRunLock(dir);
    expect(Number(readFileSync(join(dir, LOCK_FILE), "utf8"))).toBe(process.pid);
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it("an existing dir is made private only if it is empty or a run dir; others keep their mode", async () => {
    const root = scratch();
    const empty = join(root, "empty");
    mkdirSync(empty, { mode: 0o755 });
    makePrivateRunDir(empty);
    expect(statSync(empty).mode & 0o777).toBe(0o700);
    const project = join(root, "project");
    mkdirSync(project, { mode: 0o755 });
    writeFileSync(join(project, "notes.txt"), "mine");
    const opened = await openRunDir(project);
    try {
      expect(statSync(project).mode & 0o777).toBe(0o755);
      // Its files are private all the same: the secret is its user's.
      expect(statSync(join(project, "secret")).mode & 0o777).toBe(0o600);
    } finally {
      opened.release();
    }
    // Once it holds a run (controller.json), it is a run dir: made private.
    writeFileSync(join(project, "controller.json"), "{}");
    makePrivateRunDir(project);
    expect(statSync(project).mode & 0o777).toBe(0o700);
  });

  it("a dead launch's controller.json is answered at once, and its stale lock removed", () => {
    const dir = scratch();
    const dead = deadPid();
    writeControllerInfo(dir, {
      address: "127.0.0.1:9",
      pid: dead,
      name: "gone",
      isolation: "inproc",
      startedAtUnixMs: 0,
      virtualStartMs: 0,
      speed: 1,
      nodes: 1,
    });
    expect(statSync(join(dir, "controller.json")).mode & 0o777).toBe(0o600);
    writeFileSync(join(dir, LOCK_FILE), `${dead}\n`);
    expect(() => runningRunDir(dir)).toThrow(
      `no launch is running there: its launch (pid ${dead}) has ended`,
    );
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });
});
