/** Every subcommand, registered in the order `constellate --help` lists them. One line each. */
import type { Command } from "commander";

export function registerCommands(program: Command): void {
  void program;
}
