/**
 * `constellate stop [--run-dir <dir>]`: end a running launch through its authenticated RunControl
 * RPC (the launch then shuts down as on Ctrl-C: apps get their stop events, nodes and hosts end,
 * summary.json is written), and wait until its process is gone. Exit 0 once it is; exit 1 with one
 * line when nothing runs there (as kill(1) and pkill(1) do when there is nothing to signal).
 */
import type { Command } from "commander";
import { RunClient, runningRunDir } from "../../emu/run-client.js";
import { pidAlive } from "../../emu/run-lock.js";
import { parseDurationMs } from "../../util/duration.js";
import { InputError } from "../../util/input-error.js";

/** How long a launch may take to end before `stop` gives up: a 1,684-node pooled run ends in ~5 s. Our choice. */
const DEFAULT_TIMEOUT_MS = 60_000;
const POLL_WALL_MS = 100;

export function stopCommand(program: Command): void {
  program
    .command("stop")
    .description(
      "end a running launch (the same shutdown as Ctrl-C in its terminal) and wait until its process is gone",
    )
    .option("--run-dir <dir>", "the launch's run dir (default: the latest running one under runs/)")
    .option("--timeout <duration>", `how long to wait for it to end (default ${DEFAULT_TIMEOUT_MS / 1000}s)`)
    .action(async (opts: { runDir?: string; timeout?: string }) => {
      const timeoutMs =
        opts.timeout === undefined ? DEFAULT_TIMEOUT_MS : parseDurationMs(opts.timeout, "--timeout");
      let dir: string;
      try {
        dir = runningRunDir(opts.runDir);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        process.stderr.write(`constellate: nothing to stop: ${e.message}\n`);
        process.exitCode = 1;
        return;
      }
      const t0 = performance.now();
      const rc = RunClient.open(dir);
      let pid: number;
      try {
        pid = await rc.stopRun("STOP_REASON_STOP_COMMAND");
      } finally {
        rc.close();
      }
      while (pidAlive(pid)) {
        if (performance.now() - t0 > timeoutMs) {
          process.stderr.write(
            `constellate: the launch (pid ${pid}) is still ending after ${(timeoutMs / 1000).toFixed(0)} s; its log: ${dir}/controller.log\n`,
          );
          process.exitCode = 1;
          return;
        }
        await new Promise((r) => setTimeout(r, POLL_WALL_MS));
      }
      process.stdout.write(
        `stopped the launch in ${dir} (pid ${pid}) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
      );
    });
}
