/** The controller's log: JSON lines in the run dir, plus pretty lines on stderr when it is a TTY. */
import { join } from "node:path";
import { type Logger, pino } from "pino";
import pretty from "pino-pretty";

type Destination = ReturnType<typeof pino.destination>;
/** Each controller log's file, so a launch that fails before it runs can close it (closeControllerLog). */
const files = new WeakMap<Logger, Destination>();

export function controllerLogger(
  runDir: string | undefined,
  level = process.env.CONSTELLATE_LOG_LEVEL ?? "info",
): Logger {
  const streams: pino.StreamEntry[] = [];
  let file: Destination | undefined;
  if (runDir) {
    // 0600: a run dir's files are its user's only (docs/security.md).
    file = pino.destination({
      dest: join(runDir, "controller.log"),
      mkdir: true,
      sync: false,
      mode: 0o600,
    });
    streams.push({ level: level as pino.Level, stream: file });
  }
  if (process.stderr.isTTY)
    streams.push({
      level: level as pino.Level,
      stream: pretty({ colorize: true, destination: 2, sync: true }),
    });
  if (streams.length === 0) return pino({ name: "controller", level: "silent" });
  const log = pino({ name: "controller", level }, pino.multistream(streams));
  if (file) files.set(log, file);
  return log;
}

/**
 * Write out and close a controller log's file. Its file opens asynchronously (and makes its dir):
 * a run dir removed before that (run-open.ts discard) would get the dir and the log back, or the
 * open would fail. Bounded: a file that neither closes nor fails within 2 s is left to the exit.
 */
export function closeControllerLog(log: Logger): Promise<void> {
  const file = files.get(log);
  if (!file) return Promise.resolve();
  files.delete(log);
  return new Promise((resolve) => {
    const t = setTimeout(resolve, 2_000);
    t.unref();
    const done = () => {
      clearTimeout(t);
      resolve();
    };
    file.once("close", done);
    file.once("error", done);
    file.end();
  });
}
