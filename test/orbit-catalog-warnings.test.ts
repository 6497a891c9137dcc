/**
 * Catalog sanity warnings: every kind, on element sets built here with values computed by hand
 * (Kepler's third law with SGP4's WGS-72 mu = 398,600.8 km^3/s^2 and R = 6,378.135 km), the decay
 * instant against satellite.js's own SGP4 scanned minute by minute, and the real 2023 snapshot.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { json2satrec, sgp4 } from "satellite.js";
import { describe, expect, it } from "vitest";
import { type CatalogWindow, catalogWarnings, EARTH_HILL_SPHERE_KM } from "../src/orbit/catalog-warnings.js";
import { type SatelliteElements, satrecEpochUnixMs } from "../src/orbit/elements.js";
import { parseTleText } from "../src/orbit/tle.js";

const EPOCH = "2023-07-18T00:00:00";
const T0 = Date.UTC(2023, 6, 18);
const H = 3_600_000;
const DAY = 86_400_000;

interface Els {
  meanMotion: number;
  ecc?: number;
  bstar?: number;
  epoch?: string;
  source?: SatelliteElements["source"];
}

/** An element set straight from satellite.js (no reader under test), SGP4 init errors ignored. */
function sat(index: number, e: Els): SatelliteElements {
  const satrec = json2satrec({
    OBJECT_NAME: `T${index}`,
    OBJECT_ID: "2023-001A",
    EPOCH: e.epoch ?? EPOCH,
    MEAN_MOTION: e.meanMotion,
    ECCENTRICITY: e.ecc ?? 0.0001,
    INCLINATION: 53,
    RA_OF_ASC_NODE: 10,
    ARG_OF_PERICENTER: 90,
    MEAN_ANOMALY: 0,
    NORAD_CAT_ID: 70_000 + index,
    ELEMENT_SET_NO: 999,
    BSTAR: e.bstar ?? 0,
    MEAN_MOTION_DOT: 0,
    MEAN_MOTION_DDOT: 0,
  });
  return {
    index,
    name: `T${index}`,
    noradId: 70_000 + index,
    shell: "t",
    plane: -1,
    slot: -1,
    satrec,
    epochUnixMs: satrecEpochUnixMs(satrec),
    source: e.source ?? "omm",
  };
}

const day = { startUnixMs: T0, endUnixMs: T0 + 24 * H };
const kinds = (sats: SatelliteElements[], w: CatalogWindow = day) =>
  catalogWarnings(sats, w).map((x) => [x.index, x.kind]);

