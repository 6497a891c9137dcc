/** Checks of catalog input against the limits of util/limits.ts, located in the YAML at fault. */
import { parseIsoUtcMs } from "../util/duration.js";
import { isInputError } from "../util/input-error.js";
import { MAX_GROUND_STATIONS, MAX_SATELLITES } from "../util/limits.js";
import { formatPath, type PathKey, type YamlFile } from "./yaml-file.js";

const LIMIT = { satellites: MAX_SATELLITES, "ground stations": MAX_GROUND_STATIONS } as const;

/** Refuse a constellation of more than the limit, before generating or keeping them. */
export function checkCount(yaml: YamlFile, what: keyof typeof LIMIT, count: number, path: PathKey[]): void {
  if (count > LIMIT[what])
    throw yaml.error(
      `${count.toLocaleString("en-US")} ${what} is above the limit of ${LIMIT[what].toLocaleString("en-US")}`,
      path,
    );
}

/** An epoch as ISO UTC text; dates that do not exist (2026-02-30) are errors, not rolled over. */
export function normaliseEpoch(yaml: YamlFile, text: string, path: PathKey[]): string {
  try {
    return new Date(parseIsoUtcMs(text, formatPath(path))).toISOString();
  } catch (e) {
    if (isInputError(e)) throw yaml.error(`not a valid date/time: ${e.problem}`, path);
    throw e;
  }
}
