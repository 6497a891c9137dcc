/**
 * Capture workloads: requests to image a target (a point or a bounding box) within a time window,
 * with a priority and a tag. Read from JSONL or CSV; written by the generators (generators.ts).
 *
 * Times are either absolute (ISO 8601 UTC) or offsets from the run start (`+90m`, `+3600s`, `+2h`),
 * so generated workloads replay against any constellation epoch. `resolveWorkload` fixes offsets.
 *
 * JSONL, one request per line (blank lines and lines starting with `#` are skipped):
 *   {"id":"r1","start":"+0s","end":"+6h","lat":37.7,"lon":-122.4,"priority":3,"tag":"wildfire"}
 *   {"id":"r2","start":"2026-01-01T00:00:00Z","end":"+24h","bbox":[-10,35,5,44],"priority":1,"tag":"land"}
 * `bbox` is [minLon, minLat, maxLon, maxLat] (GeoJSON order).
 *
 * CSV with a header naming at least: id,start,end,priority,tag and either lat,lon or
 * min_lon,min_lat,max_lon,max_lat (per row: whichever is filled).
 */
import { readFileSync } from "node:fs";
import { parseDurationMs, parseIsoUtcMs } from "../util/duration.js";
import { InputError } from "../util/input-error.js";

export interface PointTarget {
  kind: "point";
  latDeg: number;
  lonDeg: number;
}

export interface BboxTarget {
  kind: "bbox";
  minLonDeg: number;
  minLatDeg: number;
  maxLonDeg: number;
  maxLatDeg: number;
}

export type Target = PointTarget | BboxTarget;

/** A time as written: absolute Unix ms, or an offset from the run start. */
export type WorkloadTime = { absUnixMs: number } | { offsetMs: number };

export interface CaptureRequest {
  id: string;
  start: WorkloadTime;
  end: WorkloadTime;
  target: Target;
  /** Larger is more urgent; integer 0..9. Hybrid mode sends image chips for priority >= its threshold. */
  priority: number;
  tag: string;
}

/** A request with its window fixed to absolute times. */
export interface ResolvedRequest extends Omit<CaptureRequest, "start" | "end"> {
  startUnixMs: number;
  endUnixMs: number;
  /** Position in the workload, 0-based: the request's stable index. */
  index: number;
}

export const MAX_PRIORITY = 9;

export function targetCenter(t: Target): { latDeg: number; lonDeg: number } {
  if (t.kind === "point") return { latDeg: t.latDeg, lonDeg: t.lonDeg };
  return { latDeg: (t.minLatDeg + t.maxLatDeg) / 2, lonDeg: (t.minLonDeg + t.maxLonDeg) / 2 };
}

export function resolveWorkload(reqs: readonly CaptureRequest[], runStartUnixMs: number): ResolvedRequest[] {
  const at = (w: WorkloadTime) => ("absUnixMs" in w ? w.absUnixMs : runStartUnixMs + w.offsetMs);
  return reqs.map((r, index) => ({
    id: r.id,
    target: r.target,
    priority: r.priority,
    tag: r.tag,
    startUnixMs: at(r.start),
    endUnixMs: at(r.end),
    index,
  }));
}

interface Loc {
  file: string;
  line: number;
}

function fail(loc: Loc, field: string, value: unknown, problem: string): never {
  throw new InputError(problem, { file: loc.file, line: loc.line, field, value });
}

function parseTime(v: unknown, loc: Loc, field: string): WorkloadTime {
  if (typeof v !== "string" || v.trim() === "")
    fail(loc, field, v, "expected an ISO 8601 UTC time or an offset from the run start like +2h");
  const s = v.trim();
  if (s.startsWith("+")) {
    try {
      return {
        offsetMs: s === "+0" || /^\+0+(\.0+)?[a-z]*$/i.test(s) ? 0 : parseDurationMs(s.slice(1), field),
      };
    } catch {
      fail(loc, field, v, "not an offset (examples: +0s, +90m, +24h)");
    }
  }
  try {
    return { absUnixMs: parseIsoUtcMs(s, field) };
  } catch {
    fail(loc, field, v, "not an ISO 8601 time (example: 2026-01-01T00:00:00Z) or offset (+2h)");
  }
}

