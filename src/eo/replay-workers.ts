/**
 * The modes of a replay run at once, one worker thread per mode (replay-worker.ts), instead of one
 * after another. Why: the modes see the same constellation but share no state once their tasking is
 * written (each has its own emulation, in-process host and run dir), and a replay on the virtual clock
 * is CPU-bound in one thread, so N modes one after another cost N times one mode while the machine's
 * other cores idle (issue 10, "Performance"; docs/eo-replay.md, "Speed"). Each mode's result is
 * the one it gives alone, byte for byte (test/eo-replay-workers.test.ts).
 *
 * The workers start before the geometry is computed, so loading their modules overlaps it.
 */
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ClockMode } from "../emu/clock.js";
import type { IsolationOption } from "../emu/settings.js";
import type { Constellation } from "../orbit/constellation.js";
import { InputError, type InputErrorLocation } from "../util/input-error.js";
import type { RequestsInfo } from "./collect.js";
import type { PassWindows } from "./pass-windows.js";
import type { ReplayMode } from "./products.js";
import type { ModeRun } from "./replay-mode.js";
import type { EoTasking } from "./tasking.js";

/** Everything a mode's worker is given: plain data (structured clone), no functions. */
export interface ModeJob {
  constellation: Constellation;
  tasking: EoTasking;
  taskingPath: string;
  dir: string;
  stepMs: number;
  requests: RequestsInfo;
  clock?: ClockMode;
  isolation?: IsolationOption;
  /** Post progress (the caller has an onProgress). */
  progress: boolean;
}

/** The passes and antenna windows of a replay (pass-windows.ts), computed before the worker's mode. */
export interface PassesJob {
  constellation: Constellation;
  startUnixMs: number;
  durationMs: number;
  stepMs: number;
}

export type ToWorker =
  | { kind: "run"; job: ModeJob }
  | { kind: "passes"; job: PassesJob }
  | { kind: "abort"; signal: NodeJS.Signals };
export type ToMain =
  | { kind: "progress"; tUnixMs: number }
  | { kind: "passes"; result: PassWindows }
  | { kind: "passes-error"; message: string; stack: string | undefined }
  | { kind: "done"; run: ModeRun }
  | {
      kind: "error";
      name: string;
      message: string;
      stack: string | undefined;
      problem?: string;
      location?: InputErrorLocation;
    };

/**
 * The worker's module, next to this file. From .ts sources (tests, tsx) the worker first registers
 * tsx's loader in its own thread: a `--import tsx` in a worker's execArgv does not reach its entry.
 */
function startWorker(): Worker {
  const here = fileURLToPath(import.meta.url);
  const entry = new URL(`./replay-worker${extname(here)}`, import.meta.url);
  if (extname(here) !== ".ts") return new Worker(entry);
  const tsx = import.meta.resolve("tsx/esm/api");
  return new Worker(
    `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`,
    { eval: true },
  );
}

/** One started worker per mode, waiting for its job. */
export class ModeWorkers {
  private readonly workers = new Map<ReplayMode, Worker>();

  constructor(modes: readonly ReplayMode[]) {
    for (const m of modes) {
      const w = startWorker();
      // Until its job is posted, an error (e.g. a module that fails to load) is reported by run().
      w.on("error", () => {});
      this.workers.set(m, w);
    }
  }

  /**
   * The passes and antenna windows, computed in the last mode's worker (pass-windows.ts) while the
   * caller's thread does the rest of the geometry: that worker runs its mode afterwards.
   */
  passWindows(job: PassesJob): Promise<PassWindows> {
    const w = [...this.workers.values()].at(-1);
    if (!w) return Promise.reject(new Error("no worker for the passes"));
    return new Promise<PassWindows>((resolve, reject) => {
      const onMessage = (m: ToMain) => {
        if (m.kind !== "passes" && m.kind !== "passes-error") return;
        w.off("message", onMessage);
        w.off("exit", onExit);
        if (m.kind === "passes") resolve(m.result);
        else {
          const e = new Error(m.message);
          if (m.stack) e.stack = m.stack;
          reject(e);
        }
      };
      const onExit = (code: number) => reject(new Error(`the passes' worker exited (code ${code})`));
      w.on("message", onMessage);
      w.once("exit", onExit);
      w.postMessage({ kind: "passes", job } satisfies ToWorker);
    });
  }

  /**
   * Run every job, each in its mode's worker, at once; results in the jobs' order. On the first
   * failure the other modes are stopped and that error is thrown (an InputError as such). Aborting
   * `signal` stops every mode; the caller then throws its own reason.
   */
  async runAll(
    jobs: readonly (ModeJob & { mode: ReplayMode })[],
    signal: AbortSignal | undefined,
    onProgress: ((mode: ReplayMode, tUnixMs: number) => void) | undefined,
  ): Promise<ModeRun[]> {
    const abortAll = () => {
      const r: unknown = signal?.reason;
      const sig = (r as { signal?: NodeJS.Signals } | undefined)?.signal ?? "SIGINT";
      for (const w of this.workers.values()) w.postMessage({ kind: "abort", signal: sig } satisfies ToWorker);
    };
    signal?.addEventListener("abort", abortAll, { once: true });
    try {
      const runs = jobs.map((job) => this.runOne(job, onProgress));
      // Fail fast: the first error stops the others (they end at their next round), then rejects
      // with that error, not with the interrupts it caused in the other modes.
      let first: { error: unknown } | undefined;
      for (const p of runs)
        p.catch((e: unknown) => {
          first ??= { error: e };
          abortAll();
        });
      const settled = await Promise.allSettled(runs);
      if (first) throw first.error;
      return settled.map((s) => (s as PromiseFulfilledResult<ModeRun>).value);
    } finally {
      signal?.removeEventListener("abort", abortAll);
      await this.close();
    }
  }

  private runOne(
    job: ModeJob & { mode: ReplayMode },
    onProgress: ((mode: ReplayMode, tUnixMs: number) => void) | undefined,
  ): Promise<ModeRun> {
    const w = this.workers.get(job.mode);
    if (!w) return Promise.reject(new Error(`no worker for mode ${job.mode}`));
    const { mode, ...rest } = job;
    return new Promise<ModeRun>((resolve, reject) => {
      let settled = false;
      w.on("message", (m: ToMain) => {
        if (m.kind === "progress") onProgress?.(mode, m.tUnixMs);
        else if (m.kind === "done") {
          settled = true;
          resolve(m.run);
        } else if (m.kind === "error") {
          settled = true;
          reject(errorFrom(m));
        }
      });
      w.on("error", (e) => {
        settled = true;
        reject(e);
      });
      w.on("exit", (code) => {
        if (!settled) reject(new Error(`the ${mode} mode's worker exited (code ${code}) before its result`));
      });
      w.postMessage({ kind: "run", job: rest } satisfies ToWorker);
    });
  }

  /** End every worker (those done have exited already). */
  async close(): Promise<void> {
    await Promise.all([...this.workers.values()].map((w) => w.terminate()));
    this.workers.clear();
  }
}

/** The worker's error as it was thrown there: an InputError stays one (the CLI prints it, exit 2). */
function errorFrom(m: Extract<ToMain, { kind: "error" }>): Error {
  if (m.name === "InputError" && m.problem !== undefined) return new InputError(m.problem, m.location);
  const e = new Error(m.message);
  e.name = m.name;
  if (m.stack) e.stack = m.stack;
  return e;
}
