/**
 * Input from the wire is bounded (src/util/limits.ts, src/emu/wire-limits.ts): a node refuses an
 * Inject of a 1e15-byte bundle, an instant in year 275760 (the last day a JavaScript Date holds,
 * 8.64e15 ms), a lifetime beyond a year, NaN, or a hop from a peer carrying them, with gRPC
 * INVALID_ARGUMENT naming the field and the value, and creates nothing. Reasons nodes report become
 * counts keyed safely: `constructor`, `__proto__` and `toString` are reasons like any other.
 */
import type * as grpc from "@grpc/grpc-js";
import { status as grpcStatus } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulation, startEmulationOn } from "../src/emu/emulation.js";
import { client, unary } from "../src/emu/grpc-util.js";
import { loadProtos } from "../src/emu/proto-loader.js";
import { StaticTopologyProvider, snapshotFromLinks } from "../src/emu/topology-provider.js";
import type { BundleEvent, InjectRequest } from "../src/emu/wire.js";
import type { WireDropReason } from "../src/emu/wire-enums.js";

const START_MS = Date.parse("2026-01-01T00:00:00Z");
/** new Date(8.64e15) is +275760-09-13T00:00:00.000Z, the largest instant ECMA-262 allows (21.4.1.1). */
const YEAR_275760_MS = 8.64e15;

async function refusal(p: Promise<unknown>, what = ""): Promise<grpc.ServiceError> {
  try {
    await p;
  } catch (e) {
    return e as grpc.ServiceError;
  }
  throw new Error(`accepted, expected INVALID_ARGUMENT: ${what}`);
}

