/**
 * Durations as users write them on the command line and in YAML: "200s", "100ms", "24h", "1.5m",
 * "2d", or a bare number of seconds. Parsed into milliseconds. Instants as ISO 8601 UTC.
 */
import { InputError } from "./input-error.js";
import { MAX_DURATION_MS, MAX_YEAR, MIN_YEAR } from "./limits.js";

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

export function parseDurationMs(text: string, field = "duration"): number {
  const m = /^\s*([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*(ms|s|min|m|h|d)?\s*$/i.exec(text);
  if (!m) throw new InputError("not a duration (examples: 100ms, 200s, 5m, 24h, 2d)", { field, value: text });
  const value = Number(m[1]);
  const unit = (m[2] ?? "s").toLowerCase();
  const ms = value * UNIT_MS[unit]!;
  if (!Number.isFinite(ms) || ms <= 0)
    throw new InputError("duration must be positive", { field, value: text });
  if (ms > MAX_DURATION_MS)
    throw new InputError(`duration above the limit of ${MAX_DURATION_MS / 86_400_000} days`, {
      field,
      value: text,
    });
  return ms;
}

/** Days in each month of a common year. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** `2026-01-01`, `2026-01-01T00:00`, `...:00`, `...:00.123`, then `Z`, `+hh:mm`, `+hhmm` or nothing. */
const ISO = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,9}))?)?)?(Z|[+-]\d\d:?\d\d)?$/i;

/**
 * Parse an ISO 8601 instant; a bare date or a time without zone is read as UTC. Checked field by
 * field, so a date that does not exist (2026-02-30, which Date.parse rolls over to 2026-03-02) or
 * hour 24 is an error, and years outside MIN_YEAR..MAX_YEAR are refused.
 */
export function parseIsoUtcMs(text: string, field = "time"): number {
  const t = text.trim();
  const m = ISO.exec(t);
  const bad = (problem: string) => new InputError(problem, { field, value: text });
  if (!m) throw bad("not an ISO 8601 time (example: 2026-01-01T00:00:00Z)");
  const [, ys, mos, ds, hs = "00", mis = "00", ss = "00", , zone] = m;
  const y = Number(ys);
  const mo = Number(mos);
  const d = Number(ds);
  if (y < MIN_YEAR || y > MAX_YEAR) throw bad(`year outside ${MIN_YEAR}..${MAX_YEAR}`);
  if (mo < 1 || mo > 12) throw bad("no such month");
  const days = mo === 2 && isLeap(y) ? 29 : MONTH_DAYS[mo - 1]!;
  if (d < 1 || d > days) throw bad(`no such day (month ${mo} of ${y} has ${days} days)`);
  if (Number(hs) > 23 || Number(mis) > 59 || Number(ss) > 59) throw bad("no such time of day");
  if (zone && zone.toUpperCase() !== "Z" && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(-2)) > 59))
    throw bad("no such UTC offset");
  const ms = Date.parse(zone ? t.replace(" ", "T") : `${t.replace(" ", "T")}${m[4] ? "Z" : ""}`);
  if (!Number.isFinite(ms)) throw bad("not an ISO 8601 time (example: 2026-01-01T00:00:00Z)");
  return ms;
}

export function isoUtc(tUnixMs: number): string {
  return new Date(tUnixMs).toISOString();
}
