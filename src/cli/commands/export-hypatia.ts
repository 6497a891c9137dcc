/**
 * `constellate export-hypatia <constellation.yaml> --out <dir>`: write the constellation in Hypatia's
 * satellite-network-state format (tles.txt, isls.txt, ground_stations.txt, description.txt,
 * gsl_interfaces_info.txt); see src/mesh/hypatia.ts.
 */
import type { Command } from "commander";
import { meshSettingsOf } from "../../mesh/config.js";
import { writeHypatiaDir } from "../../mesh/hypatia.js";
import { loadForCli } from "../common.js";
import { parseFormat, printRows } from "../output.js";

export function exportHypatiaCommand(program: Command): void {
  program
    .command("export-hypatia")
    .description("write a constellation in Hypatia's satellite-network-state format")
    .argument("<constellation>", "constellation YAML file")
    .requiredOption("--out <dir>", "output directory")
    .option("--format <format>", "table | csv | json", "table")
    .action((file: string, opts: { out: string; format?: string }) => {
      const format = parseFormat(opts.format);
      const c = loadForCli(file);
      const summary = writeHypatiaDir(c, meshSettingsOf(c), opts.out);
      printRows(format, [{ ...summary }], summary);
    });
}
