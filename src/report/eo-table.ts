/**
 * Replay results as people and machines read them: the modes side by side for the table (units
 * chosen by magnitude, in each cell), one row per mode in SI base units for CSV, and the fixed JSON
 * of `replay --format json` (issue 10's interface). NaN (a percentile of no delivered images) never
 * reaches JSON or CSV: it becomes null (an empty CSV cell), and "-" in the table.
 */

import type { ClockMode } from "../emu/clock.js";
import type { Isolation } from "../emu/settings.js";
import type { ModeResult } from "../eo/results.js";
import { formatBytes } from "./plot-common.js";
import { formatCount, formatDurationS, formatEnergyJ, formatHhMm, formatPercent } from "./quantities.js";
import { formatCsv, type Row } from "./table.js";

/** How the replay ran: `execution` of the JSON. */
export interface ReplayExecution {
  clock: ClockMode;
  isolation: Isolation;
  /** Host processes (1 for inproc). */
  hosts: number;
  /** Emulated nodes: satellites plus ground stations. */
  nodes: number;
}

/** A number JSON can hold: finite, else null. */
type Num = number | null;
const num = (x: number): Num => (Number.isFinite(x) ? x : null);

/**
 * One mode in `replay --format json`. The first twelve keys are the fixed interface (issue 10);
 * the rest are beside them, in SI base units (bytes, s, J), fractions as 0..1.
 */
export interface ModeJson {
  mode: string;
  /** Realtime clock only, as launch's summary.json `lag`: wall ms behind, and steps late. */
  lag?: { p50Ms: number; p99Ms: number; maxMs: number; stepsLate: number };
  imagesCaptured: number;
  imagesRefusedStorage: number;
  imagesDelivered: number;
  bytesCaptured: Num;
  bytesDownlinked: Num;
  timeToInsightS: { p50: Num; p95: Num; p99: Num };
  backlogBytes: Num;
  throttledS: Num;
  throttledHeatS: Num;
  throttledPowerS: Num;
  energyPerImageJ: Num;
  imagesRequested: number;
  /** Requests whose window closed without a capture. */
  imagesMissed: number;
  imagesInferred: number;
  pendingInference: number;
  /** bytesDownlinked / bytesCaptured. */
  downlinkedFraction: Num;
  reductionFactor: Num;
  timeToInsightMeanS: Num;
  contactTimeUsedS: Num;
  contactTimeS: Num;
  /** contactTimeUsedS / contactTimeS. */
  contactTimeUsedFraction: Num;
  /** Bits downlinked / (contact time x rate). */
  contactUtilization: Num;
  computeEnergyPerImageJ: Num;
  radioEnergyPerImageJ: Num;
  relayedProducts: number;
  peakStorageBytes: Num;
  overflowCount: number;
  overflowBytes: Num;
  powerDeficitS: Num;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);

/** The JSON shape of one mode (no per-image rows or series: those go to the run dir). */
export function modeJson(r: ModeResult): ModeJson {
  return {
    mode: r.mode,
    imagesCaptured: r.imagesCaptured,
    imagesRefusedStorage: r.imagesRefusedStorage,
    imagesDelivered: r.imagesDelivered,
    bytesCaptured: num(r.bytesCaptured),
    bytesDownlinked: num(r.bytesDownlinked),
    timeToInsightS: {
      p50: num(r.timeToInsightS.p50),
      p95: num(r.timeToInsightS.p95),
      p99: num(r.timeToInsightS.p99),
    },
    backlogBytes: num(r.backlogBytes),
    throttledS: num(r.throttledS),
    throttledHeatS: num(r.throttledHeatS),
    throttledPowerS: num(r.throttledPowerS),
    energyPerImageJ: num(r.energyPerImageJ),
    imagesRequested: r.imagesRequested,
    imagesMissed: r.imagesMissed,
    imagesInferred: r.imagesInferred,
    pendingInference: r.pendingInference,
    downlinkedFraction: num(ratio(r.bytesDownlinked, r.bytesCaptured)),
    reductionFactor: num(r.reductionFactor),
    timeToInsightMeanS: num(r.timeToInsightS.mean),
    contactTimeUsedS: num(r.contactTimeUsedS),
    contactTimeS: num(r.contactTimeS),
    contactTimeUsedFraction: num(ratio(r.contactTimeUsedS, r.contactTimeS)),
    contactUtilization: num(r.contactUtilization),
    computeEnergyPerImageJ: num(r.computeEnergyPerImageJ),
    radioEnergyPerImageJ: num(r.radioEnergyPerImageJ),
    relayedProducts: r.relayedProducts,
    peakStorageBytes: num(r.peakStorageBytes),
    overflowCount: r.overflowCount,
    overflowBytes: num(r.overflowBytes),
    powerDeficitS: num(r.powerDeficitS),
    // Realtime clock only (wall ms): how far behind the emulation ran; the virtual clock is exact.
    ...(r.clockLag ? { lag: { ...r.clockLag } } : {}),
  };
}

/** Any value with every non-finite number (NaN, +-Infinity) replaced by null, deeply. */
function jsonSafe(v: unknown): unknown {
  if (typeof v === "number") return num(v);
  if (Array.isArray(v)) return v.map(jsonSafe);
  if (v !== null && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonSafe(x)]));
  return v;
}

