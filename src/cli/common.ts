/** Option parsing shared by subcommands: time windows, satellite ids, the constellation file. */
import { loadConstellation } from "../config/load.js";
import type { Constellation, GroundStation } from "../orbit/constellation.js";
import { findStation } from "../orbit/constellation.js";
import { parseDurationMs, parseIsoUtcMs } from "../util/duration.js";
import { InputError } from "../util/input-error.js";
import { didYouMean } from "../util/suggest.js";
import { docShortMs } from "./doc-short.js";

export function loadForCli(path: string): Constellation {
  return loadConstellation(path);
}

/** `--at/--from <ISO>|now`; default: the constellation's epoch (so runs are reproducible). */
export function parseInstant(value: string | undefined, c: Constellation, flag: string): number {
  if (value === undefined) return Date.parse(c.epoch);
  if (value === "now") return Date.now();
  return parseIsoUtcMs(value, flag);
}

export function parseHours(value: string | undefined, fallback: number, flag = "--hours"): number {
  const h = value === undefined ? fallback : Number(value);
  if (!Number.isFinite(h) || h <= 0 || h > 24 * 366)
    throw new InputError("expected a number of hours in (0, 8784]", { field: flag, value });
  return docShortMs(h * 3_600_000, flag) / 3_600_000;
}

export function parseDuration(value: string | undefined, fallbackMs: number, flag: string): number {
  return docShortMs(value === undefined ? fallbackMs : parseDurationMs(value, flag), flag);
}

/** A satellite by index (`12`) or by name (`shell1-P0-S3`). */
export function parseSatellite(value: string, c: Constellation, flag = "--sat"): number {
  if (/^\d+$/.test(value)) {
    const i = Number(value);
    if (i < c.satellites.length) return i;
    throw new InputError(
      `no satellite with that index (the constellation has ${c.satellites.length}: 0..${c.satellites.length - 1})`,
      {
        file: c.sourceFile,
        field: flag,
        value,
      },
    );
  }
  const hit = c.satellites.find((s) => s.name === value);
  if (!hit)
    throw new InputError(
      `no satellite with that name${didYouMean(
        value,
        c.satellites.map((s) => s.name),
      )}`,
      { file: c.sourceFile, field: flag, value },
    );
  return hit.index;
}

export function requireStation(c: Constellation, name: string, flag = "--station"): GroundStation {
  const g = findStation(c, name);
  if (g) return g;
  const names = c.groundStations.map((s) => s.name);
  const hint =
    names.length === 0
      ? " (the file defines no ground stations)"
      : didYouMean(name, names) ||
        ` (known: ${names.slice(0, 8).join(", ")}${names.length > 8 ? ", ..." : ""})`;
  throw new InputError(`unknown ground station${hint}`, { file: c.sourceFile, field: flag, value: name });
}

/**
 * A station pair "A:B" (`--pair`): both stations must exist and differ. The first colon splits, so
 * station names may not contain one.
 */
export function parseStationPair(
  c: Constellation,
  text: string,
  flag = "--pair",
): [GroundStation, GroundStation] {
  const i = text.indexOf(":");
  if (i <= 0 || i === text.length - 1)
    throw new InputError('expected "<station A>:<station B>"', { field: flag, value: text });
  const a = requireStation(c, text.slice(0, i), flag);
  const b = requireStation(c, text.slice(i + 1), flag);
  if (a === b) throw new InputError("the two stations of a pair must differ", { field: flag, value: text });
  return [a, b];
}
