/**
 * `constellate eclipses <constellation.yaml> --sat <id> [--from] [--hours]`: umbra and penumbra
 * intervals of one satellite (conical Earth shadow), boundaries refined to 0.1 s.
 */
import type { Command } from "commander";
import { findEclipses } from "../../orbit/eclipse.js";
import { isoUtc } from "../../util/duration.js";
import { loadForCli, parseHours, parseInstant, parseSatellite } from "../common.js";
import { parseFormat, printRows } from "../output.js";

export function eclipsesCommand(program: Command): void {
  program
    .command("eclipses")
    .description("umbra and penumbra intervals of a satellite (conical Earth shadow)")
    .argument("<constellation>", "constellation YAML file")
    .requiredOption("--sat <id>", "satellite, by index or name")
    .option("--from <time>", "window start, ISO 8601 UTC or 'now' (default: the constellation's epoch)")
    .option("--hours <n>", "window length in hours", "24")
    .option("--format <format>", "table | csv | json", "table")
    .action((file: string, opts: { sat: string; from?: string; hours?: string; format?: string }) => {
      const format = parseFormat(opts.format);
      const c = loadForCli(file);
      const sat = parseSatellite(opts.sat, c);
      const from = parseInstant(opts.from, c, "--from");
      const to = from + parseHours(opts.hours, 24) * 3_600_000;
      const intervals = findEclipses(c.satellites[sat]!, from, to);
      const rows = intervals.map((e) => ({
        satellite: e.satellite,
        kind: e.kind,
        start: isoUtc(e.startUnixMs),
        end: isoUtc(e.endUnixMs),
        durationS: Math.round((e.endUnixMs - e.startUnixMs) / 100) / 10,
        ...(e.startClipped ? { startClipped: true } : {}),
        ...(e.endClipped ? { endClipped: true } : {}),
      }));
      if (format === "table")
        process.stdout.write(
          `${c.satellites[sat]!.name}: ${rows.length} shadow interval(s) from ${isoUtc(from)} to ${isoUtc(to)}\n\n`,
        );
      printRows(format, rows, rows, ["satellite", "kind", "start", "end", "durationS"]);
    });
}
