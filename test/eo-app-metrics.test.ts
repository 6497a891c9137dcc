/**
 * The EO onboard app's published values, scraped from the metrics endpoint of its replay at the
 * run's end (the virtual clock paused there): captures against the replay's own per-image record,
 * the radiator duty against the radiator's Stefan-Boltzmann rejection by hand, storage against the
 * bytes the replay reports still on board.
 *
 * orbital-compute.yaml: an H100 (700 W, NVIDIA data sheet) with a 0.6 m^2, emissivity 0.91
 * radiator at most 333.15 K: duty = 0.91 sigma 0.6 333.15^4 / 700 (sigma: CODATA 2018).
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConstellation } from "../src/config/load.js";
import { ONBOARD_APP } from "../src/eo/apps/records.js";
import { replay } from "../src/eo/replay.js";
import { emulationMetrics } from "../src/report/emu-metrics.js";
import { repoRoot } from "./cli-helpers.js";

const SIGMA = 5.670374419e-8; // W m^-2 K^-4, CODATA 2018
const DUTY = (0.91 * SIGMA * 0.6 * 333.15 ** 4) / 700;

function parse(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    expect(m, `exposition line: ${line}`).not.toBeNull();
    out.set(`${m![1]}${m![2] ?? ""}`, Number(m![3]));
  }
  return out;
}

describe("EO onboard app on the metrics endpoint", () => {
  it("publishes captures, storage, battery and radiator duty, scraped at the replay's end", async () => {
    const c = loadConstellation(join(repoRoot, "constellations/orbital-compute.yaml"));
    const start = Date.parse(c.epoch);
    const sat = c.satellites[0]!.name;
    let scraped: Map<string, number> | null = null;
    const out = await replay(c, [], {
      startUnixMs: start,
      durationMs: 90 * 60_000, // the first sunlit land is 63 min in
      seed: 1,
      modes: ["summary"],
      isolation: "inproc",
      survey: true,
      async onEnd(_mode, emu) {
        const m = emulationMetrics(emu);
        try {
          scraped = parse(await m.text());
        } finally {
          m.dispose();
        }
      },
    });
    const r = out.results[0]!;
    expect(scraped).not.toBeNull();
    const m = scraped!;
    const key = (name: string) => `${name}{app="${ONBOARD_APP}",node="${sat}"}`;
    expect(r.imagesCaptured).toBeGreaterThan(10);
    expect(m.get(key("constellate_app_captures_total"))).toBe(r.imagesCaptured);
    expect(m.get(key("constellate_app_radiator_duty_ratio"))).toBeCloseTo(DUTY, 9);
    expect(m.get(key("constellate_app_storage_bytes"))).toBe(r.backlogBytes);
    const soc = m.get(key("constellate_app_battery_soc_ratio"))!;
    expect(soc).toBeGreaterThanOrEqual(0);
    expect(soc).toBeLessThanOrEqual(1);
    expect(m.get(key("constellate_app_products_downlinked_total"))).toBeGreaterThanOrEqual(0);
  }, 240_000);
});
