/**
 * The EO power system as a compute budget (src/eo/power-budget.ts), against hand computation:
 * heat-capped duty (eps sigma A T^4 / P) stretching a job, a job that meets the battery reserve in
 * eclipse and finishes on the solar surplus, a sunlit job on surplus alone, radio draws lowering the
 * battery by P x t, FIFO of two requests, a brown-out's deficit time, and the energy identity. Then
 * the shipped orbital-compute scenario: it loads, its radiator caps the H100 at the hand-computed
 * duty, and its dawn-dusk orbit is sunlit for > 95% of 24 h under the project's eclipse model.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConstellation } from "../src/config/load.js";
import type { PowerConfig, ThermalConfig } from "../src/eo/config.js";
import { resolveSatelliteEo } from "../src/eo/config.js";
import { type IlluminationChange, SatellitePowerBudget } from "../src/eo/power-budget.js";
import { findEclipses } from "../src/orbit/eclipse.js";
import { ssoInclinationDeg } from "../src/orbit/walker.js";
import { expectInputError } from "./expect-input-error.js";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const S = (s: number) => T0 + s * 1000;
/** CODATA 2018 Stefan-Boltzmann constant, W m^-2 K^-4 (typed here, not imported from the code under test). */
const SIGMA = 5.670374419e-8;

function power(over: Partial<PowerConfig> = {}): PowerConfig {
  return {
    panelAreaM2: 1,
    panelEfficiency: 0.1, // 1361 W/m^2 x 1 m^2 x 0.1 = 136.1 W in full sun
    batteryWh: 1, // 3600 J
    initialSoc: 1,
    reserveSoc: 0.25,
    busPowerW: 10,
    radioTxW: 10,
    ...over,
  };
}
/** A radiator big enough never to cap anything here: 0.9 sigma 10 m^2 (400 K)^4 = 13 kW. */
const COOL: ThermalConfig = { radiatorAreaM2: 10, emissivity: 0.9, maxTempK: 400 };
const SUNLIT: IlluminationChange[] = [{ tUnixMs: T0, fraction: 1 }];
const ECLIPSE: IlluminationChange[] = [{ tUnixMs: T0, fraction: 0 }];

