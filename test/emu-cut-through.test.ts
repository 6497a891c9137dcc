/**
 * Cut-through on a link and at a node, against schedules worked out by hand.
 *
 * LinkQueue: a transmission that ends before the horizon is committed at once (onDeparted runs
 * synchronously, ahead of its virtual instants), back to back with the previous one, or in an idle
 * gap before a later one (counted as a reorder); past the horizon it takes the FIFO timer path; the
 * byte limit counts committed transmissions still in progress.
 *
 * NodeRuntime.receive: a late hop carries its lateness, a hop on time and within the current step
 * is routed at its arrival instant right away, a delivery waits for its instant.
 *
 * Numbers: 8e6 bit/s, so 1000 bytes serialize in 8000 / 8e6 s = 1 ms exactly; 5 ms propagation.
 * Virtual time starts at T0 = 1,000,000 ms (one ulp there is 2^-33 ms; integer and half instants
 * are exact, so expected instants are compared with toBe).
 */
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeBundle } from "../src/emu/bundle.js";
import { VirtualClock, wallNowMs } from "../src/emu/clock.js";
import { LinkQueue, type LinkState } from "../src/emu/link-queue.js";
import { NodeRuntime, type PeerTransport } from "../src/emu/node.js";
import type { BundleEvent, HopRecord, NodeUpdate, WireBundle } from "../src/emu/wire.js";
import { LinkKind } from "../src/mesh/types.js";

const T0 = 1_000_000;
const CAP_BPS = 8e6; // 1000 bytes -> 1 ms
const DELAY_MS = 5;
const SIZE = 1000;
/** A clock reading may round below an instant it has reached by a few ulps of 1e6 (~1e-10 ms). */
const CLOCK_EPS_MS = 1e-6;

function bundle(destination = 2, createdMs = T0): WireBundle {
  // The realtime clock here keeps run epoch 0: run instants are these Unix ones.
  return makeBundle({
    source: 0,
    destination,
    createdUnixMs: createdMs,
    createdRunMs: createdMs,
    sizeBytes: SIZE,
    ttlMs: 60_000,
  });
}

interface Departure {
  bundle: WireBundle;
  hop: HopRecord;
  /** The clock when onDeparted ran. */
  nowMs: number;
}

