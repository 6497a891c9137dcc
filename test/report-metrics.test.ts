/**
 * The Prometheus endpoint scraped during a live emulation: values against what the test itself did
 * (bundles and bytes it injected, deliveries and drops it saw on the event stream, nodes it started)
 * and against the controller's own status; then `launch --metrics` end to end, scraped over HTTP
 * while the launch runs, and gone once it stops.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { parseListen } from "../src/cli/metrics-option.js";
import { type Emulation, startEmulationOn } from "../src/emu/emulation.js";
import { type HandLink, StaticTopologyProvider, snapshotFromLinks } from "../src/emu/topology-provider.js";
import type { BundleEvent, Metrics } from "../src/emu/wire.js";
import { registerAppCounter } from "../src/report/app-metrics.js";
import { type EmulationMetrics, emulationMetrics } from "../src/report/emu-metrics.js";
import { type MetricsServer, startMetricsServer } from "../src/report/metrics-http.js";
import { runCli, STACK_LINE } from "./cli-helpers.js";

const T0 = Date.parse("2026-01-01T00:00:00Z");

/** Prometheus text exposition (format 0.0.4) into "name{labels}" -> value; checks every line parses. */
function parseExposition(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const typed = new Set<string>();
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line);
    if (meta) {
      if (meta[1] === "TYPE") {
        expect(["counter", "gauge", "histogram", "summary", "untyped"]).toContain(meta[3]);
        expect(typed.has(meta[2]!), `one TYPE line for ${meta[2]}`).toBe(false);
        typed.add(meta[2]!);
      }
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    expect(m, `exposition line: ${line}`).not.toBeNull();
    out.set(`${m![1]}${m![2] ?? ""}`, Number(m![3]));
  }
  return out;
}

/** A scrape as Prometheus makes it with `authorization: { type: Bearer, credentials_file: <run-dir>/secret }`. */
async function scrape(url: string, secretHex: string): Promise<Map<string, number>> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${secretHex}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain");
  return parseExposition(await res.text());
}

