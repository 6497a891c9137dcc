/** Every subcommand, registered in the order `constellate --help` lists them. One line each. */
import type { Command } from "commander";
import { catalogCommand } from "./catalog.js";
import { registerCatalogFetch } from "./catalog-fetch.js";
import { demoCommand } from "./demo.js";
import { eclipsesCommand } from "./eclipses.js";
import { exportCzmlCommand } from "./export-czml.js";
import { exportHypatiaCommand } from "./export-hypatia.js";
import { infoCommand } from "./info.js";
import { latencyCommand } from "./latency.js";
import { launchCommand } from "./launch.js";
import { passesCommand } from "./passes.js";
import { pingCommand } from "./ping.js";
import { positionsCommand } from "./positions.js";
import { replayCommand } from "./replay.js";
import { schemaCommand } from "./schema.js";
import { statusCommand } from "./status.js";
import { traceCommand } from "./trace.js";
import { viewCommand } from "./view.js";

export function registerCommands(program: Command): void {
  demoCommand(program);
  infoCommand(program);
  registerCatalogFetch(catalogCommand(program));
  positionsCommand(program);
  passesCommand(program);
  eclipsesCommand(program);
  latencyCommand(program);
  replayCommand(program);
  exportHypatiaCommand(program);
  exportCzmlCommand(program);
  launchCommand(program);
  statusCommand(program);
  pingCommand(program);
  traceCommand(program);
  viewCommand(program);
  schemaCommand(program);
}
