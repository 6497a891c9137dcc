/**
 * `constellate view` in a real browser (Chromium from Debian, WebGL through SwiftShader): the
 * globe comes up offline, draws as many satellites as the constellation has, a click shows the
 * clicked satellite's status, a route between two satellites is drawn with bundles on it, the
 * screenshot is not blank; once against the model, once against a running launch (inproc) through
 * its run dir (with an app's published values in the clicked node's panel), once against that run
 * dir after its launch is gone (played back from its record, with its outage); and at starlink-gen1 scale, where the frame times are measured and printed (not
 * asserted: timings depend on the machine's load).
 *
 * Independent references: satellite.js's own propagate / eciToEcf / eciToGeodetic (the view uses
 * the WASM bulk propagator and the project's frames), the speed of light (SI definition), the
 * satellite counts written in the YAML and in FCC 21-48.
 */
import { type ChildProcess, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import * as sat from "satellite.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConstellation } from "../src/config/load.js";
import { nodeInfosOf, planApps } from "../src/emu/apps/plan.js";
import { type Emulation, startEmulation } from "../src/emu/emulation.js";
import { readRunRecord } from "../src/emu/run-record.js";
import { repoRoot } from "./cli-helpers.js";
import {
  CHROMIUM,
  clickAndRead,
  followRoute,
  HAVE_CHROMIUM,
  interrupt,
  LAUNCH_ARGS,
  openGlobe,
  type PageGlobal,
  pixelStats,
  startView,
  visibleSatellite,
} from "./view-browser-helpers.js";

/** Speed of light in vacuum, km/s (exact, SI definition of the metre). */
const C_KM_S = 299_792.458;

// 3 planes x 10 at 550 km: in-plane neighbours 36 deg apart (4,282 km chord, lowest point 6,589 km
// from the centre, above the 80 km grazing altitude), planes 20 deg apart in RAAN: a connected mesh.
const PLANES = 3;
const PER_PLANE = 10;
const YAML = `name: view-small
epoch: "2026-01-01T00:00:00Z"
shells:
  - name: v
    walker: { altitudeKm: 550, inclinationDeg: 53, planes: ${PLANES}, satsPerPlane: ${PER_PLANE}, phasing: 0, raanSpreadDeg: 60, eccentricity: 0.0001 }
    isl: { maxRangeKm: 5000 }
groundStations:
  stations:
    - { name: "Quito", latDeg: -0.18, lonDeg: -78.47, altM: 0 }
    - { name: "Nairobi", latDeg: -1.29, lonDeg: 36.82, altM: 0 }
`;

/** Linux's USER_HZ, the unit of /proc/<pid>/stat times (100 on every mainstream Linux build; assumed). */
const USER_HZ = 100;

/** CPU time (user + system, ms) of every live descendant of this process: Chromium's processes, the view server. */
function descendantsCpuMs(): number {
  const parent = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      // Fields after the command name (which may hold spaces) in parentheses: state ppid ... utime(14) stime(15).
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parent.set(Number(d), Number(f[1]));
      cpu.set(Number(d), ((Number(f[11]) + Number(f[12])) * 1000) / USER_HZ);
    } catch {
      // The process ended while we read.
    }
  }
  let total = 0;
  for (const [pid, ms] of cpu) {
    let p = parent.get(pid);
    while (p !== undefined && p > 1 && p !== process.pid) p = parent.get(p);
    if (p === process.pid) total += ms;
  }
  return total;
}

/**
 * Closest approach to the Earth's centre of the sightline from the camera c to the point p (km):
 * the segment c + t (p - c), t in [0, 1], minimising |c + t (p - c)|.
 */
