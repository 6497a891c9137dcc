/**
 * `constellate passes <constellation.yaml> --station <name> [--from] [--hours] [--sat <id>]`:
 * every pass of the constellation (or one satellite) over a ground station, AOS/TCA/LOS refined to
 * 0.1 s, honouring the station's elevation mask (and slant-range limit when it has one).
 */
import type { Command } from "commander";
import { findPasses } from "../../orbit/passes.js";
import { ConstellationPropagator } from "../../orbit/propagate.js";
import { isoUtc } from "../../util/duration.js";
import { loadForCli, parseHours, parseInstant, parseSatellite, requireStation } from "../common.js";
import { parseFormat, printRows } from "../output.js";

export function passesCommand(program: Command): void {
  program
    .command("passes")
    .description("ground passes over a station: AOS, TCA, LOS and maximum elevation")
    .argument("<constellation>", "constellation YAML file")
    .requiredOption("--station <name>", "ground station name (from the constellation's station sets)")
    .option("--from <time>", "window start, ISO 8601 UTC or 'now' (default: the constellation's epoch)")
    .option("--hours <n>", "window length in hours", "24")
    .option("--sat <id>", "one satellite, by index or name (default: all)")
    .option("--format <format>", "table | csv | json", "table")
    .action(
      async (
        file: string,
        opts: { station: string; from?: string; hours?: string; sat?: string; format?: string },
      ) => {
        const format = parseFormat(opts.format);
        const c = loadForCli(file);
        const station = requireStation(c, opts.station);
        const from = parseInstant(opts.from, c, "--from");
        const to = from + parseHours(opts.hours, 24) * 3_600_000;
        const satellites = opts.sat !== undefined ? [parseSatellite(opts.sat, c)] : undefined;
        // Whole constellations sample with the WASM engine; one satellite needs no bulk propagator.
        const propagator = satellites ? undefined : await ConstellationPropagator.create(c.satellites);
        try {
          const passes = findPasses(c.satellites, station, from, to, { satellites, propagator });
          const json = passes.map((p) => ({
            satellite: p.satellite,
            name: c.satellites[p.satellite]!.name,
            aos: isoUtc(p.aosUnixMs),
            tca: isoUtc(p.tcaUnixMs),
            los: isoUtc(p.losUnixMs),
            maxElevationDeg: Math.round(p.maxElevationDeg * 1000) / 1000,
            durationS: Math.round((p.losUnixMs - p.aosUnixMs) / 100) / 10,
            ...(p.aosClipped ? { aosClipped: true } : {}),
            ...(p.losClipped ? { losClipped: true } : {}),
          }));
          if (format === "table")
            process.stdout.write(
              `${passes.length} pass(es) over ${station.name} (mask ${station.minElevationDeg} deg) from ${isoUtc(from)} to ${isoUtc(to)}\n\n`,
            );
          printRows(format, json, json, [
            "satellite",
            "name",
            "aos",
            "tca",
            "los",
            "maxElevationDeg",
            "durationS",
          ]);
        } finally {
          propagator?.dispose();
        }
      },
    );
}
