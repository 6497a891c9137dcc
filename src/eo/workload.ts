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
 *
 * Every request needs an id (unique), start, end, a target and a tag; priority defaults to 1. In
 * JSONL numbers are JSON numbers and id/tag JSON strings (`"lat":"37.7"` is an error). An empty
 * workload is an error: a replay of nothing is a mistake, not a result.
 */
import { forEachLineBounded } from "../util/bounded-read.js";
import { parseDurationMs, parseIsoUtcMs } from "../util/duration.js";
import { InputError } from "../util/input-error.js";
import { jsonDepthExceeds } from "../util/json-depth.js";
import { MAX_JSON_DEPTH, MAX_WORKLOAD_FILE_BYTES, MAX_WORKLOAD_REQUESTS } from "../util/limits.js";

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

/** Where a record came from: JSONL keeps JSON types (a string `lat` is an error); CSV cells are text. */
type Source = "jsonl" | "csv";

function parseNumber(v: unknown, loc: Loc, field: string, lo: number, hi: number, src: Source): number {
  if (src === "jsonl" && typeof v !== "number") fail(loc, field, v, "expected a JSON number");
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
  if (!Number.isFinite(n)) fail(loc, field, v, "expected a number");
  if (n < lo || n > hi) fail(loc, field, v, `expected a number in [${lo}, ${hi}]`);
  return n;
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === "string" && v.trim() === "");
}

/** A required text field (id, tag): present, a string (in JSONL), not blank. */
function parseText(v: unknown, loc: Loc, field: string, src: Source): string {
  if (isBlank(v)) fail(loc, field, v, `a request needs its ${field}`);
  if (src === "jsonl" && typeof v !== "string") fail(loc, field, v, "expected a JSON string");
  return String(v).trim();
}

/** Validate one record (already split into fields) into a request. */
function toRequest(rec: Record<string, unknown>, loc: Loc, src: Source): CaptureRequest {
  const start = parseTime(rec.start, loc, "start");
  const end = parseTime(rec.end, loc, "end");
  if ("absUnixMs" in start && "absUnixMs" in end && end.absUnixMs <= start.absUnixMs)
    fail(loc, "end", rec.end, "end must be after start");
  if ("offsetMs" in start && "offsetMs" in end && end.offsetMs <= start.offsetMs)
    fail(loc, "end", rec.end, "end must be after start");
  // Priority alone has a default (1, the generators' routine level); a blank CSV cell takes it too.
  const priority = isBlank(rec.priority)
    ? 1
    : parseNumber(rec.priority, loc, "priority", 0, MAX_PRIORITY, src);
  if (!Number.isInteger(priority)) fail(loc, "priority", rec.priority, "expected an integer 0..9");
  let target: Target;
  if (!isBlank(rec.lat) || !isBlank(rec.lon)) {
    target = {
      kind: "point",
      latDeg: parseNumber(rec.lat, loc, "lat", -90, 90, src),
      lonDeg: parseNumber(rec.lon, loc, "lon", -180, 180, src),
    };
  } else if (rec.bbox !== undefined) {
    const b = rec.bbox;
    if (!Array.isArray(b) || b.length !== 4)
      fail(loc, "bbox", b, "expected [minLon, minLat, maxLon, maxLat]");
    target = bbox(b[0], b[1], b[2], b[3], loc, "bbox", src);
  } else if (!isBlank(rec.min_lon)) {
    target = bbox(rec.min_lon, rec.min_lat, rec.max_lon, rec.max_lat, loc, "", src);
  } else {
    fail(loc, "lat", rec.lat, "a request needs a target: lat and lon, or a bbox");
  }
  const id = parseText(rec.id, loc, "id", src);
  const tag = parseText(rec.tag, loc, "tag", src);
  return { id, start, end, target, priority, tag };
}

