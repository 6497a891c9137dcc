/**
 * ping: a ground station pings a peer station every `everyS` virtual seconds over the mesh, and
 * writes `<run-dir>/apps/ping/pings.csv`: sentUnixMs, rttMs (empty when no answer came), and
 * modelRttMs, the model's round trip at the send instant (the controller's ModelRoute there and
 * back: propagation only, so rttMs - modelRttMs is serialization plus queueing).
 *
 *   constellate launch constellations/starlink-shell1.yaml --duration 2m \
 *     --app examples/apps/ping.ts --app-config ping.from=London --app-config ping.to=New-York
 *
 * It runs on both stations: `from` sends, `to` echoes. In your own project import from "constellate".
 */
import { defineApp, z } from "../../src/index.js";

interface Row {
  sentUnixMs: number;
  rttMs: number | null;
  modelRttMs: number | null;
}

/** Echo bundles are this big, bytes (the size `constellate ping` uses). */
const PING_BYTES = 64;

export default defineApp({
  options: z.object({
    from: z.string().min(1).describe("station that sends the pings"),
    to: z.string().min(1).describe("station that echoes them"),
    everyS: z.number().positive().default(10).describe("virtual seconds between pings"),
  }),
  nodes: (o) => [o.from, o.to],
  setup(ctx) {
    const { from, to, everyS } = ctx.options;
    const me = ctx.node;
    if (me.id === ctx.peer(to).id) {
      // The echo side: answer each ping at the instant it arrives.
      ctx.onReceive((m) => {
        const seq = m.metadata.ping;
        // Created at the arrival instant, as the node's own echo is (even if this callback ran late).
        const pong = { sizeBytes: m.sizeBytes, metadata: { pong: seq ?? "" }, atUnixMs: m.arrivalUnixMs };
        if (seq !== undefined) void ctx.send(m.from.id, pong);
      });
      return;
    }
    if (me.id !== ctx.peer(from).id) return;
    const peer = ctx.peer(to);
    const rows: Row[] = [];
    ctx.every(everyS * 1000, (t) => {
      const row: Row = { sentUnixMs: t, rttMs: null, modelRttMs: null };
      rows.push(row);
      // At the tick's instant t, even when a busy realtime host ran this callback a little late.
      const ping = { sizeBytes: PING_BYTES, metadata: { ping: String(rows.length - 1) }, atUnixMs: t };
      ctx.send(peer.id, ping).catch((e: Error) => {
        ctx.log.warn({ sentUnixMs: t, reason: e.message }, "ping not sent");
      });
      // Asked right after the send, within the same topology step.
      Promise.all([ctx.modelRoute(peer.id), ctx.modelRoute(me.id, "space", peer.id)]).then(
        ([there, back]) => {
          if (there.ok && back.ok) row.modelRttMs = there.oneWayMs + back.oneWayMs;
        },
        (e: Error) => ctx.log.warn({ err: e.message }, "model route failed"),
      );
    });
    ctx.onReceive((m) => {
      const row = rows[Number(m.metadata.pong)];
      if (row && row.rttMs === null) row.rttMs = m.arrivalUnixMs - row.sentUnixMs;
    });
    ctx.onStop(() => {
      const lines = rows.map((r) => `${r.sentUnixMs},${r.rttMs ?? ""},${r.modelRttMs ?? ""}`);
      ctx.writeFile("pings.csv", `sentUnixMs,rttMs,modelRttMs\n${lines.map((l) => `${l}\n`).join("")}`);
    });
  },
});
