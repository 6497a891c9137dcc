/**
 * The replay's onboard state machine and event runner on scenarios small enough to work out by hand:
 * one satellite, one station, one target. Expected numbers are computed here from the published
 * sensor figures (Planet Dove: 24.6 x 16.4 km frame, 3.7 m GSD, 4 bands, 12 bit), the Dove X-band
 * rate (220 Mbps), the TX2 latency per tile (44.86 ms, Denby & Lucia ASPLOS 2020), the solar
 * constant (1361 W/m^2) and the Stefan-Boltzmann constant (CODATA 2018), not from the code under test.
 */
import { describe, expect, it } from "vitest";
import { resolveEoSettings, resolveSatelliteEo } from "../src/eo/config.js";
import { equilibriumTempK } from "../src/eo/power.js";
import { type RelayOracle, type ReplayScenario, runReplay, type SunlightChange } from "../src/eo/runner.js";
import type { ResolvedRequest } from "../src/eo/workload.js";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const S = 1000;
const RATE_BPS = 220e6;

/** Bytes of one Dove frame, by hand: (24.6 km x 16.4 km) / (3.7 m)^2 = 29,469,686 px x 4 bands x 12 bit / 8 = 176.8 MB. */
const DOVE_FRAME_BYTES = Math.ceil(((24_600 * 16_400) / (3.7 * 3.7)) * 4 * 1.5);
/** Tiles of 512 x 512 px in one frame: ceil(29,469,686 / 262,144) = 113. */
const DOVE_TILES = Math.ceil((24_600 * 16_400) / (3.7 * 3.7) / (512 * 512));
const TX2_BUSY_S = DOVE_TILES * 0.04486;

function request(id: string, index: number, priority = 3): ResolvedRequest {
  return {
    id,
    index,
    target: { kind: "point", latDeg: 10, lonDeg: 20 },
    priority,
    tag: "shipping",
    startUnixMs: T0,
    endUnixMs: T0 + 3_000 * S,
  };
}

function scenario(over: Partial<ReplayScenario> & { eo?: unknown; sats?: number } = {}): ReplayScenario {
  const eo = resolveSatelliteEo(over.eo ?? { sensor: "dove", accelerator: "jetson-tx2" });
  const n = over.sats ?? 1;
  return {
    startUnixMs: T0,
    durationMs: 6_000 * S,
    satellites: Array.from({ length: n }, (_, i) => ({ name: `sat${i}`, eo })),
    stations: [{ name: "gs", downlinkBps: RATE_BPS }],
    requests: [request("r0", 0)],
    opportunities: [{ tMs: 600 * S, sat: 0, request: 0 }],
    contacts: [{ sat: 0, station: 0, aosMs: 3_000 * S, losMs: 3_600 * S }],
    sunlight: Array.from({ length: n }, () => [] as SunlightChange[]),
    relay: null,
    settings: resolveEoSettings({}),
    seed: 7,
    ...over,
  };
}

describe("raw downlink: time to insight", () => {
  it("is the wait for the first contact plus bytes x 8 / rate", () => {
    expect(DOVE_FRAME_BYTES).toBe(176_818_116);
    const r = runReplay(scenario(), "raw");
    expect(r.imagesCaptured).toBe(1);
    expect(r.bytesCaptured).toBe(DOVE_FRAME_BYTES);
    expect(r.bytesDownlinked).toBe(DOVE_FRAME_BYTES);
    const expected = 3_000 - 600 + (DOVE_FRAME_BYTES * 8) / RATE_BPS; // 2406.4299 s
    expect(r.images[0]!.timeToInsightS).toBeCloseTo(expected, 6);
    expect(r.timeToInsightS.p50).toBeCloseTo(expected, 6);
    expect(r.reductionFactor).toBe(1);
    expect(r.backlogBytes).toBe(0);
    // Utilization: bytes x 8 over 600 s at 220 Mbps.
    expect(r.contactUtilization).toBeCloseTo((DOVE_FRAME_BYTES * 8) / (600 * RATE_BPS), 9);
  });

  it("resumes a transfer cut by loss of signal at the next contact", () => {
    const r = runReplay(
      scenario({
        contacts: [
          { sat: 0, station: 0, aosMs: 1_000 * S, losMs: 1_003 * S },
          { sat: 0, station: 0, aosMs: 5_000 * S, losMs: 5_600 * S },
        ],
      }),
      "raw",
    );
    const sentFirst = (3 * RATE_BPS) / 8; // 82.5 MB in 3 s
    const expected = 5_000 + ((DOVE_FRAME_BYTES - sentFirst) * 8) / RATE_BPS - 600;
    expect(r.images[0]!.timeToInsightS).toBeCloseTo(expected, 6);
  });

  it("keeps an image with no contact as backlog, not lost", () => {
    const r = runReplay(scenario({ contacts: [] }), "raw");
    expect(r.imagesCaptured).toBe(1);
    expect(r.imagesDelivered).toBe(0);
    expect(r.backlogBytes).toBe(DOVE_FRAME_BYTES);
    expect(Number.isNaN(r.timeToInsightS.p50)).toBe(true);
  });
});