function sightlineClosestKm(c: readonly number[], p: readonly number[]): number {
  const d = [p[0]! - c[0]!, p[1]! - c[1]!, p[2]! - c[2]!];
  const t = Math.min(
    1,
    Math.max(0, -(c[0]! * d[0]! + c[1]! * d[1]! + c[2]! * d[2]!) / (d[0]! ** 2 + d[1]! ** 2 + d[2]! ** 2)),
  );
  return Math.hypot(c[0]! + t * d[0]!, c[1]! + t * d[1]!, c[2]! + t * d[2]!);
}
/** WGS-84 equatorial semi-axis, km (NIMA TR8350.2, 3.2). */
const WGS84_A_KM = 6_378.137;

/**
 * The satellites' GPU horizon culling (web/view/point-primitive.ts), checked in the page: it changes
 * no pixel of the scene (what it drops the globe hides), and it does drop what the Earth hides
 * (seen with the globe, links and stations hidden: a satellite well behind the Earth lights its
 * pixel without the culling and not with it; one well in front lights it either way).
 */
async function checkSatelliteCulling(
  page: Page,
  count: number,
): Promise<{ hidden: number; visible: number }> {
  await page.evaluate(() => (globalThis as unknown as PageGlobal).__constellate!.pause());
  const { cam, sats, at } = await page.evaluate((n) => {
    const h = (globalThis as unknown as PageGlobal).__constellate!;
    return {
      cam: h.cameraEcefKm(),
      sats: Array.from({ length: n }, (_, i) => h.drawnEcefKm(i)),
      at: h.drawingBufferPositionsOf(n),
    };
  }, count);
  // Well behind: the sightline passes 6,000 km from the centre, deep inside the polar radius
  // (6,356.8 km). Well in front: it clears the equatorial radius by 100 km.
  const closest = sats.map((p) => sightlineClosestKm(cam, p));
  const deep = closest.map((r) => r < 6_000);
  const clear = closest.map((r) => r > WGS84_A_KM + 100);
  // Only satellites whose 3x3 pixel block no other (not deeply hidden) satellite shares: a hidden one
  // may project onto a visible one's pixel.
  const isolated = (i: number) =>
    at[i] !== null &&
    at.every(
      (q, j) =>
        j === i ||
        q === null ||
        (deep[j] && !deep[i]) ||
        Math.max(Math.abs(q.x - at[i]!.x), Math.abs(q.y - at[i]!.y)) > 3,
    );
  const hidden = [...Array(count).keys()].filter((i) => deep[i] && isolated(i));
  const visible = [...Array(count).keys()].filter((i) => clear[i] && isolated(i));
  const probe = (
    o: { satelliteCulling: boolean; globe: boolean; links: boolean; stations: boolean },
    ids: number[],
  ) =>
    page.evaluate(([o, pts]) => (globalThis as unknown as PageGlobal).__constellate!.probeFrame(o, pts), [
      o,
      ids.map((i) => at[i]!),
    ] as const);
  const scene = { globe: true, links: true, stations: true };
  const on = await probe({ ...scene, satelliteCulling: true }, []);
  const off = await probe({ ...scene, satelliteCulling: false }, []);
  expect(on.hash).toBe(off.hash);
  const bare = { globe: false, links: false, stations: false };
  const ids = [...hidden, ...visible];
  const bareOff = await probe({ ...bare, satelliteCulling: false }, ids);
  const bareOn = await probe({ ...bare, satelliteCulling: true }, ids);
  hidden.forEach((_, j) => {
    expect(bareOff.lit[j]!).toBeGreaterThan(100);
    expect(bareOn.lit[j]!).toBe(0);
  });
  visible.forEach((_, j) => {
    expect(bareOn.lit[hidden.length + j]!).toBeGreaterThan(100);
  });
  return { hidden: hidden.length, visible: visible.length };
}

/** The ECEF position (km) of satellite i at t by satellite.js alone: SGP4, GMST, TEME -> ECF. */
function referenceEcfKm(satrec: sat.SatRec, tUnixMs: number): sat.EcfVec3<number> {
  const pv = sat.propagate(satrec, new Date(tUnixMs));
  if (!pv || typeof pv.position === "boolean") throw new Error("satellite.js failed to propagate");
  return sat.eciToEcf(pv.position, sat.gstime(new Date(tUnixMs)));
}

