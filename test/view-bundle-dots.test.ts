import { describe, expect, it } from "vitest";
import type { BundleInfo, RouteInfo } from "../src/view/protocol.js";
import { bundleOffsetsMs } from "../web/view/bundle-dots.js";

// A 3-hop route 7 -> 2 -> 5 -> 9 with hop delays 10, 20 and 30 ms (one way 60 ms).
const ROUTE: RouteInfo = {
  ok: true,
  reason: "",
  path: [7, 2, 5, 9],
  hopDelayMs: [10, 20, 30],
  oneWayMs: 60,
  tUnixMs: 1_000_000,
};

function bundle(
  id: string,
  source: number,
  destination: number,
  created: number,
  end: number | null,
): BundleInfo {
  return {
    id,
    source,
    destination,
    createdUnixMs: created,
    endUnixMs: end,
    outcome: end === null ? "in-flight" : "delivered",
    reason: "",
  };
}

describe("where the run's bundles are drawn on the route (web/view/bundle-dots.ts)", () => {
  it("places each bundle in flight by its time since creation, and none before or after", () => {
    const bundles = [
      bundle("a", 7, 9, 1_000, 1_065), // forward, created at 1,000, delivered at 1,065
      bundle("b", 9, 7, 1_010, null), // the echo, backward, still in flight
      bundle("c", 7, 9, 1_100, 1_170), // not yet created at 1,025
      bundle("d", 7, 2, 1_000, null), // another pair's bundle: not on this route
    ];
    // At 1,025: a is 25 ms along from 7; b is 15 ms from 9, i.e. 60 - 15 = 45 ms from 7.
    expect(bundleOffsetsMs(bundles, ROUTE, 1_025)).toEqual([25, 45]);
    // At 1,062: a is past the route's 60 ms but not delivered (queued): drawn at 9 (60); b at 60 - 52.
    expect(bundleOffsetsMs(bundles, ROUTE, 1_062)).toEqual([60, 8]);
    // At 1,065 a is delivered: gone; b is 55 ms from 9, 5 ms from 7.
    expect(bundleOffsetsMs(bundles, ROUTE, 1_065)).toEqual([5]);
    // At 1,120: b has waited past the route's 60 ms, drawn at its destination 7 (0); c is 20 ms along.
    expect(bundleOffsetsMs(bundles, ROUTE, 1_120)).toEqual([0, 20]);
  });

  it("draws nothing on a route that does not exist", () => {
    const none: RouteInfo = {
      ...ROUTE,
      ok: false,
      reason: "no route",
      path: [],
      hopDelayMs: [],
      oneWayMs: 0,
    };
    expect(bundleOffsetsMs([bundle("a", 7, 9, 0, null)], none, 10)).toEqual([]);
  });
});
