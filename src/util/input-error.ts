/**
 * Errors caused by what the user gave us (a file, a flag, a field). The CLI prints `message` alone,
 * with no stack trace, and exits with status 2. Anything else that escapes is a bug and keeps its stack.
 */
export interface InputErrorLocation {
  /** The file at fault, as the user named it. */
  file?: string;
  /** 1-based line in that file. */
  line?: number;
  /** 1-based column. */
  column?: number;
  /** The field, as a dotted path (`shells[0].walker.altitudeKm`) or flag name (`--hours`). */
  field?: string;
  /** The offending value, as the user wrote it. */
  value?: unknown;
}

export class InputError extends Error {
  readonly location: InputErrorLocation;
  /** What is wrong, without the location (to re-place the error, e.g. in the YAML that named it). */
  readonly problem: string;

  constructor(problem: string, location: InputErrorLocation = {}) {
    super(formatInputError(problem, location));
    this.name = "InputError";
    this.location = location;
    this.problem = problem;
  }
}

export function formatInputError(problem: string, loc: InputErrorLocation): string {
  const where: string[] = [];
  if (loc.file)
    where.push(loc.line ? `${loc.file}:${loc.line}${loc.column ? `:${loc.column}` : ""}` : loc.file);
  if (loc.field) where.push(`field ${loc.field}`);
  if (loc.value !== undefined) where.push(`value ${describeValue(loc.value)}`);
  return where.length > 0 ? `${where.join(", ")}: ${problem}` : problem;
}

function describeValue(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v.length > 80 ? `${v.slice(0, 77)}...` : v);
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return String(v);
  }
}

export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError;
}
