/** Bench app (bench/apps.ts): `from` sends `perS` 1,000-byte bundles a second to `to`, which counts them. */
import { defineApp, z } from "../src/index.js";

export default defineApp({
  options: z.object({ from: z.string(), to: z.string(), perS: z.number().positive() }),
  nodes: (o) => [o.from, o.to],
  setup(ctx) {
    if (ctx.node.id === ctx.peer(ctx.options.to).id) {
      let n = 0;
      ctx.onReceive(() => {
        n++;
      });
      ctx.onStop(() => ctx.writeFile("received.txt", `${n}\n`));
      return;
    }
    if (ctx.node.id !== ctx.peer(ctx.options.from).id) return;
    const to = ctx.peer(ctx.options.to).id;
    ctx.every(1000 / ctx.options.perS, (t) => void ctx.send(to, { sizeBytes: 1000, atUnixMs: t }));
  },
});