describe("limits on wire input", () => {
  let emu: Emulation;
  let node0: grpc.Client;

  beforeAll(async () => {
    // Two satellites 1 ms apart, 1 Gbps: enough to originate and move bundles.
    const links = [
      { from: 0, to: 1, delayMs: 1, capacityBps: 1e9 },
      { from: 1, to: 0, delayMs: 1, capacityBps: 1e9 },
    ];
    const provider = new StaticTopologyProvider(snapshotFromLinks(2, 0, links), ["a", "b"]);
    emu = await startEmulationOn(provider, { isolation: "inproc", clock: "realtime", startMs: START_MS });
    await emu.waitAllUp(30_000);
    emu.resume();
    node0 = client(loadProtos().Node, emu.nodeAddress(0), emu.auth);
  }, 60_000);

  afterAll(async () => {
    node0?.close();
    await emu?.stop();
  });

  const inject = (r: Partial<InjectRequest>) =>
    unary<InjectRequest, { id: string }>(node0, "Inject", { destination: 1, sizeBytes: 64, ...r });

  it("refuses a 1e15-byte bundle with INVALID_ARGUMENT naming the field and the value", async () => {
    const e = await refusal(inject({ sizeBytes: 1e15 }));
    expect(e.code).toBe(grpcStatus.INVALID_ARGUMENT);
    expect(e.details).toContain("sizeBytes");
    expect(e.details).toContain("1000000000000000");
  });

  it("refuses instants in year 275760, lifetimes beyond a year, negative sizes and NaN", async () => {
    for (const [r, field] of [
      [{ atUnixMs: YEAR_275760_MS }, "atUnixMs"],
      [{ atUnixMs: -1e15 }, "atUnixMs"], // year -29719
      [{ ttlMs: 1e300 }, "ttlMs"],
      [{ ttlMs: 366 * 86_400_000 + 1 }, "ttlMs"],
      [{ sizeBytes: -1 }, "sizeBytes"],
      [{ sizeBytes: Number.NaN }, "sizeBytes"],
    ] as const) {
      const e = await refusal(inject(r), JSON.stringify(r));
      expect(e.code, JSON.stringify(r)).toBe(grpcStatus.INVALID_ARGUMENT);
      expect(e.details).toContain(field);
    }
    for (const r of [{ timeoutMs: 1e300 }, { sizeBytes: 1e15 }]) {
      const e = await refusal(unary(node0, "Ping", { destination: 1, ...r }));
      expect(e.code, JSON.stringify(r)).toBe(grpcStatus.INVALID_ARGUMENT);
      const e2 = await refusal(unary(node0, "StartPing", { destination: 1, ...r }));
      expect(e2.code).toBe(grpcStatus.INVALID_ARGUMENT);
    }
  });

  it("refuses a whole InjectMany with one bad request, and creates nothing", async () => {
    await new Promise((r) => setTimeout(r, 300)); // events reach the controller in batches
    const before = emu.controller.currentTotals().created;
    const e = await refusal(
      unary(node0, "InjectMany", {
        requests: [
          { destination: 1, sizeBytes: 64 },
          { destination: 1, sizeBytes: 64, atUnixMs: YEAR_275760_MS },
        ],
      }),
    );
    expect(e.code).toBe(grpcStatus.INVALID_ARGUMENT);
    expect(e.details).toContain("requests[1].atUnixMs");
    await new Promise((r) => setTimeout(r, 300));
    expect(emu.controller.currentTotals().created).toBe(before);
  });

  it("refuses a hop from a peer whose bundle is out of bounds (Deliver)", async () => {
    const bundle = {
      id: "x-1",
      source: 0,
      destination: 1,
      createdUnixMs: YEAR_275760_MS,
      sizeBytes: 64,
      payload: Buffer.alloc(0),
      ttlMs: 1000,
      kind: "BUNDLE_KIND_DATA",
      via: "VIA_SPACE",
      metadata: {},
      hops: [],
      replyTo: "",
      arrivalRunMs: 0,
    };
    const node1 = client(loadProtos().Node, emu.nodeAddress(1), emu.auth);
    try {
      const e = await refusal(unary(node1, "Deliver", bundle));
      expect(e.code).toBe(grpcStatus.INVALID_ARGUMENT);
      expect(e.details).toContain("createdUnixMs");
      const e2 = await refusal(
        unary(node1, "Deliver", {
          ...bundle,
          createdUnixMs: START_MS,
          sizeBytes: 1e15,
        }),
      );
      expect(e2.details).toContain("sizeBytes");
      // The arrival instant is run-relative (ms since the run's epoch): a span of 275,760 years is not one.
      const e3 = await refusal(
        unary(node1, "Deliver", { ...bundle, createdUnixMs: START_MS, arrivalRunMs: YEAR_275760_MS }),
      );
      expect(e3.code).toBe(grpcStatus.INVALID_ARGUMENT);
      expect(e3.details).toContain("arrivalRunMs");
    } finally {
      node1.close();
    }
  });

  it("still takes what is within bounds: a 1 GB bundle due in an hour", async () => {
    const { id } = await inject({ sizeBytes: 1e9, atUnixMs: START_MS + 3_600_000, ttlMs: 7_200_000 });
    expect(id).not.toBe("");
  });

  it("counts drops by their reason, whatever their detail says (constructor, __proto__, toString)", () => {
    // Since wire v2 a peer sends the reason as an enum: only the project's own reason names become
    // keys of droppedByReason; the free-text detail (here prototype names) never does.
    const ev = (reason: WireDropReason, detail: string): BundleEvent => ({
      type: "TYPE_DROPPED",
      id: `r-${detail}`,
      node: 0,
      tUnixMs: START_MS,
      source: 0,
      destination: 1,
      createdUnixMs: START_MS,
      sizeBytes: 1,
      reason,
      reasonDetail: detail,
      hops: 0,
      kind: "BUNDLE_KIND_DATA",
      metadata: {},
    });
    const before = emu.controller.currentTotals();
    emu.controller.recordEvents([
      ev("DROP_REASON_TTL_EXPIRED", "constructor"),
      ev("DROP_REASON_TTL_EXPIRED", "__proto__"),
      ev("DROP_REASON_QUEUE_FULL", "toString"),
    ]);
    const t = emu.controller.currentTotals();
    expect(t.dropped - before.dropped).toBe(3);
    const delta = (k: string) => (t.droppedByReason[k] ?? 0) - (before.droppedByReason[k] ?? 0);
    expect([delta("ttl-expired"), delta("queue-full")]).toEqual([2, 1]);
    for (const k of ["constructor", "__proto__", "toString"])
      expect(Object.getOwnPropertyDescriptor(t.droppedByReason, k)).toBeUndefined();
    // The summary and metrics.ndjson are JSON of these totals: the counts survive the round trip.
    const back = JSON.parse(JSON.stringify(t)) as { droppedByReason: Record<string, unknown> };
    expect(back.droppedByReason["ttl-expired"]).toBe(t.droppedByReason["ttl-expired"]);
  });
});
