/**
 * The app runtime inside a host: loads the plan's app modules once, and on every node the host
 * serves, runs the instances assigned to it with an AppContext bound to that node's NodeRuntime.
 * Everything an app does goes through the node (sends are the node's own bundles, deliveries come
 * from the node's deliver step) and through the node's clock, so it happens at exact virtual
 * instants on the virtual clock and wall-paced on the realtime one.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "pino";
import { LinkKind } from "../../mesh/types.js";
import { writeFileAtomic } from "../../util/atomic-write.js";
import { type DropReason, newBundleId } from "../bundle.js";
import type { NodeAppHook, NodeRuntime } from "../node.js";
import type { RunAuth } from "../run-auth.js";
import type { AppValue, ContactPlan, LinkEntry, ModelRouteReply, ViaName, WireBundle } from "../wire.js";
import { linkKindOf, modelRouteText } from "../wire-enums.js";
import { HostBridge } from "./bridge.js";
import {
  type AppContactPlan,
  type AppContext,
  type AppDefinition,
  type AppLink,
  type AppTimer,
  type ComputeBudget,
  type ComputeDone,
  type LinkChange,
  type LinkKindName,
  type ModelRoute,
  type NodeInfo,
  type Received,
  type SendDrop,
  SendError,
  type SendOptions,
  type Sent,
  type Via,
} from "./define.js";
import { importModule } from "./import-module.js";
import type { AppSpec, AppsPlan } from "./plan.js";

/** Metadata key naming the app a bundle is for (set by ctx.send, stripped before onReceive). */
export const APP_KEY = "app";

/** What the host offers the apps beyond the node itself (the controller's model and contact plan). */
export interface AppServices {
  modelRoute(from: number, to: number, via: ViaName): Promise<ModelRouteReply>;
  contactPlan(node: number, horizonMs: number, resolutionMs: number): Promise<ContactPlan>;
  defaults(): { ttlMs: number; maxPayloadBytes: number; pingSizeBytes: number };
  log: Logger;
}

/** Contact plan defaults for ctx.contactPlan(): 10 min ahead at 10 s, the controller's own defaults. */
const CONTACT_HORIZON_MS = 600_000;
const CONTACT_RESOLUTION_MS = 10_000;

export function linkKindName(kind: number): LinkKindName {
  switch (kind) {
    case LinkKind.GslUp:
      return "uplink";
    case LinkKind.GslDown:
      return "downlink";
    case LinkKind.Fiber:
      return "fiber";
    default:
      return "isl";
  }
}

export function viaName(v: Via | undefined): ViaName {
  return v === "fiber" ? "VIA_FIBER" : "VIA_SPACE";
}

interface Pending {
  resolve(s: Sent): void;
  reject(e: SendError): void;
  createdUnixMs: number;
}

/** A published value's name: Prometheus-legal, lower case (our choice: one spelling per name). */
const VALUE_NAME = /^[a-z_][a-z0-9_]*$/;

/** A value an app publishes on its node (ctx.counter / ctx.gauge). */
interface Published {
  app: string;
  name: string;
  kind: "counter" | "gauge";
  help: string;
  value: number;
  read?: () => number;
}

/** One app's instance on one node. */
class Instance {
  readonly receivers: ((m: Received) => void)[] = [];
  readonly linkWatchers: ((c: LinkChange) => void)[] = [];
  readonly stoppers: (() => void)[] = [];
  readonly timers = new Set<AppTimer>();
  stopped = false;

  constructor(
    readonly spec: AppSpec,
    readonly log: Logger,
  ) {}

  /** Run app code; an app's exception is logged, never the host's end. */
  guard(what: string, fn: () => void): void {
    if (this.stopped) return;
    try {
      fn();
    } catch (e) {
      this.log.error({ err: e instanceof Error ? (e.stack ?? e.message) : String(e), in: what }, "app error");
    }
  }
}

/** The apps of one node. */
class NodeApps implements NodeAppHook {
  readonly instances: Instance[] = [];
  /** This node's power system (ctx.setComputeBudget), shared by every app on the node. */
  budget: ComputeBudget | null = null;
  private readonly pending = new Map<string, Pending>();
  /** What the apps publish here, by "<app>/<name>". */
  private readonly published = new Map<string, Published>();
  private stopped = false;

  constructor(
    readonly rt: NodeRuntime,
    private readonly host: AppsHost,
  ) {}

  get node(): NodeInfo {
    return this.host.nodeInfo(this.rt.id);
  }

