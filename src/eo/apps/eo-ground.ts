/**
 * The ground side of the EO replay, on every station node: receives the products the satellites
 * send down (eo-onboard.ts) and records when each arrived. The arrival of an image's insight product
 * (its raw image, or its summary) is the image's time to insight. A product that arrives twice (a
 * transfer cut by a lost link that the emulator re-routed, and the copy the satellite re-sent) counts
 * once; the duplicates are counted apart.
 */
import { z } from "zod";
import { defineApp } from "../../emu/apps/define.js";
import { type ArrivalRecord, GROUND_APP, type GroundRecord, groundFile } from "./records.js";

export default defineApp({
  name: GROUND_APP,
  options: z.object({ tasking: z.string().min(1) }),
  nodes: "stations",
  setup(ctx) {
    const arrivals: ArrivalRecord[] = [];
    const seen = new Set<string>();
    let duplicates = 0;
    ctx.onReceive((m) => {
      const id = m.metadata["p"] ?? m.id;
      if (seen.has(id)) {
        duplicates++;
        return;
      }
      seen.add(id);
      arrivals.push({
        productId: id,
        imageId: m.metadata["img"] ?? "",
        kind: m.metadata["k"] ?? "",
        insight: m.metadata["ins"] === "1",
        bytes: m.sizeBytes,
        sat: Number(m.metadata["sat"] ?? m.from.id),
        arrivalUnixMs: m.arrivalUnixMs,
        hops: m.hops,
      });
    });
    ctx.onStop(() => {
      const rec: GroundRecord = { station: ctx.node.id, arrivals, duplicates };
      ctx.writeFile(groundFile(ctx.node.id), JSON.stringify(rec));
    });
  },
});
