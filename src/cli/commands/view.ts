/**
 * `constellate view [--run-dir d | <constellation.yaml> [--from t] [--duration d]] [--port p]`:
 * a 3D globe in the browser. With a YAML it plays the model over a window (nothing launched); with
 * --run-dir it follows a running launch through its controller's public gRPC API. Prints the URL
 * (with its per-run token) as the first line of stdout and serves until Ctrl-C. A run dir whose
 * launch has finished (summary.json) or no longer answers plays back what it recorded.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { findRunDir, readControllerInfo } from "../../emu/run-dir.js";
import { hasRunRecord, readRunRecord, SUMMARY_FILE } from "../../emu/run-record.js";
import type { Constellation } from "../../orbit/constellation.js";
import { InputError } from "../../util/input-error.js";
import { LiveSource } from "../../view/live-source.js";
import { ModelSource } from "../../view/model-source.js";
import { RecordedSource } from "../../view/recorded-source.js";
import { startViewServer } from "../../view/server.js";
import type { ViewSource } from "../../view/source.js";
import { loadForCli, parseDuration, parseInstant } from "../common.js";

/** Default model window (our choice: a little over one LEO orbit, ~95 min at 550 km, so every satellite comes round). */
export const DEFAULT_VIEW_DURATION_MS = 2 * 3_600_000;

interface ViewOpts {
  runDir?: string;
  from?: string;
  duration?: string;
  port?: string;
}

export function viewCommand(program: Command): void {
  program
    .command("view")
    .description(
      "a 3D globe in the browser, offline: a YAML played from the model, or a launch\n" +
        "followed live (--run-dir); prints its URL (with a token) and serves until Ctrl-C",
    )
    .argument(
      "[constellation]",
      "constellation YAML file (model mode; with --run-dir: overrides the file controller.json names)",
    )
    .option(
      "--run-dir <dir>",
      "follow the running launch whose controller.json is there (a finished one: play back its record)",
    )
    .option("--from <time>", "model window start, ISO 8601 UTC or 'now' (default: the constellation's epoch)")
    .option("--duration <duration>", "model window length (default 2h)")
    .option("--port <port>", "TCP port on 127.0.0.1 (default: an ephemeral port)")
    .action(async (file: string | undefined, opts: ViewOpts) => {
      const port = opts.port === undefined ? 0 : Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535)
        throw new InputError("expected a TCP port 0..65535", { field: "--port", value: opts.port });
      let source: ViewSource;
      if (opts.runDir !== undefined) {
        if (opts.from !== undefined || opts.duration !== undefined)
          throw new InputError("a live run has its own clock: --from/--duration apply to model mode only", {
            field: opts.from !== undefined ? "--from" : "--duration",
            value: opts.from ?? opts.duration,
          });
        const dir = findRunDir(opts.runDir);
        const info = readControllerInfo(dir);
        // controller.json names the run's constellation file; a YAML given on the command line wins.
        const yaml = file ?? info.constellationFile;
        if (yaml === undefined)
          throw new InputError(
            "the run dir does not say which constellation the run uses: give its YAML too, e.g. `constellate view --run-dir <dir> constellations/eo-sso.yaml`",
            { field: "--run-dir", value: opts.runDir },
          );
        if (file === undefined && !existsSync(yaml))
          throw new InputError("the run's constellation file is gone: give its YAML as the argument", {
            file: join(dir, "controller.json"),
            field: "constellationFile",
            value: yaml,
          });
        const c = loadForCli(yaml);
        // A finished run (summary.json) plays back from its record; a running one is followed live;
        // one that no longer answers (killed) plays back what it recorded.
        if (existsSync(join(dir, SUMMARY_FILE))) source = await recorded(c, dir);
        else
          try {
            source = await LiveSource.attach(c, dir, info);
          } catch (e) {
            if (!hasRunRecord(dir)) throw e;
            process.stderr.write(
              `constellate: the launch does not answer (${e instanceof Error ? e.message : String(e)}); playing back what it recorded\n`,
            );
            source = await recorded(c, dir);
          }
      } else {
        if (file === undefined)
          throw new InputError("give a constellation YAML (model mode) or --run-dir of a running launch", {
            field: "<constellation>",
          });
        const c = loadForCli(file);
        const fromMs = parseInstant(opts.from, c, "--from");
        const durationMs = parseDuration(opts.duration, DEFAULT_VIEW_DURATION_MS, "--duration");
        source = await ModelSource.create(c, fromMs, durationMs);
      }
      let server: Awaited<ReturnType<typeof startViewServer>>;
      try {
        server = await startViewServer({ source, port });
      } catch (e) {
        await source.close();
        throw e;
      }
      process.stdout.write(`${server.url}\n`);
      process.stderr.write("constellate: serving the globe on 127.0.0.1 until Ctrl-C\n");
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          resolve();
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await server.close();
      await source.close();
    });
}

/** A run's record over the model of its constellation (the two must have the same node count). */
async function recorded(c: Constellation, dir: string): Promise<RecordedSource> {
  const rec = readRunRecord(dir);
  const n = c.satellites.length + c.groundStations.length;
  if (rec.up.length !== n)
    throw new InputError(
      `the run has ${rec.up.length} nodes, this constellation ${n}: not the run's constellation`,
      {
        file: c.sourceFile,
        value: rec.info.name,
      },
    );
  return RecordedSource.create(c, rec);
}
