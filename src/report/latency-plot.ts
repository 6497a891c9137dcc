/**
 * SVG plots of latency experiments (src/report/plot-common.ts renders them headless).
 *
 * RTT over time: colour = station pair, line style = what the line is (the constellation's RTT,
 * solid and thick; ideal fiber, dashed; realistic fiber, dotted), so every line has a legend entry.
 * Crossover: median RTT per station pair against distance, both fiber lines, the least-squares fit,
 * and the crossover distances of both methods marked and explained on the plot.
 */
import type * as vl from "vega-lite";
import type { CrossoverResult } from "../mesh/crossover.js";
import { fiberRttMs } from "../mesh/fiber.js";
import type { LatencyExperiment } from "../mesh/latency-experiment.js";
import {
  durationUnit,
  maxOf,
  PLOT_CONFIG,
  PLOT_WIDTH_PX,
  renderSvg,
  VEGA_LITE_SCHEMA,
  wrapText,
} from "./plot-common.js";

const RTT_LINE = "constellation RTT";
const idealLabel = "ideal fiber (stretch 1.0)";
const realisticLabel = (stretch: number) => `realistic fiber (stretch ${stretch})`;

export function latencyPlotSpec(exp: LatencyExperiment): vl.TopLevelSpec {
  const stretches = [...new Set(exp.pairs.map((p) => p.realisticStretch))];
  const lines = [RTT_LINE, idealLabel, ...stretches.map(realisticLabel)];
  const rttMs = exp.pairs.flatMap((p) => p.samples.flatMap((s) => (s.rttMs === null ? [] : [s.rttMs])));
  const unit = durationUnit(maxOf([...rttMs, ...exp.pairs.map((p) => p.fiberRealisticRttMs)]));
  const tUnit = durationUnit(exp.durationMs);
  const points: { t: number; rtt: number; pair: string; line: string }[] = [];
  const fiber: { rtt: number; pair: string; line: string }[] = [];
  for (const p of exp.pairs) {
    const pair = `${p.from} - ${p.to}`;
    for (const s of p.samples)
      if (s.rttMs !== null)
        points.push({
          t: (s.tUnixMs - exp.startUnixMs) / tUnit.per,
          rtt: s.rttMs / unit.per,
          pair,
          line: RTT_LINE,
        });
    fiber.push({ rtt: p.fiberRttMs / unit.per, pair, line: idealLabel });
    fiber.push({ rtt: p.fiberRealisticRttMs / unit.per, pair, line: realisticLabel(p.realisticStretch) });
  }
  const pairs = exp.pairs.map((p) => `${p.from} - ${p.to}`);
  const y = {
    field: "rtt",
    type: "quantitative" as const,
    title: `RTT (${unit.symbol})`,
    scale: { zero: true },
  };
  const color = { field: "pair", type: "nominal" as const, title: "pair", scale: { domain: pairs } };
  const strokeDash = {
    field: "line",
    type: "nominal" as const,
    title: "line",
    scale: { domain: lines, range: [[1, 0], [8, 4], ...stretches.map(() => [2, 3])] },
  };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `${exp.constellation}: RTT through the constellation vs fiber`,
      subtitle: "RTT = 2 x one-way delay of the shortest path at t (same path back), propagation only",
    },
    width: PLOT_WIDTH_PX,
    height: 360,
    config: PLOT_CONFIG,
    layer: [
      {
        data: { values: points },
        mark: { type: "line", interpolate: "step-after", strokeWidth: 2.5 },
        encoding: {
          x: { field: "t", type: "quantitative", title: `time since start (${tUnit.symbol})` },
          y,
          color,
          strokeDash,
        },
      },
      {
        data: { values: fiber },
        mark: { type: "rule", strokeWidth: 1.5 },
        encoding: { y, color, strokeDash },
      },
    ],
  };
}

export function latencyPlotSvg(exp: LatencyExperiment): Promise<string> {
  return renderSvg(latencyPlotSpec(exp));
}

const km = (v: number) => `${Math.round(v).toLocaleString("en-US")} km`;

/**
 * Why the two methods answer differently, in words for the plot, from the result itself: the fit is
 * where the trend of all pairs crosses fiber; the bin method needs every farther bin's median below
 * fiber, so one bin above it (detoured routes) pushes its answer past that bin.
 */
export function crossoverExplanation(res: CrossoverResult): string[] {
  const f = res.fit;
  const binKm = res.bins.length > 0 ? res.bins[0]!.toKm - res.bins[0]!.fromKm : 0;
  const show = (v: number | null) => (v === null ? "never" : km(v));
  const lines = [
    f
      ? `least-squares line: RTT = ${f.interceptMs.toFixed(1)} ms + ${(f.slopeMsPerKm * 1000).toFixed(2)} ms per 1000 km over ${f.n} pairs; ` +
        `crosses ideal fiber at ${show(res.crossoverIdealKm)}, realistic at ${show(res.crossoverRealisticKm)}`
      : "least-squares line: fewer than 2 reachable pairs, no fit",
    `distance bins (${km(binKm)}): from where every farther bin's median RTT beats fiber: ideal ${show(res.binCrossoverIdealKm)}, realistic ${show(res.binCrossoverRealisticKm)}`,
  ];
  // The last bin above ideal fiber decides the bin answer; name it when the two answers differ.
  const above = res.bins.filter(
    (b) => b.medianRttMs !== null && b.fiberRttMs !== null && b.medianRttMs >= b.fiberRttMs,
  );
  const last = above[above.length - 1];
  if (last && res.crossoverIdealKm !== null && res.binCrossoverIdealKm !== res.crossoverIdealKm)
    lines.push(
      `why they differ: the line follows the trend of all pairs (its intercept is the up and down links); the bins need every farther bin below fiber, ` +
        `and the ${km(last.fromKm)}-${km(last.toKm)} bin's median is ${last.medianRttMs!.toFixed(1)} ms against ${last.fiberRttMs!.toFixed(1)} ms of fiber (detoured routes), so they answer only beyond it`,
    );
  return lines;
}

