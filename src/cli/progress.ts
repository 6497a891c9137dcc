/** A progress bar on stderr when it is a terminal (and nothing otherwise), for work measured in bytes. */
import { SingleBar } from "cli-progress";

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
