/**
 * The onboard app API: what an app module exports and what it is given. This file is the heart of
 * the public SDK (`import { defineApp } from "constellate"`): small, typed, time always in Unix ms
 * of virtual time (`tUnixMs`), costs explicit. An app never reads the wall clock for scenario logic:
 * `ctx.now()`, `ctx.at()`, `ctx.after()` and `ctx.every()` are the only clocks it needs, and they run
 * on the emulation's clock (discrete-event, virtual or wall-paced) alike.
 *
 *   import { defineApp, z } from "constellate";
 *   export default defineApp({
 *     options: z.object({ everyS: z.number().positive().default(10) }),
 *     nodes: "stations",
 *     setup(ctx) {
 *       ctx.every(ctx.options.everyS * 1000, () => ctx.send("Tokyo", { payload: "hello" }));
 *       ctx.onReceive((m) => ctx.log.info({ from: m.from.name, delayMs: m.arrivalUnixMs - m.createdUnixMs }));
 *     },
 *   });
 */
import type { z } from "zod";
import type { UnixMs } from "../../orbit/units.js";
import type { DropReason } from "../bundle.js";

export type { UnixMs };

export type NodeKind = "satellite" | "station";

/** Who a node is: what an app knows of its own node and of peers. */
export interface NodeInfo {
  /** Node id: satellites 0..S-1, stations S..S+G-1 (Hypatia's numbering). */
  id: number;
  name: string;
  kind: NodeKind;
  /** Satellites: shell name, plane and slot (-1 when unknown, e.g. element sets from files). */
  shell?: string;
  plane?: number;
  slot?: number;
  /** Stations: WGS-84 geodetic position. */
  latDeg?: number;
  lonDeg?: number;
  altM?: number;
}

/**
 * Which nodes an app runs on: every satellite, every station, all nodes, a list of node names (or
 * ids), or the satellites of one shell.
 */
export type NodeSelector =
  | "satellites"
  | "stations"
  | "all"
  | readonly (string | number)[]
  | { shell: string };

export interface AppTimer {
  cancel(): void;
}

/** How a bundle travels: the laser/RF mesh ("space"), or terrestrial fiber between two stations. */
export type Via = "space" | "fiber";

export interface SendOptions {
  /** Real bytes carried to the receiver (a string is sent as UTF-8). At most the emulation's maxPayloadBytes. */
  payload?: Uint8Array | string;
  /**
   * Declared size, bytes: what the links serialize. Default: the payload's length. A size-only
   * bundle (no payload) models bulk data without moving it over loopback.
   */
  sizeBytes?: number;
  metadata?: Record<string, string>;
  /** Default "space". "fiber" joins two ground stations over the fiber model's geodesic delay. */
  via?: Via;
  /** Lifetime, virtual ms (default: the emulation's defaultTtlMs). Held without a route longer: dropped. */
  ttlMs?: number;
  /** The app that receives it at the destination (default: this app's name). */
  app?: string;
  /**
   * Create it at this virtual instant instead of now: a later one schedules it; an earlier one keeps
   * that instant (e.g. a compute's endUnixMs, when an await resumed after it on the realtime clock).
   */
  atUnixMs?: UnixMs;
}

/** A send that left this node: it is on its first link (or was delivered here, when sent to self). */
export interface Sent {
  id: string;
  createdUnixMs: UnixMs;
  /** When it was queued on its first link (later than created when it was held for a route). */
  leftUnixMs: UnixMs;
}

/** A node's drop of a send: the ledger's reason and its detail (the no-route reason of a held bundle). */
export interface SendDrop {
  reason: DropReason;
  detail: string;
}

/** A send this node gave up on (no such node, no route until its TTL, queue full, node stopped). */
export class SendError extends Error {
  constructor(
    /** The node's drop reason, e.g. "ttl-expired: no-route" or "no-such-destination". */
    readonly reason: string,
    readonly bundleId: string,
    readonly to: number,
    /** Set when a node dropped it (what `reason` says, as values); unset when it was refused before it left. */
    readonly drop?: SendDrop,
  ) {
    super(`send ${bundleId} to node ${to} failed: ${reason}`);
    this.name = "SendError";
  }
}

