/**
 * `constellate view` following live launches in Chromium, for what test/view-browser.test.ts does
 * not check there: the links drawn are the run's own (Controller.WatchTopology) and a node stopped
 * in the run loses them; a bundle of the run is drawn as a dot on the followed route; a clicked
 * station's status and contact plan; and the EO onboard app's state (battery, storage, radiator
 * duty, captures) in a clicked satellite's panel. One browser; one page per launch.
 *
 * Independent references: each node's own link count (Node.GetStatus, what the controller told
 * that node), the project's pass finder (src/orbit/passes.ts, an analytic search on satellite.js)
 * on the same YAML against the controller's contact plan (ground links of the run's topology
 * sampled every 30 s), a 10 Mbit/s link's serialisation time by hand, the radiator's
 * Stefan-Boltzmann limit by hand (CODATA 2018), and the onboard app's own record of its images.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type * as grpc from "@grpc/grpc-js";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConstellation } from "../src/config/load.js";
import { type Emulation, startEmulation } from "../src/emu/emulation.js";
import { client, unary } from "../src/emu/grpc-util.js";
import { loadProtos } from "../src/emu/proto-loader.js";
import type { NodeStatus } from "../src/emu/wire.js";
import { ONBOARD_APP, type OnboardRecord, onboardFile } from "../src/eo/apps/records.js";
import { replay } from "../src/eo/replay.js";
import { findPasses } from "../src/orbit/passes.js";
import type { NodeInfo } from "../src/view/protocol.js";
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
} from "./view-browser-helpers.js";

// The mesh of view-browser.test.ts (3 planes x 10 at 550 km: a connected +Grid), with 10 Mbit/s
// lasers so a 2 MB bundle takes 2e6 x 8 / 1e7 = 1.6 s per hop (store and forward) and stays on
// screen, and stations with unlimited antennas, so a station's ground links are every satellite
// above its mask: the passes the pass finder finds. Four stations around the equator, so one is
// on the camera's side of the globe.
const PLANES = 3;
const PER_PLANE = 10;
const S = PLANES * PER_PLANE;
const ISL_BPS = 1e7;
const MESH_YAML = `name: view-live
epoch: "2026-01-01T00:00:00Z"
shells:
  - name: v
    walker: { altitudeKm: 550, inclinationDeg: 53, planes: ${PLANES}, satsPerPlane: ${PER_PLANE}, phasing: 0, raanSpreadDeg: 60, eccentricity: 0.0001 }
    isl: { maxRangeKm: 5000, capacityGbps: ${ISL_BPS / 1e9} }
groundLinks: { antennas: unlimited }
groundStations:
  stations:
    - { name: "Quito", latDeg: -0.18, lonDeg: -78.47, altM: 0 }
    - { name: "Nairobi", latDeg: -1.29, lonDeg: 36.82, altM: 0 }
    - { name: "Singapore", latDeg: 1.35, lonDeg: 103.82, altM: 0 }
    - { name: "Honolulu", latDeg: 21.31, lonDeg: -157.86, altM: 0 }
`;

/** The controller's contact plan resolution in live mode (src/view/live-source.ts): 30 s. */
const PLAN_RESOLUTION_MS = 30_000;
/** Slack on top of it: the WASM propagator and satellite.js agree to < 0.2 m, i.e. well under a ms at 7 km/s. */
const PLAN_SLACK_MS = 1_000;

