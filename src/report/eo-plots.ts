/**
 * SVG plots of an EO replay: onboard backlog over time and the time-to-insight CDF, one series per
 * mode, each with its own colour, dash, width and marker (summary and hybrid often coincide, and a
 * plain line of one would hide the other). Units follow the data (src/report/plot-common.ts).
 */
import type * as vl from "vega-lite";
import type { ModeResult } from "../eo/results.js";
import {
  bytesUnit,
  durationUnit,
  formatBytes,
  maxOf,
  medianOf,
  PLOT_CONFIG,
  PLOT_WIDTH_PX,
  renderSvg,
  seriesStyle,
  VEGA_LITE_SCHEMA,
} from "./plot-common.js";

/** One layer of a layered spec. */
type LayerOf = Extract<vl.TopLevelSpec, { layer: unknown }>["layer"][number];

/** colour, dash and shape keyed by `mode`, with the same title: one merged legend entry per mode. */
function modeEncodings(modes: readonly string[]) {
  const st = seriesStyle(modes);
  const legend = { title: "mode" };
  return {
    style: st,
    color: { field: "mode", type: "nominal", scale: { domain: st.domain, range: st.colour }, legend },
    strokeDash: { field: "mode", type: "nominal", scale: { domain: st.domain, range: st.dash }, legend },
    shape: { field: "mode", type: "nominal", scale: { domain: st.domain, range: st.shape }, legend },
  } as const;
}

/**
 * One line layer per mode, in the modes' order: the widest is drawn first (at the bottom), so a
 * thinner line lying on it stays visible (one layer with a colour encoding would draw the groups in
 * name order, whatever their widths).
 */
function modeLines(
  modes: readonly string[],
  enc: ReturnType<typeof modeEncodings>,
  x: object,
  y: object,
): LayerOf[] {
  return modes.map((m, i) => ({
    transform: [{ filter: { field: "mode", equal: m } }],
    mark: { type: "line", interpolate: "step-after", strokeWidth: enc.style.width[i] },
    encoding: { x, y, color: enc.color, strokeDash: enc.strokeDash },
  })) as LayerOf[];
}

export function backlogPlotSpec(results: readonly ModeResult[], title: string): vl.TopLevelSpec {
  const unit = bytesUnit(maxOf(results.flatMap((r) => r.series.map((p) => p.backlogBytes))));
  const values = results.flatMap((r) => {
    const t0 = r.series[0]?.tUnixMs ?? 0;
    return r.series.map((p) => ({
      hours: (p.tUnixMs - t0) / 3_600_000,
      backlog: p.backlogBytes / unit.per,
      mode: r.mode,
    }));
  });
  const enc = modeEncodings(results.map((r) => r.mode));
  // One marker per mode every ~1/12 of the run: enough to tell the lines apart, not a smear.
  const every = Math.max(1, Math.floor(Math.max(...results.map((r) => r.series.length), 1) / 12));
  const x = { field: "hours", type: "quantitative", title: "virtual time since start (h)" } as const;
  const y = {
    field: "backlog",
    type: "quantitative",
    title: `backlog (${unit.symbol}, all satellites)`,
  } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `${title}: data on board not yet on the ground`,
      // Each mode's peak in its own unit: a mode flat at 0 on a GB axis may still hold kilobytes.
      subtitle: `peak: ${results
        .map((r) => `${r.mode} ${formatBytes(maxOf(r.series.map((p) => p.backlogBytes)))}`)
        .join(", ")} (axis in ${unit.symbol}, by the largest)`,
    },
    width: PLOT_WIDTH_PX,
    height: 320,
    config: PLOT_CONFIG,
    data: { values },
    layer: [
      ...modeLines(
        results.map((r) => r.mode),
        enc,
        x,
        y,
      ),
      {
        transform: [
          { window: [{ op: "row_number", as: "k" }], groupby: ["mode"] },
          { filter: `datum.k % ${every} === 1` },
        ],
        mark: { type: "point", filled: false, size: 40 },
        encoding: { x, y, color: enc.color, shape: enc.shape },
      },
    ],
  };
}

export function backlogPlotSvg(results: readonly ModeResult[], title: string): Promise<string> {
  return renderSvg(backlogPlotSpec(results, title));
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

export function latencyCdfSpec(results: readonly ModeResult[], title: string): vl.TopLevelSpec {
  const rows = latencyCdfRows(results);
  // On a log axis the middle of the data decides what reads well (s for 0.3 s .. 2 h, not min).
  const unit = durationUnit(medianOf(rows.map((r) => r.timeToInsightS * 1000)));
  // A log axis cannot show 0: instants below 0.1 s sit at 0.1 s.
  const floor = 100 / unit.per;
  const values = rows.map((r) => ({
    mode: r.mode,
    fraction: r.fraction,
    timeToInsight: Math.max(floor, (r.timeToInsightS * 1000) / unit.per),
  }));
  // Markers where each curve crosses 10%, 20%, ... of the captured images.
  const markers: typeof values = [];
  for (const m of results.map((r) => r.mode)) {
    let next = 0.1;
    for (const v of values)
      if (v.mode === m && v.fraction >= next - 1e-12) {
        markers.push(v);
        while (next <= v.fraction + 1e-12) next += 0.1;
      }
  }
  const enc = modeEncodings(results.map((r) => r.mode));
  const x = {
    field: "timeToInsight",
    type: "quantitative",
    title: `time to insight (${unit.symbol}, log)`,
    scale: { type: "log" },
  } as const;
  const y = {
    field: "fraction",
    type: "quantitative" as const,
    title: "fraction of captured images",
    scale: { domain: [0, 1] },
  };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `${title}: time to insight (capture to ground), CDF over captured images`,
      subtitle: [
        "a mode that delivers fewer images tops out below 1; markers at every 10% of the images",
        "curves that coincide (modes delivering the same images) are drawn widest first, so each stays visible",
      ],
    },
    width: PLOT_WIDTH_PX,
    height: 320,
    config: PLOT_CONFIG,
    layer: [
      {
        data: { values },
        layer: modeLines(
          results.map((r) => r.mode),
          enc,
          x,
          y,
        ),
      },
      {
        data: { values: markers },
        mark: { type: "point", filled: false, size: 50 },
        encoding: { x, y, color: enc.color, shape: enc.shape },
      },
    ],
  };
}

export function latencyCdfSvg(results: readonly ModeResult[], title: string): Promise<string> {
  return renderSvg(latencyCdfSpec(results, title));
}
