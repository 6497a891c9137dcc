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
  const MODES = ["raw", "summary", "hybrid"];
  // Raw images arrive in hours, summaries in seconds: 0.4 s .. 5,000 s spans four decades.
  const same = [0.4, 0.5, 0.6, 20, 300, 900];
  const spread = () => [
    mode("raw", [6, 30, 200, 800, 2000, 5000], [0]),
    mode("summary", same, [0]),
    mode("hybrid", same, [0]),
  ];
  const pointsOf = (svg: string, m: string) =>
    marks(svg, "point").filter((p) => p.label.endsWith(`mode: ${m}`));
  const xyOf = (p: Mark) =>
    /translate\(([-\d.e]+),([-\d.e]+)\)/
      .exec(p.attrs.transform ?? "")!
      .slice(1)
      .map(Number);

  it("keeps a series visible when it lies exactly on another: one line each, wider first, distinct dashes", async () => {
    const svg = await latencyCdfSvg(spread(), "t");
    for (const m of MODES) expect(legendLabels(svg)).toContain(m);
    const lines = marks(svg, "line mark");
    const of = (m: string) => lines.filter((l) => l.label.endsWith(`mode: ${m}`));
    for (const m of MODES) expect(of(m)).toHaveLength(1);
    const summary = of("summary")[0]!;
    const hybrid = of("hybrid")[0]!;
    // Same points, different look; the wider one drawn first so the thinner stays on top.
    expect(summary.attrs.d).toBe(hybrid.attrs.d);
    expect(Number(summary.attrs["stroke-width"])).toBeGreaterThan(Number(hybrid.attrs["stroke-width"]));
    expect(summary.attrs.stroke).not.toBe(hybrid.attrs.stroke);
    expect(lines.indexOf(summary)).toBeLessThan(lines.indexOf(hybrid));
    // A distinct dash per mode (a solid line may carry no dasharray at all).
    const dashes = MODES.map((m) => of(m)[0]!.attrs["stroke-dasharray"] ?? "solid");
    expect(new Set(dashes).size).toBe(3);
  });

  it("marks every mode with its own shape, staggered so coinciding curves show each marker", async () => {
    // 100 images each, summary and hybrid at the same instants (0.5 s .. 50 s): one curve.
    const tti = Array.from({ length: 100 }, (_, k) => 0.5 * (k + 1));
    const svg = await latencyCdfSvg(
      [
        mode(
          "raw",
          tti.map((t) => 100 * t),
          [0],
        ),
        mode("summary", tti, [0]),
        mode("hybrid", tti, [0]),
      ],
      "t",
    );
    const shapes = MODES.map((m) => {
      const pts = pointsOf(svg, m);
      // A marker at every 10 % of the images.
      expect(pts.length, m).toBeGreaterThanOrEqual(9);
      // One symbol path per mode: its shape.
      expect(new Set(pts.map((p) => p.attrs.d)).size, m).toBe(1);
      return pts[0]!.attrs.d;
    });
    expect(new Set(shapes).size).toBe(3);
    // Summary (mode 1 of 3) is marked from 10 % x (1 + 1/3) = 13.3 % on: its first marker is the
    // 14th image (14 %, 14 x 0.5 s = 7 s), described in true values.
    expect(pointsOf(svg, "summary")[0]!.label).toBe("14.0 % within 7 s; mode: summary");
    // Summary and hybrid lie on the same curve; their markers sit at different points of it.
    const at = (m: string) => new Set(pointsOf(svg, m).map((p) => p.attrs.transform));
    const shared = [...at("summary")].filter((t) => at("hybrid").has(t));
    expect(shared).toHaveLength(0);
  });

  it("puts the CDF's time axis on a log scale when it spans decades, ticks labelled in their own units", async () => {
    const svg = await latencyCdfSvg(spread(), "t");
    expect(axisTitles(svg)).toContain("time to insight (log scale)");
    // 0.4 s .. 5,000 s lies between the ticks 100 ms and 10 h.
    const x = axisLabels(svg).find((labels) => labels.includes("1 min"));
    expect(x).toEqual(["100 ms", "1 s", "10 s", "1 min", "10 min", "1 h", "10 h"]);
    // Ticks equally spaced per decade: 1 s -> 10 s is as wide as 1 h -> 10 h.
    const tickX = (label: string) =>
      Number(new RegExp(`translate\\(([\\d.]+),[\\d.]+\\)"[^>]*>${label}<`).exec(svg)![1]);
    expect(tickX("10 s") - tickX("1 s")).toBeCloseTo(tickX("10 h") - tickX("1 h"), 6);
    // The y axis in percent, not 0.2, 0.4.
    expect(axisLabels(svg).find((labels) => labels.includes("100%"))).toContain("50%");
  });

  it("keeps the CDF linear in the unit of the data when it spans less than two decades", async () => {
    // 20 min .. 3 h: a factor of 9, so minutes from 0.
    const svg = await latencyCdfSvg([mode("raw", [1200, 3600, 10_800], [0])], "t");
    expect(axisTitles(svg)).toContain("time to insight (min)");
    const ticks = axisLabels(svg)
      .find((labels) => labels.includes("0") && !labels.includes("100%"))!
      .map(Number);
    expect(Math.max(...ticks)).toBeGreaterThanOrEqual(180);
    for (const t of ticks) expect(t === 0 || t >= 1).toBe(true);
  });

  it("picks the byte unit by the data: kB for a kilobyte backlog, GB for gigabytes", async () => {
    const small = await backlogPlotSvg([mode("summary", [1], [0, 2000, 8260, 500, 0])], "t");
    expect(axisTitles(small)).toContain("backlog (kB, all satellites)");
    // Two modes within two decades: one linear GB axis.
    const big = await backlogPlotSvg(
      [mode("raw", [1], [0, 3e9, 5.3e9, 1e9]), mode("hybrid", [1], [0, 1e9, 1.2e9, 0])],
      "t",
    );
    expect(axisTitles(big)).toContain("backlog (GB, all satellites)");
    expect(big).toContain("raw 5.3 GB");
    expect(big).toContain("hybrid 1.2 GB");
    for (const svg of [small, big]) {
      const ticks = axisLabels(svg).flat().map(Number).filter(Number.isFinite);
      expect(Math.max(...ticks)).toBeGreaterThanOrEqual(1);
      // Not "0.0000020": 0, or at least a tenth of the unit.
      for (const t of ticks) expect(t === 0 || t >= 0.1).toBe(true);
    }
    // 4 samples 10 min apart: 30 min, so the time axis is in minutes, not 0.5 h.
    expect(axisTitles(big)).toContain("virtual time since start (min)");
  });

  it("draws backlogs decades apart on a log axis where the small one is not flat on zero", async () => {
    const svg = await backlogPlotSvg(
      [mode("raw", [1], [0, 3e9, 5.3e9, 1e9]), mode("summary", [1], [0, 2000, 8260, 0])],
      "t",
    );
    expect(axisTitles(svg)).toContain("backlog (all satellites, log scale)");
    // Positive values 2,000 B .. 5.3 GB: ticks 1 kB .. 10 GB, and 0 one decade below 1 kB.
    const y = axisLabels(svg).find((labels) => labels.includes("1 kB"));
    expect(y).toEqual(["0", "1 kB", "10 kB", "100 kB", "1 MB", "10 MB", "100 MB", "1 GB", "10 GB"]);
    // The subtitle keeps each peak in its own unit: "summary 8.26 kB", not "0.0000083 GB".
    expect(svg).toContain("summary 8.26 kB");
    // 100 B .. 10 GB is 8 decades over the 320 px plot: 8,260 B sits log10(8260 / 100) / 8 of the
    // way up, 320 x (1 - 1.917 / 8) = 243.3 px from the top, and a zero backlog on the bottom.
    const [, y8260] = xyOf(
      pointsOf(svg, "summary").find((p) => p.label.includes("backlog 8.26 kB at 20 min"))!,
    );
    expect(y8260).toBeCloseTo(320 * (1 - Math.log10(8260 / 100) / 8), 3);
    // The marker's description gives the true value, 0 B, not the axis floor it is drawn at.
    const zero = pointsOf(svg, "raw")[0]!;
    expect(zero.label).toBe("backlog 0 B at 0 min; mode: raw");
    const [, y0] = xyOf(zero);
    expect(y0).toBeCloseTo(320, 6);
  });

  it("marks the backlog curves even when they have few samples, each mode with its own dash", async () => {
    const svg = await backlogPlotSvg(
      [mode("raw", [1], [0, 3e9, 5.3e9, 1e9]), mode("hybrid", [1], [0, 3e9, 5.3e9, 1e9])],
      "t",
    );
    for (const m of ["raw", "hybrid"]) {
      expect(legendLabels(svg)).toContain(m);
      expect(pointsOf(svg, m).length, m).toBeGreaterThanOrEqual(1);
    }
    const lines = marks(svg, "line mark");
    expect(lines).toHaveLength(2);
    expect(lines[0]!.attrs.d).toBe(lines[1]!.attrs.d);
    expect(lines[0]!.attrs["stroke-dasharray"] ?? "solid").not.toBe(
      lines[1]!.attrs["stroke-dasharray"] ?? "solid",
    );
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