function parseNumber(v: unknown, loc: Loc, field: string, lo: number, hi: number): number {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
  if (!Number.isFinite(n)) fail(loc, field, v, "expected a number");
  if (n < lo || n > hi) fail(loc, field, v, `expected a number in [${lo}, ${hi}]`);
  return n;
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === "string" && v.trim() === "");
}

/** Validate one record (already split into fields) into a request. */
function toRequest(rec: Record<string, unknown>, loc: Loc, fallbackId: string): CaptureRequest {
  const id = isBlank(rec.id) ? fallbackId : String(rec.id).trim();
  const start = parseTime(rec.start, loc, "start");
  const end = parseTime(rec.end, loc, "end");
  if ("absUnixMs" in start && "absUnixMs" in end && end.absUnixMs <= start.absUnixMs)
    fail(loc, "end", rec.end, "end must be after start");
  if ("offsetMs" in start && "offsetMs" in end && end.offsetMs <= start.offsetMs)
    fail(loc, "end", rec.end, "end must be after start");
  const priority = parseNumber(rec.priority ?? 1, loc, "priority", 0, MAX_PRIORITY);
  if (!Number.isInteger(priority)) fail(loc, "priority", rec.priority, "expected an integer 0..9");
  const tag = isBlank(rec.tag) ? "untagged" : String(rec.tag).trim();
  let target: Target;
  if (!isBlank(rec.lat) || !isBlank(rec.lon)) {
    target = {
      kind: "point",
      latDeg: parseNumber(rec.lat, loc, "lat", -90, 90),
      lonDeg: parseNumber(rec.lon, loc, "lon", -180, 180),
    };
  } else if (rec.bbox !== undefined) {
    const b = rec.bbox;
    if (!Array.isArray(b) || b.length !== 4)
      fail(loc, "bbox", b, "expected [minLon, minLat, maxLon, maxLat]");
    target = bbox(b[0], b[1], b[2], b[3], loc, "bbox");
  } else if (!isBlank(rec.min_lon)) {
    target = bbox(rec.min_lon, rec.min_lat, rec.max_lon, rec.max_lat, loc, "");
  } else {
    fail(loc, "lat", rec.lat, "a request needs a target: lat and lon, or a bbox");
  }
  return { id, start, end, target, priority, tag };
}

function bbox(a: unknown, b: unknown, c: unknown, d: unknown, loc: Loc, prefix: string): BboxTarget {
  const f = (name: string, i: number) => (prefix ? `${prefix}[${i}]` : name);
  const t: BboxTarget = {
    kind: "bbox",
    minLonDeg: parseNumber(a, loc, f("min_lon", 0), -180, 180),
    minLatDeg: parseNumber(b, loc, f("min_lat", 1), -90, 90),
    maxLonDeg: parseNumber(c, loc, f("max_lon", 2), -180, 180),
    maxLatDeg: parseNumber(d, loc, f("max_lat", 3), -90, 90),
  };
  if (t.maxLatDeg <= t.minLatDeg) fail(loc, f("max_lat", 3), d, "max latitude must exceed min latitude");
  if (t.maxLonDeg <= t.minLonDeg)
    fail(
      loc,
      f("max_lon", 2),
      c,
      "max longitude must exceed min longitude (boxes across 180 deg: split them)",
    );
  return t;
}

/** Parse JSONL text. `file` names the source in errors. */
export function parseWorkloadJsonl(text: string, file: string): CaptureRequest[] {
  const out: CaptureRequest[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === "" || raw.startsWith("#")) continue;
    const loc = { file, line: i + 1 };
    let rec: unknown;
    try {
      rec = JSON.parse(raw);
    } catch (e) {
      fail(loc, "(line)", raw, `not JSON: ${(e as Error).message}`);
    }
    if (typeof rec !== "object" || rec === null || Array.isArray(rec))
      fail(loc, "(line)", raw, "expected a JSON object per line");
    out.push(toRequest(rec as Record<string, unknown>, loc, `req-${out.length + 1}`));
  }
  return checkUniqueIds(out, file, lines);
}

