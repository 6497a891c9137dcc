/**
 * SVG plots of an EO replay: onboard backlog over time and the time-to-insight CDF, one series per
 * mode. Modes often coincide (summary and hybrid deliver the same insights at the same instants) or
 * differ by decades (raw backlog in GB, summary in kB; raw insights in hours, summaries in seconds),
 * so every mode keeps its own colour, dash, width and marker shape, lines are drawn widest first,
 * markers are staggered along the curves, and an axis spanning decades is logarithmic with ticks
 * labelled in the unit of each tick ("10 kB", "1 GB"; "10 s", "1 h"). Units otherwise follow the
 * data (src/report/plot-common.ts).
 */
import type * as vl from "vega-lite";
import type { ModeResult } from "../eo/results.js";
import {
  bytesUnit,
  durationUnit,
  formatBytes,
  maxOf,
  PLOT_CONFIG,
  PLOT_WIDTH_PX,
  renderSvg,
  seriesStyle,
  VEGA_LITE_SCHEMA,
} from "./plot-common.js";
import { formatDurationS, formatPercent } from "./quantities.js";

/** One layer of a layered spec. */
type LayerOf = Extract<vl.TopLevelSpec, { layer: unknown }>["layer"][number];

/**
 * An axis is logarithmic when its data span at least this ratio (two decades): on a linear axis
 * the smaller values would then lie in the bottom 1 % of it, flat on the axis line.
 */
const LOG_WHEN_SPAN_AT_LEAST = 100;

/** Markers per curve: enough to tell the lines apart where they coincide, not a smear. */
const MARKERS_PER_CURVE = 12;

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

/**
 * A point mark layer for the markers, shape and colour by mode (drawn above every line). Each
 * marker's `label` is its accessible description, in true values: a log axis draws 0 at its floor.
 */
function markerLayer(
  values: { label: string }[],
  enc: ReturnType<typeof modeEncodings>,
  x: object,
  y: object,
): LayerOf {
  return {
    data: { values },
    mark: { type: "point", filled: false, size: 50, strokeWidth: 1.5 },
    encoding: { x, y, color: enc.color, shape: enc.shape, description: { field: "label" } },
  } as LayerOf;
}

/** Smallest and largest positive finite value (undefined when none). */
function positiveRange(values: Iterable<number>): [number, number] | undefined {
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  for (const v of values)
    if (Number.isFinite(v) && v > 0) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  return hi > 0 ? [lo, hi] : undefined;
}

/** A vega expression giving each of `ticks` its label (ticks are given as axis values, so exact). */
function labelExpr(ticks: readonly number[], label: (v: number) => string): string {
  return `${ticks.map((t) => `datum.value === ${t} ? '${label(t)}'`).join(" : ")} : ''`;
}

/** Byte ticks of a log axis: 1 B, 10 B, ... 1 PB, labelled "1 kB", "100 MB" (plot-common's units). */
const BYTE_TICKS = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * Human duration ticks of a log time axis, s: 10 ms .. 10 d, at 1 and 10 of each unit (a minute
 * and an hour instead of 100 s and 1,000 s, so every label is a round figure in its own unit).
 */
