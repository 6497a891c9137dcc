/**
 * SVG plots of an EO replay: onboard backlog over time and the time-to-insight CDF, one series per
 * mode. vega-lite compiled to vega, rendered headless (`renderer: "none"`, `View.toSVG()`).
 */
import * as vega from "vega";
import * as vl from "vega-lite";
import type { ModeResult } from "../eo/runner.js";

async function renderSvg(spec: vl.TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export function backlogPlotSvg(results: readonly ModeResult[], title: string): Promise<string> {
  const values = results.flatMap((r) => {
    const t0 = r.series[0]?.tUnixMs ?? 0;
    return r.series.map((p) => ({
      hours: (p.tUnixMs - t0) / 3_600_000,
      gb: p.backlogBytes / 1e9,
      mode: r.mode,
    }));
  });
  return renderSvg({
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: `${title}: data on board not yet on the ground`,
    width: 720,
    height: 320,
    data: { values },
    mark: { type: "line", interpolate: "step-after" },
    encoding: {
      x: { field: "hours", type: "quantitative", title: "virtual time since start (h)" },
      y: { field: "gb", type: "quantitative", title: "backlog (GB, all satellites)" },
      color: { field: "mode", type: "nominal", title: "mode" },
    },
  });
}

/** Empirical CDF points (x sorted, y = rank / n) of each mode's delivered images. */
export function latencyCdfRows(
  results: readonly ModeResult[],
): { mode: string; timeToInsightS: number; fraction: number }[] {
  const rows: { mode: string; timeToInsightS: number; fraction: number }[] = [];
  for (const r of results) {
    const xs = r.images
      .map((i) => i.timeToInsightS)
      .filter((x) => !Number.isNaN(x))
      .sort((a, b) => a - b);
    // Fractions of all captured images, so a mode that delivers less tops out below 1.
    const n = Math.max(1, r.imagesCaptured);
    xs.forEach((x, k) => {
      rows.push({ mode: r.mode, timeToInsightS: x, fraction: (k + 1) / n });
    });
  }
  return rows;
}

export function latencyCdfSvg(results: readonly ModeResult[], title: string): Promise<string> {
  const values = latencyCdfRows(results).map((r) => ({
    ...r,
    timeToInsightS: Math.max(0.1, r.timeToInsightS),
  }));
  return renderSvg({
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: `${title}: time to insight (capture to ground), CDF over captured images`,
    width: 720,
    height: 320,
    data: { values },
    mark: { type: "line", interpolate: "step-after" },
    encoding: {
      x: {
        field: "timeToInsightS",
        type: "quantitative",
        title: "time to insight (s, log)",
        scale: { type: "log" },
      },
      y: {
        field: "fraction",
        type: "quantitative",
        title: "fraction of captured images",
        scale: { domain: [0, 1] },
      },
      color: { field: "mode", type: "nominal", title: "mode" },
    },
  });
}
