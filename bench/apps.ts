/**
 * Onboard-app runtime overhead (issue 9), on the discrete-event clock so only CPU is measured: the
 * same traffic, a 1,000-byte bundle every 10 virtual ms from station A to station B over a 3-satellite
 * line, (a) injected up front through the emulation API (the baseline: no app involved), and
 * (b) originated by an app (bench/apps-flood.ts: ctx.every + ctx.send) and received by its instance
 * on B (onReceive). Reports wall ms per 1,000 bundles and the ratio app / baseline.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { nodeInfosOfNames, planApps } from "../src/emu/apps/plan.js";
import { startEmulationOn } from "../src/emu/emulation.js";
import { type HandLink, StaticTopologyProvider, snapshotFromLinks } from "../src/emu/topology-provider.js";
import type { InjectRequest } from "../src/emu/wire.js";
import { writeFileAtomic } from "../src/util/atomic-write.js";
import type { BenchContext, BenchReport } from "./run.js";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const NAMES = ["s0", "s1", "s2", "A", "B"];
const PER_S = 100;

function provider(): StaticTopologyProvider {
  const l: HandLink[] = [];
  const both = (a: number, b: number, d: number) =>
    l.push(
      { from: a, to: b, delayMs: d, capacityBps: 1e9 },
      { from: b, to: a, delayMs: d, capacityBps: 1e9 },
    );
  both(3, 0, 2);
  both(0, 1, 3);
  both(1, 2, 3);
  both(2, 4, 2);
  return new StaticTopologyProvider(snapshotFromLinks(3, 2, l), NAMES);
}

async function runOnce(
  durationS: number,
  withApp: boolean,
  runDir: string,
): Promise<{ wallMs: number; delivered: number }> {
  const appFile = fileURLToPath(
    new URL(`./apps-flood${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url),
  );
  const apps = withApp
    ? await planApps({
        apps: [appFile],
        config: ["apps-flood.from=A", "apps-flood.to=B", `apps-flood.perS=${PER_S}`],
        nodes: nodeInfosOfNames(NAMES, 3),
        runDir,
      })
    : undefined;
  const emu = await startEmulationOn(provider(), {
    isolation: "sim",
    startMs: T0,
    durationMs: durationS * 1000 + 100,
    runDir,
    apps,
  });
  let delivered = 0;
  emu.deliveries$.subscribe(() => delivered++);
  await emu.waitAllUp();
  if (!withApp) {
    const reqs: InjectRequest[] = [];
    for (let k = 1; k <= durationS * PER_S; k++)
      reqs.push({
        destination: 4,
        sizeBytes: 1000,
        atUnixMs: T0 + (k * 1000) / PER_S,
        metadata: { app: "none" },
      });
    await emu.injectMany(3, reqs);
  }
  const t0 = performance.now();
  emu.resume();
  await emu.done;
  const wallMs = performance.now() - t0;
  await emu.stop();
  if (withApp) delivered = Number(readFileSync(join(runDir, "apps/apps-flood/received.txt"), "utf8"));
  return { wallMs, delivered };
}

export async function run(ctx: BenchContext): Promise<BenchReport> {
  const durationS = ctx.quick ? 10 : 120;
  const runDir = join(ctx.resultsDir, "apps-run");
  ctx.log(`apps: ${durationS} virtual s, ${PER_S} bundles/s, baseline then app`);
  const base = await runOnce(durationS, false, runDir);
  const app = await runOnce(durationS, true, runDir);
  const per1k = (r: { wallMs: number; delivered: number }) => (r.wallMs / r.delivered) * 1000;
  const summary = [
    `apps: baseline ${per1k(base).toFixed(1)} ms wall per 1,000 bundles (${base.delivered} delivered)`,
    `apps: app-originated and -received ${per1k(app).toFixed(1)} ms per 1,000 (${app.delivered}), ${(per1k(app) / per1k(base)).toFixed(2)}x baseline`,
  ];
  const resultFile = join(ctx.resultsDir, "apps.json");
  writeFileAtomic(resultFile, `${JSON.stringify({ durationS, perS: PER_S, base, app }, null, 2)}\n`);
  return { summary, resultFile };
}
