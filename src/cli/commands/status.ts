/** `constellate status [--run-dir <dir>]`: a running launch's clock, nodes and bundle ledger. */
import type { Command } from "commander";
import { RunClient } from "../../emu/run-client.js";
import { clockModeOf, isolationOf } from "../../emu/wire-enums.js";
import { isoUtc } from "../../util/duration.js";
import { parseFormat, printRows, type Row } from "../output.js";

export function statusCommand(program: Command): void {
  program
    .command("status")
    .description("a running launch: virtual time, nodes up/down, bundles created/delivered/queued/dropped")
    .option("--run-dir <dir>", "the launch's run dir (default: the latest under runs/)")
    .option("--nodes", "list every node")
    .option("--format <format>", "table | csv | json", "table")
    .action(async (opts: { runDir?: string; nodes?: boolean; format?: string }) => {
      const format = parseFormat(opts.format);
      const rc = RunClient.open(opts.runDir);
      try {
        const st = await rc.status();
        if (format === "json") {
          const constellationFile = rc.info.constellationFile;
          // The names users see ("pooled", "virtual"), as in the table and summary.json.
          const names = { isolation: isolationOf(st.isolation), clockMode: clockModeOf(st.clockMode) };
          printRows("json", [], {
            ...st,
            ...names,
            constellationFile,
            nodes: opts.nodes ? st.nodes : undefined,
          });
          return;
        }
        const t = st.totals;
        const down = st.nodes.filter((n) => !n.up);
        const summary: Row = {
          name: st.name,
          virtualTime: isoUtc(st.tUnixMs),
          clock: clockModeOf(st.clockMode),
          speed: st.clockMode === "CLOCK_MODE_VIRTUAL" ? "max" : st.clock.speed,
          // Realtime: how late the steps went out (wall ms), and how many past the warning threshold.
          lagP99Ms: st.lag?.p99WallMs ?? 0,
          stepsLate: st.lag?.stepsLate ?? 0,
          isolation: isolationOf(st.isolation),
          nodesUp: st.nodesUp,
          nodes: st.nodes.length,
          steps: st.steps,
          meanStepMs: st.meanStepComputeWallMs,
          created: t.created,
          delivered: t.delivered,
          queued: t.queued,
          dropped: t.dropped,
        };
        printRows(format, [summary]);
        if (format === "table") {
          if (rc.info.constellationFile)
            process.stdout.write(`\nconstellation: ${rc.info.constellationFile}\n`);
          const reasons = Object.entries(t.droppedByReason);
          if (reasons.length > 0)
            process.stdout.write(`\ndropped by reason: ${reasons.map(([r, n]) => `${r} ${n}`).join(", ")}\n`);
          if (down.length > 0)
            process.stdout.write(
              `\ndown: ${down
                .slice(0, 20)
                .map((n) => n.name)
                .join(", ")}${down.length > 20 ? ", ..." : ""}\n`,
            );
        }
        if (opts.nodes) {
          if (format === "table") process.stdout.write("\n");
          printRows(
            format,
            st.nodes.map((n) => ({
              node: n.node,
              name: n.name,
              up: n.up,
              address: n.address,
              pid: n.pid,
              host: n.hostId,
              restarts: n.restarts,
            })),
          );
        }
      } finally {
        rc.close();
      }
    });
}
