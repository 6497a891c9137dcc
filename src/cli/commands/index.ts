/** Every subcommand, registered in the order `constellate --help` lists them. One line each. */
import type { Command } from "commander";
import { exportHypatiaCommand } from "./export-hypatia.js";
import { infoCommand } from "./info.js";
import { latencyCommand } from "./latency.js";
import { positionsCommand } from "./positions.js";
import { schemaCommand } from "./schema.js";

export function registerCommands(program: Command): void {
  infoCommand(program);
  positionsCommand(program);
  latencyCommand(program);
  exportHypatiaCommand(program);
  schemaCommand(program);
}