/** A bundle delivered to this app. */
export interface Received {
  id: string;
  from: NodeInfo;
  metadata: Record<string, string>;
  /** The bytes sent (empty for size-only bundles). */
  payload: Uint8Array;
  sizeBytes: number;
  createdUnixMs: UnixMs;
  arrivalUnixMs: UnixMs;
  hops: number;
  via: Via;
}

export type LinkKindName = "isl" | "uplink" | "downlink" | "fiber";

/** One of this node's current links (directed, from this node). */
export interface AppLink {
  peer: NodeInfo;
  kind: LinkKindName;
  delayMs: number;
  capacityBps: number;
}

export interface LinkChange {
  tUnixMs: UnixMs;
  /** Links that appeared or changed delay/capacity. */
  up: AppLink[];
  /** Peers whose link went away. */
  down: NodeInfo[];
}

/** A contact: a link to `peer` that exists over [startUnixMs, endUnixMs] (sampled). */
export interface AppContact {
  peer: NodeInfo;
  kind: LinkKindName;
  startUnixMs: UnixMs;
  endUnixMs: UnixMs;
  minDelayMs: number;
}

export interface AppContactPlan {
  fromUnixMs: UnixMs;
  toUnixMs: UnixMs;
  /** Ground passes (satellite-station links), by start. */
  passes: AppContact[];
  /** Every link, ground and laser, by start. */
  links: AppContact[];
}

/** The model's route now (the controller's current topology step): propagation only. */
export interface ModelRoute {
  ok: boolean;
  /** Why there is none, when !ok. */
  reason: string;
  oneWayMs: number;
  path: number[];
}

/** The cost of a piece of onboard work. */
export interface ComputeCost {
  /** How long it runs, virtual seconds, once started. */
  durationS: number;
  /** Electrical power it draws while it runs, W. */
  powerW: number;
  /** What it is, for budgets and logs. */
  label?: string;
}

export interface ComputeDone {
  /** When the work started (later than requested when a budget delayed it). */
  startUnixMs: UnixMs;
  endUnixMs: UnixMs;
  energyJ: number;
  /** s the budget stretched it beyond durationS (throttling) */
  throttledS: number;
}

/**
 * The seam for power and thermal budgets (a node's power system plugs in here; the EO model is
 * src/eo/power-budget.ts). Without a budget, work starts when requested and runs for durationS.
 */
export interface ComputeBudget {
  /** When work of `cost` requested at requestUnixMs starts and ends (a budget may delay and/or stretch
   *  it). Called in request order on one node; the answer is final (the software relies on it). */
  schedule(
    cost: ComputeCost,
    requestUnixMs: UnixMs,
  ): { startUnixMs: UnixMs; endUnixMs: UnixMs; energyJ?: number };
  /** Power drawn outside compute over [fromUnixMs, toUnixMs), e.g. a radio transmitting. */
  draw?(powerW: number, fromUnixMs: UnixMs, toUnixMs: UnixMs, label?: string): void;
}

export interface AppLogger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

/** A count an app publishes on its node (ctx.counter): only goes up. */
export interface AppCounter {
  inc(by?: number): void;
  readonly value: number;
}

/** A level an app publishes on its node (ctx.gauge): set it, or let `read` give it when it is asked. */
export interface AppGauge {
  set(value: number): void;
  readonly value: number;
}

export interface AppGaugeOptions {
  help?: string;
  /** Read at each reading (GetStatus node_states, a metrics scrape) instead of set(): e.g. bytes in storage. */
  read?: () => number;
}

