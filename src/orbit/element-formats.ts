/**
 * The element-set formats a shell's `elements: { file, format }` (and `catalog fetch`) read, by name,
 * and the one entry point that dispatches to their readers. Every reader returns the same
 * SatelliteElements and throws InputError naming file, line (or element) and field.
 */
import type { SatelliteElements } from "./elements.js";
import { parseOmmJson } from "./omm.js";
import { parseOmmCsv } from "./omm-csv.js";
import { parseOmmKvn } from "./omm-kvn.js";
import { parseOmmXml } from "./omm-xml.js";
import { parseTleText, type TleParseOptions } from "./tle.js";

/**
 * tle: TLE, 2LE or 3LE text; omm: CCSDS OMM in JSON (CelesTrak/Space-Track); omm-xml: OMM in NDM/XML
 * (CCSDS's normative form); omm-kvn: OMM in keyword = value notation; omm-csv: OMM as CelesTrak's CSV.
 */
export const ELEMENT_FORMATS = ["tle", "omm", "omm-xml", "omm-kvn", "omm-csv"] as const;
export type ElementFormat = (typeof ELEMENT_FORMATS)[number];

export type ElementParseOptions = TleParseOptions;

/** Parse element-set text of a known format. */
export function parseElements(
  text: string,
  format: ElementFormat,
  opts: ElementParseOptions,
): SatelliteElements[] {
  switch (format) {
    case "tle":
      return parseTleText(text, opts);
    case "omm":
      return parseOmmJson(text, opts);
    case "omm-xml":
      return parseOmmXml(text, opts);
    case "omm-kvn":
      return parseOmmKvn(text, opts);
    case "omm-csv":
      return parseOmmCsv(text, opts);
  }
}
