/**
 * OMM as CSV, as CelesTrak serves it (gp.php?FORMAT=csv; CelesTrak "A New Way to Obtain GP Data",
 * T.S. Kelso): a header row of OMM keywords, then one element set per row. CelesTrak's columns are
 * OBJECT_NAME, OBJECT_ID, EPOCH, MEAN_MOTION, ECCENTRICITY, INCLINATION, RA_OF_ASC_NODE,
 * ARG_OF_PERICENTER, MEAN_ANOMALY, EPHEMERIS_TYPE, CLASSIFICATION_TYPE, NORAD_CAT_ID, ELEMENT_SET_NO,
 * REV_AT_EPOCH, BSTAR, MEAN_MOTION_DOT, MEAN_MOTION_DDOT; any order and extra columns are accepted
 * (Space-Track's CSV has more). Parsed with csv-parse (RFC 4180 quoting); each row is validated by
 * the same code as OMM JSON (src/orbit/omm.ts), errors naming file, line and column keyword.
 */
import { CsvError, parse } from "csv-parse/sync";
import { InputError } from "../util/input-error.js";
import type { SatelliteElements } from "./elements.js";
import { type OmmParseOptions, ommRecordToElements } from "./omm.js";

interface CsvRow {
  record: Record<string, string>;
  info: { lines: number };
}

/** Parse OMM CSV text (header row of keywords, one element set per row). */
export function parseOmmCsv(text: string, opts: OmmParseOptions): SatelliteElements[] {
  const { file } = opts;
  let rows: CsvRow[];
  try {
    rows = parse(text, {
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim().toUpperCase()),
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as CsvRow[];
  } catch (e) {
    if (e instanceof CsvError) {
      const line = (e as CsvError & { lines?: number }).lines;
      throw new InputError(`not valid CSV: ${e.message}`, line ? { file, line } : { file });
    }
    throw e;
  }
  if (rows.length === 0)
    throw new InputError("no element sets: expected a header row of OMM keywords and one row per object", {
      file,
      line: 1,
    });
  const header = Object.keys(rows[0]!.record);
  if (!header.includes("MEAN_MOTION") || !header.includes("EPOCH"))
    throw new InputError("the header row names no OMM keywords (EPOCH, MEAN_MOTION, ...): is this OMM CSV?", {
      file,
      line: 1,
      value: header.join(","),
    });
  return rows.map((row, k) => {
    // An empty cell is an absent keyword (CelesTrak leaves OBJECT_ID empty for analyst objects).
    const values: Record<string, string> = {};
    for (const [key, v] of Object.entries(row.record)) if (v !== "") values[key] = v;
    return ommRecordToElements(values, opts, k, (key) => ({
      file,
      line: row.info.lines,
      field: header.includes(key) ? `${key} (column ${header.indexOf(key) + 1})` : key,
    }));
  });
}
