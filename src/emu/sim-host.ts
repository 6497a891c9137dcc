/**
 * `isolation: "sim"`: every node inside the controller's process, on the controller's discrete-event
 * SimClock, hops as direct calls instead of gRPC. Same NodeRuntime, same link model, same controller
 * diffs; no wall time, so it runs as fast as the CPU allows (for replays: src/eo/).
 */
import type { Logger } from "pino";
import { AppsHost } from "./apps/node-apps.js";
import type { AppsPlan } from "./apps/plan.js";
import { directAppServices } from "./apps/services.js";
import type { Controller, UpdateStream } from "./controller.js";
import { NodeRuntime, type PeerTransport } from "./node.js";
import type { EmuSettings } from "./settings.js";
import type { WireBundle } from "./wire.js";

class DirectTransport implements PeerTransport {
  readonly nodes = new Map<string, NodeRuntime>();

  send(address: string, bundle: WireBundle): Promise<void> {
    const rt = this.nodes.get(address);
    if (!rt) return Promise.reject(new Error(`no node at ${address}`));
    // A copy, as the wire would make: the sender's object must not alias the receiver's.
    rt.receive({ ...bundle, hops: [...bundle.hops] });
    return Promise.resolve();
  }
}

export class SimHost {
  readonly runtimes = new Map<number, NodeRuntime>();
  private readonly transport = new DirectTransport();
  private readonly lost = new Map<number, (() => void)[]>();
  /** Onboard apps (src/emu/apps/): load() before the first startNode. */
  readonly apps: AppsHost | null;

  constructor(
    private readonly controller: Controller,
    private readonly settings: EmuSettings,
    private readonly log: Logger,
    apps?: AppsPlan,
  ) {
    this.apps = apps
      ? new AppsHost(
          apps,
          directAppServices(controller, log, () => this.defaults),
        )
      : null;
  }

  get defaults(): { ttlMs: number; maxPayloadBytes: number; pingSizeBytes: number } {
    const s = this.settings;
    return { ttlMs: s.defaultTtlMs, maxPayloadBytes: s.maxPayloadBytes, pingSizeBytes: s.pingSizeBytes };
  }

  startNode(id: number): void {
    if (this.runtimes.has(id)) return;
    const address = `sim://${id}`;
    const c = this.controller;
    const rt = new NodeRuntime(id, {
      clock: c.clock,
      transport: this.transport,
      emit: (ev) => c.recordEvents([ev]),
      wantRoutes: (ds) => {
        for (const d of ds) c.track(d, true);
      },
      log: this.log,
    });
    this.runtimes.set(id, rt);
    this.transport.nodes.set(address, rt);
    const handlers: (() => void)[] = [];
    this.lost.set(id, handlers);
    const stream: UpdateStream = {
      request: { node: id, address, hostId: "sim", pid: process.pid },
      write: (u) => rt.applyUpdate(u),
      end: () => {},
      on: (event, fn) => {
        if (event === "cancelled") handlers.push(fn);
      },
    };
    c.register(stream);
    this.apps?.attach(rt);
  }

  /** Fault injection: the node stops (its bundles are dropped as node-stopped) and is reported down. */
  stopNode(id: number): void {
    const rt = this.runtimes.get(id);
    if (!rt) return;
    this.apps?.detach(id);
    rt.stop();
    this.runtimes.delete(id);
    this.transport.nodes.delete(`sim://${id}`);
    for (const fn of this.lost.get(id) ?? []) fn();
    this.lost.delete(id);
  }

  close(): void {
    this.apps?.stopAll();
    for (const rt of this.runtimes.values()) rt.stop();
    this.runtimes.clear();
    this.transport.nodes.clear();
  }
}
