/**
 * The SVG plots say what they mean: read back from the rendered SVG (legend labels, line marks and
 * their styles, axis titles and tick labels, rules) on synthetic inputs whose expected marks are
 * computed here: a legend entry per series, every series visible where two coincide, units scaled
 * to the data, and the crossover distance marked where a hand-computed fit puts it.
 */
import { describe, expect, it } from "vitest";
import type { ModeResult } from "../src/eo/results.js";
import { analyzeCrossover, type CrossoverPair } from "../src/mesh/crossover.js";
import type { LatencyExperiment } from "../src/mesh/latency-experiment.js";
import { backlogPlotSvg, latencyCdfSvg } from "../src/report/eo-plots.js";
import { crossoverPlotSvg, latencyPlotSvg } from "../src/report/latency-plot.js";

const T0 = Date.parse("2026-01-01T00:00:00Z");
/** Group index of SMF-28 at 1550 nm (the project's default, src/mesh/config.ts) and c, km/s (SI). */
const N_FIBER = 1.4682;
const C_KM_S = 299_792.458;

const decodeEntities = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

function legendLabels(svg: string): string[] {
  return [...svg.matchAll(/role-legend-label"[^>]*><text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    decodeEntities(m[1]!),
  );
}

function axisTitles(svg: string): string[] {
  return [...svg.matchAll(/role-axis-title"[^>]*><text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    decodeEntities(m[1]!),
  );
}

function axisLabels(svg: string): string[][] {
  // One group per axis: its tick labels in order.
  return svg
    .split('class="mark-text role-axis-label"')
    .slice(1)
    .map((chunk) =>
      [...chunk.split("role-axis-title")[0]!.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
        m[1]!.replace(/,/g, ""),
      ),
    );
}

interface Mark {
  label: string;
  attrs: Record<string, string>;
}

function marks(svg: string, role: string): Mark[] {
  return [
    ...svg.matchAll(new RegExp(`<[a-z]+ aria-label="([^"]*)"[^>]*aria-roledescription="${role}"[^>]*>`, "g")),
  ].map((m) => ({
    label: decodeEntities(m[1]!),
    attrs: Object.fromEntries([...m[0].matchAll(/([a-z-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])),
  }));
}

function experiment(rttMsOf: (pair: number, k: number) => number): LatencyExperiment {
  const pairs = [
    ["London", "New York", 5584.9],
    ["London", "Tokyo", 9582.1],
  ] as const;
  return {
    constellation: "test",
    startUnixMs: T0,
    durationMs: 10_000,
    stepMs: 1000,
    steps: 11,
    groupIndex: N_FIBER,
    pairs: pairs.map(([from, to, km], p) => ({
      from,
      to,
      geodesicKm: km,
      fiberRttMs: ((2 * km * N_FIBER) / C_KM_S) * 1000,
      fiberRealisticRttMs: ((4 * km * N_FIBER) / C_KM_S) * 1000,
      realisticStretch: 2,
      samples: Array.from({ length: 11 }, (_, k) => ({
        tUnixMs: T0 + k * 1000,
        rttMs: rttMsOf(p, k),
        hops: 5,
        path: [0, 1],
      })),
      summary: {
        minMs: 0,
        medianMs: 0,
        maxMs: 0,
        unreachable: 0,
        pathChanges: 0,
        medianOverFiber: 0,
        medianOverRealisticFiber: 0,
      },
    })),
  };
}

function mode(name: string, tti: number[], backlogBytes: number[]): ModeResult {
  return {
    mode: name,
    imagesCaptured: tti.length,
    images: tti.map((t) => ({ timeToInsightS: t })),
    series: backlogBytes.map((b, k) => ({
      tUnixMs: T0 + k * 600_000,
      backlogBytes: b,
      maxStoredBytes: b,
      imagesDelivered: 0,
    })),
  } as unknown as ModeResult;
}

describe("latency plot", () => {
  it("has a legend entry for every pair and for every kind of line, the constellation's own RTT included", async () => {
    const svg = await latencyPlotSvg(experiment((p) => (p === 0 ? 43 : 82)));
    expect(legendLabels(svg)).toEqual(
      expect.arrayContaining([
        "London - New York",
        "London - Tokyo",
        "constellation RTT",
        "ideal fiber (stretch 1.0)",
        "realistic fiber (stretch 2)",
      ]),
    );
    // The RTT lines and the fiber rules are told apart by dash, not only by colour.
    const lines = marks(svg, "line mark");
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l.attrs["stroke-dasharray"] ?? "1,0").toBe("1,0");
    const rules = marks(svg, "rule mark");
    expect(rules).toHaveLength(4);
    for (const r of rules) expect(r.attrs["stroke-dasharray"]).not.toBe("1,0");
    expect(axisTitles(svg)).toContain("RTT (ms)");
  });

  it("scales the RTT unit to the data: seconds when RTTs run into seconds", async () => {
    // A GEO-like 600 ms .. 4 s RTT: the axis is in s and its labels are small numbers, not thousands.
    const svg = await latencyPlotSvg(experiment((_p, k) => 600 + 340 * k));
    expect(axisTitles(svg)).toContain("RTT (s)");
    const ticks = axisLabels(svg).flat().map(Number).filter(Number.isFinite);
    // y up to ~4 s, x up to 10 s; in ms the y labels would reach 4,000.
    expect(Math.max(...ticks)).toBeLessThanOrEqual(10);
  });
});

describe("EO replay plots", () => {
  it("keeps a series visible when it lies exactly on another: one line each, wider first, distinct dashes", async () => {
    const same = [0.4, 0.5, 0.6, 20, 300, 900];
    const results = [
      mode("raw", [6, 30, 200, 800, 2000, 5000], [0]),
      mode("summary", same, [0]),
      mode("hybrid", same, [0]),
    ];
    const svg = await latencyCdfSvg(results, "t");
    for (const m of ["raw", "summary", "hybrid"]) expect(legendLabels(svg)).toContain(m);
    const lines = marks(svg, "line mark");
    const of = (m: string) => lines.filter((l) => l.label.endsWith(`mode: ${m}`));
    for (const m of ["raw", "summary", "hybrid"]) expect(of(m)).toHaveLength(1);
    const summary = of("summary")[0]!;
    const hybrid = of("hybrid")[0]!;
    // Same points, different look; the wider one drawn first so the thinner stays on top.
    expect(summary.attrs.d).toBe(hybrid.attrs.d);
    expect(Number(summary.attrs["stroke-width"])).toBeGreaterThan(Number(hybrid.attrs["stroke-width"]));
    expect(summary.attrs["stroke-dasharray"]).not.toBe(hybrid.attrs["stroke-dasharray"]);
    expect(summary.attrs.stroke).not.toBe(hybrid.attrs.stroke);
    expect(lines.indexOf(summary)).toBeLessThan(lines.indexOf(hybrid));
    // Markers too: a symbol per series in the legend and on the curves.
    expect(marks(svg, "point").length).toBeGreaterThanOrEqual(3);
  });

  it("picks the byte unit by the data: kB for a kilobyte backlog, GB for gigabytes", async () => {
    const small = await backlogPlotSvg([mode("summary", [1], [0, 2000, 8260, 500, 0])], "t");
    expect(axisTitles(small)).toContain("backlog (kB, all satellites)");
    const big = await backlogPlotSvg(
      [mode("raw", [1], [0, 3e9, 5.3e9, 1e9]), mode("summary", [1], [0, 2000, 8260, 0])],
      "t",
    );
    expect(axisTitles(big)).toContain("backlog (GB, all satellites)");
    // The small series keeps its own unit in the subtitle: "summary 8.26 kB", not "0.0000083 GB".
    expect(big).toContain("summary 8.26 kB");
    expect(big).toContain("raw 5.3 GB");
    for (const svg of [small, big]) {
      const ticks = axisLabels(svg).flat().map(Number).filter(Number.isFinite);
      expect(Math.max(...ticks)).toBeGreaterThanOrEqual(1);
    }
  });
});

describe("crossover plot", () => {
  // Pairs on the line RTT = 10 ms + 0.005 ms/km, except one bin (5,000-6,000 km) of detoured pairs
  // at 120 ms, above fiber there. Fiber RTT per km: k = 2 n / c (ms per km, x 1000 for ms).
  const k = ((2 * N_FIBER) / C_KM_S) * 1000;
  const pairs: CrossoverPair[] = [];
  for (let d = 250; d < 12_000; d += 500) {
    const detour = d >= 5000 && d < 6000;
    pairs.push({
      from: `a${d}`,
      to: `b${d}`,
      geodesicKm: d,
      fiberRttMs: k * d,
      fiberRealisticRttMs: 2 * k * d,
      medianRttMs: detour ? 120 : 10 + 0.005 * d,
      unreachable: 0,
    });
  }
  const res = analyzeCrossover(pairs, N_FIBER, 2, 1000);

  it("marks the crossover distance at the fitted line's crossing, and the bins' answer", async () => {
    // Least squares by hand over the pairs (normal equations).
    const n = pairs.length;
    const sx = pairs.reduce((s, p) => s + p.geodesicKm, 0);
    const sy = pairs.reduce((s, p) => s + p.medianRttMs!, 0);
    const sxx = pairs.reduce((s, p) => s + p.geodesicKm ** 2, 0);
    const sxy = pairs.reduce((s, p) => s + p.geodesicKm * p.medianRttMs!, 0);
    const b = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    const a = (sy - b * sx) / n;
    const dStar = a / (k - b);
    expect(res.crossoverIdealKm).toBeCloseTo(dStar, 6);
    // Bins: the detoured 5,000-6,000 km bin is the last one above fiber, so the answer is 6,000 km.
    expect(res.binCrossoverIdealKm).toBe(6000);

    const svg = await crossoverPlotSvg(res, N_FIBER);
    const rules = marks(svg, "rule mark");
    const kmOf = (r: Mark) => Number(/geodesic distance \(km\): ([\d.]+)/.exec(r.label)?.[1]);
    const xPx = (r: Mark) => Number(/translate\(([\d.]+),/.exec(r.attrs.transform ?? "")?.[1]);
    // The x axis spans 0 .. the farthest pair (11,750 km) over the 860 px plot width.
    const pxPerKm = 860 / 11_750;
    // The detoured bin's median (120 ms) is above realistic fiber there too (2 k x 5,500 km = 107.7
    // ms), so both bin answers are 6,000 km: two marks there, one for the fit at d*.
    expect(res.binCrossoverRealisticKm).toBe(6000);
    for (const [want, count] of [
      [dStar, 1],
      [6000, 2],
    ] as const) {
      const hit = rules.filter((r) => Math.abs(kmOf(r) - want) < 1e-6);
      expect(hit, `rules at ${want} km`).toHaveLength(count);
      for (const r of hit) expect(xPx(r)).toBeCloseTo(want * pxPerKm, 0);
    }
    const fmt = (v: number) => Math.round(v).toLocaleString("en-US");
    expect(svg).toContain(`fit, ideal: ${fmt(dStar)} km`);
    expect(svg).toContain("bins, ideal: 6,000 km");
  });

  it("explains both methods and why they differ, naming the bin that pushes the bins' answer out", async () => {
    const svg = decodeEntities(await crossoverPlotSvg(res, N_FIBER));
    expect(svg).toContain("least-squares line");
    expect(svg).toContain("distance bins (1,000 km)");
    expect(svg).toContain("5,000 km-6,000 km");
    expect(svg).toContain("120.0 ms");
    for (const l of [
      "station pair (median RTT over instants)",
      "ideal fiber (stretch 1.0)",
      "realistic fiber (stretch 2)",
      "least-squares line",
    ])
      expect(legendLabels(svg)).toContain(l);
  });

  it("uses the width for the plot: the figure is at most the plot plus its axis", async () => {
    const svg = await crossoverPlotSvg(res, N_FIBER);
    const width = Number(/<svg[^>]* width="(\d+)"/.exec(svg)![1]);
    // 860 px of plot + ~60 px of y axis; the old right-hand legend made it ~1,030.
    expect(width).toBeLessThan(960);
  });
});
