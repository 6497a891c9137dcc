/**
 * EO replay reports on hand-made results (no replay runs): the side-by-side table's units and
 * percentages, the machine CSV, the fixed JSON of `replay --format json` (issue 10), and the story's
 * sentences. Every expected figure is worked out here by hand from the inputs, in the comments.
 */
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { ModeResult } from "../src/eo/results.js";
import { eoStory } from "../src/report/eo-story.js";
import {
  modeRows,
  type ReplayExecution,
  replayJson,
  sideBySide,
  sideBySideCsv,
} from "../src/report/eo-table.js";
import { formatTable } from "../src/report/table.js";

const DAY_MS = 86_400_000;
/** Planet Dove frame, 176.8 MB (docs/eo-replay.md: Planet Imagery Product Specifications, 2022). */
const DOVE_FRAME_BYTES = 176.8e6;
/** X-band downlink of a Dove, 220 Mbit/s (Devaraj et al., SmallSat 2017) = 27.5e6 bytes/s. */
const DOVE_DOWNLINK_BYTES_PER_S = 220e6 / 8;

function result(over: Partial<ModeResult> & Pick<ModeResult, "mode">): ModeResult {
  return {
    imagesRequested: 0,
    imagesCaptured: 0,
    imagesMissed: 0,
    imagesDelivered: 0,
    bytesCaptured: 0,
    bytesDownlinked: 0,
    reductionFactor: 1,
    timeToInsightS: { p50: Number.NaN, p95: Number.NaN, p99: Number.NaN, mean: Number.NaN },
    backlogBytes: 0,
    peakStorageBytes: 0,
    contactUtilization: 0,
    energyPerImageJ: 0,
    throttledS: 0,
    throttledPowerS: 0,
    throttledHeatS: 0,
    imagesRefusedStorage: 0,
    contactTimeUsedS: 0,
    contactTimeS: 0,
    computeEnergyPerImageJ: 0,
    radioEnergyPerImageJ: 0,
    overflowCount: 0,
    overflowBytes: 0,
    imagesInferred: 0,
    pendingInference: 0,
    powerDeficitS: 0,
    relayedProducts: 0,
    images: [],
    series: [],
    ...over,
  };
}

/*
 * A downlink-bound day. Raw: 7,000 Dove frames captured = 7,000 x 176.8 MB = 1.2376 TB; the radio
 * transmitted 1,512 s (25.2 min) of the 21,600 s (6 h) of contact at 27.5 MB/s = 41.58 GB, which is
 * 41.58e9 / 1.2376e12 = 3.36 % of the capture and 1,512 / 21,600 = 7.0 % of the contact time.
 * Summary: 1,990 captured, 1,988 delivered, 4 kB summaries -> 1,988 x 4,000 = 7.952 MB downlinked.
 */
const rawBytesCaptured = 7000 * DOVE_FRAME_BYTES;
const rawBytesDownlinked = 1512 * DOVE_DOWNLINK_BYTES_PER_S;
const raw = result({
  mode: "raw",
  imagesRequested: 9000,
  imagesCaptured: 7000,
  imagesMissed: 1000,
  imagesDelivered: 235,
  imagesRefusedStorage: 4212,
  bytesCaptured: rawBytesCaptured,
  bytesDownlinked: rawBytesDownlinked,
  // 3.2 h, 9.6 h, 20 h.
  timeToInsightS: { p50: 11_520, p95: 34_560, p99: 72_000, mean: 15_000 },
  backlogBytes: 410e9,
  peakStorageBytes: 128e9,
  contactTimeUsedS: 1512,
  contactTimeS: 21_600,
  contactUtilization: 0.07,
  // Radio only: 176.8 MB at 27.5 MB/s = 6.429 s per frame, at an assumed 10 W = 64.3 J.
  radioEnergyPerImageJ: 64.29,
  energyPerImageJ: 64.29,
  overflowCount: 4212,
  overflowBytes: 4212 * DOVE_FRAME_BYTES,
});
const summary = result({
  mode: "summary",
  imagesRequested: 9000,
  imagesCaptured: 1990,
  imagesDelivered: 1988,
  imagesInferred: 1990,
  bytesCaptured: 1990 * DOVE_FRAME_BYTES,
  bytesDownlinked: 1988 * 4000,
  reductionFactor: DOVE_FRAME_BYTES / 4000,
  timeToInsightS: { p50: 38, p95: 126, p99: 300, mean: 51 },
  contactTimeUsedS: 0.3,
  contactTimeS: 21_600,
  throttledS: 7800,
  throttledHeatS: 7800,
  computeEnergyPerImageJ: 4500,
  energyPerImageJ: 4500.15,
  radioEnergyPerImageJ: 0.15,
  relayedProducts: 612,
});