describe("SatellitePowerBudget", () => {
  it("caps a 700 W job at the radiator's duty and stretches 10 s of work to 10/d s", () => {
    // eps 0.9, A 0.5 m^2, Tmax 300 K: T^4 = 8.1e9 K^4, sigma T^4 = 459.30033 W/m^2,
    // x 0.9 x 0.5 = 206.68515 W rejected at most; d = 206.68515 / 700 = 0.2952645; 10 / d = 33.86794 s.
    const thermal: ThermalConfig = { radiatorAreaM2: 0.5, emissivity: 0.9, maxTempK: 300 };
    const b = new SatellitePowerBudget({ power: power({ panelAreaM2: 10 }), thermal }, SUNLIT, T0);
    const a = b.schedule({ durationS: 10, powerW: 700 }, T0);
    const d = (0.9 * SIGMA * 0.5 * 300 ** 4) / 700;
    expect(d).toBeCloseTo(0.2952645, 6);
    expect(a.startUnixMs).toBe(T0);
    expect((a.endUnixMs - T0) / 1000).toBeCloseTo(33.86794, 4);
    expect(a.energyJ).toBeCloseTo(7000, 9);
    const r = b.report(S(60));
    expect(r.throttledHeatS).toBeCloseTo(33.86794 - 10, 4);
    expect(r.throttledPowerS).toBe(0);
    expect(r.busyS).toBeCloseTo(33.86794, 4);
    // The accelerator's energy is P x work whatever the stretch: 700 W x 10 s.
    expect(r.computeEnergyJ).toBeCloseTo(7000, 3);
  });

  it("a job that meets the reserve in eclipse waits, then finishes on the solar surplus", () => {
    // Battery 3600 J at 50% = 1800 J, reserve 25% = 900 J; eclipse until 60 s, then 136.1 W sun.
    // 0-4.2857 s: full duty, net -(10 + 200) W, 900 J / 210 W = 4.285714 s to the reserve.
    // 4.2857-60 s: no surplus in eclipse, d = 0; the bus drains 10 W x 55.714286 s = 557.143 J -> 342.857 J.
    // From 60 s: below reserve, d = (136.1 - 10) / 200 = 0.6305, net 0; 95.714286 s of work left
    // takes 95.714286 / 0.6305 = 151.80696 s: the job ends at 211.80696 s.
    const illum: IlluminationChange[] = [
      { tUnixMs: T0, fraction: 0 },
      { tUnixMs: S(60), fraction: 1 },
    ];
    const b = new SatellitePowerBudget({ power: power({ initialSoc: 0.5 }), thermal: COOL }, illum, T0);
    const a = b.schedule({ durationS: 100, powerW: 200 }, T0);
    expect(a.startUnixMs).toBe(T0);
    expect((a.endUnixMs - T0) / 1000).toBeCloseTo(211.80696, 4);
    expect(b.socAt(S(900 / 210))).toBeCloseTo(0.25, 6);
    expect(b.socAt(S(60))).toBeCloseTo(342.857143 / 3600, 6);
    // Surplus duty holds the battery where it was.
    expect(b.socAt(S(200))).toBeCloseTo(342.857143 / 3600, 6);
    const r = b.report(S(211.80696));
    expect(r.throttledPowerS).toBeCloseTo(211.80696 - 100, 3);
    expect(r.throttledHeatS).toBe(0);
    expect(r.minSoc).toBeCloseTo(342.857143 / 3600, 6);
    expect(r.powerDeficitS).toBe(0);
  });

  it("a sunlit job at the reserve runs on the surplus alone; one with surplus to spare charges the battery", () => {
    // At the reserve: d = (136.1 - 10) / 200 = 0.6305, so 10 s of work takes 15.86043 s.
    const b = new SatellitePowerBudget({ power: power({ initialSoc: 0.25 }), thermal: COOL }, SUNLIT, T0);
    const a = b.schedule({ durationS: 10, powerW: 200 }, T0);
    expect((a.endUnixMs - T0) / 1000).toBeCloseTo(15.86043, 4);
    expect(b.socAt(a.endUnixMs)).toBeCloseTo(0.25, 6);
    // 100 W fits in the surplus: full duty, and the battery gains (136.1 - 10 - 100) W x 10 s = 261 J.
    const c = new SatellitePowerBudget({ power: power({ initialSoc: 0.25 }), thermal: COOL }, SUNLIT, T0);
    const j = c.schedule({ durationS: 10, powerW: 100 }, T0);
    expect(j.endUnixMs).toBe(S(10));
    expect(c.socAt(S(10))).toBeCloseTo((900 + 261) / 3600, 6);
  });

  it("radio draws lower the battery by P x t and count as radio energy; a later draw does not move an answer", () => {
    // Eclipse, bus 10 W: in 30 s the bus alone takes 300 J; a 20 W radio over [0, 30 s) 600 J more.
    const b = new SatellitePowerBudget({ power: power(), thermal: COOL }, ECLIPSE, T0);
    b.draw(20, T0, S(30), "radio");
    expect(b.socAt(S(30))).toBeCloseTo((3600 - 300 - 600) / 3600, 9);
    const r = b.report(S(30));
    expect(r.radioEnergyJ).toBeCloseTo(600, 9);
    expect(r.busEnergyJ).toBeCloseTo(300, 9);
    // A job asked for at 30 s (the radio is off again): (2700 - 900) J above the reserve last
    // 1800 J / (10 + 100) W = 16.4 s at full duty, more than its 10 s: it ends at 40 s.
    const a = b.schedule({ durationS: 10, powerW: 100 }, S(30));
    expect(a.endUnixMs).toBe(S(40));
    // A draw registered afterwards over the job's time (an unlabelled 50 W heater) leaves the answer
    // as it was, but the battery pays for it: 2700 - (10 + 100 + 50) W x 10 s = 1100 J at 40 s.
    b.draw(50, S(30), S(40), "heater");
    expect(b.socAt(S(40))).toBeCloseTo(1100 / 3600, 9);
    expect(b.report(S(40)).busEnergyJ).toBeCloseTo(300 + 100 + 500, 9);
    // The next request sees the lower battery: 1100 - 900 = 200 J above the reserve at (10 + 100) W
    // lasts 1.818 s, then the eclipse leaves no surplus and the job stalls for good.
    const next = b.schedule({ durationS: 10, powerW: 100 }, S(40));
    expect(next.startUnixMs).toBe(S(40));
    expect(next.endUnixMs).toBe(Number.POSITIVE_INFINITY);
    expect(b.socAt(S(40 + 200 / 110))).toBeCloseTo(0.25, 6);
  });

  it("a draw under jobs already queued counts in the battery, whether it discharges or refills it", () => {
    // 40 jobs of 10 s at 50 W asked for at 0: they run back to back until 400 s at full duty (the
    // battery stays above its reserve). Then a 20 W radio over [5 s, 105 s) is declared.
    // Eclipse, 100 Wh = 360,000 J full: by 400 s the bus takes 10 x 400 = 4,000 J, the jobs
    // 50 x 400 = 20,000 J, the radio 20 x 100 = 2,000 J: 334,000 J left.
    const dark = new SatellitePowerBudget({ power: power({ batteryWh: 100 }), thermal: COOL }, ECLIPSE, T0);
    for (let k = 0; k < 40; k++)
      expect(dark.schedule({ durationS: 10, powerW: 50 }, T0).endUnixMs).toBe(S(10 * (k + 1)));
    dark.draw(20, S(5), S(105), "radio");
    expect(dark.socAt(S(400))).toBeCloseTo(334_000 / 360_000, 9);
    expect(dark.report(S(400)).minSoc).toBeCloseTo(334_000 / 360_000, 9);
    // Sunlit, 10 Wh = 36,000 J full: 136.1 W against 10 + 50 W keeps it full (shunting) until a
    // 200 W draw over [5 s, 105 s): net 136.1 - 260 = -123.9 W for 100 s, 23,610 J at 105 s; then
    // +76.1 W: at 200 s 23,610 + 76.1 x 95 = 30,839.5 J; full again after 12,390 / 76.1 = 162.8 s.
    const sun = new SatellitePowerBudget({ power: power({ batteryWh: 10 }), thermal: COOL }, SUNLIT, T0);
    for (let k = 0; k < 40; k++) sun.schedule({ durationS: 10, powerW: 50 }, T0);
    sun.draw(200, S(5), S(105), "heater");
    expect(sun.socAt(S(105))).toBeCloseTo(23_610 / 36_000, 9);
    expect(sun.socAt(S(200))).toBeCloseTo(30_839.5 / 36_000, 9);
    expect(sun.socAt(S(300))).toBe(1);
    expect(sun.report(S(400)).minSoc).toBeCloseTo(23_610 / 36_000, 9);
  });

  it("serves requests first come, first served: the second starts when the first ends", () => {
    // Heat-capped at d = 0.2952645 (first test): each 10 s job takes 33.86794 s.
    const thermal: ThermalConfig = { radiatorAreaM2: 0.5, emissivity: 0.9, maxTempK: 300 };
    const b = new SatellitePowerBudget({ power: power({ panelAreaM2: 10 }), thermal }, SUNLIT, T0);
    const first = b.schedule({ durationS: 10, powerW: 700 }, T0);
    const second = b.schedule({ durationS: 10, powerW: 700 }, S(1));
    expect(second.startUnixMs).toBe(first.endUnixMs);
    expect((second.endUnixMs - T0) / 1000).toBeCloseTo(2 * 33.86794, 4);
    // A request after the accelerator is free again starts at once.
    const third = b.schedule({ durationS: 1, powerW: 700 }, S(100));
    expect(third.startUnixMs).toBe(S(100));
  });

  it("counts the time an empty battery cannot carry the bus as powerDeficitS", () => {
    // 3600 J at 10 W: empty at 360 s; by 600 s, 240 s of brown-out.
    const b = new SatellitePowerBudget({ power: power({ reserveSoc: 0 }), thermal: COOL }, ECLIPSE, T0);
    const r = b.report(S(600));
    expect(r.powerDeficitS).toBeCloseTo(240, 6);
    expect(r.minSoc).toBe(0);
    expect(r.endSoc).toBe(0);
  });

  it("report energies sum to the battery change (solar - bus - compute - radio)", () => {
    // Sun, penumbra, umbra and sun again; jobs, radio and other draws; the battery fills (shunting).
    const illum: IlluminationChange[] = [
      { tUnixMs: T0, fraction: 1 },
      { tUnixMs: S(300), fraction: 0.4 },
      { tUnixMs: S(320), fraction: 0 },
      { tUnixMs: S(900), fraction: 1 },
    ];
    const cfg = { power: power({ initialSoc: 0.98, batteryWh: 10 }), thermal: COOL };
    const b = new SatellitePowerBudget(cfg, illum, T0);
    for (let k = 0; k < 12; k++) {
      b.schedule({ durationS: 40, powerW: 60 + 10 * k }, S(100 * k));
      b.draw(25, S(100 * k + 50), S(100 * k + 80), "radio");
    }
    b.draw(15, S(500), S(700));
    const r = b.report(S(1500));
    const capJ = 10 * 3600;
    const change = (r.endSoc - 0.98) * capJ;
    expect(r.powerDeficitS).toBe(0);
    expect(r.solarEnergyJ - r.busEnergyJ - r.computeEnergyJ - r.radioEnergyJ).toBeCloseTo(change, 6);
    // Radio: 12 draws x 25 W x 30 s; bus: 10 W x 1500 s + 15 W x 200 s.
    expect(r.radioEnergyJ).toBeCloseTo(12 * 25 * 30, 9);
    expect(r.busEnergyJ).toBeCloseTo(10 * 1500 + 15 * 200, 9);
  });

  it("rejects illumination out of time order or outside [0, 1]", () => {
    const cfg = { power: power(), thermal: COOL };
    expect(
      () =>
        new SatellitePowerBudget(
          cfg,
          [
            { tUnixMs: S(10), fraction: 1 },
            { tUnixMs: S(5), fraction: 0 },
          ],
          T0,
        ),
    ).toThrow(/time order/);
    expect(() => new SatellitePowerBudget(cfg, [{ tUnixMs: T0, fraction: 1.5 }], T0)).toThrow(
      /fraction in \[0, 1\]/,
    );
  });
});