function bbox(
  a: unknown,
  b: unknown,
  c: unknown,
  d: unknown,
  loc: Loc,
  prefix: string,
  src: Source,
): BboxTarget {
  const f = (name: string, i: number) => (prefix ? `${prefix}[${i}]` : name);
  const t: BboxTarget = {
    kind: "bbox",
    minLonDeg: parseNumber(a, loc, f("min_lon", 0), -180, 180, src),
    minLatDeg: parseNumber(b, loc, f("min_lat", 1), -90, 90, src),
    maxLonDeg: parseNumber(c, loc, f("max_lon", 2), -180, 180, src),
    maxLatDeg: parseNumber(d, loc, f("max_lat", 3), -90, 90, src),
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

/** Columns a CSV header must name (plus a target: lat,lon or min_lon,min_lat,max_lon,max_lat). */
export const CSV_REQUIRED_COLUMNS = ["id", "start", "end", "priority", "tag"] as const;

/**
 * Reads a workload one line at a time (JSONL or CSV), so a file of a million requests is never held
 * whole as text; ids are checked unique as they come, the count against MAX_WORKLOAD_REQUESTS.
 */
class WorkloadReader {
  readonly requests: CaptureRequest[] = [];
  private readonly ids = new Map<string, number>();
  private header: string[] | undefined;

  constructor(
    private readonly file: string,
    private readonly src: Source,
  ) {}

  line(raw: string, lineNo: number): void {
    const t = raw.trim();
    if (t === "" || t.startsWith("#")) return;
    const loc = { file: this.file, line: lineNo };
    const rec = this.src === "jsonl" ? this.jsonRecord(t, loc) : this.csvRecord(raw, loc);
    if (rec === undefined) return;
    if (this.requests.length >= MAX_WORKLOAD_REQUESTS)
      fail(loc, "(line)", undefined, `more than ${MAX_WORKLOAD_REQUESTS.toLocaleString("en-US")} requests`);
    const r = toRequest(rec, loc, this.src);
    const first = this.ids.get(r.id);
    if (first !== undefined) fail(loc, "id", r.id, `duplicate request id (first on line ${first})`);
    this.ids.set(r.id, lineNo);
    this.requests.push(r);
  }

  finish(): CaptureRequest[] {
    if (this.src === "csv" && this.header === undefined)
      throw new InputError("empty CSV workload: no header line", { file: this.file });
    if (this.requests.length === 0)
      throw new InputError("the workload holds no requests", { file: this.file });
    return this.requests;
  }

  private jsonRecord(t: string, loc: Loc): Record<string, unknown> {
    if (jsonDepthExceeds(t, MAX_JSON_DEPTH))
      fail(loc, "(line)", undefined, `JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
    let rec: unknown;
    try {
      rec = JSON.parse(t);
    } catch (e) {
      fail(loc, "(line)", t, `not JSON: ${(e as Error).message}`);
    }
    if (typeof rec !== "object" || rec === null || Array.isArray(rec))
      fail(loc, "(line)", t, "expected a JSON object per line");
    return rec as Record<string, unknown>;
  }

  private csvRecord(raw: string, loc: Loc): Record<string, unknown> | undefined {
    if (this.header === undefined) {
      const header = splitCsvLine(raw).map((s) => s.trim().toLowerCase());
      for (const need of CSV_REQUIRED_COLUMNS)
        if (!header.includes(need))
          throw new InputError(
            `CSV header lacks column "${need}" (needs ${CSV_REQUIRED_COLUMNS.join(",")} and lat,lon or min_lon,min_lat,max_lon,max_lat)`,
            { ...loc, field: need },
          );
      if (!(header.includes("lat") && header.includes("lon")) && !header.includes("min_lon"))
        throw new InputError("CSV header lacks a target: lat,lon or min_lon,min_lat,max_lon,max_lat", {
          ...loc,
          field: "lat",
        });
      this.header = header;
      return undefined;
    }
    const header = this.header;
    const cells = splitCsvLine(raw);
    if (cells.length !== header.length)
      fail(loc, "(line)", raw, `expected ${header.length} fields as in the header, found ${cells.length}`);
    // A map, not a plain object: a column named `__proto__` or `constructor` is only a column.
    const rec: Record<string, unknown> = Object.create(null);
    header.forEach((k, j) => {
      rec[k] = cells[j];
    });
    return rec;
  }
}

function parseWorkloadText(text: string, file: string, src: Source): CaptureRequest[] {
  const r = new WorkloadReader(file, src);
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) r.line(lines[i]!, i + 1);
  return r.finish();
}

/** Parse JSONL text. `file` names the source in errors. */
export function parseWorkloadJsonl(text: string, file: string): CaptureRequest[] {
  return parseWorkloadText(text, file, "jsonl");
}

/** Parse CSV text with a header line. `file` names the source in errors. */
export function parseWorkloadCsv(text: string, file: string): CaptureRequest[] {
  return parseWorkloadText(text, file, "csv");
}

/**
 * Read a workload file line by line; the format follows the extension (.csv, else JSONL).
 * `onProgress(bytesRead, totalBytes)` lets a terminal show a bar while a large file streams in.
 */
export function loadWorkload(
  path: string,
  onProgress?: (bytesRead: number, totalBytes: number) => void,
): CaptureRequest[] {
  const reader = new WorkloadReader(path, path.toLowerCase().endsWith(".csv") ? "csv" : "jsonl");
  const r = forEachLineBounded(path, MAX_WORKLOAD_FILE_BYTES, (l, n) => reader.line(l, n), onProgress);
  if (!r.ok) throw new InputError(`cannot read workload: ${r.problem}`, { file: path });
  return reader.finish();
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
