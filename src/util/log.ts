/**
 * Logging: pino JSON everywhere; pretty-printed when the destination is a TTY (the controller's
 * stderr), JSON lines in files (one file per host process in a run dir).
 */
import { type Logger, pino } from "pino";

export type { Logger };

export interface LogOptions {
  /** Log level; default from CONSTELLATE_LOG_LEVEL, else "info". */
  level?: string;
  /** Write JSON lines to this file instead of stderr. */
  file?: string;
  /** Mode of a new log file (default 0o644; a run dir's logs are 0o600: docs/security.md). */
  fileMode?: number;
}

export function createLogger(name: string, opts: LogOptions = {}): Logger {
  const level = opts.level ?? process.env.CONSTELLATE_LOG_LEVEL ?? "info";
  if (opts.file)
    return pino(
      { name, level },
      pino.destination({ dest: opts.file, mkdir: true, sync: false, mode: opts.fileMode ?? 0o644 }),
    );
  if (process.stderr.isTTY) {
    return pino({
      name,
      level,
      transport: { target: "pino-pretty", options: { destination: 2, colorize: colorWanted() } },
    });
  }
  return pino({ name, level }, pino.destination(2));
}

/** https://no-color.org: a non-empty NO_COLOR turns colour off. */
export function colorWanted(): boolean {
  const v = process.env.NO_COLOR;
  return v === undefined || v === "";
}