const execution: ReplayExecution = { clock: "virtual", isolation: "pooled", hosts: 2, nodes: 12 };

describe("replay table (side by side)", () => {
  const rows = sideBySide([raw, summary]);
  const cell = (metric: string, mode: string) => {
    const row = rows.find((r) => r.metric === metric);
    expect(row, metric).toBeDefined();
    return row![mode];
  };

  it("writes bytes in the unit each value calls for, with the unit in the cell", () => {
    expect(cell("bytes captured", "raw")).toBe("1.24 TB");
    expect(cell("bytes downlinked", "raw")).toBe("41.6 GB");
    // 7.952 MB, not "0.0080 GB".
    expect(cell("bytes downlinked", "summary")).toBe("7.95 MB");
    expect(cell("backlog at end (all satellites)", "raw")).toBe("410 GB");
    expect(cell("backlog at end (all satellites)", "summary")).toBe("0 B");
    expect(cell("peak storage, one satellite", "raw")).toBe("128 GB");
  });

  it("gives downlinked / captured as a percentage that never rounds a small share to 0", () => {
    expect(cell("downlinked / captured", "raw")).toBe("3.4 %");
    // 7.952e6 / (1,990 x 176.8e6) = 2.26e-5 = 0.00226 %.
    expect(cell("downlinked / captured", "summary")).toBe("0.0023 %");
    expect(cell("reduction factor (raw bytes per byte sent)", "summary")).toBe("44,200x");
  });

  it("shows contact time used against available in h:mm for the whole row when contacts reach hours", () => {
    // 1,512 s = 0:25; 21,600 s = 6:00; 0.3 s rounds to 0:00 but its share is still printed.
    expect(cell("contact time used, of available (h:mm)", "raw")).toBe("0:25 of 6:00 (7.0 %)");
    expect(cell("contact time used, of available (h:mm)", "summary")).toBe("0:00 of 6:00 (0.0014 %)");
    // Below an hour of contact, seconds: 312 of 1,200 s = 26 %.
    const short = sideBySide([result({ mode: "raw", contactTimeUsedS: 312, contactTimeS: 1200 })]);
    expect(short.find((r) => r.metric === "contact time used, of available (s)")?.raw).toBe(
      "312 of 1,200 (26.0 %)",
    );
  });

  it("gives time to insight, energy and throttling in units by magnitude, and '-' where there is no value", () => {
    expect(cell("time to insight p50", "raw")).toBe("3.2 h");
    expect(cell("time to insight p95", "raw")).toBe("9.6 h");
    expect(cell("time to insight p99", "raw")).toBe("20 h");
    expect(cell("time to insight p50", "summary")).toBe("38 s");
    expect(cell("time to insight p95", "summary")).toBe("2.1 min");
    expect(cell("energy per image, radio", "raw")).toBe("64.3 J");
    expect(cell("energy per image, compute", "summary")).toBe("4.5 kJ");
    expect(cell("throttled by heat (radiator)", "summary")).toBe("2.17 h");
    expect(cell("throttled by power (battery)", "summary")).toBe("0 s");
    expect(cell("captures refused (storage full)", "raw")).toBe("4,212");
    expect(cell("products relayed over lasers", "summary")).toBe("612");
    const none = sideBySide([result({ mode: "summary", imagesCaptured: 3 })]);
    expect(none.find((r) => r.metric === "time to insight p50")?.summary).toBe("-");
    expect(formatTable(none)).not.toMatch(/NaN|Infinity|undefined|e-\d/);
  });

  it("has every metric the issue asks for, one column per mode", () => {
    const metrics = rows.map((r) => r.metric);
    for (const m of [
      "images captured",
      "captures refused (storage full)",
      "images delivered (insight on ground)",
      "bytes captured",
      "bytes downlinked",
      "downlinked / captured",
      "time to insight p99",
      "energy per image, compute",
      "energy per image, radio",
      "throttled by heat (radiator)",
      "throttled by power (battery)",
      "products relayed over lasers",
    ])
      expect(metrics).toContain(m);
    for (const r of rows) expect(Object.keys(r)).toEqual(["metric", "raw", "summary"]);
  });
});

