/**
 * The globe's server without a browser: the token gate, path confinement, the binary sample
 * against satellite.js and geometry, bad API input, and the CLI's one-line errors (exit 2).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as sat from "satellite.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConstellation } from "../src/config/load.js";
import { writeControllerInfo } from "../src/emu/run-dir.js";
import { ModelSource } from "../src/view/model-source.js";
import { LINK_GROUND, LINK_ISL, type ViewMeta } from "../src/view/protocol.js";
import { startViewServer, type ViewServer } from "../src/view/server.js";
import { decodeSample } from "../web/view/samples.js";
import { runCli, STACK_LINE } from "./cli-helpers.js";

const YAML = `name: view-tiny
epoch: "2026-01-01T00:00:00Z"
shells:
  - name: v
    walker: { altitudeKm: 550, inclinationDeg: 53, planes: 3, satsPerPlane: 10, phasing: 0, raanSpreadDeg: 60, eccentricity: 0.0001 }
    isl: { maxRangeKm: 5000 }
groundStations:
  stations:
    - { name: "Quito", latDeg: -0.18, lonDeg: -78.47, altM: 0 }
    - { name: "Nairobi", latDeg: -1.29, lonDeg: 36.82, altM: 0 }
`;
/** WGS-84 semi-major axis, km (NIMA TR8350.2). */
const WGS84_A_KM = 6378.137;