describe("power: eclipse with an empty battery", () => {
  it("defers inference until sunlight, and records the time as throttled by power", () => {
    const eo = { sensor: "dove", accelerator: "jetson-tx2", power: { initialSoc: 0 } };
    const sunlight: SunlightChange[][] = [
      [
        { tMs: 0, fraction: 0 },
        { tMs: 1_800 * S, fraction: 1 },
      ],
    ];
    const r = runReplay(
      scenario({ eo, sunlight, opportunities: [{ tMs: 100 * S, sat: 0, request: 0 }] }),
      "summary",
    );
    // Sunlit: 1361 x 0.25 m^2 x 0.30 = 102.1 W, minus 10 W bus: > 11.3 W, so full speed from 1800 s.
    const img = r.images[0]!;
    expect((img.inferredUnixMs - T0) / 1000).toBeCloseTo(1_800 + TX2_BUSY_S, 6);
    expect(r.throttledPowerS).toBeCloseTo(1_800 - 100, 6);
    expect(r.throttledHeatS).toBe(0);
    // The bus itself browned out for the whole eclipse (empty battery, no sun).
    expect(r.powerDeficitS).toBeCloseTo(1_800, 6);
    // Energy: 11.3 W for the busy time.
    expect(r.energyPerImageJ).toBeCloseTo(11.3 * TX2_BUSY_S, 6);
    // The summary goes down at the next contact.
    expect(img.timeToInsightS).toBeGreaterThan(3_000 - 100);
    expect(img.timeToInsightS).toBeLessThan(3_000 - 100 + 0.01);
  });

  it("runs on the battery in eclipse when it is charged", () => {
    const sunlight: SunlightChange[][] = [[{ tMs: 0, fraction: 0 }]];
    const r = runReplay(
      scenario({ sunlight, opportunities: [{ tMs: 100 * S, sat: 0, request: 0 }] }),
      "summary",
    );
    expect((r.images[0]!.inferredUnixMs - T0) / 1000).toBeCloseTo(100 + TX2_BUSY_S, 6);
    expect(r.throttledS).toBe(0);
  });
});

describe("heat: a radiator too small for the accelerator", () => {
  it("throttles inference to the duty the radiator can reject", () => {
    const sigma = 5.670374419e-8;
    const eps = 0.91;
    const area = 0.01;
    const tMax = 353.15;
    // By hand: equilibrium at 11.3 W is (11.3 / (0.91 sigma 0.01))^(1/4) = 384.7 K > 353.15 K.
    const tEq = (11.3 / (eps * sigma * area)) ** 0.25;
    expect(tEq).toBeGreaterThan(384);
    expect(tEq).toBeLessThan(385);
    expect(equilibriumTempK(11.3, eps, area)).toBeCloseTo(tEq, 9);
    // Most it rejects at 353.15 K: eps sigma A T^4 = 8.03 W, so the TX2 may run 8.03 / 11.3 = 71% of the time.
    const duty = (eps * sigma * area * tMax ** 4) / 11.3;
    expect(duty).toBeGreaterThan(0.7);
    expect(duty).toBeLessThan(0.72);
    const eo = {
      sensor: "dove",
      accelerator: "jetson-tx2",
      thermal: { radiatorAreaM2: area, emissivity: eps, maxTempK: tMax },
    };
    const r = runReplay(scenario({ eo }), "summary");
    const wallS = TX2_BUSY_S / duty;
    expect((r.images[0]!.inferredUnixMs - T0) / 1000).toBeCloseTo(600 + wallS, 6);
    expect(r.throttledHeatS).toBeCloseTo(wallS - TX2_BUSY_S, 6);
    expect(r.throttledPowerS).toBe(0);
  });

  it("does not throttle with the default radiator (0.05 m^2 rejects 40 W at 353 K)", () => {
    const r = runReplay(scenario(), "summary");
    expect(r.throttledS).toBe(0);
    expect((r.images[0]!.inferredUnixMs - T0) / 1000).toBeCloseTo(600 + TX2_BUSY_S, 6);
  });
});