const DURATION_TICKS_S = [0.01, 0.1, 1, 10, 60, 600, 3600, 36_000, 86_400, 864_000];
function durationTickLabel(s: number): string {
  if (s < 1) return `${s * 1000} ms`;
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${s / 60} min`;
  if (s < 86_400) return `${s / 3600} h`;
  return `${s / 86_400} d`;
}

/** The ticks enclosing [lo, hi]: the last one at or below lo through the first at or above hi. */
function enclosingTicks(ticks: readonly number[], lo: number, hi: number): number[] {
  let a = 0;
  while (a + 1 < ticks.length && ticks[a + 1]! <= lo) a++;
  let b = ticks.length - 1;
  while (b - 1 >= 0 && ticks[b - 1]! >= hi) b--;
  return ticks.slice(a, Math.max(a, b) + 1);
}

/**
 * The backlog's y axis: linear in the unit of the largest value, or, when the modes' peaks span two
 * decades or more, logarithmic with byte ticks and 0 drawn one decade below the smallest positive
 * value (a log axis has no 0; that tick is labelled "0", and no backlog lies between it and the next).
 */
function backlogAxis(results: readonly ModeResult[]) {
  const peaks = results.map((r) => maxOf(r.series.map((p) => p.backlogBytes)));
  const range = positiveRange(results.flatMap((r) => r.series.map((p) => p.backlogBytes)));
  const positivePeaks = peaks.filter((p) => p > 0);
  const log =
    range !== undefined &&
    positivePeaks.length >= 2 &&
    Math.max(...positivePeaks) / Math.min(...positivePeaks) >= LOG_WHEN_SPAN_AT_LEAST;
  if (!log) {
    const unit = bytesUnit(maxOf(peaks));
    return {
      log: false,
      value: (bytes: number) => bytes / unit.per,
      y: { field: "backlog", type: "quantitative", title: `backlog (${unit.symbol}, all satellites)` },
      unitText: `axis in ${unit.symbol}, by the largest`,
    } as const;
  }
  const [lo, hi] = range;
  const ticks = enclosingTicks(BYTE_TICKS, lo, hi);
  const zeroAt = ticks[0]! / 10;
  const all = [zeroAt, ...ticks];
  return {
    log: true,
    value: (bytes: number) => Math.max(zeroAt, bytes),
    y: {
      field: "backlog",
      type: "quantitative",
      title: "backlog (all satellites, log scale)",
      scale: { type: "log", domain: [zeroAt, all[all.length - 1]!], nice: false },
      axis: { values: all, labelExpr: labelExpr(all, (v) => (v === zeroAt ? "0" : formatBytes(v))) },
    },
    unitText: "log axis: the peaks span decades",
  } as const;
}

export function backlogPlotSpec(results: readonly ModeResult[], title: string): vl.TopLevelSpec {
  const modes = results.map((r) => r.mode);
  const axis = backlogAxis(results);
  const t0 = Math.min(...results.map((r) => r.series[0]?.tUnixMs ?? Number.POSITIVE_INFINITY));
  const spanMs = maxOf(results.flatMap((r) => r.series.map((p) => p.tUnixMs - t0)));
  const tUnit = durationUnit(spanMs);
  const values = results.flatMap((r) =>
    r.series.map((p) => {
      const t = (p.tUnixMs - t0) / tUnit.per;
      const label = `backlog ${formatBytes(p.backlogBytes)} at ${Number(t.toPrecision(4))} ${tUnit.symbol}; mode: ${r.mode}`;
      return { t, backlog: axis.value(p.backlogBytes), mode: r.mode, label };
    }),
  );
  // Markers every `every` samples, mode i shifted by i/n of that, so coinciding curves show each shape.
  const every = Math.max(
    1,
    Math.floor(Math.max(1, ...results.map((r) => r.series.length)) / MARKERS_PER_CURVE),
  );
  const markers = results.flatMap((r, i) => {
    const shift = Math.floor((i * every) / results.length);
    return values.filter((v) => v.mode === r.mode).filter((_, k) => k % every === shift);
  });
  const enc = modeEncodings(modes);
  const x = {
    field: "t",
    type: "quantitative",
    title: `virtual time since start (${tUnit.symbol})`,
  } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `${title}: data on board not yet on the ground`,
      // Each mode's peak in its own unit: a mode flat at 0 on a GB axis may still hold kilobytes.
      subtitle: `peak: ${results
        .map((r) => `${r.mode} ${formatBytes(maxOf(r.series.map((p) => p.backlogBytes)))}`)
        .join(", ")} (${axis.unitText})`,
    },
    width: PLOT_WIDTH_PX,
    height: 320,
    config: PLOT_CONFIG,
    layer: [
      { data: { values }, layer: modeLines(modes, enc, x, axis.y) },
      markerLayer(markers, enc, x, axis.y),
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
      .filter((x) => Number.isFinite(x))
      .sort((a, b) => a - b);
    // Fractions of all captured images, so a mode that delivers less tops out below 1.
    const n = Math.max(1, r.imagesCaptured);
    xs.forEach((x, k) => {
      rows.push({ mode: r.mode, timeToInsightS: x, fraction: (k + 1) / n });
    });
  }
  return rows;
}

/**
 * The CDF's time axis: logarithmic with duration ticks when the times span two decades or more
 * (raw in hours, summaries in seconds), else linear from 0 in the unit of the largest time.
 */
function insightAxis(seconds: readonly number[]) {
  const range = positiveRange(seconds);
  if (range === undefined || range[1] / range[0] < LOG_WHEN_SPAN_AT_LEAST) {
    const unit = durationUnit(maxOf(seconds) * 1000);
    return {
      value: (s: number) => (s * 1000) / unit.per,
      x: {
        field: "timeToInsight",
        type: "quantitative",
        title: `time to insight (${unit.symbol})`,
        scale: { zero: true },
      },
    } as const;
  }
  const ticks = enclosingTicks(DURATION_TICKS_S, range[0], range[1]);
  const lo = ticks[0]!;
  return {
    // A log axis has no 0: an insight faster than the first tick sits on it.
    value: (s: number) => Math.max(lo, s),
    x: {
      field: "timeToInsight",
      type: "quantitative",
      title: "time to insight (log scale)",
      scale: { type: "log", domain: [lo, ticks[ticks.length - 1]!], nice: false },
      axis: { values: ticks, labelExpr: labelExpr(ticks, durationTickLabel) },
    },
  } as const;
}

export function latencyCdfSpec(results: readonly ModeResult[], title: string): vl.TopLevelSpec {
  const modes = results.map((r) => r.mode);
  const rows = latencyCdfRows(results);
  const axis = insightAxis(rows.map((r) => r.timeToInsightS));
  const values = rows.map((r) => ({
    mode: r.mode,
    fraction: r.fraction,
    timeToInsight: axis.value(r.timeToInsightS),
    label: `${formatPercent(r.fraction)} within ${formatDurationS(r.timeToInsightS)}; mode: ${r.mode}`,
  }));
  // Markers where each curve crosses 10 %, 20 %, ... of the captured images, mode i at (k + i/n) x
  // 10 %, so curves that coincide still show every mode's shape.
  const markers: typeof values = [];
  modes.forEach((m, i) => {
    let next = 0.1 * (1 + i / modes.length);
    for (const v of values)
      if (v.mode === m && v.fraction >= next - 1e-12) {
        markers.push(v);
        while (next <= v.fraction + 1e-12) next += 0.1;
      }
  });
  const enc = modeEncodings(modes);
  const y = {
    field: "fraction",
    type: "quantitative" as const,
    title: "share of captured images with insight on the ground",
    scale: { domain: [0, 1] },
    axis: { format: ".0%" },
  };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `${title}: time to insight (capture to ground), CDF over captured images`,
      subtitle: [
        "a mode that delivers fewer images tops out below 100 %; markers every 10 % of the images",
        "curves that coincide (modes delivering the same images) are drawn widest first, so each stays visible",
      ],
    },
    width: PLOT_WIDTH_PX,
    height: 320,
    config: PLOT_CONFIG,
    layer: [
      { data: { values }, layer: modeLines(modes, enc, axis.x, y) },
      markerLayer(markers, enc, axis.x, y),
    ],
  };
}

export function latencyCdfSvg(results: readonly ModeResult[], title: string): Promise<string> {
  return renderSvg(latencyCdfSpec(results, title));
}
