/**
 * Reading the element file a constellation YAML names (`shells[].elements.file`): a regular file
 * within MAX_ELEMENT_FILE_BYTES (so `/dev/zero` is refused at once), and one that looks like its
 * declared format before any parser sees it. Parsers quote the line they fail on, which is right for
 * a TLE with a typo but wrong for a file that is no element file at all (a YAML can name
 * `/etc/shadow`): such a file is refused without showing any of its content.
 */
import { readTextBounded } from "../util/bounded-read.js";
import { jsonDepthExceeds } from "../util/json-depth.js";
import { MAX_ELEMENT_FILE_BYTES, MAX_JSON_DEPTH } from "../util/limits.js";
import type { PathKey, YamlFile } from "./yaml-file.js";

/** TLE line 1 and line 2 as the format defines them: "1 NNNNNC " and "2 NNNNN " (Alpha-5 allowed). */
const TLE_LINE_1 = /^1 [0-9A-Z][0-9 ]{4}[A-Z ] /m;
const TLE_LINE_2 = /^2 [0-9A-Z][0-9 ]{4} /m;

/** Whether `text` plausibly is a file of `format`; formats this check does not know pass. */
export function looksLikeElements(format: string, text: string): boolean {
  if (format === "tle") return TLE_LINE_1.test(text) && TLE_LINE_2.test(text);
  if (format === "omm") return /^\s*[[{]/.test(text);
  if (format === "omm-xml") return /^\s*</.test(text);
  if (format === "omm-kvn") return /^\s*(CCSDS_OMM_VERS|COMMENT|OBJECT_NAME)\b/m.test(text);
  if (format === "omm-csv") return /^[^\n]*\bNORAD_CAT_ID\b/.test(text.replace(/^\uFEFF/, ""));
  return true;
}

const FORMAT_TEXT: Record<string, string> = {
  tle: "TLE/3LE text (no line starting '1 NNNNNU ' and '2 NNNNN ')",
  omm: "OMM JSON (it does not start with [ or {)",
  "omm-xml": "OMM XML (it does not start with <)",
  "omm-kvn": "OMM KVN (no CCSDS_OMM_VERS, COMMENT or OBJECT_NAME keyword line)",
  "omm-csv": "OMM CSV (its header names no NORAD_CAT_ID column)",
};

/** The element file's text, or an InputError located at `path` in the YAML that names it. */
export function readElementText(yaml: YamlFile, file: string, format: string, path: PathKey[]): string {
  const r = readTextBounded(file, MAX_ELEMENT_FILE_BYTES);
  if (!r.ok) throw yaml.error(`cannot read element file ${file}: ${r.problem}`, path);
  if (!looksLikeElements(format, r.text))
    throw yaml.error(
      `element file ${file} is not ${FORMAT_TEXT[format] ?? format}; its content is not shown`,
      path,
    );
  if (format === "omm" && jsonDepthExceeds(r.text, MAX_JSON_DEPTH))
    throw yaml.error(`element file ${file} nests JSON deeper than ${MAX_JSON_DEPTH} levels`, path);
  return r.text;
}