  delivered(b: WireBundle, tMs: number): void {
    if (b.source === this.rt.id) this.settle(b.id, null, tMs);
    const app = b.metadata[APP_KEY];
    if (app === undefined) return;
    const inst = this.instances.find((i) => i.spec.name === app);
    if (!inst) return;
    const { [APP_KEY]: _app, ...metadata } = b.metadata;
    const m: Received = {
      id: b.id,
      from: this.host.nodeInfo(b.source),
      metadata,
      payload: b.payload ?? new Uint8Array(0),
      sizeBytes: b.sizeBytes,
      createdUnixMs: b.createdUnixMs,
      arrivalUnixMs: tMs,
      hops: b.hops.length,
      via: b.via === "VIA_FIBER" ? "fiber" : "space",
    };
    for (const fn of inst.receivers) inst.guard("onReceive", () => fn(m));
  }

  left(b: WireBundle, tMs: number): void {
    this.settle(b.id, null, tMs);
  }

  dropped(b: WireBundle, reason: DropReason, detail: string, tMs: number): void {
    this.settle(b.id, { reason, detail }, tMs);
  }

  /** Whether an app here watches link changes (the virtual clock then computes every step for it). */
  get watchesLinks(): boolean {
    return this.instances.some((i) => i.linkWatchers.length > 0);
  }

  linksChanged(tMs: number, links: LinkEntry[]): void {
    if (!this.watchesLinks) return;
    const change = {
      tUnixMs: tMs,
      up: links
        .filter((l) => l.up)
        .map((l) => this.link(l.target, linkKindOf(l.kind), l.delayMs, l.capacityBps)),
      down: links.filter((l) => !l.up).map((l) => this.host.nodeInfo(l.target)),
    };
    for (const inst of this.instances)
      for (const fn of inst.linkWatchers) inst.guard("onLinkChange", () => fn(change));
  }

  /** Register (or find) a published value; a name is one kind per app. */
  publish(
    inst: Instance,
    name: string,
    kind: Published["kind"],
    help: string,
    read?: () => number,
  ): Published {
    const base = kind === "counter" && name.endsWith("_total") ? name.slice(0, -"_total".length) : name;
    if (!VALUE_NAME.test(base))
      throw new RangeError(`${kind} name must match [a-z_][a-z0-9_]*, got ${JSON.stringify(name)}`);
    const key = `${inst.spec.name}/${base}`;
    const had = this.published.get(key);
    if (had) {
      if (had.kind !== kind)
        throw new RangeError(`${base} is already a ${had.kind} of app ${inst.spec.name}`);
      if (read) had.read = read;
      return had;
    }
    const p: Published = { app: inst.spec.name, name: base, kind, help, value: 0 };
    if (read) p.read = read;
    this.published.set(key, p);
    return p;
  }

  appValues(): AppValue[] {
    const out: AppValue[] = [];
    for (const p of this.published.values()) {
      let value = p.value;
      if (p.read) {
        try {
          value = p.read();
        } catch (e) {
          // An app's reader that throws must not break the node's status: the value reads NaN.
          this.host.services.log.debug({ app: p.app, name: p.name, err: String(e) }, "gauge read failed");
          value = Number.NaN;
        }
      }
      out.push({ app: p.app, name: p.name, kind: p.kind, help: p.help, value });
    }
    return out;
  }