/** Split one CSV record (RFC 4180 quoting; no newlines inside fields). */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (q) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') q = false;
      else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ",") {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

export function parseWorkloadCsv(text: string, file: string): CaptureRequest[] {
  const lines = text.split(/\r?\n/);
  let h = 0;
  while (h < lines.length && (lines[h]!.trim() === "" || lines[h]!.trim().startsWith("#"))) h++;
  if (h >= lines.length) return [];
  const header = splitCsvLine(lines[h]!).map((s) => s.trim().toLowerCase());
  for (const need of ["start", "end"])
    if (!header.includes(need))
      throw new InputError(`CSV header lacks column "${need}"`, { file, line: h + 1, field: need });
  const out: CaptureRequest[] = [];
  for (let i = h + 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === "" || raw.trim().startsWith("#")) continue;
    const cells = splitCsvLine(raw);
    const loc = { file, line: i + 1 };
    if (cells.length !== header.length)
      fail(loc, "(line)", raw, `expected ${header.length} fields as in the header, found ${cells.length}`);
    const rec: Record<string, unknown> = {};
    header.forEach((k, j) => {
      rec[k] = cells[j];
    });
    out.push(toRequest(rec, loc, `req-${out.length + 1}`));
  }
  return checkUniqueIds(out, file, lines);
}

function checkUniqueIds(reqs: CaptureRequest[], file: string, _lines: string[]): CaptureRequest[] {
  const seen = new Set<string>();
  for (const r of reqs) {
    if (seen.has(r.id)) throw new InputError("duplicate request id", { file, field: "id", value: r.id });
    seen.add(r.id);
  }
  return reqs;
}

/** Read a workload file; the format follows the extension (.csv, else JSONL). */
export function loadWorkload(path: string): CaptureRequest[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new InputError(`cannot read workload: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, {
      file: path,
    });
  }
  return path.toLowerCase().endsWith(".csv") ? parseWorkloadCsv(text, path) : parseWorkloadJsonl(text, path);
}

function timeText(w: WorkloadTime): string {
  if ("absUnixMs" in w) return new Date(w.absUnixMs).toISOString();
  return `+${Math.round(w.offsetMs / 1000)}s`;
}

/** One JSONL line per request (the format parseWorkloadJsonl reads back). */
export function formatWorkloadJsonl(reqs: readonly CaptureRequest[]): string {
  return reqs
    .map((r) => {
      const base: Record<string, unknown> = { id: r.id, start: timeText(r.start), end: timeText(r.end) };
      if (r.target.kind === "point") {
        base.lat = round6(r.target.latDeg);
        base.lon = round6(r.target.lonDeg);
      } else {
        const t = r.target;
        base.bbox = [t.minLonDeg, t.minLatDeg, t.maxLonDeg, t.maxLatDeg].map(round6);
      }
      base.priority = r.priority;
      base.tag = r.tag;
      return `${JSON.stringify(base)}\n`;
    })
    .join("");
}

export function formatWorkloadCsv(reqs: readonly CaptureRequest[]): string {
  const rows = ["id,start,end,lat,lon,min_lon,min_lat,max_lon,max_lat,priority,tag"];
  for (const r of reqs) {
    const t = r.target;
    const geo =
      t.kind === "point"
        ? [round6(t.latDeg), round6(t.lonDeg), "", "", "", ""]
        : ["", "", ...[t.minLonDeg, t.minLatDeg, t.maxLonDeg, t.maxLatDeg].map(round6)];
    rows.push([r.id, timeText(r.start), timeText(r.end), ...geo, r.priority, r.tag].join(","));
  }
  return `${rows.join("\n")}\n`;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
