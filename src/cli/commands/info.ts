/** `constellate info <constellation.yaml>`: shells, satellite counts, periods, altitudes. */
import type { Command } from "commander";
import { displayMeanAltitudeKm } from "../../orbit/mean-orbit.js";
import { reportCatalogWarnings } from "../catalog-warnings-output.js";
import { loadForCli, parseHours, parseInstant } from "../common.js";
import { parseFormat, printRows, type Row } from "../output.js";

/** Two-pi over SGP4's mean motion (rad/min, un-Kozai'd `no`) gives the anomalistic period in minutes. */
function periodMin(noRadPerMin: number): number {
  return (2 * Math.PI) / noRadPerMin;
}

export function infoCommand(program: Command): void {
  program
    .command("info")
    .description("shells, satellite counts, periods and altitudes of a constellation")
    .argument("<constellation>", "constellation YAML file")
    .option("--format <format>", "table | csv | json", "table")
    .option(
      "--from <time>",
      "run start the warnings check against, ISO 8601 UTC or 'now' (default: the epoch)",
    )
    .option("--hours <n>", "run length the decay warnings cover, hours", "24")
    .action((file: string, opts: { format?: string; from?: string; hours?: string }) => {
      const format = parseFormat(opts.format);
      const c = loadForCli(file);
      const startUnixMs = parseInstant(opts.from, c, "--from");
      const hours = parseHours(opts.hours, 24);
      // Sanity warnings (src/orbit/catalog-warnings.ts): stderr, one line each and a count; json too.
      const warnings = reportCatalogWarnings(c, { startUnixMs, endUnixMs: startUnixMs + hours * 3_600_000 });
      const rows: Row[] = c.shells.map((sh) => {
        const sats = c.satellites.slice(sh.firstIndex, sh.firstIndex + sh.count);
        // Altitude as the catalog defines it: |r| - 6378.135 km averaged over one propagated orbit
        // (src/orbit/walker.ts), or Kepler's a - R for an object SGP4 cannot carry through one orbit
        // (src/orbit/mean-orbit.ts). Large shells are sampled (every k-th satellite) to keep `info` instant.
        const stride = Math.max(1, Math.floor(sats.length / 64));
        const alts = sats.filter((_, i) => i % stride === 0).map((s) => displayMeanAltitudeKm(s.satrec));
        const periods = sats.map((s) => periodMin(s.satrec.no));
        const incl = sats.map((s) => (s.satrec.inclo * 180) / Math.PI);
        const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
        // Inferred shells (structure: infer): planes found and the median satellites per plane.
        const st = sh.structure?.kind === "inferred" ? sh.structure : undefined;
        const sizes = st ? Array.from(st.planeStart.subarray(1), (end, p) => end - st.planeStart[p]!) : [];
        sizes.sort((a, b) => a - b);
        return {
          shell: sh.name,
          satellites: sh.count,
          planes: sh.walker?.planes ?? (st ? sizes.length : null),
          perPlane: sh.walker?.satsPerPlane ?? (st ? sizes[sizes.length >> 1]! : null),
          inclinationDeg: mean(incl),
          meanAltitudeKm: mean(alts),
          minAltitudeKm: Math.min(...alts),
          maxAltitudeKm: Math.max(...alts),
          periodMin: mean(periods),
          source: sh.walker ? "walker" : (sh.elementsFile ?? "elements"),
        };
      });
      if (format === "table") {
        process.stdout.write(
          `${c.name}: ${c.satellites.length} satellites in ${c.shells.length} shell(s), ${c.groundStations.length} ground stations, epoch ${c.epoch}\n`,
        );
        if (c.description) process.stdout.write(`${c.description.trim()}\n`);
        process.stdout.write("\n");
      }
      printRows(format, rows, {
        name: c.name,
        epoch: c.epoch,
        satellites: c.satellites.length,
        groundStations: c.groundStations.length,
        // `name` as the other commands' JSON names a shell (the table keeps its `shell` column).
        shells: rows.map((r) => ({ name: r.shell, ...r })),
        warnings,
      });
    });
}
