/**
 * A node applies each step's link diffs to the state its link already has (node.ts applyUpdate): no
 * fresh state object per link per step (docs/soak.md, what the pinging host promoted). What must hold
 * is the behaviour: the next bundle on the link uses the new delay and capacity, an empty address in
 * a diff keeps the one the link has, a new address is taken, a route's change applies (and a full
 * table handed out before it is not changed under its holder), and a link that goes down sends its
 * queued bundles back through routing.
 *
 * Hand-computed reference (discrete-event clock, so instants are exact): 1,000-byte bundles on a
 * 1 Mbit/s link serialize in 1000 x 8 / 1e6 s = 8 ms; at 2 Mbit/s in 4 ms. A bundle injected at
 * T + 0 arrives at T + serialization + the link's delay.
 */

import pino from "pino";
import { describe, expect, it } from "vitest";
import { EventScheduler } from "../src/emu/event-scheduler.js";
import { NodeRuntime, type PeerTransport } from "../src/emu/node.js";
import { unixOfRun } from "../src/emu/run-time.js";
import type { BundleEvent, LinkEntry, NodeUpdate, WireBundle } from "../src/emu/wire.js";

const T = 1_000_000;
const PEER = 1;
const SIZE = 1000;

function link(over: Partial<LinkEntry>): LinkEntry {
  return {
    target: PEER,
    up: true,
    delayMs: 5,
    capacityBps: 1e6,
    kind: "LINK_KIND_ISL",
    address: "127.0.0.1:4001",
    ...over,
  };
}

const diff = (links: LinkEntry[], routes: NonNullable<NodeUpdate["diff"]>["routes"] = []): NodeUpdate => ({
  tUnixMs: 0,
  clock: null,
  update: "diff",
  diff: { links, routes },
});

function setup() {
  const sched = new EventScheduler(T);
  const sent: { address: string; arrivalUnixMs: number; id: string }[] = [];
  const transport: PeerTransport = {
    send(address: string, b: WireBundle) {
      // Run-relative on the wire (run-time.ts); the scheduler's epoch is T.
      sent.push({ address, arrivalUnixMs: unixOfRun(T, b.arrivalRunMs), id: b.id });
      return Promise.resolve();
    },
  };
  const events: BundleEvent[] = [];
  const node = new NodeRuntime(0, {
    clock: sched.forNode(0),
    transport,
    emit: (e) => events.push(e),
    wantRoutes: () => {},
    log: pino({ level: "silent" }),
  });
  node.applyUpdate({
    tUnixMs: 0,
    clock: null,
    update: "config",
    config: {
      name: "s0",
      queueLimitBytes: 0,
      leadWallMs: 0,
      satellites: 3,
      stations: 0,
      defaultTtlMs: 0,
      maxPayloadBytes: 0,
      pingSizeBytes: 0,
      stepMs: 0,
      stepOriginUnixMs: 0,
      incarnation: 1,
    },
  });
  node.applyUpdate(
    diff([link({})], [{ destination: PEER, nextHop: PEER, reason: "NO_ROUTE_REASON_UNSPECIFIED" }]),
  );
  const send = async (atMs: number) => {
    node.inject({ destination: PEER, sizeBytes: SIZE, atUnixMs: atMs } as never, {
      ttlMs: 60_000,
      maxPayloadBytes: 0,
    });
    await sched.runUntil(atMs + 1000);
    return sent[sent.length - 1]!;
  };
  return { node, sched, sent, events, send };
}

