/**
 * The fiber baseline: geodesic distances against GeographicLib's published worked examples, fiber
 * RTT against hand arithmetic, and the crossover fit against a hand-solved line.
 */
import { describe, expect, it } from "vitest";
import { FIBER_GROUP_INDEX_SMF28_1550 } from "../src/mesh/config.js";
import { analyzeCrossover, type CrossoverPair } from "../src/mesh/crossover.js";
import { fiberRttMs, geodesicKm } from "../src/mesh/fiber.js";

describe("geodesic distance (WGS-84)", () => {
  it("JFK (40.6N, 73.8W) to LHR (51.6N, 0.5W) is 5,551,759.400 m (GeographicLib Python docs example)", () => {
    expect(geodesicKm(40.6, -73.8, 51.6, -0.5)).toBeCloseTo(5551.7594, 6);
  });

  it("Wellington (41.32S, 174.81E) to Salamanca (40.96N, 5.50W) is 19,959,679.267 m (GeographicLib docs)", () => {
    expect(geodesicKm(-41.32, 174.81, 40.96, -5.5)).toBeCloseTo(19959.679267, 6);
  });
});

describe("fiber RTT", () => {
  it("uses the SMF-28 group index 1.4682 at 1550 nm (Corning datasheet)", () => {
    expect(FIBER_GROUP_INDEX_SMF28_1550).toBe(1.4682);
  });

  it("JFK-LHR ideal fiber: 2 x 5551.7594 km x 1.4682 / 299,792.458 km/s = 54.37824 ms; stretch 2 doubles it", () => {
    // By hand: 5551.7594 x 1.4682 = 8151.0913; x 2 = 16302.183 km; / 299,792.458 km/s = 0.05437824 s.
    expect(fiberRttMs(5551.7594, 1, 1.4682)).toBeCloseTo(54.37824, 4);
    expect(fiberRttMs(5551.7594, 2, 1.4682)).toBeCloseTo(108.75648, 4);
  });
});

describe("crossover analysis", () => {
  it("satellite RTT 10 ms + 0.005 ms/km crosses ideal fiber (0.0097946 ms/km) at 10 / 0.0047946 = 2,085.6 km", () => {
    // Synthetic pairs exactly on the line; ideal fiber slope 2 x 1.4682 / 299,792.458 km/s = 0.0097946 ms/km.
    const pairs: CrossoverPair[] = [500, 1500, 2500, 4000, 8000, 12000].map((km) => ({
      from: "a",
      to: "b",
      geodesicKm: km,
      fiberRttMs: fiberRttMs(km, 1, 1.4682),
      fiberRealisticRttMs: fiberRttMs(km, 2, 1.4682),
      medianRttMs: 10 + 0.005 * km,
      unreachable: 0,
    }));
    const r = analyzeCrossover(pairs, 1.4682, 2, 1000);
    expect(r.fit?.interceptMs).toBeCloseTo(10, 9);
    expect(r.fit?.slopeMsPerKm).toBeCloseTo(0.005, 12);
    expect(r.crossoverIdealKm).toBeCloseTo(2085.6, 1);
    // Realistic (stretch 2): 10 / (0.0195892 - 0.005) = 685.4 km.
    expect(r.crossoverRealisticKm).toBeCloseTo(685.4, 1);
    // Bins: the 500 km pair (sat 12.5 ms vs fiber 4.9 ms) loses, the 2,500 km one (22.5 vs 24.5) wins.
    expect(r.binCrossoverIdealKm).toBe(2000);
  });
});
