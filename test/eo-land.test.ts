/**
 * The Natural Earth land mask (src/eo/land.ts) against places whose land or sea is known from
 * geography, the antimeridian and the poles, and the Earth's land fraction.
 */
import { describe, expect, it } from "vitest";
import { loadLandMask, polygonTest, prepareLand, readLandTopology } from "../src/eo/land.js";

/** Park-Miller minimal standard generator: reproducible points without a dependency. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

describe("land mask (Natural Earth 1:50m)", () => {
  const land = loadLandMask("50m");

  it.each([
    ["Paris", 48.8566, 2.3522],
    ["central Sahara (Tassili n'Ajjer, Algeria)", 24.5, 9.5],
    ["Greenland ice sheet near Summit Camp (72.58 N, 38.46 W)", 72.5, -38.5],
    ["Antarctic plateau at 85 S, 0 E", -85, 0],
    ["Antarctic plateau at 85 S, 120 W", -85, -120],
    ["the South Pole", -90, 0],
    ["Irkutsk", 52.29, 104.3],
    // Natural Earth keeps lakes in their own layer (ne_50m_lakes): the land polygons cover them.
    ["Lake Superior (land in ne_50m_land, lakes are a separate layer)", 47.7, -87.5],
    // The 180th meridian crosses Taveuni, Fiji, an island 42 km long from ~16.7 S (its north-east
    // end, west of the meridian) to ~17.05 S (south-west end, east of it): land on both sides.
    ["Taveuni, Fiji, at 179.95 E", -16.92, 179.95],
    ["Taveuni, Fiji, on the antimeridian", -16.85, 180],
    ["Taveuni, Fiji, at 179.95 W", -16.8, -179.95],
    // Chukotka straddles the antimeridian between the Gulf of Anadyr (~65 N) and the Arctic coast (~69 N).
    ["Chukotka at 67 N, 179.9 W", 67, -179.9],
    ["Chukotka at 67 N, 179.9 E", 67, 179.9],
  ])("%s is land", (_name, lat, lon) => {
    expect(land.isLand(lat, lon)).toBe(true);
  });

  it.each([
    ["mid-Pacific on the equator at 150 W", 0, -150],
    ["mid-Atlantic at 30 N, 40 W", 30, -40],
    ["the North Pole (Arctic Ocean)", 90, 0],
    ["the Arctic Ocean at 88 N", 88, 100],
    ["the Tasman Sea", -40, 160],
    ["the Pacific beside the antimeridian at 0 N", 0, 180],
    // Natural Earth's land layer follows the Antarctic grounding line; the ice shelves are a separate
    // layer (ne_50m_antarctic_ice_shelves_polys), so the Ross Ice Shelf (78-85 S, 160 E-150 W) is not land.
    ["the Ross Ice Shelf at 80 S, 170 W", -80, -170],
    // In ne_50m_land the Caspian Sea is a hole in the Eurasian polygon (the data's choice: it is a
    // lake by area, but Natural Earth cuts it from land, as the oceans).
    ["the Caspian Sea at 42 N, 50.5 E", 42, 50.5],
  ])("%s is not land", (_name, lat, lon) => {
    expect(land.isLand(lat, lon)).toBe(false);
  });

  it("takes any longitude (wraps by 360 deg) and refuses non-numbers as not land", () => {
    expect(land.isLand(48.8566, 2.3522 + 360)).toBe(true);
    expect(land.isLand(48.8566, 2.3522 - 720)).toBe(true);
    expect(land.isLand(0, -150 + 360)).toBe(false);
    expect(land.isLand(Number.NaN, 0)).toBe(false);
    expect(land.isLand(-85, Number.NaN)).toBe(false);
    expect(land.isLand(-91, 0)).toBe(false);
  });

  it("is loaded once per process", () => {
    expect(loadLandMask("50m")).toBe(land);
    expect(loadLandMask()).toBe(land);
  });

  it("answers as the plain polygon test does, also on cell borders of its grid", () => {
    // The grid only skips the polygon test where no boundary can be: it must never change an answer.
    const exact = polygonTest(prepareLand(readLandTopology("50m")));
    const rnd = lcg(7);
    let landCount = 0;
    for (let k = 0; k < 6000; k++) {
      const lat = (Math.asin(2 * rnd() - 1) * 180) / Math.PI;
      const lon = 360 * rnd() - 180;
      const want = exact(lat, lon);
      if (want) landCount++;
      expect(land.isLand(lat, lon), `${lat}, ${lon}`).toBe(want);
    }
    expect(landCount).toBeGreaterThan(1000); // the comparison saw both answers
    for (let k = 0; k < 3000; k++) {
      // Points on the 0.25 deg grid lines and corners.
      const lat = Math.round((Math.asin(2 * rnd() - 1) * 180) / Math.PI / 0.25) * 0.25;
      const lon = k % 2 === 0 ? Math.round((360 * rnd() - 180) / 0.25) * 0.25 : 360 * rnd() - 180;
      expect(land.isLand(lat, lon), `${lat}, ${lon}`).toBe(exact(lat, lon));
    }
  });
});

describe("land fraction of the Earth", () => {
  // Land is 148.94 M km^2 of the Earth's 510.072 M km^2, 29.2% (CIA World Factbook, "World:
  // Geography: Area"). Natural Earth's land leaves out the Antarctic ice shelves (~1.5 M km^2, 0.3%)
  // and the Caspian, and keeps other lakes: within 29 +- 1.5%.
  it.each(["110m", "50m"] as const)("at %s, on a uniform area-weighted 1 deg grid, is 29 +- 1.5%", (res) => {
    const land = loadLandMask(res);
    let landW = 0;
    let totalW = 0;
    for (let lat = -89.5; lat < 90; lat += 1) {
      const w = Math.cos((lat * Math.PI) / 180); // cell area is proportional to cos(latitude)
      for (let lon = -179.5; lon < 180; lon += 1) {
        totalW += w;
        if (land.isLand(lat, lon)) landW += w;
      }
    }
    const fraction = landW / totalW;
    expect(fraction).toBeGreaterThan(0.275);
    expect(fraction).toBeLessThan(0.305);
  });
});