  private settle(id: string, drop: SendDrop | null, tMs: number): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    if (drop === null) p.resolve({ id, createdUnixMs: p.createdUnixMs, leftUnixMs: tMs });
    else p.reject(new SendError(drop.detail ? `${drop.reason}: ${drop.detail}` : drop.reason, id, -1, drop));
  }

  link(target: number, kind: number, delayMs: number, capacityBps: number): AppLink {
    return { peer: this.host.nodeInfo(target), kind: linkKindName(kind), delayMs, capacityBps };
  }

  send(inst: Instance, to: number, msg: SendOptions): Promise<Sent> {
    const payload =
      msg.payload === undefined
        ? undefined
        : typeof msg.payload === "string"
          ? Buffer.from(msg.payload, "utf8")
          : Buffer.from(msg.payload.buffer, msg.payload.byteOffset, msg.payload.byteLength);
    const defaults = this.host.services.defaults();
    if (payload && payload.length > defaults.maxPayloadBytes)
      return Promise.reject(
        new SendError(
          `payload of ${payload.length} B exceeds maxPayloadBytes ${defaults.maxPayloadBytes}`,
          "",
          to,
        ),
      );
    const id = newBundleId(this.rt.id);
    const createdUnixMs = msg.atUnixMs && msg.atUnixMs > 0 ? msg.atUnixMs : this.rt.clock.now();
    const p = new Promise<Sent>((resolve, reject) => {
      this.pending.set(id, {
        resolve,
        reject: (e) => reject(new SendError(e.reason, id, to, e.drop)),
        createdUnixMs,
      });
    });
    // The caller need not await: a failure nobody handles is logged instead of crashing the host.
    p.catch((e: SendError) => {
      if (!this.stopped) inst.log.debug({ to, bundle: id, reason: e.reason }, "send failed");
    });
    this.rt.inject(
      {
        id,
        destination: to,
        sizeBytes: Math.max(msg.sizeBytes ?? 0, payload?.length ?? 0),
        payload,
        ttlMs: msg.ttlMs,
        atUnixMs: msg.atUnixMs,
        via: viaName(msg.via),
        metadata: { ...(msg.metadata ?? {}), [APP_KEY]: msg.app ?? inst.spec.name },
      },
      defaults,
    );
    return p;
  }

  stop(): void {
    if (this.stopped) return;
    for (const inst of this.instances) {
      for (const fn of inst.stoppers) inst.guard("onStop", fn);
      inst.stopped = true;
      for (const t of inst.timers) t.cancel();
      inst.timers.clear();
    }
    this.stopped = true;
    this.rt.appHook = null;
    this.pending.clear();
  }
}

/** A host's app runtime: one per host process (or per in-process host). */
export class AppsHost {
  private readonly defs = new Map<string, AppDefinition>();
  private readonly byNode = new Map<number, NodeApps>();
  private readonly byName = new Map<string, NodeInfo>();
  private readonly runtimes = new Map<number, NodeRuntime>();
  private bridge: HostBridge | null = null;

  /**
   * Whether an app on `node` watches link changes: link changes come only with computed steps, and
   * under the virtual clock a step is computed only when something needs it, so such a node does.
   */
  watchesLinks(node: number): boolean {
    return this.byNode.get(node)?.watchesLinks ?? false;
  }

  constructor(
    readonly plan: AppsPlan,
    readonly services: AppServices,
  ) {
    for (const n of plan.nodes) this.byName.set(n.name.toLowerCase(), n);
  }

  /**
   * A host process's start: load the modules, and when the plan has external apps, open the bridge
   * to the launcher's gateway.
   */
  async start(hostId: string, auth: RunAuth, hostKey: string): Promise<void> {
    await this.load();
    if (this.plan.gateway) {
      this.bridge = new HostBridge(this.plan.gateway.address, auth, hostId, hostKey, this, this.services.log);
      this.bridge.start();
    }
  }

  /** Import every module app of the plan (hosts import by absolute path). */
  async load(): Promise<void> {
    for (const a of this.plan.apps) {
      if (!a.module || this.defs.has(a.name)) continue;
      const mod = (await importModule(a.module)) as { default: AppDefinition };
      this.defs.set(a.name, mod.default);
    }
  }

  nodeInfo(id: number): NodeInfo {
    return this.plan.nodes[id] ?? { id, name: `node-${id}`, kind: "satellite" };
  }

  findNode(x: string | number): NodeInfo {
    if (typeof x === "number") {
      const n = this.plan.nodes[x];
      if (!n) throw new RangeError(`no node ${x} (0..${this.plan.nodes.length - 1})`);
      return n;
    }
    const n = this.byName.get(x.trim().toLowerCase());
    if (!n) throw new RangeError(`no node named "${x}"`);
    return n;
  }

  outputDir(app: string): string {
    return join(this.plan.runDir, "apps", app);
  }

  /** Start the apps assigned to this node (its first table has arrived). */
  attach(rt: NodeRuntime): void {
    if (this.byNode.has(rt.id)) return;
    this.runtimes.set(rt.id, rt);
    for (const spec of this.plan.apps.filter((a) => a.module && a.nodes.includes(rt.id))) {
      const def = this.defs.get(spec.name);
      if (!def) throw new Error(`app ${spec.name} not loaded (call load() first)`);
      this.addInstance(rt.id, spec, def);
    }
  }

