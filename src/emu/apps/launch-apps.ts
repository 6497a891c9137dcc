/**
 * What `launch` does for apps: plan them from --app, --app-config and the YAML's `apps:` section
 * (every user error before anything starts); for external apps, open the gateway before the hosts
 * start (they connect their bridges to it), spawn each program once every node is up, with the
 * gateway's address and the run's secret in its environment, and end them with the run.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "pino";
import type { Constellation } from "../../orbit/constellation.js";
import { InputError } from "../../util/input-error.js";
import type { Emulation } from "../emulation.js";
import { protoDir } from "../proto-loader.js";
import type { RunAuth } from "../run-auth.js";
import { AppGateway } from "./gateway.js";
import { type AppsPlan, type AppsSection, appsSectionSchema, nodeInfosOf, planApps } from "./plan.js";

/** Wall time an external app has to attach after it is spawned (a cold Python start with protoc takes ~1-2 s). */
const ATTACH_TIMEOUT_WALL_MS = 30_000;
/** Wall time an external app has to exit after its stop events, before SIGTERM (then SIGKILL as long again). */
const EXIT_GRACE_WALL_MS = 5_000;

export interface LaunchedApps {
  plan: AppsPlan;
  /** A host of the launch and its key: the gateway takes bridge streams from these only. */
  expectHost(hostId: string, key: string): void;
  /** After every node is up: start the external apps and wait until each has attached. */
  start(emu: Emulation, log: Logger): Promise<void>;
  /** Stop events to external apps, wait for them to exit (then end them), close the gateway. */
  stop(): Promise<void>;
  /** SIGKILL every external app still running (the forced end of a launch, src/cli/interrupt.ts). */
  kill(): void;
}

export async function launchApps(
  c: Constellation,
  appArgs: readonly string[],
  configArgs: readonly string[],
  runDir: string,
  opts: { isolation?: string; clock?: string; log?: Logger; auth: RunAuth },
): Promise<LaunchedApps | null> {
  const raw = c.settings["apps"];
  const yaml: AppsSection | undefined = raw === undefined ? undefined : appsSectionSchema.parse(raw);
  if (appArgs.length === 0 && configArgs.length === 0 && (!yaml || Object.keys(yaml).length === 0))
    return null;
  const plan = await planApps({
    apps: appArgs,
    config: configArgs,
    yaml,
    yamlFile: c.sourceFile,
    nodes: nodeInfosOf(c),
    runDir,
  });
  return withExternalApps(plan, opts.auth, opts.log);
}

/** The apps plan with its gateway open when it has external apps (the API's way in, too). */
export async function withExternalApps(plan: AppsPlan, auth: RunAuth, log0?: Logger): Promise<LaunchedApps> {
  const external = plan.apps.filter((a) => a.command);
  const { pino } = await import("pino");
  const log = log0 ?? pino({ level: "silent" });
  const gateway = external.length > 0 ? new AppGateway(plan, log, auth) : null;
  if (gateway) plan.gateway = { address: await gateway.start() };
  // An app holds the secret and the certificate to pin, never the TLS key nor a host's key.
  const appEnv = auth.env(false);
  const children: { name: string; child: ChildProcess; logFile: string; exited: Promise<number | null> }[] =
    [];

  return {
    plan,
    expectHost(hostId, key) {
      gateway?.expectHost(hostId, key);
    },
    async start(emu) {
      if (!gateway) return;
      gateway.bind(emu.controller);
      for (const a of external) {
        const dir = join(plan.runDir, "apps", a.name);
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        const logFile = join(plan.runDir, `app-${a.name}.log`);
        const fd = openSync(logFile, "a", 0o600);
        const [cmd, ...args] = a.command!;
        const child = spawn(cmd!, args, {
          stdio: ["ignore", fd, fd],
          env: {
            ...process.env,
            CONSTELLATE_ADDRESS: gateway.address,
            ...appEnv,
            // The hello's token field predates the metadata: the same secret, for older apps.
            CONSTELLATE_TOKEN: auth.secretHex(),
            CONSTELLATE_APP: a.name,
            CONSTELLATE_APP_OPTIONS: JSON.stringify(a.options),
            CONSTELLATE_APP_DIR: dir,
            CONSTELLATE_PROTO_DIR: protoDir(),
          },
        });
        closeSync(fd);
        const exited = new Promise<number | null>((resolve) => {
          child.once("exit", (code) => resolve(code));
          child.once("error", (e) => {
            log.error({ app: a.name, err: e.message }, "external app failed to start");
            resolve(127);
          });
        });
        children.push({ name: a.name, child, logFile, exited });
        const early = exited.then((code) => {
          const last = lastLine(logFile);
          const msg = `app ${a.name} (${a.command!.join(" ")}) exited with code ${code} before attaching${last ? `: ${last}` : ""}`;
          throw code === 2
            ? new InputError(msg, { field: "--app", value: a.command!.join(" ") })
            : new Error(msg);
        });
        const attached = gateway.waitAttached(a.name, ATTACH_TIMEOUT_WALL_MS);
        // Whichever loses the race settles later unobserved.
        attached.catch(() => {});
        early.catch(() => {});
        await Promise.race([attached, early]);
        log.info({ app: a.name, pid: child.pid }, "external app attached");
      }
    },
    async stop() {
      gateway?.stopApps();
      await Promise.all(
        children.map(async ({ child, exited }) => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const term = setTimeout(() => child.kill("SIGTERM"), EXIT_GRACE_WALL_MS);
          const kill = setTimeout(() => child.kill("SIGKILL"), 2 * EXIT_GRACE_WALL_MS);
          await exited;
          clearTimeout(term);
          clearTimeout(kill);
        }),
      );
      await gateway?.stop();
    },
    kill() {
      for (const { child } of children)
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}

function lastLine(file: string): string {
  try {
    const lines = readFileSync(file, "utf8").trim().split("\n");
    return lines[lines.length - 1] ?? "";
  } catch {
    return "";
  }
}
