/**
 * Rows as a readable aligned text table or as RFC 4180 CSV. Rows carry machine names (`rttMs`,
 * `maxElevationDeg`): CSV and JSON keep them, the table shows them to people ("RTT (ms)",
 * "max elevation (deg)").
 */

export type Row = Record<string, string | number | boolean | null | undefined>;

function cell(v: Row[string]): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000);
  return String(v);
}

/** Unit suffixes of machine names (camelCase, last word) and how a header writes them. */
const UNIT_SUFFIX: Record<string, string> = {
  Ms: "ms",
  S: "s",
  Min: "min",
  H: "h",
  Km: "km",
  M: "m",
  Deg: "deg",
  Gbps: "Gbit/s",
  Bps: "bit/s",
  Bytes: "bytes",
  J: "J",
  W: "W",
  Wh: "Wh",
};

/** Words written in capitals in a header. */
const ACRONYMS = new Set(["rtt", "aos", "tca", "los", "ecef", "isl", "id", "cdf", "pid", "sgp4", "eo", "gb"]);

/**
 * A machine name as a table header: `maxElevationDeg` -> "max elevation (deg)", `rttMs` -> "RTT (ms)",
 * `fiberX1.5RttMs` -> "fiber x1.5 RTT (ms)". Names that are not camelCase (already words) stay.
 */
export function humanHeader(key: string): string {
  if (!/^[a-z][A-Za-z0-9.]*$/.test(key)) return key;
  const words = key.split(/(?<=[a-z0-9.])(?=[A-Z])/);
  let unit = "";
  const last = words[words.length - 1]!;
  if (words.length > 1 && UNIT_SUFFIX[last] !== undefined) {
    unit = ` (${UNIT_SUFFIX[last]})`;
    words.pop();
  }
  const text = words
    .map((w) => w.toLowerCase())
    .map((w) => (ACRONYMS.has(w) ? w.toUpperCase() : w))
    .join(" ");
  return `${text}${unit}`;
}

/** A plain aligned text table with human headers (humanHeader); numbers right-aligned. */
export function formatTable(rows: readonly Row[], columns?: readonly string[]): string {
  if (rows.length === 0) return "(none)\n";
  const cols = columns ?? Object.keys(rows[0]!);
  const cells = rows.map((r) => cols.map((c) => cell(r[c])));
  const heads = cols.map(humanHeader);
  const widths = cols.map((_, j) => Math.max(heads[j]!.length, ...cells.map((r) => r[j]!.length)));
  const numeric = cols.map((c) =>
    rows.every((r) => r[c] === null || r[c] === undefined || typeof r[c] === "number"),
  );
  const line = (vals: string[]) =>
    vals
      .map((v, j) => (numeric[j] ? v.padStart(widths[j]!) : v.padEnd(widths[j]!)))
      .join("  ")
      .trimEnd();
  return `${[line(heads), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n")}\n`;
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV with a header line; numbers at full precision. */
export function formatCsv(rows: readonly Row[], columns?: readonly string[]): string {
  const cols = columns ?? (rows.length > 0 ? Object.keys(rows[0]!) : []);
  const out = [cols.map(csvField).join(",")];
  for (const r of rows)
    out.push(cols.map((c) => csvField(r[c] === null || r[c] === undefined ? "" : String(r[c]))).join(","));
  return `${out.join("\n")}\n`;
}