// The EO payload of constellations/orbital-compute.yaml (its sources and assumptions are there) on
// 8 satellites of one dawn-dusk plane, so several are on the camera's side at any instant.
const EO_YAML = `name: view-live-eo
epoch: "2026-01-01T00:00:00Z"
shells:
  - name: sc
    walker: { altitudeKm: 325, inclinationDeg: 96.76, planes: 1, satsPerPlane: 8, phasing: 0, raanSpreadDeg: 360, eccentricity: 0.0001, raanOffsetDeg: 11.5 }
    eo:
      sensor: { preset: dove, swathKm: 16.8, sceneLengthKm: 11.2, gsdM: 2.53 }
      accelerator: h100
      model: { name: sam-vit-h, opsPerTile: 5.95e12, tileSidePx: 1024, utilization: 0.075 }
      power: { panelAreaM2: 1.5, panelEfficiency: 0.3, batteryWh: 500, initialSoc: 1, reserveSoc: 0.3, busPowerW: 40, radioTxW: 10 }
      thermal: { radiatorAreaM2: 0.6, emissivity: 0.91, maxTempK: 333.15 }
      storageGB: 2000
groundStations:
  stations:
    - { name: "Svalbard", latDeg: 78.23, lonDeg: 15.41, altM: 0 }
    - { name: "Punta Arenas", latDeg: -53.16, lonDeg: -70.91, altM: 0 }
groundLinks: { capacityGbps: 0.22 }
`;
/** Stefan-Boltzmann constant, W m^-2 K^-4 (CODATA 2018). */
const SIGMA = 5.670374419e-8;
/** The radiator's share of the H100's 700 W it can reject: 0.91 sigma 0.6 m^2 (333.15 K)^4 / 700 W. */
const RADIATOR_DUTY = (0.91 * SIGMA * 0.6 * 333.15 ** 4) / 700;

const hook = <T>(page: Page, f: string): Promise<T> =>
  page.evaluate(`globalThis.__constellate.${f}`) as Promise<T>;

