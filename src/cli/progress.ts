/**
 * Progress bars on stderr when it is a terminal, nothing otherwise (pipes and tests stay clean):
 * `progressBar` counts items, `byteProgress` bytes read (workloads streamed line by line).
 * The same shape as the one in `latency` (src/cli/commands/latency.ts), which could use this one.
 */
import { SingleBar } from "cli-progress";

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

export function progressBar(label: string): Progress {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${label} [{bar}] {percentage}% | {value}/{total} | ETA {eta}s`,
    hideCursor: true,
  });
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** A bar for work measured in bytes, shown in MiB. */
export interface ByteProgress {
  update: (bytesRead: number, totalBytes: number) => void;
  stop: () => void;
}

export function byteProgress(label: string): ByteProgress {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${label} [{bar}] {percentage}% | {value}/{total} MiB`,
    hideCursor: true,
  });
  let started = false;
  const mib = (n: number) => Math.round((n / 1048576) * 10) / 10;
  return {
    update(bytesRead, totalBytes) {
      if (!started) {
        bar.start(mib(totalBytes), 0);
        started = true;
      }
      bar.update(mib(bytesRead));
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
