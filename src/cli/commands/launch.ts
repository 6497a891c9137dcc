/**
 * `constellate launch <constellation.yaml>`: start the controller and one gRPC node per satellite and
 * ground station, and run until --duration ends or Ctrl-C. Writes runs/<id>/controller.json (for
 * status/ping/trace), metrics.ndjson, one log per host process, and summary.json at the end.
 *
 * --clock virtual (the default with --duration): exact, as fast as the CPUs allow; launch exits when
 * the duration is reached. --clock realtime (the default without): paced at --speed; when it falls
 * behind it says so on stderr, in `status` and in summary.json. Scenario time 0 is when every node
 * is up; --duration counts scenario time.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import type { Logger } from "pino";
import type { Observable } from "rxjs";
import { launchApps } from "../../emu/apps/launch-apps.js";
import type { ClockMode } from "../../emu/clock.js";
import type { LagWarning } from "../../emu/controller.js";
import { forceStopEmulations, startEmulation } from "../../emu/emulation.js";
import { closeControllerLog, controllerLogger } from "../../emu/logs.js";
import { newRunDir, writeRunFile } from "../../emu/run-dir.js";
import { openRunDir } from "../../emu/run-open.js";
import { DEFAULT_EMU_SETTINGS, type IsolationOption, resolveClock } from "../../emu/settings.js";
import type { ClockLag } from "../../emu/wire.js";
import { clockModeOf, isolationOf } from "../../emu/wire-enums.js";
import { ensureDir } from "../../util/atomic-write.js";
import { InputError } from "../../util/input-error.js";
import { InterruptedError } from "../../util/interrupted.js";
import { reportCatalogWarnings } from "../catalog-warnings-output.js";
import { loadForCli, parseDuration, parseInstant } from "../common.js";
import { handleInterrupts } from "../interrupt.js";
import { parseListen, serveLaunchMetrics } from "../metrics-option.js";
import { printRows } from "../output.js";

interface LaunchOpts {
  clock?: string;
  speed?: string;
  duration?: string;
  isolation: string;
  step?: string;
  runDir?: string;
  restart?: boolean;
  hosts?: string;
  from?: string;
  metrics?: string | true;
  app: string[];
  appConfig: string[];
  tls?: boolean;
}

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

export function launchCommand(program: Command): void {
  program
    .command("launch")
    .description(
      "run a live emulation: a controller plus one gRPC node per satellite and ground station,\n" +
        "until --duration ends or Ctrl-C (then use status, ping, trace from another terminal)",
    )
    .argument("<constellation>", "constellation YAML file")
    .option(
      "--clock <clock>",
      "virtual (exact, as fast as the CPUs allow; default with --duration) | realtime (paced at --speed; default without)",
    )
    .option(
      "--speed <x>",
      `virtual seconds per wall second (default ${DEFAULT_EMU_SETTINGS.speed}, or the YAML's emu.speed)`,
    )
    .option(
      "--duration <duration>",
      "scenario time to run, from when every node is up (default: until Ctrl-C, realtime)",
    )
    .option(
      "--isolation <mode>",
      `auto | process | pooled | inproc (auto: process up to ${DEFAULT_EMU_SETTINGS.pooledAboveNodes} nodes, else pooled; sim: old name of inproc with --clock virtual)`,
      "auto",
    )
    .option(
      "--step <duration>",
      `topology step, virtual (default ${DEFAULT_EMU_SETTINGS.stepMs}ms, or emu.stepMs)`,
    )
    .option("--run-dir <dir>", "where controller.json, metrics and logs go (default runs/<stamp>-<name>)")
    .option("--restart", "restart nodes that die")
    .option("--tls", "serve every RPC over TLS with a self-signed certificate of this run (docs/security.md)")
    .option(
      "--hosts <n>",
      `host processes in pooled mode (default ${DEFAULT_EMU_SETTINGS.pooledHosts}: one per core, min 2)`,
    )
    .option("--from <iso>", "virtual start time, ISO 8601 UTC or 'now' (default: the constellation epoch)")
    .option(
      "--metrics [[host:]port]",
      "serve Prometheus metrics at http://host:port/metrics (default 127.0.0.1, any free port; printed)",
    )
    .option(
      "--app <module or executable>",
      "run an onboard app: a .ts/.js module (loaded into its nodes' hosts) or a program that attaches over gRPC (docs/apps.md); repeatable",
      collect,
      [],
    )
    .option(
      "--app-config <app>.<key>=<value>",
      "set an app's option (or <app>.nodes=...); repeatable",
      collect,
      [],
    )
    .action(async (file: string, opts: LaunchOpts) => {
      const speed = opts.speed === undefined ? undefined : Number(opts.speed);
      if (speed !== undefined && (!Number.isFinite(speed) || speed <= 0 || speed > 1e6))
        throw new InputError("expected a number in (0, 1e6]", { field: "--speed", value: opts.speed });
      const isolation = opts.isolation as IsolationOption;
      if (!["auto", "process", "pooled", "inproc", "sim"].includes(isolation))
        throw new InputError("expected auto, process, pooled or inproc", {
          field: "--isolation",
          value: opts.isolation,
        });
      if (opts.clock !== undefined && opts.clock !== "virtual" && opts.clock !== "realtime")
        throw new InputError("expected virtual or realtime", { field: "--clock", value: opts.clock });
      const clock: ClockMode = resolveClock(
        opts.clock as ClockMode | undefined,
        opts.duration === undefined ? undefined : 0,
        isolation,
      );
      if (clock === "virtual" && opts.duration === undefined)
        throw new InputError("the virtual clock runs as fast as it can: give it a --duration", {
          field: "--clock",
          value: "virtual",
        });
      if (clock === "virtual" && opts.speed !== undefined)
        throw new InputError("--speed paces the realtime clock; the virtual clock has none", {
          field: "--speed",
          value: opts.speed,
        });
      const hosts = opts.hosts === undefined ? undefined : Number(opts.hosts);
      if (hosts !== undefined && (!Number.isInteger(hosts) || hosts < 1 || hosts > 256))
        throw new InputError("expected an integer in 1..256", { field: "--hosts", value: opts.hosts });
      const stepMs =
        opts.step === undefined ? undefined : parseDuration(opts.step, DEFAULT_EMU_SETTINGS.stepMs, "--step");
      const durationMs =
        opts.duration === undefined ? undefined : parseDuration(opts.duration, 0, "--duration");
      const metricsAt = opts.metrics === undefined ? undefined : parseListen(opts.metrics);
      // Ctrl-C from here on stops whatever has started, at any moment, then exit 130 (interrupt.ts).
      const intr = handleInterrupts();
      intr.onForce(forceStopEmulations);
      const c = loadForCli(file);
      const startMs = parseInstant(opts.from, c, "--from");
      // Element-set sanity warnings before anything starts (stderr lines and a count; summary.json).
      // Without --duration the run lasts until Ctrl-C: the decay check covers its first day.
      const warnings = reportCatalogWarnings(c, {
        startUnixMs: startMs,
        endUnixMs: startMs + (durationMs ?? 86_400_000),
      });
      const madeDir = opts.runDir === undefined || !existsSync(opts.runDir);
      const runDir = opts.runDir ?? newRunDir(c.name);
      ensureDir(runDir); // one-line error for --run-dir onto a file or a read-only dir
      // Private, locked, with the run's secret (docs/security.md); released when the launch ends.
      const opened = await openRunDir(runDir, { tls: opts.tls === true, name: c.name, madeDir });
      // A launch that fails before its run begins leaves nothing in the run dir (run-open.ts
      // discard); one interrupted keeps its record (controller.json marked ended, logs).
      let log: ReturnType<typeof controllerLogger> | undefined;
      const endBeforeStart = async () => {
        if (intr.signal.aborted) return opened.release();
        if (log) await closeControllerLog(log);
        opened.discard();
      };
      let apps: Awaited<ReturnType<typeof launchApps>>;
      try {
        log = controllerLogger(runDir);
        // Every app error (unknown option, node, module) surfaces here, before anything starts.
        apps = await launchApps(c, opts.app, opts.appConfig, runDir, {
          isolation,
          clock,
          log,
          auth: opened.auth,
        });
      } catch (e) {
        await endBeforeStart();
        throw e;
      }
      log.info(
        { file, satellites: c.satellites.length, stations: c.groundStations.length, runDir },
        "launching",
      );
      const t0 = Date.now();
      const emu = await startEmulation(c, {
        signal: intr.signal,
        clock,
        speed,
        stepMs,
        durationMs,
        isolation,
        pooledHosts: hosts,
        runDir,
        restart: opts.restart === true,
        startMs,
        log,
        apps: apps?.plan,
        ...(apps ? { expectHost: (id: string, key: string) => apps.expectHost(id, key) } : {}),
        opened,
      }).catch(async (e: unknown) => {
        await apps?.stop();
        await endBeforeStart();
        throw e;
      });
      let metrics: Awaited<ReturnType<typeof serveLaunchMetrics>> | null = null;
      // `constellate stop` (RunControl.Stop, docs/security.md): the same path as Ctrl-C.
      emu.controller.stopRequested$.subscribe((why) => emu.end(why));
      let scenarioWall0: number | undefined;
      let scenarioEndMs: number | undefined;
      let wallEnd: number | undefined;
      let failed = false;
      try {
        // In the try: a --metrics address in use is an early failure that must stop the nodes too.
        if (metricsAt) metrics = await serveLaunchMetrics(emu, metricsAt);
        // Progress while nodes register (a bar on a TTY; 1,684 nodes take ~15-30 s).
        const bar = process.stderr.isTTY
          ? new SingleBar({
              stream: process.stderr,
              format: "nodes [{bar}] {value}/{total}",
              hideCursor: true,
            })
          : null;
        bar?.start(emu.nodeCount, 0);
        const tick = bar ? setInterval(() => bar.update(emu.controller.nodesUp), 200) : null;
        try {
          await emu.waitAllUp();
        } finally {
          if (tick) clearInterval(tick);
          bar?.update(emu.controller.nodesUp);
          bar?.stop();
        }
        log.info(
          {
            nodes: emu.nodeCount,
            isolation: emu.isolation,
            address: emu.address,
            readyWallMs: Date.now() - t0,
          },
          "all nodes up",
        );
        await apps?.start(emu, log);
        lagWarnings(emu.controller.lagWarning$, log);
        emu.resume();
        scenarioWall0 = performance.now();
        process.stderr.write(
          `constellate: ${emu.nodeCount} nodes up (${emu.isolation}, ${clock} clock); controller ${emu.address}; run dir ${runDir}\n`,
        );
        // Resolves at the end of --duration, or when Ctrl-C (or a stop request) ends the run (emu.end).
        await emu.done;
        scenarioEndMs = emu.now();
        wallEnd = performance.now();
      } catch (e) {
        failed = true;
        throw e;
      } finally {
        // External apps get their stop events while the nodes still run, then the emulation stops.
        await apps?.stop();
        scenarioEndMs ??= emu.now();
        wallEnd ??= performance.now();
        log.info({ why: String(emu.endedBy ?? "done") }, "stopping");
        await emu.stop();
        await metrics?.close();
        if (failed && scenarioWall0 === undefined) await endBeforeStart();
        else opened.release();
      }
      const st = emu.controller.status();
      const began = scenarioWall0 !== undefined;
      const summary = {
        ...st,
        nodes: undefined,
        // The names users see ("pooled", "virtual"), not the wire's enum values.
        isolation: isolationOf(st.isolation),
        clockMode: clockModeOf(st.clockMode),
        clockSync: st.clock,
        clock,
        scenarioS: began ? (scenarioEndMs - startMs) / 1000 : 0,
        wallS: began ? (wallEnd - scenarioWall0!) / 1000 : 0,
        lag: clock === "realtime" ? lagOf(st.lag) : undefined,
        warnings,
        // Ended before its duration: by Ctrl-C ("SIGINT") or a stop request (its reason).
        endedBy: emu.endedBy instanceof InterruptedError ? emu.endedBy.signal : emu.endedBy,
      };
      writeRunFile(join(runDir, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
      const t = st.totals;
      printRows("table", [
        {
          nodes: st.nodes.length,
          steps: st.steps,
          created: t.created,
          delivered: t.delivered,
          queued: t.queued,
          dropped: t.dropped,
          meanStepMs: st.meanStepComputeWallMs,
        },
      ]);
    });
}

function lagOf(l: ClockLag | null): { p50Ms: number; p99Ms: number; maxMs: number; stepsLate: number } {
  return {
    p50Ms: l?.p50WallMs ?? 0,
    p99Ms: l?.p99WallMs ?? 0,
    maxMs: l?.maxWallMs ?? 0,
    stepsLate: l?.stepsLate ?? 0,
  };
}

/** The realtime clock fell behind: one line on stderr (at most every 5 s of wall time), never silence. */
function lagWarnings(w: Observable<LagWarning>, log: Logger): void {
  let lastWallMs = Number.NEGATIVE_INFINITY;
  w.subscribe((x) => {
    log.warn(x, "realtime clock behind");
    const now = performance.now();
    if (now - lastWallMs < 5000) return;
    lastWallMs = now;
    process.stderr.write(
      `constellate: warning: the realtime clock is behind: step at ${new Date(x.tMs).toISOString()} went out ${x.lagWallMs.toFixed(1)} ms late (${x.stepsLate} steps late so far); results carry that lateness\n`,
    );
  });
}