describe("LinkQueue cut-through", () => {
  let clock: VirtualClock;
  let departures: Departure[];
  let waiters: { n: number; resolve: () => void }[];

  beforeEach(() => {
    clock = new VirtualClock({ virtualEpochUnixMs: T0, wallEpochMonoMs: wallNowMs(), speed: 1 });
    departures = [];
    waiters = [];
  });

  afterEach(() => {
    clock.dispose();
  });

  const state = (): LinkState => ({
    delayMs: DELAY_MS,
    capacityBps: CAP_BPS,
    kind: LinkKind.Isl,
    address: "x",
  });

  function makeLink(horizonMs: () => number, limitBytes = 1_000_000): LinkQueue {
    return new LinkQueue(
      0,
      1,
      state(),
      limitBytes,
      clock,
      (b, hop) => {
        departures.push({ bundle: b, hop, nowMs: clock.now() });
        for (const w of waiters.filter((w) => departures.length >= w.n)) w.resolve();
      },
      horizonMs,
    );
  }

  /** Resolves once `n` departures have been reported. */
  const departuresReach = (n: number) =>
    new Promise<void>((resolve) => {
      if (departures.length >= n) resolve();
      else waiters.push({ n, resolve });
    });

  const far = () => T0 + 1e9;

  it("commits a transmission that ends before the horizon: departs synchronously with its schedule", () => {
    const link = makeLink(far);
    const b = bundle();
    expect(link.enqueue(b, T0 + 10)).toBe(true);
    // No await yet: the departure has already been reported.
    expect(departures).toHaveLength(1);
    expect(departures[0]!.bundle).toBe(b);
    // tx 10 .. 10 + 1 ms; arrival = 11 + 5 ms propagation.
    expect(departures[0]!.hop).toEqual({
      from: 0,
      to: 1,
      linkKind: "LINK_KIND_ISL",
      enqueuedRunMs: T0 + 10,
      txStartRunMs: T0 + 10,
      txEndRunMs: T0 + 11,
      arrivalRunMs: T0 + 16,
      propagationMs: 5,
    });
    // Committed bytes are not FIFO bytes; no timer was armed.
    expect(link.queuedBytes).toBe(0);
    expect(link.length).toBe(0);
    expect(clock.pending).toBe(0);
    expect(link.reorders).toBe(0);
  });

  it("puts a second committed transmission back to back behind the first", () => {
    const link = makeLink(far);
    link.enqueue(bundle(), T0 + 10);
    expect(link.enqueue(bundle(), T0 + 10.5)).toBe(true);
    expect(departures).toHaveLength(2);
    // The link is busy 10 .. 11, so the second starts at 11 (not 10.5), ends 12, arrives 17.
    expect(departures[1]!.hop).toMatchObject({
      enqueuedRunMs: T0 + 10.5,
      txStartRunMs: T0 + 11,
      txEndRunMs: T0 + 12,
      arrivalRunMs: T0 + 17,
    });
    // It came after the first: FIFO order, no reorder.
    expect(link.reorders).toBe(0);
  });

  it("fits an earlier bundle into an idle gap before a committed one (a reorder), and not when it is too long", () => {
    const link = makeLink(far);
    link.enqueue(bundle(), T0 + 20); // tx 20 .. 21
    // Enqueued at 15: 15 + 1 = 16 <= 20, it fits in the idle gap before: tx 15 .. 16.
    expect(link.enqueue(bundle(), T0 + 15)).toBe(true);
    expect(departures[1]!.hop).toMatchObject({
      txStartRunMs: T0 + 15,
      txEndRunMs: T0 + 16,
      arrivalRunMs: T0 + 21,
    });
    expect(link.reorders).toBe(1);
    // Enqueued at 19.5: 19.5 + 1 = 20.5 > 20, it cannot finish before 20; it waits behind: tx 21 .. 22.
    expect(link.enqueue(bundle(), T0 + 19.5)).toBe(true);
    expect(departures[2]!.hop).toMatchObject({
      enqueuedRunMs: T0 + 19.5,
      txStartRunMs: T0 + 21,
      txEndRunMs: T0 + 22,
      arrivalRunMs: T0 + 27,
    });
    expect(link.reorders).toBe(1);
    // Boundary: enqueued at 19, 19 + 1 = 20 ends exactly when the next starts ([start, end) slots): fits.
    expect(link.enqueue(bundle(), T0 + 19)).toBe(true);
    expect(departures[3]!.hop).toMatchObject({ txStartRunMs: T0 + 19, txEndRunMs: T0 + 20 });
    expect(link.reorders).toBe(2);
    // Enqueued at 15.5: busy 15..16, then 16 + 1 = 17 <= 19 fits in the gap 16 .. 19.
    expect(link.enqueue(bundle(), T0 + 15.5)).toBe(true);
    expect(departures[4]!.hop).toMatchObject({ txStartRunMs: T0 + 16, txEndRunMs: T0 + 17 });
    expect(link.reorders).toBe(3);
    expect(departures).toHaveLength(5);
  });

  it("does not commit a transmission that would end at or after the horizon: it departs from the FIFO at its tx end", async () => {
    // Instants a few ms ahead of the clock so the timer fires soon.
    const t = Math.ceil(clock.now()) + 3;
    let horizon = t + 0.5;
    const link = makeLink(() => horizon);
    const b1 = bundle();
    // Would end at t + 1 >= t + 0.5: queued, not committed.
    expect(link.enqueue(b1, t)).toBe(true);
    expect(departures).toHaveLength(0);
    expect(link.length).toBe(1);
    expect(link.queuedBytes).toBe(1000);
    // While that transmission is on its timer, nothing is committed even under a far horizon: the
    // second waits in the FIFO and starts back to back at t + 1.
    horizon = t + 1e9;
    const b2 = bundle();
    expect(link.enqueue(b2, t + 0.25)).toBe(true);
    expect(departures).toHaveLength(0);
    expect(link.length).toBe(2);
    expect(link.queuedBytes).toBe(2000);

    await departuresReach(2);
    expect(departures.map((d) => d.bundle)).toEqual([b1, b2]);
    expect(departures[0]!.hop).toMatchObject({
      enqueuedRunMs: t,
      txStartRunMs: t,
      txEndRunMs: t + 1,
      arrivalRunMs: t + 6,
      propagationMs: 5,
    });
    expect(departures[1]!.hop).toMatchObject({
      enqueuedRunMs: t + 0.25,
      txStartRunMs: t + 1,
      txEndRunMs: t + 2,
      arrivalRunMs: t + 7,
    });
    // Never reported before its tx end.
    expect(departures[0]!.nowMs).toBeGreaterThanOrEqual(t + 1 - CLOCK_EPS_MS);
    expect(departures[1]!.nowMs).toBeGreaterThanOrEqual(t + 2 - CLOCK_EPS_MS);
    expect(link.length).toBe(0);
    expect(link.queuedBytes).toBe(0);

    // The FIFO is idle now; a bundle enqueued at t + 1.5 (inside the FIFO's second transmission,
    // t + 1 .. t + 2) is committed after it, not on top of it: tx t + 2 .. t + 3.
    expect(link.enqueue(bundle(), t + 1.5)).toBe(true);
    expect(departures).toHaveLength(3);
    expect(departures[2]!.hop).toMatchObject({
      txStartRunMs: t + 2,
      txEndRunMs: t + 3,
      arrivalRunMs: t + 8,
    });
    expect(link.reorders).toBe(0);
  });

  it("counts committed transmissions still in progress against the byte limit", () => {
    const link = makeLink(far, 2500);
    expect(link.enqueue(bundle(), T0 + 10)).toBe(true); // tx 10 .. 11
    expect(link.enqueue(bundle(), T0 + 10)).toBe(true); // tx 11 .. 12; at 10: 1000 + 1000 = 2000 <= 2500
    // At 10 both are in progress (they end at 11 and 12): 2000 + 1000 = 3000 > 2500.
    const refused = bundle();
    expect(link.enqueue(refused, T0 + 10)).toBe(false);
    expect(departures).toHaveLength(2);
    expect(departures.some((d) => d.bundle === refused)).toBe(false);
    // At 11 the first has just ended ([10, 11) is over), the second has not: 1000 + 1000 = 2000 <= 2500.
    expect(link.enqueue(bundle(), T0 + 11)).toBe(true);
    expect(departures[2]!.hop).toMatchObject({ txStartRunMs: T0 + 12, txEndRunMs: T0 + 13 });
    // At 13 all three have ended (ends 11, 12, 13 are not > 13): 0 + 1000 <= 2500, and the link is idle.
    expect(link.enqueue(bundle(), T0 + 13)).toBe(true);
    expect(departures[3]!.hop).toMatchObject({
      txStartRunMs: T0 + 13,
      txEndRunMs: T0 + 14,
      arrivalRunMs: T0 + 19,
    });
    expect(link.queuedBytes).toBe(0);
  });
});