/** GET a raw path (no URL normalisation, unlike fetch), resolve with the status code. */
function rawStatus(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method: "GET" }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("view server (model mode)", () => {
  const dir = mkdtempSync(join(tmpdir(), "view-server-"));
  const yamlPath = join(dir, "tiny.yaml");
  const pageDir = join(dir, "page");
  let server: ViewServer | null = null;
  let source: ModelSource | null = null;

  beforeAll(async () => {
    writeFileSync(yamlPath, YAML);
    // A stand-in page: this test is about the server, the browser test about the real page.
    mkdirSync(pageDir, { recursive: true });
    writeFileSync(join(pageDir, "index.html"), "<!doctype html><title>t</title>\n");
    source = await ModelSource.create(
      loadConstellation(yamlPath),
      Date.parse("2026-01-01T00:00:00Z"),
      3_600_000,
    );
    server = await startViewServer({ source, pageDir });
  });

  afterAll(async () => {
    await server?.close();
    await source?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers only under its token, on 127.0.0.1, and keeps paths inside their roots", async () => {
    const url = new URL(server!.url);
    expect(url.hostname).toBe("127.0.0.1");
    const token = url.pathname.split("/")[1]!;
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect((await fetch(server!.url)).status).toBe(200);
    expect((await fetch(server!.url)).headers.get("content-security-policy")).toContain("connect-src 'self'");
    expect(await rawStatus(server!.port, "/")).toBe(401);
    expect(await rawStatus(server!.port, `/${token.slice(0, 31)}0/api/meta`)).toBe(401);
    // Dot segments are resolved before routing (so this leaves the token: 401) or refused (404).
    expect([401, 404]).toContain(await rawStatus(server!.port, `/${token}/cesium/../../../package.json`));
    expect([401, 404]).toContain(
      await rawStatus(server!.port, `/${token}/cesium/%2e%2e/%2e%2e/package.json`),
    );
    expect([401, 404]).toContain(await rawStatus(server!.port, `/${token}/cesium/..%2f..%2fpackage.json`));
    expect(
      await rawStatus(server!.port, `/${token}/cesium/Assets/Textures/NaturalEarthII/tilemapresource.xml`),
    ).toBe(200);
    const bad = await fetch(`${server!.url}api/node?id=32&t=0`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "id must be a node id 0..31" });
    expect((await fetch(`${server!.url}api/sample?t=soon`)).status).toBe(400);
  });

  it("serves a sample whose positions are satellite.js's and whose links obey the geometry", async () => {
    const c = loadConstellation(yamlPath);
    const meta = (await (await fetch(`${server!.url}api/meta`)).json()) as ViewMeta;
    expect(meta.satellites).toHaveLength(30);
    expect(meta.stations.map((s) => s.name)).toEqual(["Quito", "Nairobi"]);
    // Near-equatorial stations at sea level: ~the equatorial radius from the centre, at their longitude.
    for (const s of meta.stations) {
      const [x, y, z] = s.ecefKm;
      expect(Math.hypot(x, y, z)).toBeCloseTo(WGS84_A_KM, 0);
      expect((Math.atan2(y, x) * 180) / Math.PI).toBeCloseTo(s.lonDeg, 6);
    }
    const t = Date.parse("2026-01-01T00:20:00Z");
    const buf = await (await fetch(`${server!.url}api/sample?t=${t}`)).arrayBuffer();
    // Decoded by the page's own decoder.
    const s = decodeSample(0, buf, 32);
    expect(s.tUnixMs).toBe(t);
    expect(s.ecefKm.length).toBe(3 * 30);
    for (let i = 0; i < 30; i++) {
      const pv = sat.propagate(c.satellites[i]!.satrec, new Date(t));
      if (!pv || typeof pv.position === "boolean") throw new Error("satellite.js failed");
      const r = sat.eciToEcf(pv.position, sat.gstime(new Date(t)));
      // Float32 on the wire (~0.5 m at 7,000 km) and the WASM engine (< 0.2 m): well under 5 m.
      expect(
        Math.hypot(s.ecefKm[3 * i]! - r.x, s.ecefKm[3 * i + 1]! - r.y, s.ecefKm[3 * i + 2]! - r.z),
      ).toBeLessThan(0.005);
    }
    const pos = (n: number) =>
      n < 30
        ? [s.ecefKm[3 * n]!, s.ecefKm[3 * n + 1]!, s.ecefKm[3 * n + 2]!]
        : (meta.stations[n - 30]!.ecefKm as number[]);
    expect(s.linkCount).toBeGreaterThan(0);
    for (let i = 0; i < s.linkCount; i++) {
      const a = s.linkEnds[2 * i]!;
      const b = s.linkEnds[2 * i + 1]!;
      expect(a).toBeLessThan(b);
      const [pa, pb] = [pos(a), pos(b)];
      const d = Math.hypot(pa[0]! - pb[0]!, pa[1]! - pb[1]!, pa[2]! - pb[2]!);
      if (s.linkKind[i] === LINK_ISL) {
        expect(b).toBeLessThan(30);
        expect(d).toBeLessThanOrEqual(5000); // the YAML's isl.maxRangeKm
      } else {
        expect(s.linkKind[i]).toBe(LINK_GROUND);
        expect(b).toBeGreaterThanOrEqual(30);
        expect(a).toBeLessThan(30);
        // The satellite is above the station's horizon: (sat - station) . station > 0 (sphere normal).
        const dot = (pa[0]! - pb[0]!) * pb[0]! + (pa[1]! - pb[1]!) * pb[1]! + (pa[2]! - pb[2]!) * pb[2]!;
        expect(dot).toBeGreaterThan(0);
      }
    }
    expect([...s.up]).toEqual(new Array(32).fill(1));
  });
});

describe("constellate view: bad input is one line and exit 2", () => {
  const dir = mkdtempSync(join(tmpdir(), "view-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [[], /give a constellation YAML/],
    [["constellations/eo-sso.yaml", "--port", "70000"], /--port.*70000/],
    [["--run-dir", join(dir, "nope")], /no controller\.json there/],
  ])("view %j", (args, message) => {
    const r = runCli(["view", ...args], { timeoutMs: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it("--run-dir without the run's YAML says what to give", () => {
    writeControllerInfo(dir, {
      address: "127.0.0.1:1",
      pid: 1,
      name: "x",
      isolation: "sim",
      startedAtUnixMs: 0,
      virtualStartMs: 0,
      speed: 1,
      nodes: 1,
    });
    const r = runCli(["view", "--run-dir", dir], { timeoutMs: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/does not say which constellation.*give its YAML too/);
  });
});