async function until(pred: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("metrics endpoint of a running emulation", () => {
  let emu: Emulation | null = null;
  let metrics: EmulationMetrics | null = null;
  let server: MetricsServer | null = null;
  afterEach(async () => {
    await server?.close();
    metrics?.dispose();
    await emu?.stop();
    emu = null;
  });

  it("reports nodes, bundles by outcome, bundles and bytes in the network, drops by reason", async () => {
    // Stations A(3) - sat 0 - sat 1 - sat 2 - B(4); station C(5) has no link at all.
    const links: HandLink[] = [];
    const both = (a: number, b: number) =>
      links.push(
        { from: a, to: b, delayMs: 2, capacityBps: 10e6 },
        { from: b, to: a, delayMs: 2, capacityBps: 10e6 },
      );
    both(3, 0);
    both(0, 1);
    both(1, 2);
    both(2, 4);
    const provider = new StaticTopologyProvider(snapshotFromLinks(3, 3, links), [
      "s0",
      "s1",
      "s2",
      "A",
      "B",
      "C",
    ]);
    emu = await startEmulationOn(provider, { isolation: "inproc", startMs: T0, speed: 1 });
    const seen: BundleEvent[] = [];
    emu.events$.subscribe((e) => seen.push(e));
    // What the controller itself reports each metrics period (emu.metricsEveryMs).
    const reported: Metrics[] = [];
    emu.controller.metrics$.subscribe((r) => reported.push(r));
    metrics = emulationMetrics(emu);
    server = await startMetricsServer({
      contentType: metrics.contentType,
      text: () => metrics!.text(),
      auth: emu.auth,
    });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    await emu.waitAllUp(20_000);
    emu.resume();

    const sizes = [1000, 2000, 3000];
    for (const sizeBytes of sizes) await emu.inject(3, { destination: 4, sizeBytes });
    // No route to C: held at A until its 8 s lifetime ends (virtual, at speed 1), then dropped;
    // long enough for the first scrape to see it held even on a loaded machine.
    await emu.inject(3, { destination: 5, sizeBytes: 5000, ttlMs: 8000 });
    const count = (type: BundleEvent["type"]) => seen.filter((e) => e.type === type).length;
    await until(() => count("TYPE_DELIVERED") === 3 && count("TYPE_CREATED") === 4, "3 deliveries");
    // A period reported with every node up (the first one, at the start, predates registration).
    await until(() => reported.some((r) => r.nodesUp === 6), "a metrics period with all nodes up");

    const before = reported.length;
    let m = await scrape(server.url, emu.auth.secretHex());
    expect(m.get('constellate_nodes{kind="satellite"}')).toBe(3);
    expect(m.get('constellate_nodes{kind="station"}')).toBe(3);
    expect(m.get("constellate_nodes_up")).toBe(6);
    expect(m.get('constellate_bundles_total{outcome="created"}')).toBe(4);
    expect(m.get('constellate_bundles_total{outcome="delivered"}')).toBe(3);
    expect(m.get('constellate_bundles_total{outcome="dropped"}')).toBe(0);
    expect(m.get("constellate_bundles_in_network")).toBe(1);
    expect(m.get("constellate_bundle_bytes_in_network")).toBe(5000);
    const st = emu.controller.status();
    expect(m.get("constellate_topology_steps_total")).toBeGreaterThanOrEqual(1);
    expect(m.get("constellate_topology_steps_total")).toBeLessThanOrEqual(st.steps);
    expect(m.get("constellate_step_compute_seconds_mean")).toBeGreaterThan(0);
    expect(m.get("constellate_clock_speed")).toBe(1);
    // Virtual now: between the emulation's start and now (Unix seconds).
    const vt = m.get("constellate_virtual_time_seconds")!;
    expect(vt).toBeGreaterThan(T0 / 1000);
    expect(vt).toBeLessThanOrEqual(emu.now() / 1000);
    // Links at the last reported step: the 8 directed links of the line, as the controller said.
    // (a period may have been reported while the scrape was under way: either one is right)
    const candidates = reported.slice(before - 1);
    expect(candidates.every((r) => r.links === 8)).toBe(true);
    expect(m.get("constellate_links")).toBe(8);
    const lastS = m.get("constellate_step_compute_seconds_last")!;
    expect(candidates.some((r) => Math.abs(r.stepComputeWallMs / 1000 - lastS) < 1e-12)).toBe(true);
    expect(m.get("constellate_step_lag_seconds")).toBeGreaterThanOrEqual(0);

    await until(() => count("TYPE_DROPPED") === 1, "the TTL drop", 30_000);
    m = await scrape(server.url, emu.auth.secretHex());
    expect(m.get('constellate_bundles_total{outcome="dropped"}')).toBe(1);
    expect(m.get('constellate_bundles_dropped_total{reason="ttl-expired"}')).toBe(1);
    expect(m.get("constellate_bundles_in_network")).toBe(0);
    expect(m.get("constellate_bundle_bytes_in_network")).toBe(0);
  }, 60_000);

  it("serves the counters apps register, under their own prefix", async () => {
    const c = registerAppCounter({ name: "test_captures", help: "images captured", labelNames: ["node"] });
    expect(registerAppCounter({ name: "test_captures", help: "images captured", labelNames: ["node"] })).toBe(
      c,
    );
    c.inc({ node: "7" }, 3);
    const provider = new StaticTopologyProvider(snapshotFromLinks(1, 1, []), ["s0", "A"]);
    emu = await startEmulationOn(provider, { isolation: "sim", startMs: T0 });
    metrics = emulationMetrics(emu);
    server = await startMetricsServer({
      contentType: metrics.contentType,
      text: () => metrics!.text(),
      auth: emu.auth,
    });
    const m = await scrape(server.url, emu.auth.secretHex());
    expect(m.get('constellate_app_test_captures_total{node="7"}')).toBe(3);
    expect(m.get('constellate_nodes{kind="satellite"}')).toBe(1);
    expect(() => registerAppCounter({ name: "bad name", help: "x" })).toThrow(/name/);
    const other = await fetch(server.url.replace("/metrics", "/other"), {
      headers: { authorization: `Bearer ${emu.auth.secretHex()}` },
    });
    expect(other.status).toBe(404);
  });

  it("refuses a scrape without the run's secret as its bearer token: 401, logged without the value", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const provider = new StaticTopologyProvider(snapshotFromLinks(1, 1, []), ["s0", "A"]);
    emu = await startEmulationOn(provider, { isolation: "sim", startMs: T0 });
    metrics = emulationMetrics(emu);
    server = await startMetricsServer({
      contentType: metrics.contentType,
      text: () => metrics!.text(),
      auth: emu.auth,
      log: pino({ level: "info" }, sink),
    });
    const secret = emu.auth.secretHex();
    const guessed = randomBytes(32).toString("hex");
    const refused: [string, Record<string, string>][] = [
      ["no header", {}],
      ["a guessed secret", { authorization: `Bearer ${guessed}` }],
      ["the secret, truncated", { authorization: `Bearer ${secret.slice(0, 63)}` }],
      ["the secret with another scheme", { authorization: `Basic ${secret}` }],
      ["the secret as the gRPC header", { "x-constellate-secret": secret }],
      ["the secret twice", { authorization: `Bearer ${secret} ${secret}` }],
    ];
    for (const [what, headers] of refused) {
      for (const path of ["/metrics", "/other"]) {
        const res = await fetch(server.url.replace("/metrics", path), { headers });
        expect([what, path, res.status]).toEqual([what, path, 401]);
        expect(res.headers.get("www-authenticate")).toMatch(/^Bearer /);
        const body = await res.text();
        expect(body).not.toContain("constellate_");
        expect(body).not.toContain(secret);
      }
    }
    // The scheme is case-insensitive (RFC 7235 section 2.1); the token is not.
    for (const scheme of ["Bearer", "bearer"]) {
      const res = await fetch(server.url, { headers: { authorization: `${scheme} ${secret}` } });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('constellate_nodes{kind="satellite"} 1');
    }
    const upper = await fetch(server.url, { headers: { authorization: `Bearer ${secret.toUpperCase()}` } });
    expect(upper.status).toBe(401);
    const warned = lines.filter((l) => l.includes("unauthenticated metrics scrape refused"));
    expect(warned).toHaveLength(2 * refused.length + 1);
    for (const l of lines) {
      expect(l).not.toContain(secret);
      expect(l).not.toContain(guessed);
      expect(l).not.toContain(secret.slice(0, 63));
    }
    expect(JSON.parse(warned[0]!)).toMatchObject({ path: "/metrics", offered: false });
    expect(JSON.parse(warned[2]!)).toMatchObject({ path: "/metrics", offered: true });
  });

  it("parses --metrics as [host:]port on 127.0.0.1 unless told", () => {
    expect(parseListen("0")).toEqual({ host: "127.0.0.1", port: 0 });
    expect(parseListen(true)).toEqual({ host: "127.0.0.1", port: 0 });
    expect(parseListen("9464")).toEqual({ host: "127.0.0.1", port: 9464 });
    expect(parseListen("0.0.0.0:9464")).toEqual({ host: "0.0.0.0", port: 9464 });
    expect(parseListen("[::1]:0")).toEqual({ host: "::1", port: 0 });
    for (const bad of ["", "x", "70000", "host:", ":80", "1.2.3.4:-1"])
      expect(() => parseListen(bad)).toThrow(/--metrics/);
  });
});

