/**
 * `constellate catalog <file | constellation.yaml>`: the structure inference finds in a catalog
 * (src/orbit/structure.ts): per shell its satellites, planes, satellites per plane, inclination and
 * altitude; the satellites that fit no plane with the reason; the catalog warnings
 * (src/orbit/catalog-warnings.ts). The Command is returned so subcommands (`catalog fetch`) attach.
 */
import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import type { Command } from "commander";
import { loadConstellation } from "../../config/load.js";
import type { Constellation } from "../../orbit/constellation.js";
import { type ElementFormat, parseElements } from "../../orbit/element-formats.js";
import type { SatelliteElements } from "../../orbit/elements.js";
import { catalogReport } from "../../report/catalog-report.js";
import { parseIsoUtcMs } from "../../util/duration.js";
import { InputError } from "../../util/input-error.js";
import { parseFormat, printRows, type Row } from "../output.js";

/**
 * The format of a bare element file, from its extension, else its first character: .xml/`<` OMM XML,
 * .kvn OMM KVN, .csv OMM CSV, .json/`[`/`{` OMM JSON, anything else TLE/3LE.
 */
function elementFormatOf(file: string, text: string): ElementFormat {
  const ext = extname(file).toLowerCase();
  if (ext === ".xml" || (ext !== ".json" && /^\s*</.test(text))) return "omm-xml";
  if (ext === ".kvn") return "omm-kvn";
  if (ext === ".csv") return "omm-csv";
  if (ext === ".json" || /^\s*[[{]/.test(text)) return "omm";
  return "tle";
}

/** Element sets of a bare file, in the format its name or first character says. */
function readElementFile(file: string): SatelliteElements[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === "ENOENT" ? "file not found" : (e as Error).message, { file });
  }
  const shell = basename(file, extname(file)).replace(/[^A-Za-z0-9_.-]/g, "_") || "catalog";
  const opts = { file, shell, firstIndex: 0 };
  const sats = parseElements(text, elementFormatOf(file, text), opts);
  if (sats.length === 0) throw new InputError("the file holds no element sets", { file });
  return sats;
}

/** A constellation YAML as loaded, or a bare element file as one element-set shell. */
function catalogInput(file: string): Constellation {
  if (/\.ya?ml$/i.test(file)) return loadConstellation(file);
  const sats = readElementFile(file);
  const newest = Math.max(...sats.map((s) => s.epochUnixMs));
  return {
    name: sats[0]!.shell,
    sourceFile: file,
    epoch: new Date(newest).toISOString(),
    shells: [{ name: sats[0]!.shell, firstIndex: 0, count: sats.length, elementsFile: file, settings: {} }],
    satellites: sats,
    groundStations: [],
    settings: {},
  };
}

export function catalogCommand(program: Command): Command {
  return program
    .command("catalog")
    .description(
      "shells, planes and slots found in an element-set catalog (TLE/3LE, OMM JSON/XML/KVN/CSV or a\n" +
        "constellation YAML), the satellites that fit no plane and why, and the catalog's warnings;\n" +
        "`catalog fetch` downloads one from a GP endpoint",
    )
    .argument("<file>", "element file or constellation YAML")
    .option("--format <format>", "table | csv | json", "table")
    .option(
      "--at <iso>",
      "instant the warnings judge ages at (default: the YAML epoch, else the newest element set)",
    )
    .option("--unassigned", "table/csv: list the unassigned satellites instead of the shells")
    .action((file: string, opts: { format?: string; at?: string; unassigned?: boolean }) => {
      const format = parseFormat(opts.format);
      const c = catalogInput(file);
      const at = opts.at === undefined ? Date.parse(c.epoch) : parseIsoUtcMs(opts.at, "--at");
      const rep = catalogReport(c, { startUnixMs: at, endUnixMs: at });
      if (format === "json") {
        printRows("json", [], rep);
        return;
      }
      for (const w of rep.warnings) process.stderr.write(`warning: ${w.message}\n`);
      if (rep.warnings.length > 0) process.stderr.write(`${rep.warnings.length} warning(s)\n`);
      const unassignedRows: Row[] = rep.unassigned.map((u) => ({ satellite: u.satellite, reason: u.reason }));
      if (opts.unassigned) {
        printRows(format, unassignedRows, undefined, ["satellite", "reason"]);
        return;
      }
      const rows: Row[] = rep.shells.map((s) => ({
        shell: s.name,
        satellites: s.satellites,
        planes: s.planes,
        perPlaneMin: s.perPlane.min,
        perPlaneMedian: s.perPlane.median,
        perPlaneMax: s.perPlane.max,
        inclinationDeg: s.inclinationDeg,
        altitudeKm: s.altitudeKm,
      }));
      if (format === "csv") {
        printRows("csv", rows);
        return;
      }
      const assigned = rep.shells.reduce((n, s) => n + s.satellites, 0);
      process.stdout.write(
        `${c.name}: ${c.satellites.length} satellites, ${assigned} in ${rep.shells.length} shell(s), ${rep.unassigned.length} unassigned\n\n`,
      );
      printRows("table", rows);
      if (unassignedRows.length > 0) {
        process.stdout.write(`\nunassigned (no +Grid links; ground links only):\n`);
        printRows("table", unassignedRows);
      }
    });
}