describe.skipIf(!HAVE_CHROMIUM)(
  `constellate view, live: the run's links, bundles, stations, EO state (needs ${CHROMIUM})`,
  () => {
    const dir = mkdtempSync(join(tmpdir(), "view-live-"));
    const shots = join(repoRoot, ".vitest-tmp");
    let browser: Browser | null = null;
    const views: ReturnType<typeof startView>[] = [];
    let emu: Emulation | null = null;

    beforeAll(async () => {
      mkdirSync(shots, { recursive: true });
      const b = spawnSync(process.execPath, [join(repoRoot, "scripts/build-view.mjs")], { encoding: "utf8" });
      if (b.status !== 0) throw new Error(`build-view failed: ${b.stderr}`);
      browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      for (const v of views) {
        const proc = (await v.catch(() => null))?.proc;
        if (proc && proc.exitCode === null) proc.kill("SIGKILL");
      }
      await emu?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it("mesh launch: links from the run (a stopped node's go), a bundle's dot on the route, a station's contact plan", async () => {
      const yamlPath = join(dir, "view-live.yaml");
      writeFileSync(yamlPath, MESH_YAML);
      const c = loadConstellation(yamlPath);
      const runDir = join(dir, "run");
      mkdirSync(runDir, { recursive: true });
      emu = await startEmulation(c, { isolation: "inproc", speed: 1, runDir });
      await emu.waitAllUp();
      emu.resume();
      const started = startView(["--run-dir", runDir]);
      views.push(started);
      const view = await started;
      const { page, foreign } = await openGlobe(browser!, view.url);
      const run = emu;
      const nodeClients = new Map<number, grpc.Client>();
      try {
        // ---- links: the run's own, from its controller's WatchTopology ----
        await expect.poll(() => hook<unknown>(page, "runLinks"), { timeout: 30_000 }).not.toBeNull();
        // Each satellite's degree in what the page draws is the link count the node itself holds
        // (its table, as the controller's diffs built it). Links come and go as the satellites move:
        // compared until one reading agrees, the page's being at most a second behind.
        const degreesOf = (ends: number[]) => {
          const d = new Array<number>(S + c.groundStations.length).fill(0);
          for (const n of ends) d[n]!++;
          return d.slice(0, S);
        };
        const nodeDegrees = async () => {
          const st = run.controller.status();
          return Promise.all(
            st.nodes.slice(0, S).map(async (n) => {
              if (!n.up) return 0;
              let cl = nodeClients.get(n.node);
              if (!cl) {
                cl = client(loadProtos().Node, n.address, run.auth);
                nodeClients.set(n.node, cl);
              }
              return (await unary<unknown, NodeStatus>(cl, "GetStatus", {}, 5_000)).links;
            }),
          );
        };
        await expect
          .poll(
            async () => {
              const l = await hook<{ ends: number[] }>(page, "runLinks");
              return JSON.stringify(degreesOf(l.ends)) === JSON.stringify(await nodeDegrees());
            },
            { timeout: 30_000, interval: 500 },
          )
          .toBe(true);
        const before = await hook<{ steps: number; ends: number[] }>(page, "runLinks");
        const degree3 = degreesOf(before.ends)[3]!;
        // In-plane neighbours 36 deg apart are always within the 5,000 km range (4,282 km chord).
        expect(degree3).toBeGreaterThanOrEqual(2);
        const drawnBefore = await hook<{ isl: number; ground: number }>(page, "links");
        expect(drawnBefore.isl + drawnBefore.ground).toBe(before.ends.length / 2);

        await run.killNode(3, "stop");
        // The run withdraws satellite 3's links at the step it learns of it; the page shows that step.
        await expect
          .poll(
            async () => {
              const l = await hook<{ steps: number; ends: number[] }>(page, "runLinks");
              return l.steps > before.steps && !l.ends.includes(3);
            },
            { timeout: 30_000 },
          )
          .toBe(true);
        const after = await hook<{ ends: number[] }>(page, "runLinks");
        const drawnAfter = await hook<{ isl: number; ground: number }>(page, "links");
        expect(drawnAfter.isl + drawnAfter.ground).toBe(after.ends.length / 2);
        // The status poll (GetStatus, each second) says so too.
        await expect.poll(() => hook<number>(page, "nodesDown"), { timeout: 30_000 }).toBe(1);

        // ---- the time bar: the clock and its lag as the controller reports them (GetStatus) ----
        await expect
          .poll(() => page.textContent("#clock-info"), { timeout: 30_000 })
          .toMatch(
            /^live, realtime clock, speed 1x, step lag \d+\.\d ms median, \d+\.\d ms max, \d+ steps late, inproc$/,
          );
        const clock = (await (await fetch(`${view.url}api/clock`)).json()) as {
          kind: string;
          lagMs: number;
          lagMaxMs: number;
          stepsLate: number;
        };
        // Read from the controller's lag a moment ago: its worst and its late count only grow.
        const lagNow = run.controller.status().lag!;
        expect(clock.kind).toBe("realtime");
        expect(clock.lagMs).toBeGreaterThanOrEqual(0);
        expect(clock.lagMaxMs).toBeGreaterThanOrEqual(clock.lagMs);
        expect(clock.lagMaxMs).toBeLessThanOrEqual(lagNow.maxWallMs);
        expect(clock.stepsLate).toBeLessThanOrEqual(lagNow.stepsLate);

        // ---- a bundle of the run, drawn on the followed route ----
        const route = await followRoute(page, 0, 15);
        await expect
          .poll(() => hook<boolean>(page, "pairBundles?.watching ?? false"), { timeout: 30_000 })
          .toBe(true);
        const id = await run.inject(0, { destination: 15, sizeBytes: 2e6 });
        await expect.poll(() => hook<string[]>(page, "bundleIdsDrawn"), { timeout: 30_000 }).toContain(id);
        await expect
          .poll(
            async () =>
              (await hook<{ bundles: { id: string; outcome: string }[] }>(page, "pairBundles")).bundles.find(
                (b) => b.id === id,
              )?.outcome,
            { timeout: 60_000 },
          )
          .toBe("delivered");
        const b = (
          await hook<{ bundles: { id: string; createdUnixMs: number; endUnixMs: number }[] }>(
            page,
            "pairBundles",
          )
        ).bundles.find((x) => x.id === id)!;
        // At least one hop's serialisation at 10 Mbit/s: 2e6 B x 8 / 1e7 bit/s = 1,600 ms.
        expect(b.endUnixMs - b.createdUnixMs).toBeGreaterThanOrEqual((2e6 * 8 * 1000) / ISL_BPS);
        expect(route.path[0]).toBe(0);
        // Once the page's time is past its delivery, the dot is gone.
        await expect
          .poll(async () => (await hook<{ id: string }[]>(page, "bundleDots")).some((d) => d.id === id), {
            timeout: 30_000,
          })
          .toBe(false);

        // ---- a station: click it, read its status and contact plan ----
        const station = await page.evaluate(
          ([from, count]) => {
            const h = (globalThis as unknown as PageGlobal).__constellate!;
            for (let n = from; n < from + count; n++) {
              const p = h.screenPositionOf(n);
              if (p && p.x > 20 && p.x < 600 && p.y > 20 && p.y < 540) return { id: n, ...p };
            }
            return null;
          },
          [S, c.groundStations.length] as const,
        );
        expect(station, "a station on the camera's side of the globe").not.toBeNull();
        const info: NodeInfo = await clickAndRead(page, station!);
        const g = c.groundStations[station!.id - S]!;
        expect(info).toMatchObject({ kind: "station", name: g.name, up: true });
        expect(info.latDeg!).toBeCloseTo(g.latDeg, 6);
        expect(info.contactSource).toMatch(/GetContactPlan/);
        const panel = await page.textContent("#status");
        expect(panel).toContain(g.name);
        expect(panel).toContain("Contact plan: the controller's contact plan");
        // The pass finder on the same YAML, from a minute before the page's instant to the plan's hour.
        const passes = findPasses(c.satellites, g, info.tUnixMs - 60_000, info.tUnixMs + 3_600_000);
        // Rows that began well after the plan's start (its first sample is within seconds of the
        // page's instant): the link was absent one 30 s sample before, so the pass rose in between.
        const rising = info.contacts.filter((r) => r.startUnixMs >= info.tUnixMs + 60_000);
        expect(rising.length, JSON.stringify(info.contacts)).toBeGreaterThan(0);
        for (const r of rising) {
          const satIndex = c.satellites.findIndex((s) => s.name === r.peer);
          const p = passes.find(
            (x) =>
              x.satellite === satIndex &&
              x.aosUnixMs <= r.startUnixMs + PLAN_SLACK_MS &&
              x.losUnixMs >= r.startUnixMs,
          );
          expect(
            p,
            `a pass of ${r.peer} over ${g.name} holds ${new Date(r.startUnixMs).toISOString()}`,
          ).toBeDefined();
          expect(r.startUnixMs - p!.aosUnixMs).toBeGreaterThanOrEqual(-PLAN_SLACK_MS);
          expect(r.startUnixMs - p!.aosUnixMs).toBeLessThanOrEqual(PLAN_RESOLUTION_MS + PLAN_SLACK_MS);
          // The last sample with the link is at most 30 s before the set (unless the horizon cut it).
          if (r.endUnixMs + PLAN_RESOLUTION_MS < info.tUnixMs + 3_600_000) {
            expect(p!.losUnixMs - r.endUnixMs).toBeGreaterThanOrEqual(-PLAN_SLACK_MS);
            expect(p!.losUnixMs - r.endUnixMs).toBeLessThanOrEqual(PLAN_RESOLUTION_MS + PLAN_SLACK_MS);
          }
        }
        // And none missing: every pass the finder sees rise in that span (up to the last row shown,
        // the panel lists 12) is a row of the plan, starting within a sample of its rise.
        const lastShown = Math.max(...info.contacts.map((r) => r.startUnixMs));
        const risen = passes.filter(
          (p) =>
            p.aosUnixMs >= info.tUnixMs + 60_000 + PLAN_RESOLUTION_MS + PLAN_SLACK_MS &&
            p.aosUnixMs <= lastShown - PLAN_RESOLUTION_MS - PLAN_SLACK_MS,
        );
        for (const p of risen) {
          const name = c.satellites[p.satellite]!.name;
          const row = rising.find(
            (r) =>
              r.peer === name &&
              r.startUnixMs >= p.aosUnixMs - PLAN_SLACK_MS &&
              r.startUnixMs <= p.aosUnixMs + PLAN_RESOLUTION_MS + PLAN_SLACK_MS,
          );
          expect(
            row,
            `the plan holds ${name}'s pass rising ${new Date(p.aosUnixMs).toISOString()}`,
          ).toBeDefined();
        }

        const png = await page.screenshot({ path: join(shots, "view-live-mesh.png") });
        expect((await pixelStats(page, png)).sd).toBeGreaterThan(10);
        expect(foreign).toEqual([]);
      } finally {
        for (const cl of nodeClients.values()) cl.close();
        await page.close();
      }
      expect(await interrupt(view.proc)).toBe(0);
      await emu.stop();
      emu = null;
    }, 240_000);

    it("EO launch: a clicked satellite's panel shows the onboard app's battery, storage, radiator duty and captures", async () => {
      const yamlPath = join(dir, "view-live-eo.yaml");
      writeFileSync(yamlPath, EO_YAML);
      const c = loadConstellation(yamlPath);
      const runsDir = join(dir, "eo-runs");
      const seen: NodeInfo[] = [];
      const start = Date.parse(c.epoch);
      // The replay on the realtime clock (the EO apps in the run's nodes, in process), an hour of
      // survey at 150x; at its end the run still serves (onEnd), and the view follows it there.
      await replay(c, [], {
        startUnixMs: start,
        durationMs: 60 * 60_000,
        seed: 1,
        modes: ["summary"],
        clock: "realtime",
        speed: 150,
        isolation: "inproc",
        survey: true,
        runsDir,
        async onEnd(mode, emu) {
          // A satellite that has run its accelerator (its radiator duty is NaN before the first
          // inference), picked from the controller's node states; what it shows is checked below.
          const states = await emu.controller.nodeStates([]);
          const busy = new Set(
            states
              .filter((st) => st.appValues.some((v) => v.name === "captures" && v.value > 0))
              .map((st) => st.node),
          );
          const started = startView(["--run-dir", join(runsDir, mode)]);
          views.push(started);
          const view = await started;
          const { page, foreign } = await openGlobe(browser!, view.url);
          try {
            expect(await hook<string>(page, "mode")).toBe("live");
            const hit = await page.evaluate(
              ([n, ids]) => {
                const h = (globalThis as unknown as PageGlobal).__constellate!;
                for (let i = 0; i < n; i++) {
                  const p = h.screenPositionOf(i);
                  if (ids.includes(i) && p && p.x > 20 && p.x < 600 && p.y > 20 && p.y < 540)
                    return { id: i, ...p };
                }
                return null;
              },
              [c.satellites.length, [...busy]] as const,
            );
            expect(hit, `a satellite with captures (${[...busy]}) on the camera's side`).not.toBeNull();
            const info = await clickAndRead(page, hit!);
            seen.push(info);
            const text = await page.textContent("#status");
            for (const name of ["captures", "storage_bytes", "battery_soc_ratio", "radiator_duty_ratio"])
              expect(text).toContain(`${ONBOARD_APP} ${name}`);
            expect(foreign).toEqual([]);
          } finally {
            await page.close();
          }
          expect(await interrupt(view.proc)).toBe(0);
        },
      });
      expect(seen).toHaveLength(1);
      const info = seen[0]!;
      const value = (name: string) =>
        info.state!.appValues.find((v) => v.app === ONBOARD_APP && v.name === name)?.value;
      const record = JSON.parse(
        readFileSync(join(runsDir, "summary", "apps", ONBOARD_APP, onboardFile(info.node)), "utf8"),
      ) as OnboardRecord;
      // The tasking ends with the run's duration: no capture after it, so the panel's count is final.
      expect(value("captures")).toBe(record.images.length);
      expect(value("captures")).toBeGreaterThan(0);
      const soc = value("battery_soc_ratio")!;
      expect(soc).toBeGreaterThanOrEqual(0);
      expect(soc).toBeLessThanOrEqual(1);
      expect(value("radiator_duty_ratio")).toBeCloseTo(RADIATOR_DUTY, 9);
      const storage = value("storage_bytes")!;
      expect(storage).toBeGreaterThanOrEqual(0);
      expect(storage).toBeLessThanOrEqual(record.peakStorageBytes);
    }, 300_000);
  },
);