export interface ReplayJson {
  execution: ReplayExecution;
  modes: ModeJson[];
  [key: string]: unknown;
}

/**
 * `replay --format json`: `{ execution, ...extra, modes }`. `extra` holds run-level keys beside the
 * fixed ones (constellation, workload, start, durationS, seed, ...); it cannot replace `execution`
 * or `modes`. Non-finite numbers anywhere become null.
 */
export function replayJson(
  execution: ReplayExecution,
  results: readonly ModeResult[],
  extra: Record<string, unknown> = {},
): ReplayJson {
  const { execution: _e, modes: _m, ...rest } = extra;
  return jsonSafe({
    execution: {
      clock: execution.clock,
      isolation: execution.isolation,
      hosts: execution.hosts,
      nodes: execution.nodes,
    },
    ...rest,
    modes: results.map(modeJson),
  }) as ReplayJson;
}

/**
 * One row per mode for `--format csv`: the JSON keys as columns (the nested time to insight as
 * `timeToInsightS.p50` ...), raw numbers in SI base units, null (an empty cell) for no value.
 */
export function modeRows(results: readonly ModeResult[]): Row[] {
  return results.map((r) => {
    const row: Row = {};
    for (const [k, v] of Object.entries(modeJson(r))) {
      if (v !== null && typeof v === "object")
        for (const [sub, x] of Object.entries(v)) row[`${k}.${sub}`] = x as Num;
      else row[k] = v;
    }
    return row;
  });
}

/** modeRows as RFC 4180 CSV. */
export function sideBySideCsv(results: readonly ModeResult[]): string {
  return formatCsv(modeRows(results));
}

/**
 * Contact time used against available, in one unit for the whole row: h:mm when any mode had an
 * hour or more of contact, else seconds (so "0:00 of 0:05" never hides 40 s of downlink).
 */
function contactCells(results: readonly ModeResult[]): [string, (r: ModeResult) => string] {
  const hours = results.some((r) => r.contactTimeS >= 3600);
  const t = (s: number) => (hours ? formatHhMm(s) : formatCount(s));
  return [
    `contact time used, of available (${hours ? "h:mm" : "s"})`,
    (r) =>
      `${t(r.contactTimeUsedS)} of ${t(r.contactTimeS)} (${formatPercent(ratio(r.contactTimeUsedS, r.contactTimeS))})`,
  ];
}

/** The modes side by side: one row per metric, a column per mode, each cell in its own unit. */
export function sideBySide(results: readonly ModeResult[]): Row[] {
  const bytes = (b: number) => (Number.isFinite(b) ? formatBytes(b) : "-");
  const metrics: [string, (r: ModeResult) => string][] = [
    ["images requested", (r) => formatCount(r.imagesRequested)],
    ["images captured", (r) => formatCount(r.imagesCaptured)],
    ["captures refused (storage full)", (r) => formatCount(r.imagesRefusedStorage)],
    ["images missed (window closed)", (r) => formatCount(r.imagesMissed)],
    ["images delivered (insight on ground)", (r) => formatCount(r.imagesDelivered)],
    ["bytes captured", (r) => bytes(r.bytesCaptured)],
    ["bytes downlinked", (r) => bytes(r.bytesDownlinked)],
    ["downlinked / captured", (r) => formatPercent(ratio(r.bytesDownlinked, r.bytesCaptured))],
    [
      "reduction factor (raw bytes per byte sent)",
      (r) =>
        Number.isFinite(r.reductionFactor)
          ? `${Number(r.reductionFactor.toPrecision(3)).toLocaleString("en-US")}x`
          : "-",
    ],
    contactCells(results),
    ["contact capacity used (bits / time x rate)", (r) => formatPercent(r.contactUtilization)],
    ["time to insight p50", (r) => formatDurationS(r.timeToInsightS.p50)],
    ["time to insight p95", (r) => formatDurationS(r.timeToInsightS.p95)],
    ["time to insight p99", (r) => formatDurationS(r.timeToInsightS.p99)],
    ["backlog at end (all satellites)", (r) => bytes(r.backlogBytes)],
    ["peak storage, one satellite", (r) => bytes(r.peakStorageBytes)],
    ["energy per image, compute", (r) => formatEnergyJ(r.computeEnergyPerImageJ)],
    ["energy per image, radio", (r) => formatEnergyJ(r.radioEnergyPerImageJ)],
    ["energy per image, total", (r) => formatEnergyJ(r.energyPerImageJ)],
    ["throttled (sum over satellites)", (r) => formatDurationS(r.throttledS)],
    ["throttled by heat (radiator)", (r) => formatDurationS(r.throttledHeatS)],
    ["throttled by power (battery)", (r) => formatDurationS(r.throttledPowerS)],
    ["inference pending at end", (r) => formatCount(r.pendingInference)],
    ["storage overflows (captures, relays)", (r) => formatCount(r.overflowCount)],
    ["products relayed over lasers", (r) => formatCount(r.relayedProducts)],
  ];
  return metrics.map(([name, f]) => {
    const row: Row = { metric: name };
    for (const r of results) row[r.mode] = f(r);
    return row;
  });
}
