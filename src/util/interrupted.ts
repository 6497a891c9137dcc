/**
 * A run ended by the user (Ctrl-C, SIGTERM, or `stop`): not a failure of the program, not a user
 * error. The CLI prints one line, no stack, and exits 128 + the signal's number, as a shell reports a
 * process a signal ended (POSIX, "Exit Status for Commands"; bash: 130 for SIGINT, 143 for SIGTERM).
 */

/** Signal numbers on Linux (signal(7)); the exit status is 128 + this. */
const SIGNAL_NUMBER: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };

export class InterruptedError extends Error {
  readonly exitCode: number;

  constructor(readonly signal: NodeJS.Signals = "SIGINT") {
    super(`interrupted (${signal})`);
    this.name = "InterruptedError";
    this.exitCode = 128 + (SIGNAL_NUMBER[signal] ?? 2);
  }
}

export function isInterrupted(e: unknown): e is InterruptedError {
  return e instanceof InterruptedError;
}

/** Throw the signal's reason (an InterruptedError) if it was aborted. */
export function throwIfInterrupted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw interruptReason(signal);
}

/** The abort reason as an InterruptedError (whatever aborted it). */
export function interruptReason(signal: AbortSignal): InterruptedError {
  const r: unknown = signal.reason;
  return r instanceof InterruptedError ? r : new InterruptedError();
}
