/**
 * One mode's results from what its EO apps wrote (apps/records.ts): the onboard records of every
 * satellite and the arrivals at every station, summarised into the report's ModeResult (results.ts).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  GROUND_APP,
  type GroundRecord,
  groundFile,
  ONBOARD_APP,
  type OnboardRecord,
  onboardFile,
} from "./apps/records.js";
import type { ImageRecord, ModeResult, SeriesPoint } from "./results.js";
import { percentileSorted } from "./stats.js";
import type { EoTasking } from "./tasking.js";

function readJson<T>(path: string): T {
  if (!existsSync(path)) throw new Error(`the EO app did not write ${path} (did the run end early?)`);
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

export function readRecords(
  runDir: string,
  t: EoTasking,
): { onboard: OnboardRecord[]; ground: GroundRecord[] } {
  const onboard = t.satellites.map((s) =>
    readJson<OnboardRecord>(join(runDir, "apps", ONBOARD_APP, onboardFile(s.sat))),
  );
  const ground = t.stations.map((s) =>
    readJson<GroundRecord>(join(runDir, "apps", GROUND_APP, groundFile(s.id))),
  );
  return { onboard, ground };
}

/** Requests of the workload: how many, and which closed inside the run (for imagesMissed). */
export interface RequestsInfo {
  count: number;
  /** Indices of requests whose window ended by the run's end. */
  closedByEnd: ReadonlySet<number>;
}