  /** Start one more app instance on a node this host serves (external apps' claims); false: not here. */
  addInstance(id: number, spec: AppSpec, def: AppDefinition): boolean {
    const rt = this.runtimes.get(id);
    if (!rt) return false;
    let na = this.byNode.get(id);
    if (!na) {
      na = new NodeApps(rt, this);
      this.byNode.set(id, na);
      rt.appHook = na;
    }
    const inst = new Instance(spec, this.services.log.child({ app: spec.name, node: rt.id }));
    na.instances.push(inst);
    const ctx = this.context(na, inst, def);
    inst.guard("setup", () => {
      const r = def.setup(ctx as AppContext<never>);
      if (r && typeof (r as Promise<void>).catch === "function") {
        // An async setup (an engine to load, a file to read) holds virtual time at the node's start:
        // the scenario does not run past it before the app is ready.
        holdVirtualTime(rt.clock, r as Promise<void>);
        (r as Promise<void>).catch((e: unknown) =>
          inst.log.error(
            { err: e instanceof Error ? (e.stack ?? e.message) : String(e), in: "setup" },
            "app error",
          ),
        );
      }
    });
    return true;
  }

  /** Stop the apps of one node (its onStop handlers run: outputs are flushed). */
  detach(id: number): void {
    this.byNode.get(id)?.stop();
    this.byNode.delete(id);
    this.runtimes.delete(id);
  }

  stopAll(): void {
    for (const id of [...this.byNode.keys()]) this.detach(id);
    this.bridge?.close();
    this.bridge = null;
  }