describe("replay --format csv (one row per mode)", () => {
  it("has the JSON keys as columns, raw numbers in SI base units, an empty cell for no value", () => {
    const none = result({ mode: "hybrid", imagesCaptured: 3 });
    const records = parse(sideBySideCsv([raw, summary, none]), { columns: true }) as Record<string, string>[];
    expect(records.map((r) => r.mode)).toEqual(["raw", "summary", "hybrid"]);
    const r0 = records[0]!;
    expect(Number(r0.bytesCaptured)).toBe(1.2376e12);
    expect(Number(r0.bytesDownlinked)).toBe(41.58e9);
    expect(Number(r0["timeToInsightS.p50"])).toBe(11_520);
    expect(Number(r0.imagesRefusedStorage)).toBe(4212);
    expect(Number(r0.contactTimeUsedS)).toBe(1512);
    expect(Number(r0.downlinkedFraction)).toBeCloseTo(41.58e9 / 1.2376e12, 12);
    expect(records[2]!["timeToInsightS.p50"]).toBe("");
    // The same columns as the JSON's keys (nested ones dotted).
    const json = replayJson(execution, [raw]).modes[0]!;
    const keys = Object.entries(json).flatMap(([k, v]) =>
      v !== null && typeof v === "object" ? Object.keys(v).map((s) => `${k}.${s}`) : [k],
    );
    expect(Object.keys(r0)).toEqual(keys);
    expect(Object.keys(modeRows([raw])[0]!)).toEqual(keys);
  });
});

describe("replay --format json (issue 10's fixed interface)", () => {
  const FIXED_MODE_KEYS = [
    "mode",
    "imagesCaptured",
    "imagesRefusedStorage",
    "imagesDelivered",
    "bytesCaptured",
    "bytesDownlinked",
    "timeToInsightS",
    "backlogBytes",
    "throttledS",
    "throttledHeatS",
    "throttledPowerS",
    "energyPerImageJ",
  ];

  it("has execution { clock, isolation, hosts, nodes } and every fixed key of every mode", () => {
    const doc = JSON.parse(JSON.stringify(replayJson(execution, [raw, summary])));
    expect(doc.execution).toEqual({ clock: "virtual", isolation: "pooled", hosts: 2, nodes: 12 });
    expect(doc.modes).toHaveLength(2);
    for (const m of doc.modes) {
      for (const k of FIXED_MODE_KEYS) expect(m, k).toHaveProperty(k);
      expect(Object.keys(m.timeToInsightS)).toEqual(["p50", "p95", "p99"]);
    }
    const [r, s] = doc.modes;
    expect(r).toMatchObject({
      mode: "raw",
      imagesCaptured: 7000,
      imagesRefusedStorage: 4212,
      imagesDelivered: 235,
      bytesCaptured: 1.2376e12,
      bytesDownlinked: 41.58e9,
      timeToInsightS: { p50: 11_520, p95: 34_560, p99: 72_000 },
      backlogBytes: 410e9,
      throttledS: 0,
      energyPerImageJ: 64.29,
      contactTimeUsedS: 1512,
      imagesMissed: 1000,
    });
    expect(s).toMatchObject({
      mode: "summary",
      throttledHeatS: 7800,
      throttledPowerS: 0,
      relayedProducts: 612,
    });
    expect(s.computeEnergyPerImageJ).toBe(4500);
    expect(s.radioEnergyPerImageJ).toBe(0.15);
  });

  it("never lets NaN or Infinity through: null instead, in the object itself", () => {
    const none = result({ mode: "summary", imagesCaptured: 3, reductionFactor: Number.NaN });
    const doc = replayJson(execution, [none], {
      crossover: Number.POSITIVE_INFINITY,
      nested: [Number.NaN, 1],
    });
    expect(doc.modes[0]!.timeToInsightS).toEqual({ p50: null, p95: null, p99: null });
    expect(doc.modes[0]!.reductionFactor).toBeNull();
    // 0 bytes captured: no fraction rather than 0/0.
    expect(doc.modes[0]!.downlinkedFraction).toBeNull();
    expect(doc.crossover).toBeNull();
    expect(doc.nested).toEqual([null, 1]);
    const walk = (v: unknown): void => {
      if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
      else if (v !== null && typeof v === "object") for (const x of Object.values(v)) walk(x);
    };
    walk(doc);
  });

  it("puts run-level extra keys beside execution and modes, which they cannot replace", () => {
    const doc = replayJson(execution, [raw], {
      constellation: "eo-sso",
      durationS: 86_400,
      execution: "bogus",
      modes: [],
    });
    expect(Object.keys(doc)).toEqual(["execution", "constellation", "durationS", "modes"]);
    expect(doc.execution.clock).toBe("virtual");
    expect(doc.modes).toHaveLength(1);
  });
});