const distKm = (a: { x: number; y: number; z: number }, b: { x: number; y: number; z: number }) =>
  Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);

describe.skipIf(!HAVE_CHROMIUM)(
  `constellate view in Chromium (needs ${CHROMIUM}: apt-get install chromium)`,
  () => {
    const dir = mkdtempSync(join(tmpdir(), "view-browser-"));
    const yamlPath = join(dir, "view-small.yaml");
    const shots = join(repoRoot, ".vitest-tmp");
    let browser: Browser | null = null;
    const views: ChildProcess[] = [];
    let emu: Emulation | null = null;

    beforeAll(async () => {
      writeFileSync(yamlPath, YAML);
      mkdirSync(shots, { recursive: true });
      // The page as `npm run build` makes it, from the current sources.
      const b = spawnSync(process.execPath, [join(repoRoot, "scripts/build-view.mjs")], { encoding: "utf8" });
      if (b.status !== 0) throw new Error(`build-view failed: ${b.stderr}`);
      browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      for (const v of views) if (v.exitCode === null) v.kill("SIGKILL");
      await emu?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it("model mode: offline globe, every satellite drawn, click, route, screenshot, token, Ctrl-C", async () => {
      const c = loadConstellation(yamlPath);
      const view = await startView([yamlPath, "--duration", "1h"]);
      views.push(view.proc);
      expect(view.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}\/$/);
      // Without the token, or with another one: 401.
      const origin = new URL(view.url).origin;
      expect((await fetch(`${origin}/`)).status).toBe(401);
      expect((await fetch(`${origin}/${"0".repeat(32)}/api/meta`)).status).toBe(401);

      const { page, foreign } = await openGlobe(browser!, view.url);
      const h0 = await page.evaluate(() => {
        const h = (globalThis as unknown as PageGlobal).__constellate!;
        return {
          mode: h.mode,
          sats: h.satellitesDrawn,
          stations: h.stationsDrawn,
          links: h.links,
          err: h.renderError,
        };
      });
      expect(h0).toMatchObject({ mode: "model", sats: PLANES * PER_PLANE, stations: 2, err: null });
      expect(h0.links.isl).toBeGreaterThan(0);

      await page.evaluate(() => (globalThis as unknown as PageGlobal).__constellate!.pause());
      // What is drawn is where satellite.js puts the satellite (linear interpolation between 10 s
      // samples departs from the arc by ~0.1 km; Float32 on the wire adds < 1 m).
      await page.waitForFunction(
        () => (globalThis as unknown as PageGlobal).__constellate!.interpolated,
        null,
        {
          timeout: 30_000,
        },
      );
      const drawn = await page.evaluate(() => {
        const h = (globalThis as unknown as PageGlobal).__constellate!;
        return { t: h.scenarioTimeMs, p: h.drawnEcefKm(0) };
      });
      const ref0 = referenceEcfKm(c.satellites[0]!.satrec, drawn.t);
      expect(distKm({ x: drawn.p[0], y: drawn.p[1], z: drawn.p[2] }, ref0)).toBeLessThan(0.5);

      // Click a satellite on the near side: its status is that of the satellite.js reference.
      const hit = await visibleSatellite(page, PLANES * PER_PLANE);
      const info = await clickAndRead(page, hit);
      expect(info.name).toBe(`v-P${Math.floor(hit.id / PER_PLANE)}-S${hit.id % PER_PLANE}`);
      expect(info).toMatchObject({
        kind: "satellite",
        shell: "v",
        plane: Math.floor(hit.id / PER_PLANE),
        slot: hit.id % PER_PLANE,
      });
      const pv = sat.propagate(c.satellites[hit.id]!.satrec, new Date(info.tUnixMs));
      if (!pv || typeof pv.position === "boolean") throw new Error("satellite.js failed");
      const geo = sat.eciToGeodetic(pv.position, sat.gstime(new Date(info.tUnixMs)));
      expect(info.latDeg!).toBeCloseTo(sat.degreesLat(geo.latitude), 3);
      expect(info.lonDeg!).toBeCloseTo(sat.degreesLong(geo.longitude), 3);
      expect(info.altKm!).toBeCloseTo(geo.height, 1);
      const panel = await page.textContent("#status");
      expect(panel).toContain(info.name);
      expect(panel).toContain("Contact plan");

      // A route between satellites 0 and 15 (planes 0 and 1): every hop's delay is the distance
      // between its ends by satellite.js over c, and the whole is at least the straight line over c.
      const route = await followRoute(page, 0, 15);
      let sum = 0;
      route.path.slice(1).forEach((v, i) => {
        const u = route.path[i]!;
        const d = distKm(
          referenceEcfKm(c.satellites[u]!.satrec, route.tUnixMs),
          referenceEcfKm(c.satellites[v]!.satrec, route.tUnixMs),
        );
        expect(route.hopDelayMs[i]!).toBeCloseTo((d / C_KM_S) * 1000, 3);
        sum += route.hopDelayMs[i]!;
      });
      expect(route.oneWayMs).toBeCloseTo(sum, 9);
      const straight = distKm(
        referenceEcfKm(c.satellites[0]!.satrec, route.tUnixMs),
        referenceEcfKm(c.satellites[15]!.satrec, route.tUnixMs),
      );
      expect(route.oneWayMs).toBeGreaterThanOrEqual((straight / C_KM_S) * 1000 - 1e-6);
      expect(
        await page.evaluate(() => (globalThis as unknown as PageGlobal).__constellate!.bundlesDrawn),
      ).toBe(4);
      expect(await page.textContent("#route-info")).toContain(`${route.path.length - 1} hops`);

      const png = await page.screenshot({ path: join(shots, "view-model.png") });
      const px = await pixelStats(page, png);
      // A blank (all black or all one colour) page has sd 0; the globe, dots and panel give far more.
      expect(px.sd).toBeGreaterThan(10);
      expect(foreign).toEqual([]);
      await page.close();
      expect(await interrupt(view.proc)).toBe(0);
    }, 180_000);

    it("live mode: follows a running launch through its run dir (nodes, clock, route, node down)", async () => {
      const c = loadConstellation(yamlPath);
      const runDir = join(dir, "run");
      mkdirSync(runDir, { recursive: true });
      // Every satellite runs an app that publishes a counter and a gauge (test/fixtures/apps/published.ts).
      const apps = await planApps({
        apps: [join(import.meta.dirname, "fixtures/apps/published.ts")],
        config: [
          "published.nodes=satellites",
          "published.to=Nairobi",
          "published.count=5",
          "published.sizeBytes=1000",
        ],
        nodes: nodeInfosOf(c),
        runDir,
      });
      emu = await startEmulation(c, { isolation: "inproc", speed: 10, runDir, apps });
      await emu.waitAllUp();
      emu.resume();
      // No YAML: controller.json names the run's constellation file.
      const view = await startView(["--run-dir", runDir]);
      views.push(view.proc);
      const { page, foreign } = await openGlobe(browser!, view.url);
      const nodes = PLANES * PER_PLANE + 2;
      expect(await page.evaluate(() => (globalThis as unknown as PageGlobal).__constellate!.mode)).toBe(
        "live",
      );
      expect(
        await page.evaluate(() => (globalThis as unknown as PageGlobal).__constellate!.satellitesDrawn),
      ).toBe(PLANES * PER_PLANE);
      await expect
        .poll(() => page.textContent("#live-status"), { timeout: 30_000 })
        .toContain(`nodes up ${nodes}/${nodes}`);
      expect(await page.textContent("#clock-info")).toContain("live, realtime clock, speed 10x");
      // The page's scenario time follows the run's virtual clock (WatchClock, polled each second,
      // applied once per frame: frames are up to ~2 s apart on a loaded machine, 20 s virtual at 10x).
      const pageT = () =>
        page.evaluate(() => (globalThis as unknown as PageGlobal).__constellate!.scenarioTimeMs);
      const t1 = await pageT();
      const w1 = Date.now();
      expect(Math.abs(t1 - emu.now())).toBeLessThan(60_000);
      await new Promise((r) => setTimeout(r, 6_000));
      const rate = ((await pageT()) - t1) / (Date.now() - w1);
      expect(rate).toBeGreaterThan(5);
      expect(rate).toBeLessThan(15);

      const hit = await visibleSatellite(page, PLANES * PER_PLANE);
      const info = await clickAndRead(page, hit);
      expect(info.up).toBe(true);
      expect(info.counters).toBeDefined();
      expect(info.name).toBe(c.satellites[hit.id]!.name);
      // Node state from the controller's GetStatus (node_states): link bytes and the app's values.
      expect(info.state).toBeDefined();
      expect(info.state!.queueBytes).toBeGreaterThanOrEqual(0);
      const sent = info.state!.appValues.find((v) => v.app === "published" && v.name === "bundles_sent");
      expect(sent).toMatchObject({ kind: "counter", value: 5 });
      const level = info.state!.appValues.find((v) => v.name === "level_bytes");
      expect(level?.value).toBe(5 * 1000);
      const panelText = await page.textContent("#status");
      expect(panelText).toContain("queue bytes");
      expect(panelText).toContain("published bundles_sent5");

      // ModelRoute of the run, through the page.
      const route = await followRoute(page, 0, 15);
      expect(route.hopDelayMs.length).toBe(route.path.length - 1);

      // The route's dots are the run's own bundles (WatchBundles): three 4 MB bundles 0 -> 15 (12 MB, under
      // the 16 MiB link queue). What the page knows of them (ids, creation and delivery instants)
      // must be what the controller's own event stream says, exactly. Where the dots go for those
      // instants is bundle-dots.ts, checked by hand in test/view-bundle-dots.test.ts: a 4 MB bundle
      // is in flight for ~0.1 s of the run, less than the page's poll, so the test does not wait
      // for a frame that draws one.
      const truth = new Map<string, { createdMs: number; deliveredMs: number | null }>();
      const sub = emu.controller.events$.subscribe((ev) => {
        if (ev.source !== 0 || ev.destination !== 15) return;
        const b = truth.get(ev.id) ?? { createdMs: ev.createdUnixMs, deliveredMs: null };
        if (ev.type === "TYPE_DELIVERED") b.deliveredMs = ev.tUnixMs;
        truth.set(ev.id, b);
      });
      const pageBundles = () =>
        page.evaluate(() => (globalThis as unknown as PageGlobal).__constellate!.pairBundles);
      // The server's watch starts with the page's first ask for the pair; inject once the controller
      // confirmed it (on a loaded machine the injects could otherwise come first, and be missed).
      await expect.poll(async () => (await pageBundles())?.watching ?? false, { timeout: 30_000 }).toBe(true);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push(await emu.inject(0, { destination: 15, sizeBytes: 4e6 }));
      await expect.poll(async () => (await pageBundles())?.bundles.length ?? 0, { timeout: 30_000 }).toBe(3);
      expect(
        await page.evaluate(() => (globalThis as unknown as PageGlobal).__constellate!.bundlesEmulated),
      ).toBe(true);
      await expect
        .poll(async () => (await pageBundles())!.bundles.filter((b) => b.outcome === "delivered").length, {
          timeout: 60_000,
        })
        .toBe(3);
      sub.unsubscribe();
      const shown = (await pageBundles())!;
      expect(shown.emulated).toBe(true);
      expect(shown.missedEvents).toBe(0);
      expect(shown.bundles.map((b) => b.id).sort()).toEqual([...ids].sort());
      for (const b of shown.bundles) {
        const t = truth.get(b.id)!;
        expect([b.source, b.destination, b.createdUnixMs, b.endUnixMs]).toEqual([
          0,
          15,
          t.createdMs,
          t.deliveredMs,
        ]);
      }

      // A node goes down in the run: the page learns it from GetStatus.
      await emu.killNode(3, "stop");
      const killedAtMs = emu.now();
      await page.waitForFunction(
        () => ((globalThis as unknown as PageGlobal).__constellate?.nodesDown ?? 0) >= 1,
        null,
        {
          timeout: 30_000,
        },
      );
      const png = await page.screenshot({ path: join(shots, "view-live.png") });
      expect((await pixelStats(page, png)).sd).toBeGreaterThan(10);
      expect(foreign).toEqual([]);
      await page.close();
      expect(await interrupt(view.proc)).toBe(0);
      // The recorded-run test below needs node 3 down for more than one 10 s sample of the record:
      // wait for the run's own clock to pass that (1.5 s of wall at 10x), not for however long the
      // steps above happened to take.
      const run = emu;
      await expect.poll(() => run.now(), { timeout: 30_000 }).toBeGreaterThan(killedAtMs + 15_000);
      await emu.stop();
      emu = null;
    }, 180_000);

    it("recorded run: the live run's dir, once its launch is gone, plays back with its outage", async () => {
      // The run dir the live test left (its launch stopped, so its controller no longer answers).
      const runDir = join(dir, "run");
      const rec = readRunRecord(runDir);
      const [[, downAt]] = rec.up[3]! as [[number, number]];
      // Node 3 was stopped at downAt and stayed down to the end of the record (more than a sample).
      expect(downAt + 10_000).toBeLessThan(rec.toMs);
      const view = await startView(["--run-dir", runDir]);
      views.push(view.proc);
      expect(view.stderr()).toMatch(/playing back what it recorded/);
      const { page, foreign } = await openGlobe(browser!, view.url);
      expect(await page.evaluate(() => (globalThis as unknown as PageGlobal).__constellate!.mode)).toBe(
        "recorded",
      );
      expect(
        await page.evaluate(() => (globalThis as unknown as PageGlobal).__constellate!.satellitesDrawn),
      ).toBe(PLANES * PER_PLANE);
      expect(await page.textContent("#clock-info")).toContain("recorded run (inproc) playback 60x");
      // It plays: the playhead moves through the run's window.
      const pageT = () =>
        page.evaluate(() => (globalThis as unknown as PageGlobal).__constellate!.scenarioTimeMs);
      const t1 = await pageT();
      expect(t1).toBeGreaterThanOrEqual(rec.fromMs);
      await expect.poll(pageT, { timeout: 30_000 }).toBeGreaterThan(t1);
      await page.evaluate(() => (globalThis as unknown as PageGlobal).__constellate!.pause());
      // Before the outage every node is drawn up; after it (one 10 s sample later), node 3 is down.
      await page.evaluate(
        (t) => (globalThis as unknown as PageGlobal).__constellate!.seekTo(t),
        rec.fromMs + 1,
      );
      await page.waitForFunction(
        () => (globalThis as unknown as PageGlobal).__constellate!.nodesDrawnDown === 0,
        null,
        { timeout: 30_000 },
      );
      const after = downAt + 10_000 + 1;
      await page.evaluate((t) => (globalThis as unknown as PageGlobal).__constellate!.seekTo(t), after);
      await page.waitForFunction(
        () => (globalThis as unknown as PageGlobal).__constellate!.nodesDrawnDown === 1,
        null,
        { timeout: 30_000 },
      );
      const hit = await visibleSatellite(page, PLANES * PER_PLANE);
      const info = await clickAndRead(page, hit);
      expect(info.up).toBe(hit.id !== 3);
      const png = await page.screenshot({ path: join(shots, "view-recorded.png") });
      expect((await pixelStats(page, png)).sd).toBeGreaterThan(10);
      expect(foreign).toEqual([]);
      await page.close();
      expect(await interrupt(view.proc)).toBe(0);
    }, 180_000);

    it("starlink-gen1: 4,408 satellites drawn; frame times measured, full and lean (printed, not asserted)", async () => {
      const view = await startView([join(repoRoot, "constellations/starlink-gen1.yaml"), "--duration", "1h"]);
      views.push(view.proc);
      const q = (a: number[], p: number) =>
        [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(a.length * p))] ?? Number.NaN;
      const figures: Record<string, unknown>[] = [];
      // The same scene, same server, back to back: Cesium's full settings, then the page's lean
      // profile (what it picks by itself on a software renderer; render-profile.ts).
      for (const [label, query] of [
        ["full", "?quality=full"],
        ["lean (auto)", ""],
      ] as const) {
        const { page } = await openGlobe(browser!, `${view.url}${query}`);
        // FCC 21-48: 1,584 + 1,584 + 720 + 348 + 172 satellites.
        expect(
          await page.evaluate(() => (globalThis as unknown as PageGlobal).__constellate!.satellitesDrawn),
        ).toBe(1584 + 1584 + 720 + 348 + 172);
        const profile = await page.evaluate(
          () => (globalThis as unknown as PageGlobal).__constellate!.renderProfile,
        );
        expect(profile.lean).toBe(label !== "full" ? profile.software : false);
        await page.evaluate(() => (globalThis as unknown as PageGlobal).__constellate!.resetFrameTimes());
        const cpu0 = descendantsCpuMs();
        await page.waitForTimeout(5_000);
        const { renders, updates, links, linksDrawn } = await page.evaluate(() => ({
          renders: (globalThis as unknown as PageGlobal).__constellate!.renderIntervalsMs(),
          updates: (globalThis as unknown as PageGlobal).__constellate!.updateTimesMs(),
          links: (globalThis as unknown as PageGlobal).__constellate!.links,
          linksDrawn: (globalThis as unknown as PageGlobal).__constellate!.linksDrawn,
        }));
        // The Earth hides some links from any viewpoint outside it; the page hands the renderer
        // only the others (web/view/horizon.ts), and never more than the sample has.
        expect(linksDrawn).toBeGreaterThan(0);
        expect(linksDrawn).toBeLessThan(links.isl + links.ground);
        const f = {
          profile: label,
          renderer: profile.renderer,
          viewport: "960x600",
          links,
          linksDrawn,
          frames: renders.length,
          frameMsMedian: q(renders, 0.5),
          frameMsP95: q(renders, 0.95),
          updateMsMedian: q(updates, 0.5),
          updateMsP95: q(updates, 0.95),
          loadAverage1m: (await import("node:os")).loadavg()[0],
          // CPU the browser's processes (and the view server) used over the 5 s, per rendered frame:
          // on a loaded machine a steadier figure than wall time.
          cpuMsPerFrame: (descendantsCpuMs() - cpu0) / Math.max(1, renders.length),
        };
        figures.push(f);
        console.log(`starlink-gen1 frame times: ${JSON.stringify(f)}`);
        expect(renders.length).toBeGreaterThan(0);
        const png = await page.screenshot({ path: join(shots, `view-gen1-${label.split(" ")[0]}.png`) });
        expect((await pixelStats(page, png)).sd).toBeGreaterThan(10);
        if (label !== "full") {
          const culled = await checkSatelliteCulling(page, 1584 + 1584 + 720 + 348 + 172);
          console.log(`starlink-gen1 satellite culling checked on ${JSON.stringify(culled)} satellites`);
          // Enough isolated satellites on either side of the horizon for the check to mean something.
          expect(culled.hidden).toBeGreaterThan(20);
          expect(culled.visible).toBeGreaterThan(20);
        }
        await page.close();
      }
      writeFileSync(join(shots, "view-frames.json"), `${JSON.stringify(figures, null, 2)}\n`);
      expect(await interrupt(view.proc)).toBe(0);
    }, 300_000);
  },
);
