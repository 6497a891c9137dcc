/**
 * Output helpers shared by commands: --format table|csv|json, readable tables, CSV quoting.
 * Data goes to stdout; progress and logs go to stderr.
 */
import { formatCsv, formatTable, type Row } from "../report/table.js";
import { InputError } from "../util/input-error.js";

export { formatCsv, formatTable, type Row };

export type OutputFormat = "table" | "csv" | "json";

export function parseFormat(
  value: string | undefined,
  allowed: readonly OutputFormat[] = ["table", "csv", "json"],
) {
  return parseChoice(value ?? allowed[0]!, allowed, "--format");
}

/** A flag's value among a fixed set, else the InputError naming the flag and the value. */
export function parseChoice<T extends string>(value: string, allowed: readonly T[], field: string): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new InputError(`expected one of ${allowed.join(", ")}`, { field, value });
  return value as T;
}

/** Print rows in the chosen format; `json` prints `jsonValue` (defaults to the rows). */
export function printRows(
  format: OutputFormat,
  rows: readonly Row[],
  jsonValue?: unknown,
  columns?: readonly string[],
) {
  if (format === "json") process.stdout.write(`${JSON.stringify(jsonValue ?? rows, null, 2)}\n`);
  else if (format === "csv") process.stdout.write(formatCsv(rows, columns));
  else process.stdout.write(formatTable(rows, columns));
}
