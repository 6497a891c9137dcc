/**
 * The replay's story in a few plain sentences, beside the tables (`npm start`, `replay`): how much of
 * what was captured could come down, how soon insights reached the ground, what the lasers carried,
 * and what throttled the onboard computer. Every sentence carries the numbers that support it, and a
 * clause whose number is zero (no refusals, no relays, no throttling) is left out rather than said.
 */
import type { ModeResult } from "../eo/results.js";
import { formatBytes } from "./plot-common.js";
import { formatCount, formatDurationS, formatHoursMinutes, formatPercent } from "./quantities.js";

export interface StoryContext {
  /** Virtual time replayed, ms. */
  durationMs: number;
  /**
   * Satellites replayed. Throttled time is summed over satellites, so with the count the story can
   * say what share of all accelerator time it was; without it, only the sum.
   */
  satellites?: number;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const positive = (x: number) => Number.isFinite(x) && x > 0;

/** "Raw downlink" for the mode without onboard inference, "Summary mode" for the others. */
function modeName(r: ModeResult): string {
  return r.mode === "raw" ? "Raw downlink" : `${cap(r.mode)} mode`;
}

/** "; 4,212 captures were refused because storage was full", or nothing when none were. */
function refusedClause(r: ModeResult): string {
  if (!(r.imagesRefusedStorage > 0)) return "";
  const n = r.imagesRefusedStorage;
  return `; ${formatCount(n)} ${n === 1 ? "capture was" : "captures were"} refused because storage was full`;
}

/** ", 410 GB was still on board at the end", or nothing when the backlog cleared. */
function backlogClause(r: ModeResult): string {
  return positive(r.backlogBytes) ? `; ${formatBytes(r.backlogBytes)} was still on board at the end` : "";
}

/** p50 and p95 of time to insight, "p50 38 s after capture (p95 2.1 min)". */
function latencyPhrase(r: ModeResult): string {
  const { p50, p95 } = r.timeToInsightS;
  const tail = Number.isFinite(p95) && p95 !== p50 ? ` (p95 ${formatDurationS(p95)})` : "";
  return `p50 ${formatDurationS(p50)} after capture${tail}`;
}

function rawSentences(r: ModeResult, runText: string): string[] {
  // Contact time only when both figures exist (a driver that does not measure it gives NaN).
  const contact =
    positive(r.contactTimeS) && Number.isFinite(r.contactTimeUsedS)
      ? `, transmitting for ${formatHoursMinutes(r.contactTimeUsedS)} of the ${formatHoursMinutes(r.contactTimeS)} ` +
        `of ground contact (${formatPercent(r.contactTimeUsedS / r.contactTimeS)})`
      : "";
  const out = [
    `Raw downlink brought down ${formatBytes(r.bytesDownlinked)}, ${formatPercent(r.bytesDownlinked / r.bytesCaptured)} ` +
      `of the ${formatBytes(r.bytesCaptured)} captured in ${runText}${contact}${refusedClause(r)}${backlogClause(r)}.`,
  ];
  if (r.imagesDelivered > 0 && Number.isFinite(r.timeToInsightS.p50))
    out.push(
      `${formatCount(r.imagesDelivered)} of the ${formatCount(r.imagesCaptured)} raw images reached the ground, ` +
        `${latencyPhrase(r)}.`,
    );
  else out.push(`None of the ${formatCount(r.imagesCaptured)} raw images reached the ground in ${runText}.`);
  return out;
}

function inferenceSentence(r: ModeResult, runText: string): string {
  const name = modeName(r);
  const bytes =
    `downlinking ${formatBytes(r.bytesDownlinked)}, ${formatPercent(r.bytesDownlinked / r.bytesCaptured)} ` +
    `of the ${formatBytes(r.bytesCaptured)} captured`;
  if (!(r.imagesDelivered > 0) || !Number.isFinite(r.timeToInsightS.p50))
    return `${name} delivered none of its ${formatCount(r.imagesCaptured)} insights in ${runText}, ${bytes}${refusedClause(r)}${backlogClause(r)}.`;
  const relayed =
    r.relayedProducts > 0
      ? `, over the laser mesh (${formatCount(r.relayedProducts)} ${r.relayedProducts === 1 ? "product" : "products"} relayed)`
      : "";
  return (
    `${name} delivered ${formatCount(r.imagesDelivered)} of ${formatCount(r.imagesCaptured)} insights, ` +
    `${latencyPhrase(r)}${relayed}, ${bytes}${refusedClause(r)}${backlogClause(r)}.`
  );
}

/**
 * How much sooner the insights of `others` (modes with the same p50) arrived than raw images:
 * "Summary and hybrid insights arrived 770x sooner than raw images at p50 (0.35 s against 4.48 min)."
 */
function comparison(raw: ModeResult, others: readonly ModeResult[]): string | undefined {
  const a = raw.timeToInsightS.p50;
  const b = others[0]!.timeToInsightS.p50;
  const k = a / b;
  // Within 5 % either way the two are the same for a reader: no claim of sooner or later.
  if (Math.abs(k - 1) < 0.05) return undefined;
  const names = cap(others.map((r) => r.mode).join(" and "));
  const times = `(${formatDurationS(b)} against ${formatDurationS(a)})`;
  return k > 1
    ? `${names} insights arrived ${Number(k.toPrecision(2)).toLocaleString("en-US")}x sooner than raw images at p50 ${times}.`
    : `${names} insights arrived later than raw images at p50 ${times}.`;
}

/** Modes with delivered insights, grouped by equal p50 (summary and hybrid often coincide). */
function byP50(results: readonly ModeResult[]): ModeResult[][] {
  const groups = new Map<number, ModeResult[]>();
  for (const r of results) {
    const p50 = r.timeToInsightS.p50;
    if (!(r.imagesDelivered > 0 && positive(p50))) continue;
    groups.set(p50, [...(groups.get(p50) ?? []), r]);
  }
  return [...groups.values()];
}

/** Throttled time by cause, or nothing when the onboard computer never waited. */
function throttleSentence(r: ModeResult, ctx: StoryContext): string | undefined {
  if (!positive(r.throttledS)) return undefined;
  const causes = [
    positive(r.throttledHeatS) ? `by heat for ${formatHoursMinutes(r.throttledHeatS)} (radiator)` : "",
    positive(r.throttledPowerS) ? `by power for ${formatHoursMinutes(r.throttledPowerS)} (battery)` : "",
  ].filter((c) => c !== "");
  const how = causes.length > 0 ? causes.join(" and ") : `for ${formatHoursMinutes(r.throttledS)}`;
  const n = ctx.satellites;
  const share =
    n !== undefined && n > 0 && ctx.durationMs > 0
      ? `, ${formatPercent(r.throttledS / ((n * ctx.durationMs) / 1000))} of the accelerator time of ` +
        `${formatCount(n)} ${n === 1 ? "satellite" : "satellites"} over ${formatHoursMinutes(ctx.durationMs / 1000)}`
      : n === undefined || n > 1
        ? ", summed over satellites"
        : "";
  return `In ${r.mode} mode, inference was throttled ${how}${share}.`;
}

export function eoStory(results: readonly ModeResult[], context: StoryContext): string[] {
  const runText = formatHoursMinutes(context.durationMs / 1000);
  const out: string[] = [];
  for (const r of results) {
    if (!(r.imagesCaptured > 0)) {
      out.push(`${modeName(r)} captured no images in ${runText}${refusedClause(r)}.`);
      continue;
    }
    if (r.mode === "raw") out.push(...rawSentences(r, runText));
    else out.push(inferenceSentence(r, runText));
  }
  const raw = results.find((r) => r.mode === "raw");
  if (raw && raw.imagesDelivered > 0 && positive(raw.timeToInsightS.p50))
    for (const group of byP50(results.filter((r) => r !== raw))) {
      const c = comparison(raw, group);
      if (c) out.push(c);
    }
  for (const r of results) {
    const t = throttleSentence(r, context);
    if (t) out.push(t);
  }
  return out;
}
