/** The controller's log: JSON lines in the run dir, plus pretty lines on stderr when it is a TTY. */
import { join } from "node:path";
import { type Logger, pino } from "pino";
import pretty from "pino-pretty";

export function controllerLogger(
  runDir: string | undefined,
  level = process.env.CONSTELLATE_LOG_LEVEL ?? "info",
): Logger {
  const streams: pino.StreamEntry[] = [];
  if (runDir)
    streams.push({
      level: level as pino.Level,
      // 0600: a run dir's files are its user's only (docs/security.md).
      stream: pino.destination({
        dest: join(runDir, "controller.log"),
        mkdir: true,
        sync: false,
        mode: 0o600,
      }),
    });
  if (process.stderr.isTTY)
    streams.push({
      level: level as pino.Level,
      stream: pretty({ colorize: true, destination: 2, sync: true }),
    });
  if (streams.length === 0) return pino({ name: "controller", level: "silent" });
  return pino({ name: "controller", level }, pino.multistream(streams));
}
