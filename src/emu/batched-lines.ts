/**
 * An append-only record file (events.ndjson, metrics.ndjson) whose lines are gathered and written
 * in batches: at most one write per turn of the event loop, or sooner once 64 KiB wait.
 *
 * Why: under the virtual clock the controller records every round's events and a metrics line per
 * period, and a round is short (tens of microseconds of model work at 61 nodes), so one fs write
 * per round (a libuv request, a thread-pool hop and a syscall each) cost more than the round's
 * records themselves: ~1.6 s of a 24 h replay mode's CPU (docs/eo-replay.md, "Speed"). The bytes and
 * their order are the same as writing each line at once; a reader tailing the file sees them at the
 * next turn of the event loop (the virtual clock's loop yields every 20 ms of wall, sync.ts).
 */
import { createWriteStream, type WriteStream } from "node:fs";

/** Written at once when this much waits (bytes of UTF-16 text, about as many bytes of ASCII JSON). */
const FLUSH_AT_CHARS = 64 * 1024;

export class BatchedLines {
  private readonly stream: WriteStream;
  private pending: string[] = [];
  private pendingChars = 0;
  private flushSoon: NodeJS.Immediate | null = null;
  private ended = false;

  constructor(path: string, mode: number) {
    this.stream = createWriteStream(path, { flags: "a", mode });
  }

  /** Append text (whole lines, each ending in "\n"); after end(), nothing. */
  write(text: string): void {
    if (text.length === 0 || this.ended) return;
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= FLUSH_AT_CHARS) this.flush();
    else this.flushSoon ??= setImmediate(() => this.flush());
  }

  /** Hand what waits to the file stream now. */
  flush(): void {
    if (this.flushSoon) {
      clearImmediate(this.flushSoon);
      this.flushSoon = null;
    }
    if (this.pending.length === 0) return;
    const text = this.pending.length === 1 ? this.pending[0]! : this.pending.join("");
    this.pending = [];
    this.pendingChars = 0;
    this.stream.write(text);
  }

  /** Write what waits and close the file; resolves once it is closed. */
  end(): Promise<void> {
    this.flush();
    this.ended = true;
    return new Promise<void>((resolve) => this.stream.end(resolve));
  }
}
