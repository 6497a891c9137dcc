/**
 * The element-set sanity warnings (src/orbit/catalog-warnings.ts) as every run command shows them:
 * one `warning: ...` line each on stderr, then the count ("3 warnings"), and the list returned so the
 * command puts it in its JSON or summary output. Used by `info`, `latency` and `launch`, so a user
 * sees the same lines whichever command meets the catalog first.
 */
import { type CatalogWarning, catalogWarnings, warningCountLine } from "../orbit/catalog-warnings.js";
import type { Constellation } from "../orbit/constellation.js";
import type { UnixMs } from "../orbit/units.js";

/** Check `c`'s element sets over the run window, print the warnings and their count, return them. */
export function reportCatalogWarnings(
  c: Constellation,
  window: { startUnixMs: UnixMs; endUnixMs: UnixMs },
): CatalogWarning[] {
  const warnings = catalogWarnings(c.satellites, window);
  for (const w of warnings) process.stderr.write(`warning: ${w.message}\n`);
  if (warnings.length > 0) process.stderr.write(`${warningCountLine(warnings.length)}\n`);
  return warnings;
}
