/**
 * relay: store-and-forward on a satellite. Bundles sent to this app are kept onboard until the
 * satellite has its own link to the destination station (`to`), then sent down. On arrival it asks
 * the contact plan when its next pass over `to` begins, so `<run-dir>/apps/relay/relay-<satellite>.csv` shows,
 * per bundle, when it came, when the plan expected the pass and when it actually left.
 *
 *   constellate launch my.yaml --app examples/apps/relay.ts --app-config relay.to=Svalbard \
 *     --app-config relay.nodes=sat-0
 *
 * In your own project import from "constellate".
 */
import { type AppContext, defineApp, type Received, z } from "../../src/index.js";

interface Stored {
  m: Received;
  plannedUnixMs: number | null;
}

interface Row {
  id: string;
  receivedUnixMs: number;
  plannedUnixMs: number | null;
  sentUnixMs: number | null;
}

const options = z.object({
  to: z.string().min(1).describe("station the relayed bundles are for"),
  horizonS: z
    .number()
    .positive()
    .default(6 * 3600)
    .describe("how far ahead to look for a pass, s"),
  resolutionS: z.number().positive().default(10).describe("contact plan sampling step, s"),
});

export default defineApp({
  options,
  nodes: "satellites",
  setup(ctx: AppContext<z.infer<typeof options>>) {
    const to = ctx.peer(ctx.options.to);
    const stored: Stored[] = [];
    const rows = new Map<string, Row>();
    const linked = () => ctx.links().some((l) => l.peer.id === to.id);

    const sendDown = (s: Stored) => {
      const row = rows.get(s.m.id)!;
      row.sentUnixMs = ctx.now();
      ctx
        .send(to.id, {
          payload: s.m.payload,
          sizeBytes: s.m.sizeBytes,
          metadata: { ...s.m.metadata, relayedBy: ctx.node.name },
        })
        .catch((e: Error) => ctx.log.warn({ bundle: s.m.id, reason: e.message }, "relay send failed"));
    };

    ctx.onReceive((m) => {
      const s: Stored = { m, plannedUnixMs: null };
      rows.set(m.id, { id: m.id, receivedUnixMs: m.arrivalUnixMs, plannedUnixMs: null, sentUnixMs: null });
      if (linked()) {
        sendDown(s);
        return;
      }
      stored.push(s);
      ctx
        .contactPlan({ horizonMs: ctx.options.horizonS * 1000, resolutionMs: ctx.options.resolutionS * 1000 })
        .then((plan) => {
          const next = plan.passes.find((p) => p.peer.id === to.id && p.endUnixMs >= m.arrivalUnixMs);
          rows.get(m.id)!.plannedUnixMs = next ? next.startUnixMs : null;
          if (!next)
            ctx.log.warn(
              { bundle: m.id, horizonS: ctx.options.horizonS },
              "no pass over the station in the horizon",
            );
        })
        .catch((e: Error) => ctx.log.warn({ err: e.message }, "contact plan failed"));
    });

    // The link to the station is in this node's table from the step that brings it: send then.
    ctx.onLinkChange((c) => {
      if (stored.length === 0 || !c.up.some((l) => l.peer.id === to.id)) return;
      for (const s of stored.splice(0)) sendDown(s);
    });

    ctx.onStop(() => {
      const lines = [...rows.values()].map(
        (r) => `${r.id},${r.receivedUnixMs},${r.plannedUnixMs ?? ""},${r.sentUnixMs ?? ""}`,
      );
      if (lines.length > 0)
        ctx.writeFile(
          `relay-${ctx.node.name}.csv`,
          `id,receivedUnixMs,plannedUnixMs,sentUnixMs\n${lines.join("\n")}\n`,
        );
    });
  },
});
