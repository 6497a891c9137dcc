/** `constellate trace <A> <B>`: one echo through the running mesh, each hop with its delays. */
import type { Command } from "commander";
import type { HopRecord } from "../../emu/wire.js";
import { linkKindOf, modelRouteText, pingFailureText } from "../../emu/wire-enums.js";
import { addEchoOptions, type EchoOptionValues, openEcho } from "../echo-options.js";
import { printRows, type Row } from "../output.js";

const KIND = ["isl", "uplink", "downlink", "fiber"];

export function traceCommand(program: Command): void {
  addEchoOptions(
    program
      .command("trace")
      .description("each hop of a round trip from A to B: queueing, serialization, propagation (virtual ms)"),
  ).action(async (a: string, b: string, opts: EchoOptionValues) => {
    const { rc, from, to, via, sizeBytes, timeoutMs, format } = await openEcho(a, b, opts);
    try {
      const model = await rc.modelRoute(from, to, via);
      const r = await rc.ping(from, { destination: to, via, sizeBytes, timeoutMs });
      if (!r.ok) {
        process.stderr.write(
          `constellate: no round trip: ${pingFailureText(r.failure, r.dropReason, r.dropDetail)}\n`,
        );
        process.exitCode = 1;
        return;
      }
      const row = (dir: string, i: number, h: HopRecord): Row => ({
        dir,
        hop: i + 1,
        from: rc.nodeName(h.from),
        to: rc.nodeName(h.to),
        link: KIND[linkKindOf(h.linkKind)] ?? String(h.linkKind),
        queueMs: h.txStartRunMs - h.enqueuedRunMs,
        serializationMs: h.txEndRunMs - h.txStartRunMs,
        propagationMs: h.propagationMs,
        modelPropagationMs:
          dir === "fwd" && model.ok && model.path[i] === h.from && model.path[i + 1] === h.to
            ? (model.hopDelayMs[i] ?? null)
            : null,
        // Hop instants are run-relative (src/emu/run-time.ts), as the reply's sentRunMs.
        atMs: h.arrivalRunMs - r.sentRunMs,
      });
      const rows = [...r.forward.map((h, i) => row("fwd", i, h)), ...r.back.map((h, i) => row("back", i, h))];
      if (format === "json") {
        printRows("json", rows, { rttMs: r.rttMs, model, hops: rows });
        return;
      }
      printRows(format, rows);
      if (format === "table")
        process.stdout.write(
          `\nRTT ${r.rttMs.toFixed(3)} ms emulated; model one-way ${model.ok ? `${model.oneWayMs.toFixed(3)} ms over ${model.path.length - 1} hops` : `none (${modelRouteText(model)})`}\n`,
        );
    } finally {
      rc.close();
    }
  });
}