describe("storage overflow", () => {
  it("refuses a capture that does not fit, records it, and captures on a later chance", () => {
    // 0.2 GB holds one 176.8 MB frame, not two.
    const eo = { sensor: "dove", storageGB: 0.2 };
    const r = runReplay(
      scenario({
        eo,
        requests: [request("r0", 0), { ...request("r1", 1), endUnixMs: T0 + 5_000 * S }],
        opportunities: [
          { tMs: 100 * S, sat: 0, request: 0 },
          { tMs: 200 * S, sat: 0, request: 1 },
          { tMs: 4_000 * S, sat: 0, request: 1 },
        ],
        contacts: [
          { sat: 0, station: 0, aosMs: 1_000 * S, losMs: 1_600 * S },
          { sat: 0, station: 0, aosMs: 5_000 * S, losMs: 5_600 * S },
        ],
      }),
      "raw",
    );
    expect(r.overflowCount).toBe(1);
    expect(r.overflowBytes).toBe(DOVE_FRAME_BYTES);
    expect(r.imagesCaptured).toBe(2);
    expect(r.images[1]!.captureUnixMs).toBe(T0 + 4_000 * S);
    expect(r.peakStorageBytes).toBe(DOVE_FRAME_BYTES);
    expect(r.imagesDelivered).toBe(2);
  });
});

describe("summary and hybrid over the laser mesh", () => {
  const relay: RelayOracle = {
    findRelay: (_t, _from, candidates) =>
      candidates.includes(1) ? { sat: 1, delayMs: 10, rateBps: 1e9 } : null,
  };
  it("relays a summary to the satellite in contact, which sends it down", () => {
    const r = runReplay(
      scenario({ sats: 2, relay, contacts: [{ sat: 1, station: 0, aosMs: 2_000 * S, losMs: 2_600 * S }] }),
      "summary",
    );
    expect(r.relayedProducts).toBe(1);
    const bytes = r.bytesDownlinked;
    expect(bytes).toBeGreaterThan(100);
    expect(bytes).toBeLessThan(10_000);
    // At AOS of sat 1: laser serialization + 10 ms, then the ground link.
    const expected = 2_000 + (bytes * 8) / 1e9 + 0.01 + (bytes * 8) / RATE_BPS - 600;
    expect(r.images[0]!.timeToInsightS).toBeCloseTo(expected, 6);
    expect(r.reductionFactor).toBeCloseTo(DOVE_FRAME_BYTES / bytes, 6);
  });

  it("hybrid adds chips only for requests at or above the chip priority", () => {
    const hi = runReplay(scenario({ requests: [request("r0", 0, 9)] }), "hybrid");
    const lo = runReplay(scenario({ requests: [request("r0", 0, 1)] }), "hybrid");
    const sum = runReplay(scenario({ requests: [request("r0", 0, 1)] }), "summary");
    expect(lo.bytesDownlinked).toBe(sum.bytesDownlinked);
    // A 256 x 256 px chip of 4 bands x 12 bit is 393,216 bytes.
    const extra = hi.bytesDownlinked - lo.bytesDownlinked;
    expect(extra % 393_216).toBe(0);
  });
});
