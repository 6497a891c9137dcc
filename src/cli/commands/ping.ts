/**
 * `constellate ping <A> <B>`: echo round trips by real gRPC hops through the running mesh (or the
 * emulated fiber), each printed beside the model's RTT for the same instant.
 */
import type { Command } from "commander";
import type { RunClient } from "../../emu/run-client.js";
import { pingFailureText } from "../../emu/wire-enums.js";
import { InputError } from "../../util/input-error.js";
import { addEchoOptions, type EchoOptionValues, openEcho } from "../echo-options.js";
import { printRows, type Row } from "../output.js";

export function pingCommand(program: Command): void {
  addEchoOptions(
    program
      .command("ping")
      .description("round trips from node A to node B through the running emulation, beside the model's RTT"),
  )
    .option("--count <n>", "number of round trips", "4")
    .option("--interval <ms>", "wall ms between round trips", "200")
    .action(async (a: string, b: string, opts: EchoOptionValues & { count: string; interval: string }) => {
      const count = Number(opts.count);
      if (!Number.isInteger(count) || count < 1 || count > 100_000)
        throw new InputError("expected an integer in 1..100000", { field: "--count", value: opts.count });
      const interval = Number(opts.interval);
      if (!Number.isFinite(interval) || interval < 0)
        throw new InputError("expected ms >= 0", { field: "--interval", value: opts.interval });
      const { rc, from, to, via, sizeBytes, timeoutMs, format } = await openEcho(a, b, opts);
      try {
        const rows: Row[] = [];
        for (let i = 0; i < count; i++) {
          const [fwd, back] = await Promise.all([rc.modelRoute(from, to, via), rc.modelRoute(to, from, via)]);
          const r = await rc.ping(from, { destination: to, via, sizeBytes, timeoutMs });
          const modelRttMs = fwd.ok && back.ok ? fwd.oneWayMs + back.oneWayMs : null;
          rows.push({
            seq: i + 1,
            ok: r.ok,
            rttMs: r.ok ? r.rttMs : null,
            modelRttMs,
            diffMs: r.ok && modelRttMs !== null ? r.rttMs - modelRttMs : null,
            hops: r.ok ? `${r.forward.length}+${r.back.length}` : "",
            reason: r.ok ? "" : pingFailureText(r.failure, r.dropReason, r.dropDetail),
          });
          if (format === "table") process.stdout.write(i === 0 ? formatHeader(rc, from, to, via) : "");
          if (i + 1 < count && interval > 0) await new Promise((res) => setTimeout(res, interval));
        }
        printRows(format, rows);
        // As ping(8): status 1 when no round trip came back, so scripts can tell.
        if (!rows.some((r) => r.ok)) {
          process.stderr.write(`constellate: no round trip of ${count} came back (${rows[0]?.reason})\n`);
          process.exitCode = 1;
        }
      } finally {
        rc.close();
      }
    });
}

function formatHeader(rc: RunClient, from: number, to: number, via: string): string {
  return `ping ${rc.nodeName(from)} -> ${rc.nodeName(to)} via ${via === "VIA_FIBER" ? "fiber" : "space"} (RTT in virtual ms)\n`;
}
