/**
 * What every SVG plot shares: headless rendering (vega-lite compiled to vega, `renderer: "none"`,
 * `View.toSVG()`: no canvas or browser), the look of series that must stay apart where they
 * coincide, legends below the plot, and units scaled to the data.
 *
 * Headless vega cannot measure text (no canvas) and estimates 0.8 em per character, about 1.5x what
 * the sans-serif fonts browsers and rsvg draw with take (~0.55 em, bold ~0.6): every legend, title
 * and label then reserved far more room than it used, and a quarter of each figure's width stayed
 * empty. A closer estimate is installed below (vega supports a user-defined textMetrics.width), and
 * legends go below the plot so the plot keeps the width.
 */
import * as vega from "vega";
import type * as vl from "vega-lite";
import { compile } from "vega-lite";

export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/** Plot area width, px: the whole figure's width less the y axis, since legends sit below. */
export const PLOT_WIDTH_PX = 860;

/** Average advance of a sans-serif glyph, em (DejaVu Sans / Helvetica over mixed text). */
const EM_PER_CHAR = 0.56;
const EM_PER_CHAR_BOLD = 0.62;
type TextItem = { fontSize?: number; fontWeight?: string | number };
// vega exports textMetrics (vega-scenegraph) at run time; its typings do not declare it.
const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } })
  .textMetrics;
metrics.width = (item, text) => {
  const t = text == null ? "" : String(text).trim();
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  const bold = /bold|[6-9]00/.test(String(item.fontWeight ?? ""));
  return Math.ceil(t.length * size * (bold ? EM_PER_CHAR_BOLD : EM_PER_CHAR));
};

export async function renderSvg(spec: vl.TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Shared config: legends below the plot, labels never truncated. */
export const PLOT_CONFIG = {
  legend: { orient: "bottom", direction: "horizontal", labelLimit: 0, columns: 2, symbolStrokeWidth: 2 },
  title: { subtitleColor: "#444", subtitleFontSize: 11, anchor: "start" },
} as const;

/**
 * Dash patterns and widths for series drawn in order: the first widest and solid, later ones
 * thinner and dashed, so a series that lies exactly on another (summary and hybrid delivering the
 * same images) still shows both.
 */
const DASHES: number[][] = [
  [1, 0],
  [8, 4],
  [2, 2],
  [12, 3, 2, 3],
  [4, 4],
];
const WIDTHS = [4, 2.5, 1.5, 1.5, 1.5];
/** Colours far apart in hue and lightness (the third, near-black, reads on top of the first two). */
const COLOURS = ["#4c78a8", "#f58518", "#222222", "#54a24b", "#b279a2"];
const SHAPES = ["circle", "square", "triangle-up", "diamond", "cross"];

export interface SeriesStyle {
  domain: string[];
  colour: string[];
  dash: number[][];
  width: number[];
  shape: string[];
}

export function seriesStyle(names: readonly string[]): SeriesStyle {
  return {
    domain: [...names],
    colour: names.map((_, i) => COLOURS[i % COLOURS.length]!),
    dash: names.map((_, i) => DASHES[i % DASHES.length]!),
    // A lone series has nothing to stay visible under: a plain line.
    width: names.map((_, i) => (names.length === 1 ? 2 : WIDTHS[Math.min(i, WIDTHS.length - 1)]!)),
    shape: names.map((_, i) => SHAPES[i % SHAPES.length]!),
  };
}

export interface Unit {
  /** Unit symbol as axis titles show it. */
  symbol: string;
  /** Base units (bytes, ms) per one of this unit. */
  per: number;
}

/** B, kB, MB, GB, TB (SI, 1 kB = 1000 B, as the replay's GB figures): the largest not above max. */
export function bytesUnit(maxBytes: number): Unit {
  const units: Unit[] = [
    { symbol: "TB", per: 1e12 },
    { symbol: "GB", per: 1e9 },
    { symbol: "MB", per: 1e6 },
    { symbol: "kB", per: 1e3 },
  ];
  return units.find((u) => maxBytes >= u.per) ?? { symbol: "B", per: 1 };
}

/** ms below 1 s, s below 10 min, then min, then h: by the data's largest value. */
export function durationUnit(maxMs: number): Unit {
  if (maxMs >= 10 * 3_600_000) return { symbol: "h", per: 3_600_000 };
  if (maxMs >= 600_000) return { symbol: "min", per: 60_000 };
  if (maxMs >= 1000) return { symbol: "s", per: 1000 };
  return { symbol: "ms", per: 1 };
}

/** Largest finite value (0 when none). */
export function maxOf(values: Iterable<number>): number {
  let m = 0;
  for (const v of values) if (Number.isFinite(v) && v > m) m = v;
  return m;
}

/** Median of the finite values (0 when none). */
export function medianOf(values: readonly number[]): number {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return 0;
  const m = v.length >> 1;
  return v.length % 2 === 1 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
}

/** A value in the unit its own size calls for, e.g. "8.3 kB", "5.31 GB" (3 significant digits). */
export function formatBytes(bytes: number): string {
  const u = bytesUnit(bytes);
  return `${Number((bytes / u.per).toPrecision(3))} ${u.symbol}`;
}

/**
 * Break text into lines of at most `width` characters at spaces: title and subtitle lines are
 * never wrapped by vega, and a long one widens the whole figure.
 */
export function wrapText(text: string, width = 150): string[] {
  const lines: string[] = [];
  let cur = "";
  for (const word of text.split(" ")) {
    if (cur && cur.length + 1 + word.length > width) {
      lines.push(cur);
      cur = word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) lines.push(cur);
  return lines;
}