export function summarizeMode(
  t: EoTasking,
  rec: { onboard: OnboardRecord[]; ground: GroundRecord[] },
  requests: RequestsInfo,
): ModeResult {
  const arrivals = rec.ground.flatMap((g) => g.arrivals).sort((a, b) => a.arrivalUnixMs - b.arrivalUnixMs);
  const insightAt = new Map<string, number>();
  const bytesDownFor = new Map<string, number>();
  let bytesDownlinked = 0;
  for (const a of arrivals) {
    bytesDownlinked += a.bytes;
    bytesDownFor.set(a.imageId, (bytesDownFor.get(a.imageId) ?? 0) + a.bytes);
    if (a.insight && !insightAt.has(a.imageId)) insightAt.set(a.imageId, a.arrivalUnixMs);
  }
  const captured = rec.onboard.flatMap((o) => o.images.map((i) => ({ ...i, sat: o.sat })));
  captured.sort((a, b) => a.captureUnixMs - b.captureUnixMs || a.sat - b.sat);
  const images: ImageRecord[] = captured.map((c, index) => {
    const ins = insightAt.get(c.imageId);
    return {
      index,
      requestId: c.requestId,
      satellite: c.sat,
      tag: c.tag,
      priority: c.priority,
      captureUnixMs: c.captureUnixMs,
      rawBytes: c.rawBytes,
      inferredUnixMs: c.inferredUnixMs ?? Number.NaN,
      insightUnixMs: ins ?? Number.NaN,
      timeToInsightS: ins === undefined ? Number.NaN : (ins - c.captureUnixMs) / 1000,
    };
  });
  const lat = images
    .map((r) => r.timeToInsightS)
    .filter((x) => !Number.isNaN(x))
    .sort((a, b) => a - b);
  let rawDelivered = 0;
  let bytesForDelivered = 0;
  for (const c of captured)
    if (insightAt.has(c.imageId)) {
      rawDelivered += c.rawBytes;
      bytesForDelivered += bytesDownFor.get(c.imageId) ?? 0;
    }
  // Antenna time available: every window (a satellite holding an antenna), clipped to the run.
  let contactTimeS = 0;
  let capacityBits = 0;
  for (const w of t.windows) {
    const s = (Math.min(t.endUnixMs, w.endUnixMs) - Math.max(t.startUnixMs, w.startUnixMs)) / 1000;
    if (s <= 0) continue;
    contactTimeS += s;
    capacityBits += s * t.stations[w.station]!.downlinkBps;
  }
  const sum = (f: (o: OnboardRecord) => number) => rec.onboard.reduce((a, o) => a + f(o), 0);
  const computeJ = sum((o) => o.power.computeEnergyJ);
  const radioJ = sum((o) => o.power.radioEnergyJ);
  const throttledPowerS = sum((o) => o.power.throttledPowerS);
  const throttledHeatS = sum((o) => o.power.throttledHeatS);
  const n = images.length;
  const capturedRequests = new Set(captured.filter((c) => c.requestIndex >= 0).map((c) => c.requestIndex));
  let missed = 0;
  for (const r of requests.closedByEnd) if (!capturedRequests.has(r)) missed++;
  const refused = sum((o) => o.refused);
  return {
    mode: t.mode,
    imagesRequested: requests.count,
    imagesCaptured: n,
    imagesMissed: missed,
    imagesDelivered: lat.length,
    bytesCaptured: captured.reduce((a, c) => a + c.rawBytes, 0),
    bytesDownlinked,
    reductionFactor: bytesForDelivered > 0 ? rawDelivered / bytesForDelivered : Number.NaN,
    timeToInsightS: {
      p50: percentileSorted(lat, 50),
      p95: percentileSorted(lat, 95),
      p99: percentileSorted(lat, 99),
      mean: lat.length > 0 ? lat.reduce((a, b) => a + b, 0) / lat.length : Number.NaN,
    },
    backlogBytes: sum((o) => o.storageUsedBytes),
    peakStorageBytes: Math.max(0, ...rec.onboard.map((o) => o.peakStorageBytes)),
    contactUtilization: capacityBits > 0 ? (bytesDownlinked * 8) / capacityBits : 0,
    energyPerImageJ: n > 0 ? (computeJ + radioJ) / n : 0,
    throttledS: throttledPowerS + throttledHeatS,
    throttledPowerS,
    throttledHeatS,
    imagesRefusedStorage: refused,
    contactTimeUsedS: sum((o) => o.downlinkTxS),
    contactTimeS,
    computeEnergyPerImageJ: n > 0 ? computeJ / n : 0,
    radioEnergyPerImageJ: n > 0 ? radioJ / n : 0,
    overflowCount: refused,
    overflowBytes: sum((o) => o.refusedBytes),
    imagesInferred: sum((o) => o.imagesInferred),
    pendingInference: sum((o) => o.pendingInference),
    powerDeficitS: sum((o) => o.power.powerDeficitS),
    // Relayed: what reached the ground over more than its own ground link.
    relayedProducts: arrivals.filter((a) => a.hops > 1).length,
    images,
    series: seriesOf(t, rec.onboard, arrivals),
  };
}

function seriesOf(
  t: EoTasking,
  onboard: readonly OnboardRecord[],
  arrivals: readonly { insight: boolean; imageId: string; arrivalUnixMs: number }[],
): SeriesPoint[] {
  const samples = Math.max(0, ...onboard.map((o) => o.series.length));
  const firstInsight: number[] = [];
  const seen = new Set<string>();
  for (const a of arrivals)
    if (a.insight && !seen.has(a.imageId)) {
      seen.add(a.imageId);
      firstInsight.push(a.arrivalUnixMs);
    }
  const out: SeriesPoint[] = [];
  let delivered = 0;
  for (let k = 0; k < samples; k++) {
    const tUnixMs = t.startUnixMs + k * t.settings.sampleIntervalMs;
    let backlog = 0;
    let maxStored = 0;
    for (const o of onboard) {
      const v = o.series[k] ?? o.series[o.series.length - 1] ?? 0;
      backlog += v;
      if (v > maxStored) maxStored = v;
    }
    while (delivered < firstInsight.length && firstInsight[delivered]! <= tUnixMs) delivered++;
    out.push({ tUnixMs, backlogBytes: backlog, maxStoredBytes: maxStored, imagesDelivered: delivered });
  }
  return out;
}