describe("catalogWarnings", () => {
  it("a healthy LEO element set (15.06 rev/day, 547 km) gets none", () => {
    expect(catalogWarnings([sat(0, { meanMotion: 15.06399147 })], day)).toEqual([]);
  });

  it("stale-epoch: 8 days before the run start warns (threshold 7), 6.9 days does not; Walker sets never", () => {
    const sats = [
      sat(0, { meanMotion: 15.06, epoch: "2023-07-10T00:00:00" }),
      sat(1, { meanMotion: 15.06, epoch: "2023-07-11T02:24:00" }), // 6.9 days
      sat(2, { meanMotion: 15.06, epoch: "2023-01-01T00:00:00", source: "walker" }),
    ];
    const w = catalogWarnings(sats, day);
    expect(w.map((x) => [x.index, x.kind])).toEqual([[0, "stale-epoch"]]);
    expect(w[0]!.ageDays).toBeCloseTo(8, 9);
    expect(w[0]!.message).toMatch(/T0: .*2023-07-10T00:00:00Z is 8\.0 days before the run start .* 7 days/);
    // The threshold is the window's when given.
    expect(kinds(sats, { ...day, staleAfterDays: 6.5 })).toEqual([
      [0, "stale-epoch"],
      [1, "stale-epoch"],
    ]);
  });

  it("implausible-mean-motion: 16.6 rev/day (a = 6,491.3 km, 113 km up) warns; 16.4 does not", () => {
    const w = catalogWarnings([sat(0, { meanMotion: 16.6 }), sat(1, { meanMotion: 16.4 })], {
      startUnixMs: T0,
      endUnixMs: T0,
    });
    const mm = w.filter((x) => x.kind === "implausible-mean-motion");
    expect(mm.map((x) => x.index)).toEqual([0]);
    expect(mm[0]!.meanMotionRevPerDay).toBeCloseTo(16.6, 9);
    // n = 16.6 rev/day = 1.20718e-3 rad/s; a = (mu / n^2)^(1/3) = 6,491.27 km; e = 1e-4.
    expect(mm[0]!.perigeeAltitudeKm).toBeCloseTo(6491.2736 * (1 - 1e-4) - 6378.135, 2);
    expect(mm[0]!.message).toMatch(
      /16\.60000000 rev\/day: above 16\.5 rev\/day \(a circular orbit 113 km up\)/,
    );
  });

  it("implausible-mean-motion: a perigee inside the Earth (15 rev/day, e = 0.1: a (1 - e) = 6,250.5 km)", () => {
    // a = 6,945.04 km at 15 rev/day; SGP4 itself rejects this (sub-orbital), so it is also 'decayed'.
    const w = catalogWarnings([sat(0, { meanMotion: 15, ecc: 0.1 })], day);
    expect(w.map((x) => x.kind)).toEqual(["implausible-mean-motion", "low-perigee", "decayed"]);
    expect(w[0]!.message).toMatch(/perigee radius a \(1 - e\) = 6251 km is inside the Earth/);
    expect(w[1]!.perigeeAltitudeKm).toBeCloseTo(6250.5319 - 6378.135, 2);
  });

  it("implausible-mean-motion: an orbit larger than the Hill sphere (0.004 rev/day: a = 1.676e6 km)", () => {
    // r_H = 1 au (1 / (3 x 332,946.0487))^(1/3) = 1.49656e6 km.
    expect(EARTH_HILL_SPHERE_KM).toBeCloseTo(1_496_558.5, 0);
    const w = catalogWarnings([sat(0, { meanMotion: 0.004 }), sat(1, { meanMotion: 0.006 })], {
      startUnixMs: T0,
      endUnixMs: T0,
    });
    const mm = w.filter((x) => x.kind === "implausible-mean-motion");
    expect(mm.map((x) => x.index)).toEqual([0]);
    expect(mm[0]!.message).toMatch(/1\.676e\+6 km is beyond the Earth's Hill sphere/);
  });

  it("low-perigee: 15.5 rev/day, e = 0.05 has its perigee at 77.0 km; e = 0.03 (212.9 km) does not", () => {
    // a = 6,794.87 km; 6,794.87 x 0.95 - 6,378.135 = 76.99 km; x 0.97 - 6,378.135 = 212.88 km.
    const w = catalogWarnings(
      [sat(0, { meanMotion: 15.5, ecc: 0.05 }), sat(1, { meanMotion: 15.5, ecc: 0.03 })],
      {
        startUnixMs: T0,
        endUnixMs: T0,
      },
    );
    const low = w.filter((x) => x.kind === "low-perigee");
    expect(low.map((x) => x.index)).toEqual([0]);
    expect(low[0]!.perigeeAltitudeKm).toBeCloseTo(76.99, 1);
    expect(low[0]!.message).toMatch(/perigee 77\.0 km is below 100 km/);
  });

  it("decayed: flagged within a 72 h run at the minute SGP4 first fails; not within 48 h", () => {
    const els = { meanMotion: 16.3, bstar: 0.003 };
    // The reference: satellite.js's SGP4, minute by minute.
    const ref = sat(0, els).satrec;
    let firstFailMin = -1;
    for (let m = 0; m < 72 * 60; m++) {
      sgp4(ref, m);
      if ((ref.error as number) !== 0) {
        firstFailMin = m;
        break;
      }
    }
    expect(firstFailMin).toBeGreaterThan(48 * 60);
    const w72 = catalogWarnings([sat(0, els)], { startUnixMs: T0, endUnixMs: T0 + 72 * H });
    expect(w72.map((x) => x.kind)).toEqual(["decayed"]);
    const atMin = (w72[0]!.decayedAtUnixMs! - T0) / 60_000;
    expect(atMin).toBeGreaterThan(firstFailMin - 1);
    expect(atMin).toBeLessThanOrEqual(firstFailMin + 1);
    expect(w72[0]!.message).toMatch(/T0: SGP4 reports it decayed by 2023-07-20T\d\d:\d\d:\d\dZ/);
    expect(catalogWarnings([sat(0, els)], { startUnixMs: T0, endUnixMs: T0 + 48 * H })).toEqual([]);
  });

  const SNAPSHOT = fileURLToPath(new URL("../../shared/catalogs/starlink-2023-07-18.3le", import.meta.url));
  it.skipIf(!existsSync(SNAPSHOT))(
    "the real 2023-07-18 snapshot: STARLINK-2299 (epoch 23172.81454771) is stale",
    () => {
      const sats = parseTleText(readFileSync(SNAPSHOT, "utf8"), { file: "s", shell: "s", firstIndex: 0 });
      const w = catalogWarnings(sats, { startUnixMs: T0, endUnixMs: T0 + DAY });
      // Day 172.81454771 of 2023 = 21 June 19:32:56; 18 July 00:00 is 26.19 days later.
      const stale = w.filter((x) => x.kind === "stale-epoch");
      expect(stale.map((x) => x.satellite)).toEqual(["STARLINK-2299"]);
      expect(stale[0]!.ageDays).toBeCloseTo(26 + 1 - 0.81454771, 6);
    },
  );
});
