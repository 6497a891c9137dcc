/**
 * Catalog benchmark: what reading a real catalog costs before a run starts, on the shared 2023
 * Starlink snapshot (4,428 satellites, ../shared/catalogs): parsing its 3LE text, and the sanity
 * warnings (src/orbit/catalog-warnings.ts) over a 24 h window, against the baseline of one
 * propagation tick of every satellite (the js engine, satellite.js sgp4 per satellite) in the same
 * process. The warnings' decay check is bounded at 25 samples per satellite plus a minute scan for
 * the few that fail, so it should cost ~25 ticks; the ratio shows whether it does.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { catalogWarnings } from "../src/orbit/catalog-warnings.js";
import { ConstellationPropagator } from "../src/orbit/propagate.js";
import { parseTleText } from "../src/orbit/tle.js";
import { formatTable } from "../src/report/table.js";
import { writeFileAtomic } from "../src/util/atomic-write.js";
import type { BenchContext, BenchReport } from "./run.js";

/** Median of `rounds` timings of fn, ms. */
function medianMs(rounds: number, fn: () => void): number {
  const t: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)]!;
}

export async function run(ctx: BenchContext): Promise<BenchReport> {
  const root = dirname(dirname(ctx.resultsDir));
  const file = join(root, "..", "shared", "catalogs", "starlink-2023-07-18.3le");
  if (!existsSync(file)) {
    ctx.log(`catalog: skipped, ${file} (../shared/catalogs) is absent`);
    return { summary: ["skipped: ../shared/catalogs absent"] };
  }
  const text = readFileSync(file, "utf8");
  const opts = { file, shell: "starlink", firstIndex: 0 };
  const sats = parseTleText(text, opts);
  const startUnixMs = Date.UTC(2023, 6, 18);
  const window = { startUnixMs, endUnixMs: startUnixMs + 24 * 3_600_000 };
  const rounds = ctx.quick ? 3 : 9;
  using prop = await ConstellationPropagator.create(sats, { engine: "js" });
  let t = startUnixMs;
  const tickMs = medianMs(rounds * 3, () => {
    prop.at(t);
    t += 1000;
  });
  const parseMs = medianMs(rounds, () => parseTleText(text, opts));
  let warnings = 0;
  const warnMs = medianMs(rounds, () => {
    warnings = catalogWarnings(sats, window).length;
  });
  const rows = [
    { step: "propagation tick (js, baseline)", ms: tickMs, ratio: 1 },
    { step: "parse 3LE", ms: parseMs, ratio: parseMs / tickMs },
    { step: `catalogWarnings 24 h (${warnings} warnings)`, ms: warnMs, ratio: warnMs / tickMs },
  ];
  ctx.log(formatTable(rows));
  const resultFile = join(ctx.resultsDir, "catalog.json");
  writeFileAtomic(resultFile, `${JSON.stringify({ satellites: sats.length, rounds, rows }, null, 2)}\n`);
  return {
    summary: [
      `${sats.length} sats: parse ${parseMs.toFixed(0)} ms (${(parseMs / tickMs).toFixed(1)}x tick), ` +
        `warnings 24 h ${warnMs.toFixed(0)} ms (${(warnMs / tickMs).toFixed(1)}x tick of ${tickMs.toFixed(1)} ms)`,
    ],
    resultFile,
  };
}
