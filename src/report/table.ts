/** Rows as a readable aligned text table or as RFC 4180 CSV. */

export type Row = Record<string, string | number | boolean | null | undefined>;

function cell(v: Row[string]): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000);
  return String(v);
}

/** A plain aligned text table; numbers right-aligned. */
export function formatTable(rows: readonly Row[], columns?: readonly string[]): string {
  if (rows.length === 0) return "(none)\n";
  const cols = columns ?? Object.keys(rows[0]!);
  const cells = rows.map((r) => cols.map((c) => cell(r[c])));
  const widths = cols.map((c, j) => Math.max(c.length, ...cells.map((r) => r[j]!.length)));
  const numeric = cols.map((c) =>
    rows.every((r) => r[c] === null || r[c] === undefined || typeof r[c] === "number"),
  );
  const line = (vals: string[]) =>
    vals
      .map((v, j) => (numeric[j] ? v.padStart(widths[j]!) : v.padEnd(widths[j]!)))
      .join("  ")
      .trimEnd();
  return `${[line([...cols]), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n")}\n`;
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
