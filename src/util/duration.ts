/**
 * Durations as users write them on the command line and in YAML: "200s", "100ms", "24h", "1.5m",
 * "2d", or a bare number of seconds. Parsed into milliseconds.
 */
import { InputError } from "./input-error.js";

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
  return ms;
}

/** Parse an ISO 8601 instant; a bare date or a time without zone is read as UTC. */
export function parseIsoUtcMs(text: string, field = "time"): number {
  const t = text.trim();
  const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(t) || /^\d{4}-\d\d-\d\d$/.test(t) ? t : `${t}Z`;
  const ms = Date.parse(withZone);
  if (!Number.isFinite(ms))
    throw new InputError("not an ISO 8601 time (example: 2026-01-01T00:00:00Z)", { field, value: text });
  return ms;
}

export function isoUtc(tUnixMs: number): string {
  return new Date(tUnixMs).toISOString();
}