describe("NodeRuntime receive: cut-through at a node", () => {
  // Node 0 (a satellite) of 3 satellites + 1 station; an ISL to satellite 1 at "peer-1", and routes
  // to 1 and to the station 2 via 1.
  const ME = 0;
  const PEER = 1;
  const OTHER = 2;
  const STATION = 3;
  const ADDRESS = "peer-1";

  let clock: VirtualClock;
  let node: NodeRuntime;
  let sent: { address: string; bundle: WireBundle; hops: HopRecord[]; nowMs: number }[];
  let events: { ev: BundleEvent; nowMs: number }[];
  let onChange: (() => void) | null;

  beforeEach(() => {
    clock = new VirtualClock({ virtualEpochUnixMs: T0, wallEpochMonoMs: wallNowMs(), speed: 1 });
    sent = [];
    events = [];
    onChange = null;
    const transport: PeerTransport = {
      send: (address, b) => {
        sent.push({ address, bundle: b, hops: b.hops.map((h) => ({ ...h })), nowMs: clock.now() });
        onChange?.();
        return Promise.resolve();
      },
    };
    node = new NodeRuntime(ME, {
      clock,
      transport,
      emit: (ev) => {
        events.push({ ev, nowMs: clock.now() });
        onChange?.();
      },
      wantRoutes: () => {},
      log: pino({ level: "silent" }),
    });
  });

  afterEach(() => {
    node.stop();
    clock.dispose();
  });

  /** The first update: step grid so that the next step starts `toHorizonMs` after now. */
  function start(opts: { leadMs: number; stepMs: number; toHorizonMs: number }): number {
    const now = clock.now();
    const horizon = now + opts.toHorizonMs;
    // The configuration (the first message of a Register stream), then the table as its first diff.
    const config: NodeUpdate = {
      tUnixMs: 0,
      clock: null,
      update: "config",
      config: {
        name: "s0",
        queueLimitBytes: 0,
        leadWallMs: opts.leadMs,
        satellites: 3,
        stations: 1,
        defaultTtlMs: 0,
        maxPayloadBytes: 0,
        pingSizeBytes: 0,
        stepMs: opts.stepMs,
        stepOriginUnixMs: horizon - opts.stepMs,
        incarnation: 0,
      },
    };
    const u: NodeUpdate = {
      tUnixMs: 0,
      clock: null,
      update: "diff",
      diff: {
        links: [
          {
            target: PEER,
            up: true,
            delayMs: DELAY_MS,
            capacityBps: CAP_BPS,
            kind: "LINK_KIND_ISL",
            address: ADDRESS,
          },
        ],
        routes: [
          { destination: PEER, nextHop: PEER, reason: "NO_ROUTE_REASON_UNSPECIFIED" },
          { destination: STATION, nextHop: PEER, reason: "NO_ROUTE_REASON_UNSPECIFIED" },
        ],
      },
    };
    node.applyUpdate(config);
    node.applyUpdate(u);
    return horizon;
  }

  const until = (pred: () => boolean) =>
    new Promise<void>((resolve) => {
      if (pred()) return resolve();
      onChange = () => {
        if (pred()) {
          onChange = null;
          resolve();
        }
      };
    });

  /** A bundle passing through (or to `destination`) that reaches this node at `arrivalMs`. */
  function hopIn(arrivalMs: number, destination = STATION, kind: WireBundle["kind"] = "BUNDLE_KIND_DATA") {
    const b = makeBundle({
      source: STATION,
      destination,
      createdUnixMs: arrivalMs - 50,
      createdRunMs: arrivalMs - 50,
      sizeBytes: SIZE,
      ttlMs: 60_000,
      kind,
    });
    b.arrivalRunMs = arrivalMs;
    return b;
  }

  it("a hop whose bytes came 3 ms late is routed at the instant it was received, and the lateness is counted", async () => {
    // Lead 20 ms > tx 1 + propagation 5: the next hop is handed over at once.
    start({ leadMs: 20, stepMs: 1000, toHorizonMs: 900 });
    const n0 = clock.now();
    const arrivalMs = Math.floor(n0) - 3; // an integer instant at least 3 ms before now
    const b = hopIn(arrivalMs);
    node.receive(b);
    const n1 = clock.now();

    expect(b.hops).toHaveLength(1);
    const hop = b.hops[0]!;
    // Enqueued at the receive instant: after the arrival by the lateness (>= 3 ms), within the call.
    expect(hop.enqueuedRunMs).toBeGreaterThanOrEqual(n0);
    expect(hop.enqueuedRunMs).toBeLessThanOrEqual(n1);
    expect(hop.enqueuedRunMs - arrivalMs).toBeGreaterThanOrEqual(3);
    expect(hop).toMatchObject({ from: ME, to: PEER, linkKind: "LINK_KIND_ISL", propagationMs: 5 });
    expect(hop.txStartRunMs).toBe(hop.enqueuedRunMs);
    expect(hop.txEndRunMs).toBe(hop.enqueuedRunMs + 1);
    expect(hop.arrivalRunMs).toBe(hop.enqueuedRunMs + 1 + 5);
    expect(b.arrivalRunMs).toBe(hop.arrivalRunMs);
    // Sent synchronously: arrival - lead = enqueued - 14 is already past.
    expect(sent).toHaveLength(1);
    expect(sent[0]!.address).toBe(ADDRESS);
    expect(sent[0]!.bundle).toBe(b);

    const c = node.status().counters;
    expect(c.lateArrivals).toBe(1);
    expect(c.maxArrivalLateMs).toBeGreaterThanOrEqual(3);
    expect(c.maxArrivalLateMs).toBe(hop.enqueuedRunMs - arrivalMs);
    expect(c.received).toBe(1);
    await Promise.resolve();
    expect(node.status().counters.forwarded).toBe(1);
    expect(node.status().counters.inFlight).toBe(0);
  });

  it("a hop due a few ms from now, within this step, departs now with its hop enqueued exactly at its arrival", async () => {
    start({ leadMs: 20, stepMs: 1000, toHorizonMs: 900 });
    // Due 5 ms from now; at the peer 1 + 5 ms later, handed over 20 ms (lead) before that, i.e.
    // 9 ms before now: at once.
    const arrivalMs = Math.ceil(clock.now()) + 5;
    const b = hopIn(arrivalMs);
    node.receive(b);
    // No timer was waited on: it has been routed, serialized and handed over within receive().
    expect(sent).toHaveLength(1);
    expect(sent[0]!.address).toBe(ADDRESS);
    expect(sent[0]!.bundle).toBe(b);
    // Enqueued at arrivalMs, tx arrivalMs .. +1, arrival at the peer +1 +5.
    expect(sent[0]!.hops).toEqual([
      {
        from: ME,
        to: PEER,
        linkKind: "LINK_KIND_ISL",
        enqueuedRunMs: arrivalMs,
        txStartRunMs: arrivalMs,
        txEndRunMs: arrivalMs + 1,
        arrivalRunMs: arrivalMs + 6,
        propagationMs: 5,
      },
    ]);
    expect(b.arrivalRunMs).toBe(arrivalMs + 6);
    const c = node.status().counters;
    expect(c.lateArrivals).toBe(0);
    expect(c.received).toBe(1);
    await Promise.resolve();
    expect(node.status().counters.forwarded).toBe(1);
    expect(node.status().counters.inFlight).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it("with a short lead the cut-through hop is handed over lead ms before its arrival at the peer, not earlier", async () => {
    // Lead 2: arrival at the peer = a + 6, handed over at a + 4 (virtual).
    start({ leadMs: 2, stepMs: 1000, toHorizonMs: 900 });
    const a = Math.ceil(clock.now()) + 5;
    const b = hopIn(a);
    node.receive(b);
    // Routed and scheduled already (the hop is recorded), not sent yet.
    expect(b.hops.map((h) => h.enqueuedRunMs)).toEqual([a]);
    expect(sent).toHaveLength(0);
    await until(() => sent.length === 1);
    expect(sent[0]!.hops[0]!.arrivalRunMs).toBe(a + 6);
    expect(sent[0]!.nowMs).toBeGreaterThanOrEqual(a + 4 - CLOCK_EPS_MS);
  });

  it("a hop due in the next topology step is not routed ahead: it waits for its instant", async () => {
    // The step ends 30 ms from now; the hop is due 2 ms after that, so the table it must be routed
    // with is not known yet.
    const horizon = start({ leadMs: 20, stepMs: 100, toHorizonMs: 30 });
    const a = Math.ceil(horizon) + 2;
    const b = hopIn(a);
    node.receive(b);
    expect(b.hops).toHaveLength(0);
    expect(sent).toHaveLength(0);
    // Held for its instant, not queued on a link yet.
    expect(node.status().counters).toMatchObject({ inFlight: 1, queued: 0 });
    // The next step's table arrives before the hop is due: a new ISL to satellite 2 (3 ms) and the
    // route to the station moved to it. The hop must take that route.
    node.applyUpdate({
      tUnixMs: 0,
      clock: null,
      update: "diff",
      diff: {
        links: [
          {
            target: OTHER,
            up: true,
            delayMs: 3,
            capacityBps: CAP_BPS,
            kind: "LINK_KIND_ISL",
            address: "peer-2",
          },
        ],
        routes: [{ destination: STATION, nextHop: OTHER, reason: "NO_ROUTE_REASON_UNSPECIFIED" }],
      },
    });
    await until(() => sent.length === 1);
    expect(sent[0]!.address).toBe("peer-2");
    // Routed at its instant (not at the late timer's now): enqueued exactly at a; tx a .. a + 1,
    // then 3 ms to satellite 2.
    expect(sent[0]!.hops).toEqual([
      {
        from: ME,
        to: OTHER,
        linkKind: "LINK_KIND_ISL",
        enqueuedRunMs: a,
        txStartRunMs: a,
        txEndRunMs: a + 1,
        arrivalRunMs: a + 4,
        propagationMs: 3,
      },
    ]);
    expect(sent[0]!.nowMs).toBeGreaterThanOrEqual(a - CLOCK_EPS_MS);
  });

  it("a bundle for this node is delivered only at its arrival instant, with tUnixMs = arrivalRunMs", async () => {
    start({ leadMs: 20, stepMs: 1000, toHorizonMs: 900 });
    const a = Math.ceil(clock.now()) + 5;
    const b = hopIn(a, ME);
    node.receive(b);
    expect(events).toHaveLength(0);
    expect(node.status().counters.inFlight).toBe(1);
    await until(() => events.length === 1);
    expect(events[0]!.ev).toMatchObject({ type: "TYPE_DELIVERED", id: b.id, node: ME, tUnixMs: a });
    expect(events[0]!.nowMs).toBeGreaterThanOrEqual(a - CLOCK_EPS_MS);
    expect(sent).toHaveLength(0);
    const c = node.status().counters;
    expect(c.delivered).toBe(1);
    expect(c.inFlight).toBe(0);
    expect(c.lateArrivals).toBe(0);
  });

  it("an echo request for this node is answered ahead, at its arrival instant: reply created then and sent on", () => {
    start({ leadMs: 20, stepMs: 1000, toHorizonMs: 900 });
    // Due 5 ms from now; the reply reaches the peer at a + 6, handed over at a + 6 - 20 (past).
    const a = Math.ceil(clock.now()) + 5;
    const req = hopIn(a, ME, "BUNDLE_KIND_ECHO_REQUEST");
    node.receive(req);
    // Synchronously: delivered at a, the reply created at a and routed toward the station via 1.
    expect(events.map((e) => [e.ev.type, e.ev.tUnixMs])).toEqual([
      ["TYPE_DELIVERED", a],
      ["TYPE_CREATED", a],
    ]);
    expect(sent).toHaveLength(1);
    const reply = sent[0]!.bundle;
    expect(reply.kind).toBe("BUNDLE_KIND_ECHO_REPLY");
    expect(reply.replyTo).toBe(req.id);
    expect(reply.destination).toBe(STATION);
    expect(sent[0]!.hops).toEqual([
      {
        from: ME,
        to: PEER,
        linkKind: "LINK_KIND_ISL",
        enqueuedRunMs: a,
        txStartRunMs: a,
        txEndRunMs: a + 1,
        arrivalRunMs: a + 6,
        propagationMs: 5,
      },
    ]);
  });
});
