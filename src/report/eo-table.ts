/** Replay results as rows: the modes side by side (table/CSV) and the JSON shape of one mode. */

import type { ModeResult } from "../eo/results.js";
import type { Row } from "./table.js";

/** The JSON shape of one mode (no per-image rows or series: those go to the run dir). */
export function modeJson(r: ModeResult) {
  const { images, series, ...rest } = r;
  void images;
  void series;
  return rest;
}

const GB = 1e9;
const fmt = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "-");

export function sideBySide(results: readonly ModeResult[]): Row[] {
  const metrics: [string, (r: ModeResult) => string | number][] = [
    ["images requested", (r) => r.imagesRequested],
    ["images captured", (r) => r.imagesCaptured],
    ["images missed (window closed)", (r) => r.imagesMissed],
    ["images delivered (insight on ground)", (r) => r.imagesDelivered],
    ["bytes captured (GB)", (r) => fmt(r.bytesCaptured / GB, 2)],
    ["bytes downlinked (GB)", (r) => fmt(r.bytesDownlinked / GB, 4)],
    ["reduction factor", (r) => fmt(r.reductionFactor, 1)],
    ["time to insight p50 (s)", (r) => fmt(r.timeToInsightS.p50)],
    ["time to insight p95 (s)", (r) => fmt(r.timeToInsightS.p95)],
    ["time to insight p99 (s)", (r) => fmt(r.timeToInsightS.p99)],
    ["backlog at end (GB)", (r) => fmt(r.backlogBytes / GB, 3)],
    ["peak storage, one satellite (GB)", (r) => fmt(r.peakStorageBytes / GB, 3)],
    ["contact utilization (%)", (r) => fmt(100 * r.contactUtilization, 4)],
    ["energy per image (J)", (r) => fmt(r.energyPerImageJ)],
    ["throttled by power (s)", (r) => fmt(r.throttledPowerS)],
    ["throttled by heat (s)", (r) => fmt(r.throttledHeatS)],
    ["inference pending at end", (r) => r.pendingInference],
    ["storage overflows", (r) => r.overflowCount],
    ["products relayed over lasers", (r) => r.relayedProducts],
  ];
  return metrics.map(([name, f]) => {
    const row: Row = { metric: name };
    for (const r of results) row[r.mode] = f(r);
    return row;
  });
}
