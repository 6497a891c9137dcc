/**
 * A node's contact plan (asked over gRPC from the node, answered by the controller's look-ahead on
 * the mesh) against ground passes found independently by src/orbit/passes.ts (elevation-mask root
 * finding on SGP4): every pass appears as a contact whose start and end bracket AOS and LOS to within
 * the plan's sampling resolution. In-process nodes: no child processes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConstellationText } from "../src/config/load.js";
import { type Emulation, startEmulation } from "../src/emu/emulation.js";
import { client, unary } from "../src/emu/grpc-util.js";
import { loadProtos } from "../src/emu/proto-loader.js";
import type { ContactPlan } from "../src/emu/wire.js";
import type { Constellation } from "../src/orbit/constellation.js";
import { findPasses } from "../src/orbit/passes.js";

const YAML = `name: plane10
epoch: "2026-01-01T00:00:00Z"
shells:
  - name: p
    walker: { altitudeKm: 550, inclinationDeg: 53, planes: 1, satsPerPlane: 10, phasing: 0, raanSpreadDeg: 360, eccentricity: 0.0001 }
    isl: { maxRangeKm: 5000 }
groundLinks: { policy: all-visible }
groundStations:
  defaults: { minElevationDeg: 25 }
  stations:
    # Under the plane's ground track in the first hours after the epoch (3 passes in 2.6-3 h).
    - { name: "Ghardaia", latDeg: 30, lonDeg: 0, altM: 0 }
`;

describe("contact plans", () => {
  let c: Constellation;
  let emu: Emulation;

  beforeAll(async () => {
    c = loadConstellationText(YAML, "/tmp/plane10.yaml");
    emu = await startEmulation(c, { isolation: "inproc", speed: 1 });
    await emu.waitAllUp(20_000);
  }, 30_000);

  afterAll(async () => {
    await emu?.stop();
  });

  it("lists a station's passes where the orbit layer finds them", async () => {
    const station = emu.satelliteCount; // Ghardaia
    const horizonMs = 4 * 3_600_000;
    const resolutionMs = 5_000;
    const node = client(loadProtos().Node, emu.nodeAddress(station), emu.auth);
    let plan: ContactPlan;
    try {
      plan = await unary<unknown, ContactPlan>(node, "GetContactPlan", { horizonMs, resolutionMs }, 60_000);
    } finally {
      node.close();
    }
    expect(plan.node).toBe(station);
    const passes = findPasses(c.satellites, c.groundStations[0]!, plan.fromUnixMs, plan.toUnixMs).filter(
      (p) => !p.aosClipped && !p.losClipped,
    );
    expect(passes.length).toBeGreaterThan(0);
    const slack = 200; // findPasses brackets AOS/LOS to +-50 ms; sample instants are exact
    for (const p of passes) {
      const hit = plan.passes.find(
        (k) => k.peer === p.satellite && k.startUnixMs <= p.losUnixMs && k.endUnixMs >= p.aosUnixMs,
      );
      expect(hit, `pass of satellite ${p.satellite} at ${new Date(p.aosUnixMs).toISOString()}`).toBeDefined();
      // First sample in view is at most one resolution after AOS; last one at most one before LOS.
      expect(hit!.startUnixMs).toBeGreaterThanOrEqual(p.aosUnixMs - slack);
      expect(hit!.startUnixMs).toBeLessThanOrEqual(p.aosUnixMs + resolutionMs + slack);
      expect(hit!.endUnixMs).toBeLessThanOrEqual(p.losUnixMs + slack);
      expect(hit!.endUnixMs).toBeGreaterThanOrEqual(p.losUnixMs - resolutionMs - slack);
      expect(hit!.kind).toBe("LINK_KIND_GSL_UP"); // station -> satellite: uplink
    }
    // And nothing more: every contact that is complete inside the window is one of those passes.
    const inside = plan.passes.filter((k) => k.startUnixMs > plan.fromUnixMs && k.endUnixMs < plan.toUnixMs);
    expect(inside.length).toBe(passes.length);
  }, 60_000);
});