/** What an app instance is given on one node. */
export interface AppContext<O = Record<string, never>> {
  /** The app's name: its module's file name without extension. */
  readonly app: string;
  readonly options: O;
  /** This node. */
  readonly node: NodeInfo;
  /** `<run-dir>/apps/<app name>/`, created on first use; shared by the app's instances on every node. */
  readonly outputDir: string;
  readonly log: AppLogger;
  /** Virtual now. */
  now(): UnixMs;
  /** Run `fn` at virtual instant `tUnixMs` (next turn when already past). */
  at(tUnixMs: UnixMs, fn: () => void): AppTimer;
  after(delayMs: number, fn: () => void): AppTimer;
  /** Every `periodMs`, first at `firstUnixMs` (default now + periodMs), until cancelled or the run ends. */
  every(periodMs: number, fn: (tUnixMs: UnixMs) => void, firstUnixMs?: UnixMs): AppTimer;
  /** A node by name (case-insensitive) or id; throws when there is none. */
  peer(nameOrId: string | number): NodeInfo;
  /**
   * Originate a bundle here, now. Resolves when it left on its first link; rejects with a SendError
   * carrying the node's reason when it is dropped here (e.g. no route before its TTL). The promise
   * need not be awaited: an unawaited failure is logged, not thrown.
   */
  send(to: string | number, msg: SendOptions): Promise<Sent>;
  onReceive(fn: (m: Received) => void): void;
  /** This node's links now. */
  links(): AppLink[];
  onLinkChange(fn: (c: LinkChange) => void): void;
  /** This node's contacts over the next `horizonMs` (default 10 min), sampled every `resolutionMs` (default 10 s). */
  contactPlan(opts?: { horizonMs?: number; resolutionMs?: number }): Promise<AppContactPlan>;
  /** The model's route now (the controller's ModelRoute) from this node, or from `from`, to `to`. */
  modelRoute(to: string | number, via?: Via, from?: string | number): Promise<ModelRoute>;
  /**
   * Run onboard work of this cost: resolves in virtual time at its end, as this node's budget (if
   * any) delays and stretches it. On the virtual clock, time waits for the `await` to resume, so
   * ctx.now() there is the end. A budget that says the work never ends leaves it pending.
   */
  compute(cost: ComputeCost): Promise<ComputeDone>;
  /**
   * Virtual time waits at this instant until `p` settles (e.g. an inference engine's async `run`
   * on a worker thread), so what the app does when it resolves happens at this instant. Returns `p`.
   * On the realtime clock time runs on regardless.
   */
  hold<T>(p: Promise<T>): Promise<T>;
  /** Install this node's budget (its power system): every app's compute on this node goes through it. Once per node (a second call throws). */
  setComputeBudget(budget: ComputeBudget): void;
  /** Declare power drawn outside compute (forwarded to the node's budget; no-op without one). */
  drawPower(powerW: number, fromUnixMs: UnixMs, toUnixMs: UnixMs, label?: string): void;
  /** Write `<outputDir>/<name>` atomically (readers never see half a file). */
  writeFile(name: string, data: string | Uint8Array): void;
  /** Called once when the run ends (flush outputs here: files are written synchronously). */
  onStop(fn: () => void): void;
  /**
   * A counter this app publishes on this node: the controller's GetStatus (node_states), the view's
   * node panel and `launch --metrics` (as constellate_app_<name>_total{app,node}) show it. Name:
   * [a-z_][a-z0-9_]*, its unit in it (e.g. "captures", "downlinked_bytes"). Same name: same counter.
   */
  counter(name: string, help?: string): AppCounter;
  /** A gauge, likewise (constellate_app_<name>{app,node}); e.g. "storage_bytes", "battery_soc_ratio". */
  gauge(name: string, opts?: AppGaugeOptions): AppGauge;
}

/** Options declared as a zod object schema: its keys are the app's option names. */
// biome-ignore lint/suspicious/noExplicitAny: any zod object shape
export type AppOptionsSchema = z.ZodObject<any>;

export interface AppDefinition<S extends AppOptionsSchema = AppOptionsSchema> {
  /** Default: the module's file name without extension (the name `--app-config` uses). */
  name?: string;
  /** Declared options (strict: unknown keys are errors). Settable by `--app-config <app>.<key>=<value>` and YAML `apps.<app>.options`. */
  options?: S;
  /** Where the app runs unless YAML/CLI say otherwise (`apps.<app>.nodes`); may depend on the options. */
  nodes?: NodeSelector | ((options: z.infer<S>) => NodeSelector);
  /** Called on every assigned node once that node is up. */
  setup(ctx: AppContext<z.infer<S>>): void | Promise<void>;
}

/** Marks an app definition (type-checks the setup against the declared options). */
export function defineApp<S extends AppOptionsSchema>(def: AppDefinition<S>): AppDefinition<S> {
  if (typeof def?.setup !== "function") throw new TypeError("defineApp: setup(ctx) is required");
  return def;
}
