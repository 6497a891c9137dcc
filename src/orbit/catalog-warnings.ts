/**
 * Sanity warnings for element-set catalogs (issue 11): not errors, one line each, counted, and
 * carried in `--format json` by `info` and `catalog`. A real catalog always has some.
 *
 * The kinds: an element set older than a threshold relative to the run's start (`stale-epoch`), a
 * mean motion no real Earth orbit has (`implausible-mean-motion`), a perigee below 100 km
 * (`low-perigee`), and an object SGP4 reports as decayed within the run (`decayed`).
 *
 * This module fixes the interface the catalog and info commands consume; the checks themselves
 * are filled in by the element-formats work of issue 11.
 */
import type { SatelliteElements } from "./elements.js";
import type { UnixMs } from "./units.js";

export type CatalogWarningKind = "stale-epoch" | "implausible-mean-motion" | "low-perigee" | "decayed";

export interface CatalogWarning {
  kind: CatalogWarningKind;
  /** The satellite's name as in its element set. */
  satellite: string;
  /** Index in the constellation's satellite list. */
  index: number;
  /** One line for a person, naming the value and the threshold. */
  message: string;
}

export interface CatalogWindow {
  startUnixMs: UnixMs;
  endUnixMs: UnixMs;
}

export function catalogWarnings(
  _sats: readonly SatelliteElements[],
  _window: CatalogWindow,
): CatalogWarning[] {
  return [];
}
