/**
 * `constellate demo` (what `npm start` runs): the tour a newcomer sees first, on bundled files, in
 * well under two minutes on a 2-core machine.
 *
 * 1. Earth observation, exact: the shipped sun-synchronous EO constellation replays the shipped
 *    1,000-request workload for 24 h with the in-process event runner, raw vs summary downlink.
 * 2. Earth observation, live: the same onboard software with the constellation launched as gRPC
 *    nodes (pooled hosts), products travelling hop by hop as bundles on the emulator's virtual clock
 *    (a shorter window at high speed, so it fits the demo's time budget).
 * 3. Latency: London - New York round trips through Starlink shell 1 every 100 ms for 200 s, beside
 *    ideal and realistic fiber on the WGS-84 geodesic.
 *
 * Each part writes its plots (SVG) into --out (default out/demo) and the demo prints where.
 */
import { join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { replay, workloadFrom } from "../../eo/replay.js";
import { meshSettingsOf } from "../../mesh/config.js";
import { runLatencyExperiment } from "../../mesh/latency-experiment.js";
import { backlogPlotSvg, latencyCdfSvg } from "../../report/eo-plots.js";
import { sideBySide } from "../../report/eo-table.js";
import { latencyPlotSvg } from "../../report/latency-plot.js";
import { summaryRows } from "../../report/latency-report.js";
import { writeFileAtomic } from "../../util/atomic-write.js";
import { packageRoot } from "../../util/package-root.js";
import { loadForCli, parseDuration, requireStation } from "../common.js";
import { docShortRequests } from "../doc-short.js";
import { formatTable } from "../output.js";

const say = (s: string) => process.stdout.write(s);

export function demoCommand(program: Command): void {
  program
    .command("demo")
    .description(
      "the newcomer's tour on bundled files: EO replay raw vs summary (exact and live), London-New York vs fiber",
    )
    .option("--live-duration <d>", "virtual time of the live EO run", "2h")
    .option("--live-speed <x>", "virtual seconds per wall second of the live EO run", "400")
    .option("--skip-live", "skip the live gRPC emulation part")
    .option("--out <dir>", "where the plots go", "out/demo")
    .action(async (opts: { liveDuration: string; liveSpeed: string; skipLive?: boolean; out: string }) => {
      const root = packageRoot();
      const plots: string[] = [];
      const plot = async (name: string, svg: Promise<string>) => {
        const f = join(opts.out, name);
        writeFileAtomic(f, await svg);
        plots.push(f);
      };
      const t0 = performance.now();
      const wall = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

      // 1. EO replay, exact event runner, 24 h.
      const eo = loadForCli(join(root, "constellations/eo-sso.yaml"));
      const workloadFile = join(root, "workloads/eo-sso-mixed-1000.jsonl");
      const startUnixMs = Date.parse(eo.epoch);
      const dayMs = 86_400_000;
      const requests = docShortRequests(workloadFrom(workloadFile, 1, dayMs));
      say(
        `== 1. Earth observation: ${eo.name}, ${eo.satellites.length} satellites, ${eo.groundStations.length} ground stations\n` +
          `   ${requests.length} capture requests (workloads/eo-sso-mixed-1000.jsonl), 24 h from ${eo.epoch}, in-process event runner\n\n`,
      );
      const exact = await replay(eo, requests, {
        startUnixMs,
        durationMs: dayMs,
        seed: 1,
        modes: ["raw", "summary"],
      });
      say(formatTable(sideBySide(exact.results)));
      await plot("eo-backlog.svg", backlogPlotSvg(exact.results, eo.name));
      await plot("eo-time-to-insight.svg", latencyCdfSvg(exact.results, eo.name));
      say(`   (${wall()})\n\n`);

      // 2. The same onboard software through the live gRPC emulation.
      if (!opts.skipLive) {
        const liveMs = parseDuration(opts.liveDuration, 2 * 3_600_000, "--live-duration");
        const speed = Number(opts.liveSpeed);
        say(
          `== 2. Live: ${eo.name} launched as ${eo.satellites.length + eo.groundStations.length} gRPC nodes on 127.0.0.1; ` +
            `${(liveMs / 3_600_000).toFixed(1)} h of virtual time at ${speed}x, products as bundles hop by hop\n\n`,
        );
        const live = await replay(eo, requests, {
          startUnixMs,
          durationMs: liveMs,
          seed: 1,
          modes: ["raw", "summary"],
          clock: "realtime",
          speed,
        });
        say(formatTable(sideBySide(live.results)));
        await plot("eo-live-time-to-insight.svg", latencyCdfSvg(live.results, `${eo.name} (live)`));
        say(`   (${wall()})\n\n`);
      }

      // 3. Latency against fiber.
      const sl = loadForCli(join(root, "constellations/starlink-shell1.yaml"));
      const london = requireStation(sl, "London");
      const newYork = requireStation(sl, "New York");
      say(
        `== 3. Latency: London - New York through ${sl.name} (${sl.satellites.length} satellites), 200 s every 100 ms\n\n`,
      );
      const exp = await runLatencyExperiment(sl, meshSettingsOf(sl), [[london, newYork]], {
        startUnixMs: Date.parse(sl.epoch),
        durationMs: 200_000,
        stepMs: 100,
      });
      say(formatTable(summaryRows(exp)));
      await plot("latency-london-new-york.svg", latencyPlotSvg(exp));
      say(`   (${wall()})\n\n`);
      // Relative when under the current directory (npm start: out/demo/...), else absolute.
      const shown = (f: string) => {
        const r = relative(process.cwd(), f);
        return r && !r.startsWith("..") ? r : resolve(f);
      };
      say(`Plots (SVG, open in a browser):\n${plots.map((f) => `   ${shown(f)}\n`).join("")}\n`);
      say(
        "Next: `constellate --help`; replay with --out <dir> for CSVs and plots; `constellate latency` with --all-pairs\n" +
          "for the fiber crossover; `constellate launch` to keep a constellation running and `ping`/`trace` through it.\n",
      );
    });
}