describe("link diffs applied in place", () => {
  it("the next bundle takes the new delay and capacity; an empty address keeps the link's, a new one is taken", async () => {
    const { node, send } = setup();
    const first = await send(T + 10);
    expect(first.arrivalUnixMs).toBe(T + 10 + 8 + 5);
    expect(first.address).toBe("127.0.0.1:4001");

    node.applyUpdate(diff([link({ delayMs: 7.25 })]));
    const second = await send(T + 2000);
    expect(second.arrivalUnixMs).toBe(T + 2000 + 8 + 7.25);

    node.applyUpdate(diff([link({ delayMs: 3, capacityBps: 2e6, address: "" })]));
    const third = await send(T + 4000);
    expect(third.arrivalUnixMs).toBe(T + 4000 + 4 + 3);
    expect(third.address).toBe("127.0.0.1:4001");

    node.applyUpdate(diff([link({ address: "127.0.0.1:4002" })]));
    const fourth = await send(T + 6000);
    expect(fourth.arrivalUnixMs).toBe(T + 6000 + 8 + 5);
    expect(fourth.address).toBe("127.0.0.1:4002");

    // The table a WatchLinks subscriber gets whole says the same.
    const full = node.fullTable().full!.links;
    expect(full).toEqual([{ ...link({ address: "127.0.0.1:4002" }) }]);
  });

  it("a route's change takes effect for the next bundle, and a full table handed out before it stays as it was", async () => {
    const { node, send } = setup();
    const TWO = 2;
    node.applyUpdate(
      diff(
        [link({}), link({ target: TWO, delayMs: 9, address: "127.0.0.1:4003" })],
        [{ destination: PEER, nextHop: PEER, reason: "NO_ROUTE_REASON_UNSPECIFIED" }],
      ),
    );
    const before = node.fullTable();
    expect((await send(T + 10)).address).toBe("127.0.0.1:4001");
    // Toward PEER via TWO now (a detour the model chose): the next bundle goes to TWO's address.
    node.applyUpdate(diff([], [{ destination: PEER, nextHop: TWO, reason: "NO_ROUTE_REASON_UNSPECIFIED" }]));
    const via = await send(T + 2000);
    expect(via.address).toBe("127.0.0.1:4003");
    expect(via.arrivalUnixMs).toBe(T + 2000 + 8 + 9);
    expect(before.full!.routes).toEqual([
      { destination: PEER, nextHop: PEER, reason: "NO_ROUTE_REASON_UNSPECIFIED" },
    ]);
    expect(node.fullTable().full!.routes).toEqual([
      { destination: PEER, nextHop: TWO, reason: "NO_ROUTE_REASON_UNSPECIFIED" },
    ]);
    // No route now: the next bundle is held, not sent.
    node.applyUpdate(
      diff([], [{ destination: PEER, nextHop: -1, reason: "NO_ROUTE_REASON_MESH_PARTITIONED" }]),
    );
    const sentBefore = (await send(T + 4000)).id;
    expect(sentBefore).toBe(via.id);
    expect(node.status().counters.held).toBe(1);
  });

  it("a link that goes down with bundles queued sends them back through routing (here: held, no link)", async () => {
    const { node, sched, events } = setup();
    // Two back to back: the first in transmission until T + 18, the second waiting behind it.
    for (let k = 0; k < 2; k++)
      node.inject({ destination: PEER, sizeBytes: SIZE, atUnixMs: T + 10 } as never, {
        ttlMs: 50,
        maxPayloadBytes: 0,
      });
    await sched.runUntil(T + 12);
    node.applyUpdate(diff([link({ up: false })]));
    expect(node.links.size).toBe(0);
    // Both held for want of the next hop's link; they expire at their TTL: created T + 10, 50 ms.
    await sched.runUntil(T + 100);
    const dropped = events.filter((e) => e.type === "TYPE_DROPPED");
    expect(dropped.map((e) => [e.tUnixMs, e.reason, e.reasonDetail])).toEqual([
      [T + 60, "DROP_REASON_TTL_EXPIRED", "next-hop-link-down"],
      [T + 60, "DROP_REASON_TTL_EXPIRED", "next-hop-link-down"],
    ]);
    expect(events.filter((e) => e.type === "TYPE_DELIVERED")).toEqual([]);
  });
});
