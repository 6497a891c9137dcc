/**
 * Prometheus metrics of a running emulation, read through its public API (`Emulation`: the
 * controller's status and totals, its metrics and bundle-event streams), so the same names work for
 * `launch --metrics` and for anyone embedding the emulator. Values are read at scrape time; only the
 * bytes in the network and the last step's lag are tallied from the streams as they happen.
 *
 * What exists today and is exported (names in docs/metrics.md): nodes and nodes up, bundles by
 * outcome and drops by reason, bundles and bytes in the network, topology steps, step compute time
 * (last and mean), links, virtual time, clock speed, and the step lag (how far behind its virtual
 * instant the last reported topology step ran). The nodes' queue bytes and what their apps publish
 * (ctx.counter, ctx.gauge) come from the controller's node states, one call per host per scrape
 * (node-state-metrics.ts); counters registered in this process from src/report/app-metrics.ts.
 */
import { Counter, Gauge, Registry } from "prom-client";
import type { Subscription } from "rxjs";
import type { Emulation } from "../emu/emulation.js";
import type { EmulationStatus } from "../emu/wire.js";
import { appRegistry } from "./app-metrics.js";
import { nodeStateExposition } from "./node-state-metrics.js";

export interface EmulationMetrics {
  readonly registry: Registry;
  /** The exposition text: the emulation's metrics, then the apps'. */
  text(): Promise<string>;
  readonly contentType: string;
  /** Stop listening to the emulation's streams. */
  dispose(): void;
}

const MS_PER_S = 1000;

export function emulationMetrics(emu: Emulation): EmulationMetrics {
  const registry = new Registry();
  const ctl = emu.controller;
  // One status per scrape: every collect below reads the same one (status() walks all nodes).
  let cached: EmulationStatus | null = null;
  let cachedAt = Number.NEGATIVE_INFINITY;
  const status = (): EmulationStatus => {
    const now = performance.now();
    if (!cached || now - cachedAt > 50) {
      cached = ctl.status();
      cachedAt = now;
    }
    return cached;
  };
  const registers = [registry];

  new Gauge({
    name: "constellate_nodes",
    help: "nodes of the emulation by kind",
    labelNames: ["kind"],
    registers,
    collect() {
      const s = status();
      this.set({ kind: "satellite" }, s.satellites);
      this.set({ kind: "station" }, s.stations);
    },
  });
  new Gauge({
    name: "constellate_nodes_up",
    help: "nodes registered with the controller and up",
    registers,
    collect() {
      this.set(status().nodesUp);
    },
  });
  // Counters mirror the controller's totals (which only grow): reset and set at each scrape.
  new Counter({
    name: "constellate_bundles_total",
    help: "bundles by outcome: created at a source, delivered at the destination, dropped on the way",
    labelNames: ["outcome"],
    registers,
    collect() {
      const t = status().totals;
      this.reset();
      this.inc({ outcome: "created" }, t.created);
      this.inc({ outcome: "delivered" }, t.delivered);
      this.inc({ outcome: "dropped" }, t.dropped);
    },
  });
  new Counter({
    name: "constellate_bundles_dropped_total",
    help: "dropped bundles by reason (ttl-expired, queue-full, node-stopped, lost-with-node, no-such-destination, malformed)",
    labelNames: ["reason"],
    registers,
    collect() {
      this.reset();
      for (const [reason, n] of Object.entries(status().totals.droppedByReason)) this.inc({ reason }, n);
    },
  });
  new Gauge({
    name: "constellate_bundles_in_network",
    help: "bundles created and neither delivered nor dropped yet (queued, held or on a link)",
    registers,
    collect() {
      this.set(status().totals.queued);
    },
  });
  let bytesInNetwork = 0;
  new Gauge({
    name: "constellate_bundle_bytes_in_network",
    help: "bytes of the bundles created and neither delivered nor dropped since the endpoint started",
    registers,
    collect() {
      this.set(bytesInNetwork);
    },
  });
  new Counter({
    name: "constellate_topology_steps_total",
    help: "topology steps the controller computed",
    registers,
    collect() {
      this.reset();
      this.inc(status().steps);
    },
  });
  new Gauge({
    name: "constellate_step_compute_seconds_mean",
    help: "mean wall time the controller spent per topology step (snapshot, next hops, link diffs)",
    registers,
    collect() {
      this.set(status().meanStepComputeWallMs / MS_PER_S);
    },
  });
  let lastStep: { computeMs: number; lagMs: number; links: number } | null = null;
  new Gauge({
    name: "constellate_step_compute_seconds_last",
    help: "wall time of the last topology step the controller reported (every emu.metricsEveryMs)",
    registers,
    collect() {
      if (lastStep) this.set(lastStep.computeMs / MS_PER_S);
    },
  });
  new Gauge({
    name: "constellate_step_lag_seconds",
    help: "virtual time by which the last reported topology step ran behind its instant",
    registers,
    collect() {
      if (lastStep) this.set(lastStep.lagMs / MS_PER_S);
    },
  });
  new Gauge({
    name: "constellate_links",
    help: "directed links between up nodes at the last reported step (laser, ground, fiber)",
    registers,
    collect() {
      if (lastStep) this.set(lastStep.links);
    },
  });
  new Gauge({
    name: "constellate_virtual_time_seconds",
    help: "the emulation's virtual now, Unix seconds",
    registers,
    collect() {
      this.set(emu.now() / MS_PER_S);
    },
  });
  new Gauge({
    name: "constellate_clock_speed",
    help: "virtual seconds per wall second",
    registers,
    collect() {
      this.set(status().clock.speed);
    },
  });

  const subs: Subscription[] = [
    emu.events$.subscribe((e) => {
      if (e.type === "TYPE_CREATED") bytesInNetwork += e.sizeBytes;
      else bytesInNetwork -= e.sizeBytes;
    }),
    ctl.metrics$.subscribe((m) => {
      // metrics$ fires inside the step, so now - tMs is how late the step ran.
      lastStep = {
        computeMs: m.stepComputeWallMs,
        lagMs: Math.max(0, emu.now() - m.tUnixMs),
        links: m.links,
      };
    }),
  ];

  return {
    registry,
    contentType: registry.contentType,
    async text() {
      // Expositions back to back are one valid exposition when their metric names differ.
      const taken = new Set(appRegistry.getMetricsAsArray().map((m) => m.name));
      const states = await ctl.nodeStates([]);
      const nodes = await nodeStateExposition(states, (id) => ctl.nodes[id]?.name ?? String(id), taken);
      return (await registry.metrics()) + (await appRegistry.metrics()) + nodes;
    },
    dispose() {
      for (const s of subs) s.unsubscribe();
    },
  };
}