// 10 satellites in one plane, neighbours 36 deg apart (4,282 km: inside the 5,000 km range), 2 stations.
const YAML = readFileSync(new URL("./fixtures/plane10-two-stations.yaml", import.meta.url), "utf8");

describe("constellate launch --metrics", () => {
  const dir = mkdtempSync(join(tmpdir(), "metrics-cli-"));
  let cli: ChildProcess | null = null;
  afterAll(() => {
    if (cli && cli.exitCode === null) cli.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves the launch's metrics while it runs and stops serving when it ends", async () => {
    const yaml = join(dir, "plane10.yaml");
    writeFileSync(yaml, YAML);
    const root = resolve(import.meta.dirname, "..");
    cli = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        join(root, "src/cli/main.ts"),
        "launch",
        yaml,
        "--isolation",
        "inproc",
        "--run-dir",
        join(dir, "run"),
        "--metrics",
      ],
      { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    cli.stderr!.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = new Promise<number | null>((r) => cli!.once("exit", (code) => r(code)));
    await until(() => /nodes up/.test(stderr) || cli!.exitCode !== null, "the launch", 60_000);
    const url = /metrics (http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(stderr)?.[1];
    expect(url, stderr).toBeDefined();
    // Without the run's secret: 401 (another user cannot read <run-dir>/secret, 0600).
    const refused = await fetch(url!);
    expect(refused.status).toBe(401);
    // With it, read from the run dir as Prometheus' credentials_file does (trimmed of its newline).
    const secretFile = join(dir, "run", "secret");
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    const m = await scrape(url!, readFileSync(secretFile, "utf8").trim());
    expect(m.get('constellate_nodes{kind="satellite"}')).toBe(10);
    expect(m.get('constellate_nodes{kind="station"}')).toBe(2);
    expect(m.get("constellate_nodes_up")).toBe(12);
    expect(m.get('constellate_bundles_total{outcome="created"}')).toBe(0);
    cli.kill("SIGINT");
    expect(await exited).toBe(130); // Ctrl-C: 128 + SIGINT

    await expect(fetch(url!)).rejects.toThrow();
    const log = readFileSync(join(dir, "run", "controller.log"), "utf8");
    expect(log).toMatch(/unauthenticated metrics scrape refused/);
  }, 90_000);

  it("refuses a bad --metrics address with one line and exit 2", () => {
    const r = runCli(["launch", join(dir, "plane10.yaml"), "--metrics", "localhost:99999"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--metrics");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it("says so and exits 2, leaving nothing running, when the port is taken", async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, "127.0.0.1", r));
    try {
      const port = (taken.address() as AddressInfo).port;
      const r = runCli(
        [
          "launch",
          join(dir, "plane10.yaml"),
          "--isolation",
          "inproc",
          "--run-dir",
          join(dir, "run2"),
          "--metrics",
          String(port),
        ],
        { timeoutMs: 60_000 },
      );
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain("cannot listen there (EADDRINUSE)");
      expect(r.stderr).not.toMatch(STACK_LINE);
    } finally {
      await new Promise((r) => taken.close(r));
    }
  }, 70_000);
});
