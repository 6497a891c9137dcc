/**
 * The nodes' own state on the metrics endpoint, read at each scrape through the controller's public
 * node states (GetStatus node_states: one GetNodeStates per host), so it works for apps in child
 * host processes (process, pooled) as well as in the launch's own (inproc):
 *
 *   constellate_queue_bytes                      bytes on every node's links (FIFOs and transmissions)
 *   constellate_held_bytes                       bytes held without a route
 *   constellate_app_<name>_total{app,node}       what apps count (ctx.counter)
 *   constellate_app_<name>{app,node}             what apps gauge (ctx.gauge)
 *
 * A fresh registry per scrape: the set of (app, name, node) changes as nodes come and go.
 */
import { Counter, Gauge, Registry } from "prom-client";
import type { NodeState } from "../emu/wire.js";

export function appMetricName(name: string, kind: "counter" | "gauge"): string {
  return kind === "counter" ? `constellate_app_${name}_total` : `constellate_app_${name}`;
}

/**
 * The exposition of these states. `nodeName` labels series by node name (stable across restarts);
 * names in `taken` (metrics registered another way in this process) are left out, so the text
 * stays one valid exposition.
 */
export async function nodeStateExposition(
  states: readonly NodeState[],
  nodeName: (id: number) => string,
  taken: ReadonlySet<string>,
): Promise<string> {
  const registry = new Registry();
  const registers = [registry];
  let queueBytes = 0;
  let heldBytes = 0;
  for (const s of states) {
    queueBytes += s.queueBytes;
    heldBytes += s.heldBytes;
  }
  new Gauge({
    name: "constellate_queue_bytes",
    help: "bytes on the nodes' links (queued, in transmission, committed), summed over the nodes that answered",
    registers,
  }).set(queueBytes);
  new Gauge({
    name: "constellate_held_bytes",
    help: "bytes the nodes hold without a route, summed over the nodes that answered",
    registers,
  }).set(heldBytes);
  const made = new Map<string, Counter<string> | Gauge<string>>();
  for (const s of states)
    for (const v of s.appValues) {
      const full = appMetricName(v.name, v.kind === "counter" ? "counter" : "gauge");
      if (taken.has(full) || !Number.isFinite(v.value)) continue;
      let m = made.get(full);
      if (!m) {
        const opts = {
          name: full,
          help: v.help || `${v.kind} ${v.name} of app ${v.app}`,
          labelNames: ["app", "node"],
          registers,
        };
        m = v.kind === "counter" ? new Counter(opts) : new Gauge(opts);
        made.set(full, m);
      }
      // A counter and a gauge may not share a name: the first kind seen wins, the other is skipped.
      const labels = { app: v.app, node: nodeName(s.node) };
      if (m instanceof Counter) {
        if (v.kind === "counter") m.inc(labels, v.value);
      } else if (v.kind === "gauge") m.set(labels, v.value);
    }
  return registry.metrics();
}