describe("the replay's story (eoStory)", () => {
  const story = eoStory([raw, summary], { durationMs: DAY_MS, satellites: 4 });

  it("says how much raw downlink brought down, of what, and what storage refused", () => {
    expect(story[0]).toBe(
      "Raw downlink brought down 41.6 GB, 3.4 % of the 1.24 TB captured in 24 h, transmitting for 25 min " +
        "of the 6 h of ground contact (7.0 %); 4,212 captures were refused because storage was full; " +
        "410 GB was still on board at the end.",
    );
    expect(story[1]).toBe(
      "235 of the 7,000 raw images reached the ground, p50 3.2 h after capture (p95 9.6 h).",
    );
  });

  it("says how soon summary insights arrived and what the lasers carried", () => {
    expect(story).toContain(
      "Summary mode delivered 1,988 of 1,990 insights, p50 38 s after capture (p95 2.1 min), over the laser " +
        "mesh (612 products relayed), downlinking 7.95 MB, 0.0023 % of the 352 GB captured.",
    );
    // 11,520 s / 38 s = 303 -> 2 significant digits.
    expect(story).toContain(
      "Summary insights arrived 300x sooner than raw images at p50 (38 s against 3.2 h).",
    );
  });

  it("says what throttled inference and by how much: 7,800 s = 2 h 10 min, / (4 x 86,400 s) = 2.3 %", () => {
    expect(story).toContain(
      "In summary mode, inference was throttled by heat for 2 h 10 min (radiator), 2.3 % of the accelerator " +
        "time of 4 satellites over 24 h.",
    );
    // Power never throttled: no claim about it.
    expect(story.join(" ")).not.toMatch(/by power/);
  });

  it("makes no claim without its number, and leaves out what is zero", () => {
    for (const s of story) {
      expect(s).toMatch(/\d/);
      expect(s).not.toMatch(/NaN|Infinity|undefined|null/);
      expect(s).toMatch(/^[A-Z0-9].*\.$/);
    }
    const quiet = eoStory(
      [
        { ...raw, imagesRefusedStorage: 0, backlogBytes: 0 },
        { ...summary, throttledS: 0, throttledHeatS: 0, relayedProducts: 0 },
      ],
      { durationMs: DAY_MS },
    );
    const text = quiet.join(" ");
    expect(text).not.toMatch(/throttl/);
    expect(text).not.toMatch(/refused/);
    expect(text).not.toMatch(/laser/);
    expect(text).not.toMatch(/on board at the end/);
    expect(quiet.length).toBeLessThan(story.length);
  });

  it("names modes with the same p50 together, and leaves out contact time nobody measured", () => {
    const hybrid = { ...summary, mode: "hybrid" as const, relayedProducts: 922 };
    const s = eoStory([{ ...raw, contactTimeUsedS: Number.NaN }, summary, hybrid], { durationMs: DAY_MS });
    expect(s.filter((x) => x.includes("sooner"))).toEqual([
      "Summary and hybrid insights arrived 300x sooner than raw images at p50 (38 s against 3.2 h).",
    ]);
    expect(s[0]).not.toMatch(/contact|transmitting/);
    expect(s.join(" ")).not.toMatch(/ - |\(-\)/);
  });

  it("says when nothing was delivered, and gives no percentiles then", () => {
    const none = eoStory(
      [
        result({ mode: "raw", imagesCaptured: 12, bytesCaptured: 12 * DOVE_FRAME_BYTES }),
        result({ mode: "hybrid", imagesCaptured: 12, bytesCaptured: 12 * DOVE_FRAME_BYTES }),
      ],
      { durationMs: 2 * 3_600_000 },
    );
    expect(none).toContain("None of the 12 raw images reached the ground in 2 h.");
    expect(none.find((s) => s.startsWith("Hybrid mode"))).toMatch(
      /^Hybrid mode delivered none of its 12 insights in 2 h/,
    );
    expect(none.join(" ")).not.toMatch(/p50|sooner|later/);
  });

  it("splits throttling by cause and without a satellite count says the time is summed", () => {
    const s = eoStory(
      [result({ ...summary, throttledS: 5400 + 120, throttledHeatS: 5400, throttledPowerS: 120 })],
      { durationMs: DAY_MS },
    );
    expect(s).toContain(
      "In summary mode, inference was throttled by heat for 1 h 30 min (radiator) and by power for 2 min " +
        "(battery), summed over satellites.",
    );
  });
});
