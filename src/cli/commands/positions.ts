/** `constellate positions <constellation.yaml> [--at <ISO>]`: every satellite's position at an instant. */
import type { Command } from "commander";
import { ecefToGeodetic } from "../../orbit/frames.js";
import { ConstellationPropagator, SGP4_ERROR_TEXT } from "../../orbit/propagate.js";
import { ecefKm } from "../../orbit/units.js";
import { isoUtc } from "../../util/duration.js";
import { loadForCli, parseInstant } from "../common.js";
import { parseFormat, printRows, type Row } from "../output.js";

export function positionsCommand(program: Command): void {
  program
    .command("positions")
    .description("position of every satellite at an instant (geodetic and ECEF, km)")
    .argument("<constellation>", "constellation YAML file")
    .option("--at <time>", "ISO 8601 UTC instant or 'now' (default: the constellation's epoch)")
    .option("--format <format>", "table | csv | json", "csv")
    .action(async (file: string, opts: { at?: string; format?: string }) => {
      const format = parseFormat(opts.format, ["csv", "json", "table"]);
      const c = loadForCli(file);
      const t = parseInstant(opts.at, c, "--at");
      const prop = await ConstellationPropagator.create(c.satellites);
      try {
        const st = prop.at(t);
        const rows: Row[] = c.satellites.map((s, i) => {
          const x = st.ecef[3 * i]!;
          const y = st.ecef[3 * i + 1]!;
          const z = st.ecef[3 * i + 2]!;
          const err = st.errors[i]!;
          const g = err === 0 ? ecefToGeodetic(ecefKm(x, y, z)) : null;
          return {
            satellite: i,
            name: s.name,
            shell: s.shell,
            time: isoUtc(t),
            latDeg: g?.latDeg ?? null,
            lonDeg: g?.lonDeg ?? null,
            altKm: g?.altKm ?? null,
            xKm: err === 0 ? x : null,
            yKm: err === 0 ? y : null,
            zKm: err === 0 ? z : null,
            error: err === 0 ? null : (SGP4_ERROR_TEXT[err] ?? `sgp4 error ${err}`),
          };
        });
        printRows(format, rows);
      } finally {
        prop.dispose();
      }
    });
}
