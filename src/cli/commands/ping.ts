/**
 * `constellate ping <A> <B>`: echo round trips by real gRPC hops through the running mesh (or the
 * emulated fiber), each printed beside the model's RTT for the same instant.
 */
import type { Command } from "commander";
import { parseVia, RunClient } from "../../emu/run-client.js";
import { parseDurationMs } from "../../util/duration.js";
import { InputError } from "../../util/input-error.js";
import { parseFormat, printRows, type Row } from "../output.js";

export function pingCommand(program: Command): void {
  program
    .command("ping")
    .description("round trips from node A to node B through the running emulation, beside the model's RTT")
    .argument("<A>", "source node: satellite or ground station name, or node index")
    .argument("<B>", "destination node")
    .option("--count <n>", "number of round trips", "4")
    .option("--via <net>", "space | fiber (fiber: between ground stations)", "space")
    .option("--size <bytes>", "echo bundle size", "64")
    .option("--interval <ms>", "wall ms between round trips", "200")
    .option("--timeout <duration>", "give up a round trip after this much virtual time", "10s")
    .option("--run-dir <dir>", "the launch's run dir (default: the latest under runs/)")
    .option("--format <format>", "table | csv | json", "table")
    .action(
      async (
        a: string,
        b: string,
        opts: {
          count: string;
          via?: string;
          size: string;
          interval: string;
          runDir?: string;
          format?: string;
          timeout?: string;
        },
      ) => {
        const format = parseFormat(opts.format);
        const count = Number(opts.count);
        if (!Number.isInteger(count) || count < 1 || count > 100_000)
          throw new InputError("expected an integer in 1..100000", { field: "--count", value: opts.count });
        const size = Number(opts.size);
        if (!Number.isFinite(size) || size < 1)
          throw new InputError("expected a positive number of bytes", { field: "--size", value: opts.size });
        const interval = Number(opts.interval);
        if (!Number.isFinite(interval) || interval < 0)
          throw new InputError("expected ms >= 0", { field: "--interval", value: opts.interval });
        const via = parseVia(opts.via);
        const rc = RunClient.open(opts.runDir);
        try {
          await rc.status();
          const from = await rc.nodeId(a, "<A>");
          const to = await rc.nodeId(b, "<B>");
          if (from === to) throw new InputError("A and B must differ", { field: "<B>", value: b });
          const rows: Row[] = [];
          for (let i = 0; i < count; i++) {
            const [fwd, back] = await Promise.all([
              rc.modelRoute(from, to, via),
              rc.modelRoute(to, from, via),
            ]);
            const r = await rc.ping(from, {
              destination: to,
              via,
              sizeBytes: size,
              timeoutMs: parseDurationMs(opts.timeout ?? "10s", "--timeout"),
            });
            const modelRttMs = fwd.ok && back.ok ? fwd.oneWayMs + back.oneWayMs : null;
            const row: Row = {
              seq: i + 1,
              ok: r.ok,
              rttMs: r.ok ? r.rttMs : null,
              modelRttMs,
              diffMs: r.ok && modelRttMs !== null ? r.rttMs - modelRttMs : null,
              hops: r.ok ? `${r.forward.length}+${r.back.length}` : "",
              reason: r.ok ? "" : r.reason,
            };
            rows.push(row);
            if (format === "table") process.stdout.write(i === 0 ? formatHeader(rc, from, to, via) : "");
            if (i + 1 < count && interval > 0) await new Promise((res) => setTimeout(res, interval));
          }
          printRows(format, rows);
        } finally {
          rc.close();
        }
      },
    );
}

function formatHeader(rc: RunClient, from: number, to: number, via: string): string {
  return `ping ${rc.nodeName(from)} -> ${rc.nodeName(to)} via ${via === "VIA_FIBER" ? "fiber" : "space"} (RTT in virtual ms)\n`;
}