  private context(na: NodeApps, inst: Instance, def: AppDefinition): AppContext<Record<string, unknown>> {
    const rt = na.rt;
    const clock = rt.clock;
    const host = this;
    const options = def.options ? (def.options.parse(inst.spec.options) as Record<string, unknown>) : {};
    const track = (fn: () => void, schedule: (run: () => void) => { cancel(): void }): AppTimer => {
      let t: AppTimer;
      const inner = schedule(() => {
        inst.timers.delete(t);
        inst.guard("timer", fn);
      });
      t = {
        cancel: () => {
          inner.cancel();
          inst.timers.delete(t);
        },
      };
      inst.timers.add(t);
      return t;
    };
    const dir = this.outputDir(inst.spec.name);
    const ctx: AppContext<Record<string, unknown>> = {
      app: inst.spec.name,
      options,
      node: na.node,
      get outputDir() {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        return dir;
      },
      log: inst.log,
      now: () => clock.now(),
      at: (tUnixMs, fn) => track(fn, (run) => clock.at(tUnixMs, run)),
      after: (delayMs, fn) => track(fn, (run) => clock.after(delayMs, run)),
      every(periodMs, fn, firstUnixMs) {
        if (!(periodMs > 0)) throw new RangeError(`every: period must be > 0 ms, got ${periodMs}`);
        let cancelled = false;
        let current: AppTimer | null = null;
        const tick = (t: number) => {
          if (cancelled) return;
          current = track(
            () => {
              // Schedule the next first, so an exception in fn does not end the series.
              tick(t + periodMs);
              fn(t);
            },
            (run) => clock.at(t, run),
          );
        };
        tick(firstUnixMs ?? clock.now() + periodMs);
        return {
          cancel: () => {
            cancelled = true;
            current?.cancel();
          },
        };
      },
      peer: (x) => host.findNode(x),
      send(to, msg) {
        let dest: NodeInfo;
        try {
          dest = host.findNode(to);
        } catch (e) {
          const p = Promise.reject(new SendError((e as Error).message, "", typeof to === "number" ? to : -1));
          return p;
        }
        return na.send(inst, dest.id, msg);
      },
      onReceive: (fn) => {
        inst.receivers.push(fn);
      },
      links: () =>
        [...rt.links.entries()].map(([target, q]) =>
          na.link(target, q.state.kind, q.state.delayMs, q.state.capacityBps),
        ),
      onLinkChange: (fn) => {
        inst.linkWatchers.push(fn);
      },
      contactPlan(opts = {}) {
        const p = host.services
          .contactPlan(
            rt.id,
            opts.horizonMs ?? CONTACT_HORIZON_MS,
            opts.resolutionMs ?? CONTACT_RESOLUTION_MS,
          )
          .then((plan) => toAppPlan(plan, host));
        holdVirtualTime(clock, p);
        return p;
      },
      modelRoute(to, via = "space", from = rt.id) {
        let p: Promise<ModelRoute>;
        try {
          p = host.services
            .modelRoute(host.findNode(from).id, host.findNode(to).id, viaName(via))
            .then((r) => ({ ok: r.ok, reason: modelRouteText(r), oneWayMs: r.oneWayMs, path: r.path }));
        } catch (e) {
          return Promise.reject(e);
        }
        holdVirtualTime(clock, p);
        return p;
      },
      compute(cost) {
        if (!(cost.durationS >= 0) || !(cost.powerW >= 0))
          return Promise.reject(
            new RangeError(`compute: durationS and powerW must be >= 0, got ${JSON.stringify(cost)}`),
          );
        const requested = clock.now();
        let startUnixMs = requested;
        let endUnixMs = requested + cost.durationS * 1000;
        let energyJ = cost.durationS * cost.powerW;
        if (na.budget) {
          let a: ReturnType<ComputeBudget["schedule"]>;
          try {
            a = na.budget.schedule(cost, requested);
          } catch (e) {
            return Promise.reject(e);
          }
          // A budget may only delay and stretch work: an answer before the request is its bug.
          if (!(a.startUnixMs >= requested) || !(a.endUnixMs >= a.startUnixMs))
            return Promise.reject(
              new RangeError(
                `compute budget answered start ${a.startUnixMs}, end ${a.endUnixMs} for a request at ${requested}`,
              ),
            );
          startUnixMs = a.startUnixMs;
          endUnixMs = a.endUnixMs;
          energyJ = a.energyJ ?? energyJ;
        }
        // Rounding in a budget's sum of segments may leave the end a hair before start + duration.
        const throttledS = Math.max(0, (endUnixMs - startUnixMs) / 1000 - cost.durationS);
        return new Promise<ComputeDone>((resolve) => {
          // Work the budget says never ends (e.g. no power, ever) stays pending: no timer at infinity.
          if (!Number.isFinite(endUnixMs)) return;
          track(
            () => {
              const done = { startUnixMs, endUnixMs, energyJ, throttledS };
              resolve(done);
              holdVirtualTime(clock, Promise.resolve(done));
            },
            (run) => clock.at(endUnixMs, run),
          );
        });
      },
      hold(p) {
        holdVirtualTime(clock, p);
        return p;
      },
      setComputeBudget(budget) {
        if (na.budget) throw new Error(`node ${na.node.name} already has a compute budget (one per node)`);
        if (typeof budget?.schedule !== "function")
          throw new TypeError("setComputeBudget: the budget needs a schedule(cost, requestUnixMs) method");
        na.budget = budget;
      },
      drawPower(powerW, fromUnixMs, toUnixMs, label) {
        if (!(powerW >= 0) || !(toUnixMs >= fromUnixMs))
          throw new RangeError(
            `drawPower: need powerW >= 0 and toUnixMs >= fromUnixMs, got ${powerW} W over [${fromUnixMs}, ${toUnixMs})`,
          );
        na.budget?.draw?.(powerW, fromUnixMs, toUnixMs, label);
      },
      onStop: (fn) => {
        inst.stoppers.push(fn);
      },
      writeFile(name, data) {
        // Inside a run dir: private, as all its files (docs/security.md).
        writeFileAtomic(join(ctx.outputDir, name), data, 0o600);
      },
      counter(name, help = "") {
        const p = na.publish(inst, name, "counter", help);
        return {
          inc(by = 1) {
            if (!(by >= 0)) throw new RangeError(`counter ${p.name}: inc by ${by}, a counter only goes up`);
            p.value += by;
          },
          get value() {
            return p.value;
          },
        };
      },
      gauge(name, opts = {}) {
        const p = na.publish(inst, name, "gauge", opts.help ?? "", opts.read);
        return {
          set(value) {
            p.value = value;
          },
          get value() {
            return p.read ? p.read() : p.value;
          },
        };
      },
    };
    return ctx;
  }
}

/**
 * On the virtual clock (events run in synchronous batches), hold virtual time while an app's promise
 * continuation runs: the host's scheduler runs nothing later until `settled` (and every microtask it
 * unleashes) is done. So `await ctx.compute(...)`, `await ctx.modelRoute(...)` and
 * `await ctx.contactPlan(...)` resume at the instant they answer for, not after the rest of the
 * batch. The realtime clock runs in real time: nothing to hold.
 */
function holdVirtualTime(clock: NodeRuntime["clock"], settled: Promise<unknown>): void {
  const c = clock as unknown as { hold?(settled: Promise<unknown>): void };
  c.hold?.(settled);
}

function toAppPlan(p: ContactPlan, host: AppsHost): AppContactPlan {
  const conv = (c: ContactPlan["links"][number]) => ({
    peer: host.nodeInfo(c.peer),
    kind: linkKindName(linkKindOf(c.kind)),
    startUnixMs: c.startUnixMs,
    endUnixMs: c.endUnixMs,
    minDelayMs: c.minDelayMs,
  });
  return {
    fromUnixMs: p.fromUnixMs,
    toUnixMs: p.toUnixMs,
    passes: p.passes.map(conv),
    links: p.links.map(conv),
  };
}
