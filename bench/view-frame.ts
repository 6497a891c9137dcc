/**
 * What each layer of the globe costs to draw at starlink-gen1 (issue 12), in one page, in one
 * process: `constellate view constellations/starlink-gen1.yaml` from dist/, Chromium from Debian
 * headless with WebGL through SwiftShader (as test/view-browser.test.ts), the page's own profile
 * (lean on a software renderer), playback paused. Each variant renders frames synchronously through
 * the page's test probe (`__constellate.probeFrame`: one scene.render, then the drawing buffer read
 * back, which waits for the GPU process): a frame's wall time there is the renderer's and the GPU
 * process's work for that frame, without the rAF pacing. Variants are interleaved round by round so
 * load drifts hit them alike; the baseline is the scene as the page draws it.
 *
 * Variants: the satellites' GPU horizon culling off, and each of the globe, links and stations
 * hidden (and all of them: the frame's floor). `node dist/bench/run.js view-frame` (--quick: fewer
 * rounds). Needs /usr/bin/chromium; skipped without it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { writeFileAtomic } from "../src/util/atomic-write.js";
import type { BenchContext, BenchReport } from "./run.js";

const CHROMIUM = "/usr/bin/chromium";

interface Layers {
  satelliteCulling: boolean;
  globe: boolean;
  links: boolean;
  stations: boolean;
}

const ALL: Layers = { satelliteCulling: true, globe: true, links: true, stations: true };
const VARIANTS: Record<string, Layers> = {
  "as drawn": ALL,
  "satellite culling off": { ...ALL, satelliteCulling: false },
  "no globe": { ...ALL, globe: false },
  "no links": { ...ALL, links: false },
  "no globe, links, stations": { satelliteCulling: true, globe: false, links: false, stations: false },
};

const quantile = (a: number[], p: number) =>
  [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(a.length * p))] ?? Number.NaN;

export async function run(ctx: BenchContext): Promise<BenchReport> {
  if (!existsSync(CHROMIUM)) return { summary: [`view-frame: skipped (needs ${CHROMIUM})`] };
  const here = dirname(fileURLToPath(import.meta.url));
  const root = join(here, "..", "..");
  const main = join(here, "..", "src", "cli", "main.js");
  const view: ChildProcess = spawn(
    process.execPath,
    [main, "view", join(root, "constellations", "starlink-gen1.yaml"), "--duration", "1h"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // The browser test's flags (test/view-browser.test.ts).
    args: [
      "--use-gl=swiftshader",
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      view.stdout!.on("data", (d: Buffer) => {
        out += d.toString();
        const nl = out.indexOf("\n");
        if (nl >= 0) resolve(out.slice(0, nl));
      });
      view.once("exit", (code) => reject(new Error(`view exited ${code}`)));
    });
    const page = await browser.newPage({ viewport: { width: 960, height: 600 } });
    await page.goto(url);
    const hook = "(globalThis.__constellate)";
    await page.waitForFunction(`${hook}?.ready === true`, null, { timeout: 120_000 });
    await page.evaluate(`${hook}.pause()`);
    await page.waitForTimeout(500);
    const rounds = ctx.quick ? 2 : 10;
    const perRound = 10;
    const ms: Record<string, number[]> = {};
    for (let r = 0; r < rounds; r++) {
      for (const [name, layers] of Object.entries(VARIANTS)) {
        const times = (await page.evaluate(
          `(() => { const h = ${hook}; const o = ${JSON.stringify(layers)}; const out = [];
            for (let i = 0; i < ${perRound + 1}; i++) {
              const t0 = performance.now(); h.probeFrame(o, []); if (i > 0) out.push(performance.now() - t0);
            }
            return out; })()`,
        )) as number[];
        const list = ms[name] ?? [];
        list.push(...times);
        ms[name] = list;
      }
      ctx.log(`view-frame: round ${r + 1}/${rounds}, load ${loadavg()[0]!.toFixed(1)}`);
    }
    const base = quantile(ms["as drawn"]!, 0.1);
    const rows = Object.entries(ms).map(([name, a]) => ({
      variant: name,
      frames: a.length,
      p10Ms: quantile(a, 0.1),
      medianMs: quantile(a, 0.5),
      p10DeltaMs: quantile(a, 0.1) - base,
    }));
    const resultFile = join(ctx.resultsDir, "view-frame.json");
    writeFileAtomic(
      resultFile,
      `${JSON.stringify({ at: new Date().toISOString(), loadAverage1m: loadavg()[0], rows }, null, 2)}\n`,
    );
    return {
      summary: rows.map(
        (r) =>
          `view-frame ${r.variant}: p10 ${r.p10Ms.toFixed(1)} ms (${r.p10DeltaMs >= 0 ? "+" : ""}${r.p10DeltaMs.toFixed(1)}), median ${r.medianMs.toFixed(1)} ms`,
      ),
      resultFile,
    };
  } finally {
    await browser.close();
    if (view.exitCode === null) {
      const exited = new Promise((r) => view.once("exit", r));
      view.kill("SIGINT");
      await exited;
    }
  }
}
