#!/usr/bin/env node
/**
 * The `constellate` command. Each subcommand lives in src/cli/commands/<name>.ts and exports
 * `register(program)`. User errors (InputError, commander usage errors) print one line, no stack,
 * and exit 2.
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Command, CommanderError } from "commander";
import { isInputError } from "../util/input-error.js";
import { registerCommands } from "./commands/index.js";

export function buildProgram(): Command {
  const program = new Command()
    .name("constellate")
    .description(
      "Orbital edge-inference constellation emulator: SGP4-driven laser mesh, gRPC satellite nodes, " +
        "Earth-observation replay and latency experiments against fiber.",
    )
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  registerCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander already printed the usage error or the help text.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (isInputError(e)) {
      process.stderr.write(`constellate: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  main(process.argv).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(
        `constellate: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
      );
      process.exitCode = 70;
    },
  );
}
