#!/usr/bin/env node
/**
 * The `constellate` command. Each subcommand lives in src/cli/commands/<name>.ts and is listed in
 * commands/index.ts. User errors (InputError, commander usage errors) print one line, no stack,
 * and exit 2.
 *
 * Only the command being run is loaded: the others are registered as light stubs (name and summary)
 * so `--help` lists them and commander can suggest a near name for a typo, without importing SGP4,
 * gRPC, vega and the rest at start (docs/cli.md has the before/after timings).
 */
import { readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command, CommanderError } from "commander";
import { isInputError } from "../util/input-error.js";
import { packageRoot } from "../util/package-root.js";
import { COMMANDS } from "./commands/index.js";
import { endInterrupts } from "./interrupt.js";

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string })
    .version;
}

/** The subcommand argv asks for (`constellate help <cmd>` counts as asking for <cmd>). */
function wantedCommand(argv: readonly string[]): string | undefined {
  const words = argv.slice(2).filter((a) => !a.startsWith("-"));
  return words[0] === "help" ? words[1] : words[0];
}

/**
 * commander's usage errors span lines ("error: unknown option '--formt'" then "(Did you mean
 * --format?)"); a user error here is one line, like an InputError, with the way to more help.
 */
function oneLineUsageError(text: string): string {
  const body = text
    .trim()
    .replace(/^error: /, "")
    .split(/\n+/)
    .map((l) => l.trim())
    .join(" ")
    .replace("(Did you mean", "(did you mean");
  return `constellate: ${body}; see --help\n`;
}

export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command()
    .name("constellate")
    .description(
      "Orbital edge-inference constellation emulator: SGP4-driven laser mesh, gRPC satellite nodes, " +
        "Earth-observation replay and latency experiments against fiber.",
    )
    .version(packageVersion(), "-V, --version", "print the version")
    .configureOutput({ outputError: (text, write) => write(oneLineUsageError(text)) })
    .exitOverride();
  const wanted = wantedCommand(argv);
  for (const entry of COMMANDS) {
    if (entry.name === wanted) {
      (await entry.load())(program);
      program.commands.find((c) => c.name() === entry.name)?.summary(entry.summary);
    } else {
      // Never runs: argv names another command. Present for the listing and for suggestions.
      program.command(entry.name).summary(entry.summary).allowUnknownOption().allowExcessArguments();
    }
  }
  return program;
}

export async function main(argv: string[]): Promise<number> {
  // main owns the exit status while it runs (ping and trace set it when no round trip succeeds).
  process.exitCode = undefined;
  try {
    await (await buildProgram(argv)).parseAsync(argv);
    // Ctrl-C: the command stopped what it started and said so (interrupt.ts); 130 or 143.
    const interrupted = endInterrupts();
    if (interrupted) return interrupted.exitCode;
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (e) {
    const interrupted = endInterrupts();
    if (e instanceof CommanderError) {
      // commander already printed the usage error or the help text.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (isInputError(e)) {
      process.stderr.write(`constellate: ${e.message}\n`);
      return 2;
    }
    // After Ctrl-C, whatever failed on the way down is the interrupt's doing.
    if (interrupted) return interrupted.exitCode;
    throw e;
  } finally {
    process.exitCode = undefined;
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

/**
 * A reader that goes away (`constellate positions ... | head`) closes the pipe: stop quietly with
 * status 0, as `cat` under `head` does from the shell's point of view, instead of an EPIPE trace.
 */
function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
  });
}

if (invokedDirectly()) {
  exitQuietlyOnClosedPipe(process.stdout);
  exitQuietlyOnClosedPipe(process.stderr);
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
