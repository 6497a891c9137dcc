/**
 * `constellate demo` (what `npm start` runs): the tour a newcomer sees first, on bundled files, in
 * about two minutes on a 2-core machine.
 *
 * 1. Earth observation: the shipped sun-synchronous EO constellation is launched as gRPC nodes with
 *    the EO software in every satellite's node, on the exact virtual clock, once with raw downlink
 *    and once with onboard inference and summaries; the shipped workload over --eo-duration; the
 *    tables and a few sentences of what they say.
 * 2. Latency: London - New York round trips through Starlink shell 1 every 100 ms for 200 s, beside
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
import { eoStory } from "../../report/eo-story.js";
import { sideBySide } from "../../report/eo-table.js";
import { latencyPlotSvg } from "../../report/latency-plot.js";
import { summaryRows } from "../../report/latency-report.js";
import { writeFileAtomic } from "../../util/atomic-write.js";
import { packageRoot } from "../../util/package-root.js";
import { loadForCli, parseDuration, requireStation } from "../common.js";
import { docShortRequests } from "../doc-short.js";
import { formatTable } from "../output.js";

const say = (s: string) => process.stdout.write(s);

/**
 * The EO part's virtual time: a whole day, the issue's scenario (every satellite's passes, the whole
 * workload). 24 s for both modes on a quiet 2-core machine since the replay's rounds became
 * in-process calls (docs/eo-replay.md, "Speed"; it was 4 h, ~100 s, before): npm start stays under
 * two minutes.
 */
const DEMO_EO_DURATION = "24h";

export function demoCommand(program: Command): void {
  program
    .command("demo")
    .description(
      "the newcomer's tour on bundled files: EO replay raw vs summary through the emulated nodes, London-New York vs fiber",
    )
    .option("--eo-duration <d>", "virtual time of the EO replay", DEMO_EO_DURATION)
    .option("--out <dir>", "where the plots go", "out/demo")
    .action(async (opts: { eoDuration: string; out: string }) => {
      const root = packageRoot();
      const plots: string[] = [];
      const plot = async (name: string, svg: Promise<string>) => {
        const f = join(opts.out, name);
        writeFileAtomic(f, await svg);
        plots.push(f);
      };
      const t0 = performance.now();
      const wall = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

      // 1. EO replay through the emulated constellation, on the virtual clock.
      const eo = loadForCli(join(root, "constellations/eo-sso.yaml"));
      const workloadFile = join(root, "workloads/eo-sso-mixed-1000.jsonl");
      const startUnixMs = Date.parse(eo.epoch);
      const eoMs = parseDuration(opts.eoDuration, 24 * 3_600_000, "--eo-duration");
      const requests = docShortRequests(workloadFrom(workloadFile, 1, 86_400_000));
      say(
        `== 1. Earth observation: ${eo.name}, ${eo.satellites.length} satellites, ${eo.groundStations.length} ground stations,\n` +
          `   launched as ${eo.satellites.length + eo.groundStations.length} gRPC nodes with the EO software in every satellite's node;\n` +
          `   ${requests.length} capture requests (workloads/eo-sso-mixed-1000.jsonl), ${(eoMs / 3_600_000).toFixed(1)} h from ${eo.epoch} on the virtual clock\n\n`,
      );
      const run = await replay(eo, requests, {
        startUnixMs,
        durationMs: eoMs,
        seed: 1,
        modes: ["raw", "summary"],
      });
      say(formatTable(sideBySide(run.results)));
      say(
        `\n${eoStory(run.results, { durationMs: eoMs, satellites: eo.satellites.length })
          .map((l) => `   ${l}`)
          .join("\n")}\n`,
      );
      await plot("eo-backlog.svg", backlogPlotSvg(run.results, eo.name));
      await plot("eo-time-to-insight.svg", latencyCdfSvg(run.results, eo.name));
      say(`   (${wall()})\n\n`);

      // 2. Latency against fiber.
      const sl = loadForCli(join(root, "constellations/starlink-shell1.yaml"));
      const london = requireStation(sl, "London");
      const newYork = requireStation(sl, "New York");
      say(
        `== 2. Latency: London - New York through ${sl.name} (${sl.satellites.length} satellites), 200 s every 100 ms\n\n`,
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