/** Median RTT per station pair vs geodesic distance, fiber lines, fit line, crossover marks. */
export function crossoverPlotSpec(res: CrossoverResult, groupIndex: number): vl.TopLevelSpec {
  const pairsLabel = "station pair (median RTT over instants)";
  const fitLabel = "least-squares line";
  const ideal = idealLabel;
  const realistic = realisticLabel(res.realisticStretch);
  const maxKm = Math.max(1, ...res.pairs.map((p) => p.geodesicKm));
  const rtts = res.pairs.flatMap((p) => (p.medianRttMs === null ? [] : [p.medianRttMs]));
  const unit = durationUnit(maxOf([...rtts, fiberRttMs(maxKm, res.realisticStretch, groupIndex)]));
  const pts = res.pairs
    .filter((p) => p.medianRttMs !== null)
    .map((p) => ({ km: p.geodesicKm, rtt: p.medianRttMs! / unit.per, line: pairsLabel }));
  const line = (label: string, f: (d: number) => number) =>
    [0, maxKm].map((d) => ({ km: d, rtt: f(d) / unit.per, line: label }));
  const lines = [
    ...line(ideal, (d) => fiberRttMs(d, 1, groupIndex)),
    ...line(realistic, (d) => fiberRttMs(d, res.realisticStretch, groupIndex)),
    ...(res.fit ? line(fitLabel, (d) => res.fit!.interceptMs + res.fit!.slopeMsPerKm * d) : []),
  ];
  const marks = [
    { km: res.crossoverIdealKm, method: "fit", fiber: "ideal" },
    { km: res.crossoverRealisticKm, method: "fit", fiber: "realistic" },
    { km: res.binCrossoverIdealKm, method: "bins", fiber: "ideal" },
    { km: res.binCrossoverRealisticKm, method: "bins", fiber: "realistic" },
  ]
    .filter((m): m is { km: number; method: string; fiber: string } => m.km !== null)
    .map((m, i) => ({
      ...m,
      crossover: `crossover (${m.method === "fit" ? "line" : "bins"}), ${m.fiber} fiber`,
      label: `${m.method}, ${m.fiber}: ${km(m.km)}`,
      // Stagger the labels so marks at nearby distances stay readable.
      dy: 12 + 14 * i,
    }));
  const order = [pairsLabel, ideal, realistic, fitLabel];
  const x = {
    field: "km",
    type: "quantitative" as const,
    title: "geodesic distance (km)",
    scale: { domain: [0, maxKm] },
  };
  const y = { field: "rtt", type: "quantitative" as const, title: `RTT (${unit.symbol})` };
  const color = {
    field: "line",
    type: "nominal" as const,
    title: "",
    scale: { domain: order, range: ["#4c78a8", "#222222", "#f58518", "#54a24b"] },
  };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: "Constellation RTT (median over sampled instants) vs geodesic distance",
      subtitle: crossoverExplanation(res).flatMap((l) => wrapText(l)),
    },
    // The crossover marks' dashes (and legend) are theirs, not the lines'.
    resolve: { scale: { strokeDash: "independent" }, legend: { strokeDash: "independent" } },
    width: PLOT_WIDTH_PX,
    height: 420,
    config: PLOT_CONFIG,
    layer: [
      {
        data: { values: pts },
        mark: { type: "point", size: 10, opacity: 0.5, filled: true },
        encoding: { x, y, color },
      },
      {
        data: { values: lines },
        mark: { type: "line", strokeWidth: 2 },
        encoding: {
          x,
          y,
          color,
          strokeDash: {
            field: "line",
            type: "nominal",
            title: "",
            scale: {
              domain: order,
              range: [
                [1, 0],
                [1, 0],
                [1, 0],
                [6, 3],
              ],
            },
            legend: null,
          },
        },
      },
      {
        data: { values: marks },
        mark: { type: "rule", strokeWidth: 1.5, color: "#b22222" },
        encoding: {
          x,
          // The labels beside the marks name them; line = solid, bins = dashed.
          strokeDash: {
            field: "method",
            type: "nominal",
            scale: {
              domain: ["fit", "bins"],
              range: [
                [1, 0],
                [6, 3],
              ],
            },
            legend: null,
          },
        },
      },
      {
        data: { values: marks },
        mark: { type: "text", align: "left", dx: 4, color: "#b22222", fontSize: 11 },
        encoding: {
          x,
          // Pixels from the top of the plot (no scale), so the labels never cover the data.
          y: { field: "dy", type: "quantitative", scale: null, axis: null },
          text: { field: "label" },
        },
      },
    ],
  };
}

export function crossoverPlotSvg(res: CrossoverResult, groupIndex: number): Promise<string> {
  return renderSvg(crossoverPlotSpec(res, groupIndex));
}