describe("shells[].eo.power.radioTxW", () => {
  it("is read from the YAML section, defaults to the assumed 10 W, and must not be negative", () => {
    expect(resolveSatelliteEo({ power: { radioTxW: 26 } }).power.radioTxW).toBe(26);
    expect(resolveSatelliteEo(undefined).power.radioTxW).toBe(10);
    expect(() => resolveSatelliteEo({ power: { radioTxW: -1 } })).toThrow();
  });

  it("a negative radioTxW in a constellation file is an InputError naming file, line, field and value", () => {
    const dir = mkdtempSync(join(tmpdir(), "constellate-power-"));
    try {
      const text = readFileSync(join(import.meta.dirname, "../constellations/orbital-compute.yaml"), "utf8")
        .replace("radioTxW: 10 ", "radioTxW: -5 ")
        .replace(
          'include: ["ground-stations/',
          `include: ["${join(import.meta.dirname, "../constellations/ground-stations/")}`,
        );
      const lines = text.split("\n");
      const line = lines.findIndex((l) => l.includes("radioTxW: -5")) + 1;
      expect(line).toBeGreaterThan(0);
      const file = join(dir, "bad.yaml");
      writeFileSync(file, text);
      expectInputError(() => loadConstellation(file), "bad.yaml", `:${line}`, "radioTxW", "-5");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("orbital-compute scenario (Starcloud-1-like)", () => {
  const file = join(import.meta.dirname, "../constellations/orbital-compute.yaml");

  it("loads: one satellite at 325 km in a sun-synchronous orbit, H100, EO stations", () => {
    const c = loadConstellation(file);
    expect(c.satellites).toHaveLength(1);
    const w = c.shells[0]!.walker!;
    expect(w.altitudeKm).toBe(325);
    // Hand computation (WGS-72): a = 6378.135 + 325 = 6703.135 km, n = sqrt(398600.8 / a^3) =
    // 1.150409e-3 rad/s; cos i = -(2 pi / (365.2422 x 86400 s)) / (1.5 n J2 (R/a)^2) with
    // J2 = 0.001082616, (R/a)^2 = 0.905381: cos i = -1.991064e-7 / 1.691412e-6 = -0.117716, i = 96.760 deg.
    expect(w.inclinationDeg).toBeCloseTo(96.76, 2);
    expect(w.inclinationDeg).toBeCloseTo(ssoInclinationDeg(325), 2);
    expect(c.groundStations.length).toBeGreaterThan(0);
    const eo = resolveSatelliteEo(c.shells[0]!.settings["eo"]);
    expect(eo.accelerator.name).toBe("h100");
    expect(eo.accelerator.powerW).toBe(700);
    expect(eo.power.radioTxW).toBe(10);
  });

  it("its radiator caps the H100 at the hand-computed duty, 54.5%", () => {
    const c = loadConstellation(file);
    const eo = resolveSatelliteEo(c.shells[0]!.settings["eo"]);
    // eps 0.91, A 0.6 m^2, Tmax 333.15 K (60 C): T^4 = 1.231854e10 K^4, sigma T^4 = 698.507 W/m^2,
    // x 0.91 x 0.6 = 381.385 W rejected; d = 381.385 / 700 = 0.54484: 45.5% of the H100's time is lost.
    expect(eo.thermal).toEqual({ radiatorAreaM2: 0.6, emissivity: 0.91, maxTempK: 333.15 });
    const b = new SatellitePowerBudget(eo, SUNLIT, T0);
    const a = b.schedule({ durationS: 60, powerW: eo.accelerator.powerW }, T0);
    expect(60 / ((a.endUnixMs - a.startUnixMs) / 1000)).toBeCloseTo(0.54484, 4);
    const r = b.report(a.endUnixMs);
    expect(r.throttledHeatS / r.busyS).toBeCloseTo(1 - 0.54484, 4);
    // In full sun the array (1.5 m^2 x 30%: 612.45 W) carries bus, radio and the capped H100: power never binds.
    expect(r.throttledPowerS).toBe(0);
  });

  it("the dawn-dusk orbit is sunlit for more than 95% of 24 h (conical shadow model)", () => {
    const c = loadConstellation(file);
    const from = Date.parse(c.epoch);
    const to = from + 86_400_000;
    const shadowMs = findEclipses(c.satellites[0]!, from, to).reduce(
      (a, e) => a + e.endUnixMs - e.startUnixMs,
      0,
    );
    expect(1 - shadowMs / (to - from)).toBeGreaterThan(0.95);
  });
});
