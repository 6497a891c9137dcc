/**
 * What the browser tests of `constellate view` share (test/view-browser.test.ts,
 * test/view-browser-live.test.ts): Chromium from Debian and its flags, the page's test hook
 * (window.__constellate, web/view/main.ts), starting and interrupting the view, opening the globe,
 * clicking a node and following a route the way a user does, and a screenshot's pixel statistics.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import type { NodeInfo, RouteInfo } from "../src/view/protocol.js";
import { repoRoot } from "./cli-helpers.js";

export const CHROMIUM = "/usr/bin/chromium";
export const HAVE_CHROMIUM = existsSync(CHROMIUM);

export const LAUNCH_ARGS = [
  "--use-gl=swiftshader",
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export interface Hook {
  ready: boolean;
  renderError: string | null;
  mode: string;
  satellitesDrawn: number;
  stationsDrawn: number;
  links: { isl: number; ground: number };
  linksDrawn: number;
  nodesDown: number;
  nodesDrawnDown: number;
  seekTo(tUnixMs: number): void;
  scenarioTimeMs: number;
  interpolated: boolean;
  selected: NodeInfo | null;
  route: RouteInfo | null;
  bundlesDrawn: number;
  /** Live: the run's bundles drawn as dots in the last frame, and every id drawn since the pair was chosen. */
  bundleDots: { id: string; atMs: number }[];
  bundleIdsDrawn: string[];
  /** Live: the run's links the page draws (api/links: its controller's WatchTopology). */
  runLinks: { tUnixMs: number; steps: number; ends: number[] } | null;
  bundlesEmulated: boolean;
  pairBundles: {
    emulated: boolean;
    missedEvents: number;
    watching: boolean;
    bundles: {
      id: string;
      source: number;
      destination: number;
      createdUnixMs: number;
      endUnixMs: number | null;
      outcome: string;
    }[];
  } | null;
  screenPositionOf(n: number): { x: number; y: number } | null;
  drawnEcefKm(n: number): [number, number, number];
  cameraEcefKm(): [number, number, number];
  drawingBufferPositionsOf(n: number): ({ x: number; y: number } | null)[];
  probeFrame(
    o: { satelliteCulling: boolean; globe: boolean; links: boolean; stations: boolean },
    at: { x: number; y: number }[],
  ): { lit: number[]; hash: number; width: number; height: number };
  frameTimesMs(): number[];
  renderIntervalsMs(): number[];
  renderProfile: { lean: boolean; software: boolean; renderer: string; reason: string };
  updateTimesMs(): number[];
  resetFrameTimes(): void;
  pause(): void;
}

/** The page's globals the test reads (the test is typed for Node, not the DOM). */
export interface PageGlobal {
  __constellate?: Hook;
}

/** Start `constellate view ...`; resolve with the URL it prints as its first line of stdout. */
export async function startView(
  args: string[],
): Promise<{ proc: ChildProcess; url: string; stderr: () => string }> {
  const proc = spawn(
    process.execPath,
    ["--import", "tsx", join(repoRoot, "src/cli/main.ts"), "view", ...args],
    {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  let err = "";
  proc.stderr!.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`view printed no URL in 60 s: ${err}`)), 60_000);
    proc.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf("\n");
      if (nl >= 0) {
        clearTimeout(t);
        resolve(out.slice(0, nl));
      }
    });
    proc.once("exit", (code) => {
      clearTimeout(t);
      reject(new Error(`view exited ${code}: ${err}`));
    });
  });
  return { proc, url, stderr: () => err };
}

/** Ctrl-C, as a user would; resolves with the exit code. */
export function interrupt(proc: ChildProcess): Promise<number | null> {
  if (proc.exitCode !== null) return Promise.resolve(proc.exitCode);
  return new Promise((resolve) => {
    const t = setTimeout(() => proc.kill("SIGKILL"), 10_000);
    proc.once("exit", (code) => {
      clearTimeout(t);
      resolve(code);
    });
    proc.kill("SIGINT");
  });
}

export async function openGlobe(browser: Browser, url: string): Promise<{ page: Page; foreign: string[] }> {
  const page = await browser.newPage({ viewport: { width: 960, height: 600 } });
  const foreign: string[] = [];
  const origin = new URL(url).origin;
  page.on("request", (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith("data:")) foreign.push(r.url());
  });
  await page.goto(url);
  await page.waitForFunction(
    () => (globalThis as unknown as PageGlobal).__constellate?.ready === true,
    null,
    { timeout: 120_000 },
  );
  return { page, foreign };
}

/** Mean and standard deviation of luminance of a PNG, decoded by the browser's own image decoder. */
export async function pixelStats(page: Page, png: Buffer): Promise<{ mean: number; sd: number }> {
  // Runs in the page (DOM code, kept as text since this file is typed for Node).
  const decode = `async (b64) => {
    const img = new Image();
    img.src = "data:image/png;base64," + b64;
    await img.decode();
    const c = document.createElement("canvas");
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext("2d");
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let s = 0, s2 = 0;
    const n = d.length / 4;
    for (let i = 0; i < d.length; i += 4) {
      const y = 0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2];
      s += y;
      s2 += y * y;
    }
    const mean = s / n;
    return { mean, sd: Math.sqrt(Math.max(0, s2 / n - mean * mean)) };
  }`;
  return page.evaluate(`(${decode})(${JSON.stringify(png.toString("base64"))})`) as Promise<{
    mean: number;
    sd: number;
  }>;
}

/** A satellite in front of the Earth and inside the globe's canvas (the panel covers the right). */
export async function visibleSatellite(
  page: Page,
  count: number,
): Promise<{ id: number; x: number; y: number }> {
  const hit = await page.evaluate((n) => {
    const h = (globalThis as unknown as PageGlobal).__constellate!;
    for (let i = 0; i < n; i++) {
      const p = h.screenPositionOf(i);
      if (p && p.x > 20 && p.x < 600 && p.y > 20 && p.y < 540) return { id: i, ...p };
    }
    return null;
  }, count);
  if (!hit) throw new Error("no satellite on the visible side of the globe");
  return hit;
}

/** Click satellite `id` where the page draws it; resolve with the status the panel shows. */
export async function clickAndRead(page: Page, hit: { id: number; x: number; y: number }): Promise<NodeInfo> {
  await page.mouse.click(hit.x, hit.y);
  await page.waitForFunction(
    (id) => (globalThis as unknown as PageGlobal).__constellate?.selected?.node === id,
    hit.id,
    {
      timeout: 30_000,
    },
  );
  return (await page.evaluate(() => (globalThis as unknown as PageGlobal).__constellate!.selected))!;
}

export async function followRoute(page: Page, from: number, to: number): Promise<RouteInfo> {
  await page.selectOption("#route-from", String(from));
  await page.selectOption("#route-to", String(to));
  await page.click("#route-go");
  await page.waitForFunction(
    ([a, b]) => {
      const r = (globalThis as unknown as PageGlobal).__constellate?.route;
      return r?.ok === true && r.path[0] === a && r.path[r.path.length - 1] === b;
    },
    [from, to],
    { timeout: 30_000 },
  );
  return (await page.evaluate(() => (globalThis as unknown as PageGlobal).__constellate!.route))!;
}
