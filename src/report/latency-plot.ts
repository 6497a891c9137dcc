/**
 * SVG plots of latency experiments: vega-lite specs compiled to vega and rendered headless
 * (`renderer: "none"`, `View.toSVG()`), so no canvas or browser is needed.
 */
import * as vega from "vega";
import * as vl from "vega-lite";
import type { CrossoverResult } from "../mesh/crossover.js";
import { fiberRttMs } from "../mesh/fiber.js";
import type { LatencyExperiment } from "../mesh/latency-experiment.js";

async function renderSvg(spec: vl.TopLevelSpec): Promise<string> {
  const compiled = vl.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** RTT over time per pair, with each pair's ideal and realistic fiber RTT as horizontal lines. */
export function latencyPlotSvg(exp: LatencyExperiment): Promise<string> {
  const points: { tS: number; rttMs: number; pair: string }[] = [];
  const fiber: { rttMs: number; pair: string; fiber: string }[] = [];
  for (const p of exp.pairs) {
    const pair = `${p.from} - ${p.to}`;
    for (const s of p.samples)
      if (s.rttMs !== null) points.push({ tS: (s.tUnixMs - exp.startUnixMs) / 1000, rttMs: s.rttMs, pair });
    fiber.push({ rttMs: p.fiberRttMs, pair, fiber: "ideal fiber (stretch 1.0)" });
    fiber.push({
      rttMs: p.fiberRealisticRttMs,
      pair,
      fiber: `realistic fiber (stretch ${p.realisticStretch})`,
    });
  }
  const spec: vl.TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: `${exp.constellation}: RTT through the constellation vs fiber`,
    width: 720,
    height: 360,
    config: { legend: { labelLimit: 0 } },
    layer: [
      {
        data: { values: points },
        mark: { type: "line", interpolate: "step-after", strokeWidth: 1.5 },
        encoding: {
          x: { field: "tS", type: "quantitative", title: "time since start (s)" },
          y: { field: "rttMs", type: "quantitative", title: "RTT (ms)", scale: { zero: true } },
          color: { field: "pair", type: "nominal", title: "pair" },
        },
      },
      {
        data: { values: fiber },
        mark: { type: "rule", strokeWidth: 1 },
        encoding: {
          y: { field: "rttMs", type: "quantitative" },
          color: { field: "pair", type: "nominal" },
          strokeDash: { field: "fiber", type: "nominal", title: "baseline" },
        },
      },
    ],
  };
  return renderSvg(spec);
}

/** Median RTT per station pair vs geodesic distance, with the two fiber lines. */
export function crossoverPlotSvg(res: CrossoverResult, groupIndex: number): Promise<string> {
  const pts = res.pairs
    .filter((p) => p.medianRttMs !== null)
    .map((p) => ({ km: p.geodesicKm, rttMs: p.medianRttMs }));
  const maxKm = Math.max(1, ...res.pairs.map((p) => p.geodesicKm));
  const line = (stretch: number, label: string) =>
    [0, maxKm].map((km) => ({ km, rttMs: fiberRttMs(km, stretch, groupIndex), line: label }));
  const lines = [
    ...line(1, "ideal fiber (stretch 1.0)"),
    ...line(res.realisticStretch, `realistic fiber (stretch ${res.realisticStretch})`),
  ];
  const spec: vl.TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Constellation RTT (median over sampled instants) vs geodesic distance",
    width: 720,
    height: 420,
    config: { legend: { labelLimit: 0 } },
    layer: [
      {
        data: { values: pts },
        mark: { type: "point", size: 6, opacity: 0.4, filled: true },
        encoding: {
          x: { field: "km", type: "quantitative", title: "geodesic distance (km)" },
          y: { field: "rttMs", type: "quantitative", title: "RTT (ms)" },
        },
      },
      {
        data: { values: lines },
        mark: { type: "line", strokeWidth: 1.5 },
        encoding: {
          x: { field: "km", type: "quantitative" },
          y: { field: "rttMs", type: "quantitative" },
          color: { field: "line", type: "nominal", title: "baseline" },
        },
      },
    ],
  };
  return renderSvg(spec);
}
