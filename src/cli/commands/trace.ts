/** `constellate trace <A> <B>`: one echo through the running mesh, each hop with its delays. */
import type { Command } from "commander";
import { parseVia, RunClient } from "../../emu/run-client.js";
import type { HopRecord } from "../../emu/wire.js";
import { parseDurationMs } from "../../util/duration.js";
import { InputError } from "../../util/input-error.js";
import { parseFormat, printRows, type Row } from "../output.js";

const KIND = ["isl", "uplink", "downlink", "fiber"];

export function traceCommand(program: Command): void {
  program
    .command("trace")
    .description("each hop of a round trip from A to B: queueing, serialization, propagation (virtual ms)")
    .argument("<A>", "source node: satellite or ground station name, or node index")
    .argument("<B>", "destination node")
    .option("--via <net>", "space | fiber", "space")
    .option("--size <bytes>", "echo bundle size", "64")
    .option("--timeout <duration>", "give up a round trip after this much virtual time", "10s")
    .option("--run-dir <dir>", "the launch's run dir (default: the latest under runs/)")
    .option("--format <format>", "table | csv | json", "table")
    .action(
      async (
        a: string,
        b: string,
        opts: { via?: string; size: string; runDir?: string; format?: string; timeout?: string },
      ) => {
        const format = parseFormat(opts.format);
        const via = parseVia(opts.via);
        const size = Number(opts.size);
        if (!Number.isFinite(size) || size < 1)
          throw new InputError("expected a positive number of bytes", { field: "--size", value: opts.size });
        const rc = RunClient.open(opts.runDir);
        try {
          await rc.status();
          const from = await rc.nodeId(a, "<A>");
          const to = await rc.nodeId(b, "<B>");
          if (from === to) throw new InputError("A and B must differ", { field: "<B>", value: b });
          const model = await rc.modelRoute(from, to, via);
          const r = await rc.ping(from, {
            destination: to,
            via,
            sizeBytes: size,
            timeoutMs: parseDurationMs(opts.timeout ?? "10s", "--timeout"),
          });
          if (!r.ok) {
            process.stderr.write(`constellate: no round trip: ${r.reason}\n`);
            process.exitCode = 1;
            return;
          }
          const row = (dir: string, i: number, h: HopRecord): Row => ({
            dir,
            hop: i + 1,
            from: rc.nodeName(h.from),
            to: rc.nodeName(h.to),
            link: KIND[h.linkKind] ?? String(h.linkKind),
            queueMs: h.txStartMs - h.enqueuedMs,
            serializationMs: h.txEndMs - h.txStartMs,
            propagationMs: h.propagationMs,
            modelPropagationMs:
              dir === "fwd" && model.ok && model.path[i] === h.from && model.path[i + 1] === h.to
                ? (model.hopDelayMs[i] ?? null)
                : null,
            atMs: h.arrivalMs - r.sentMs,
          });
          const rows = [
            ...r.forward.map((h, i) => row("fwd", i, h)),
            ...r.back.map((h, i) => row("back", i, h)),
          ];
          if (format === "json") {
            printRows("json", rows, { rttMs: r.rttMs, model, hops: rows });
            return;
          }
          printRows(format, rows);
          if (format === "table")
            process.stdout.write(
              `\nRTT ${r.rttMs.toFixed(3)} ms emulated; model one-way ${model.ok ? `${model.oneWayMs.toFixed(3)} ms over ${model.path.length - 1} hops` : `none (${model.reason})`}\n`,
            );
        } finally {
          rc.close();
        }
      },
    );
}
