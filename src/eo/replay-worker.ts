/**
 * A worker thread that runs one mode of a replay (replay-mode.ts) for replay-workers.ts: it waits for
 * its job, runs it, and posts progress, then its outcome or its error. It shares nothing with the
 * other modes' workers: its emulation, its in-process host and its run dir are its own.
 */
import { parentPort } from "node:worker_threads";
import { InputError } from "../util/input-error.js";
import { InterruptedError } from "../util/interrupted.js";
import { passWindows } from "./pass-windows.js";
import { runReplayMode } from "./replay-mode.js";
import type { ModeJob, PassesJob, ToMain, ToWorker } from "./replay-workers.js";

const port = parentPort;
if (!port) throw new Error("replay-worker.ts runs as a worker thread (replay-workers.ts starts it)");
const aborter = new AbortController();

port.on("message", (m: ToWorker) => {
  if (m.kind === "abort") aborter.abort(new InterruptedError(m.signal));
  else if (m.kind === "passes") void passes(m.job);
  else void run(m.job);
});

/** The replay's passes and antenna windows, for the main thread (which goes on meanwhile). */
async function passes(job: PassesJob): Promise<void> {
  try {
    const result = await passWindows(job.constellation, job.startUnixMs, job.durationMs, job.stepMs);
    port!.postMessage({ kind: "passes", result } satisfies ToMain);
  } catch (e) {
    port!.postMessage({
      kind: "passes-error",
      message: e instanceof Error ? e.message : String(e),
      stack: e instanceof Error ? e.stack : undefined,
    } satisfies ToMain);
  }
}

async function run(job: ModeJob): Promise<void> {
  const post = (m: ToMain) => port!.postMessage(m);
  try {
    const out = await runReplayMode(
      job.constellation,
      job.tasking,
      job.taskingPath,
      job.dir,
      {
        ...(job.clock ? { clock: job.clock } : {}),
        ...(job.isolation ? { isolation: job.isolation } : {}),
        signal: aborter.signal,
        ...(job.progress ? { onProgress: (_mode, t) => post({ kind: "progress", tUnixMs: t }) } : {}),
      },
      job.stepMs,
      job.requests,
    );
    post({ kind: "done", run: out });
  } catch (e) {
    post({
      kind: "error",
      name: e instanceof Error ? e.name : "Error",
      message: e instanceof Error ? e.message : String(e),
      stack: e instanceof Error ? e.stack : undefined,
      ...(e instanceof InputError ? { problem: e.problem, location: e.location } : {}),
    });
  } finally {
    port!.close();
  }
}
