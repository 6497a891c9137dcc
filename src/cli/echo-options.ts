/**
 * What `ping` and `trace` share: the options of one echo through a running launch, their parsing,
 * and opening the run and resolving the two endpoints.
 */
import type { Command } from "commander";
import { parseVia, RunClient } from "../emu/run-client.js";
import { parseDurationMs } from "../util/duration.js";
import { InputError } from "../util/input-error.js";
import { type OutputFormat, parseFormat } from "./output.js";

export interface EchoOptionValues {
  via?: string;
  size: string;
  timeout?: string;
  runDir?: string;
  format?: string;
}

export function addEchoOptions(cmd: Command): Command {
  return cmd
    .argument("<A>", "source node: satellite or ground station name, or node index")
    .argument("<B>", "destination node")
    .option("--via <net>", "space | fiber (fiber: between ground stations)", "space")
    .option("--size <bytes>", "echo bundle size", "64")
    .option("--timeout <duration>", "give up a round trip after this much virtual time", "10s")
    .option("--run-dir <dir>", "the launch's run dir (default: the latest under runs/)")
    .option("--format <format>", "table | csv | json", "table");
}

export interface Echo {
  rc: RunClient;
  from: number;
  to: number;
  via: ReturnType<typeof parseVia>;
  sizeBytes: number;
  timeoutMs: number;
  format: OutputFormat;
}

/** Validate the shared options, open the run and resolve A and B. Close `rc` when done. */
export async function openEcho(a: string, b: string, opts: EchoOptionValues): Promise<Echo> {
  const format = parseFormat(opts.format);
  const sizeBytes = Number(opts.size);
  if (!Number.isFinite(sizeBytes) || sizeBytes < 1)
    throw new InputError("expected a positive number of bytes", { field: "--size", value: opts.size });
  const via = parseVia(opts.via);
  const timeoutMs = parseDurationMs(opts.timeout ?? "10s", "--timeout");
  const rc = RunClient.open(opts.runDir);
  try {
    await rc.status();
    const from = await rc.nodeId(a, "<A>");
    const to = await rc.nodeId(b, "<B>");
    if (from === to) throw new InputError("A and B must differ", { field: "<B>", value: b });
    return { rc, from, to, via, sizeBytes, timeoutMs, format };
  } catch (e) {
    rc.close();
    throw e;
  }
}
