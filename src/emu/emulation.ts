/**
 * The live emulator's API: start a controller and its nodes, inject traffic, observe bundle events,
 * fault-inject, stop. The CLI's `launch` and the Earth-observation replay (src/eo/) both drive it.
 *
 *   const emu = await startEmulation(constellation, { speed: 10, isolation: "pooled" });
 *   emu.deliveries$.subscribe((ev) => ...);
 *   await emu.inject(src, { destination: station, sizeBytes: 2e9, atUnixMs: t, metadata: { scene: "x" } });
 *   await emu.stop();
 *
 * Isolation (hosting.ts): `process` (one OS process per node), `pooled` (a few host processes, each
 * serving many nodes, every node still its own gRPC server), `inproc` (every node inside this
 * process, still real gRPC). `auto` picks process or pooled by node count (settings.ts).
 *
 * Clock: `virtual` (exact, as fast as the CPUs allow: conservative windows, sync.ts) or `realtime`
 * (wall-paced at speed). Default: virtual when a duration is given, else realtime (settings.ts).
 * Scenario time 0 is resume(), called once every node is up; under the virtual clock nothing moves
 * before it. Under the virtual clock inject/ping made while it runs land between two rounds.
 */
import { resolve } from "node:path";
import type * as grpc from "@grpc/grpc-js";
import type { Logger } from "pino";
import { pino } from "pino";
import { filter, type Observable } from "rxjs";
import type { Constellation } from "../orbit/constellation.js";
import { type InterruptedError, interruptReason } from "../util/interrupted.js";
import { type AppsPlan, writeAppsPlan } from "./apps/plan-file.js";
import type { ClockMode } from "./clock.js";
import { Controller } from "./controller.js";
import { client, unary } from "./grpc-util.js";
import { Hosting, planHosts } from "./hosting.js";
import { loadProtos } from "./proto-loader.js";
import { RunAuth } from "./run-auth.js";
import { markControllerEnded, writeControllerInfo } from "./run-dir.js";
import { type OpenedRunDir, openRunDir } from "./run-open.js";
import { generateRunTls } from "./run-tls.js";
import {
  DEFAULT_EMU_SETTINGS,
  type EmuSettings,
  emuSettingsOf,
  type Isolation,
  type IsolationOption,
  resolveClock,
  resolveIsolation,
} from "./settings.js";
import { MeshTopologyProvider, type TopologyProvider } from "./topology-provider.js";
import type { BundleEvent, InjectRequest, NodeStatus, PingReply, PingRequest } from "./wire.js";

export interface EmulationOptions extends Partial<EmuSettings> {
  isolation?: IsolationOption;
  /** Default: virtual with a duration, realtime without (settings.ts resolveClock). */
  clock?: ClockMode;
  /** Virtual start instant, Unix ms (default: the constellation's epoch). */
  startMs?: number;
  /** `done` resolves this much scenario time after resume() (the virtual clock then stops there). */
  durationMs?: number;
  /** Where controller.json, metrics.ndjson and logs go; none: no files. */
  runDir?: string;
  /** Bring back nodes that die (crash, kill) by restarting them. */
  restart?: boolean;
  name?: string;
  log?: Logger;
  logLevel?: string;
  /** Give up waiting for every node to register after this long, wall ms. */
  readyTimeoutMs?: number;
  /** Onboard apps and their assignment (src/emu/apps/plan.ts: planApps). */
  apps?: AppsPlan;
  /**
   * The run dir already opened by the caller (run-open.ts: lock and credentials; `launch` does, so
   * that its app gateway has the secret first). Else a runDir is opened here and released on stop.
   */
  opened?: OpenedRunDir;
  /** Serve TLS with a fresh self-signed certificate (ignored when `opened` brings credentials). */
  tls?: boolean;
  /**
   * Told of each host before it starts, with its key (run-auth.ts): the app gateway admits bridge
   * streams from these hosts only, as the controller does their registrations.
   */
  expectHost?: (hostId: string, key: string) => void;
  /**
   * Ctrl-C (src/cli/interrupt.ts). Aborted while starting: what has started is stopped and
   * startEmulation rejects with the InterruptedError. Aborted later: `end(reason)`.
   */
  signal?: AbortSignal;
  /** The constellation YAML, recorded (absolute) in controller.json; startEmulation sets it from the constellation. */
  constellationFile?: string;
}

export interface Emulation {
  readonly controller: Controller;
  readonly address: string;
  readonly runDir: string | undefined;
  /** The run's credentials: a client of its RPCs needs them (grpc-util.ts client()). */
  readonly auth: RunAuth;
  readonly isolation: Isolation;
  readonly clock: ClockMode;
  readonly nodeCount: number;
  readonly satelliteCount: number;
  /** Every bundle event (created, delivered, dropped) as nodes report them. */
  readonly events$: Observable<BundleEvent>;
  /** Deliveries only (filter by `node` for a ground station). */
  readonly deliveries$: Observable<BundleEvent>;
  /** Resolves when the duration ends (never without one). */
  readonly done: Promise<void>;
  /** Virtual now, ms. */
  now(): number;
  nodeId(nameOrIndex: string | number): number;
  nodeAddress(id: number): string;
  /** Originate a bundle at `source` (at req.atUnixMs virtual, default now). Returns its id. */
  inject(source: number, req: InjectRequest): Promise<string>;
  /** Many bundles from one source in one call (replays: scenes, tiles). Returns their ids in order. */
  injectMany(source: number, reqs: InjectRequest[]): Promise<string[]>;
  ping(from: number, req: PingRequest): Promise<PingReply>;
  nodeStatus(id: number): Promise<NodeStatus>;
  /** Fault injection: `kill` ends the node's process (process isolation) with SIGKILL; `stop` stops the node inside its host. */
  killNode(id: number, how?: "kill" | "stop"): Promise<void>;
  /** Resolve when every node is registered (and one step has sent them their tables). */
  waitAllUp(timeoutMs?: number): Promise<void>;
  /**
   * Scenario time 0: call once every node is up (waitAllUp). The virtual clock starts its rounds;
   * the realtime clock is re-anchored so that virtual startMs is now. Idempotent.
   */
  resume(): void;
  /** Pids of child host processes. */
  pids(): number[];
  /** Each child host's memory split (host-memory.ts; the soak's probe), after a full GC if `gc`. */
  hostMemory(
    gc: boolean,
    timeoutWallMs?: number,
    alloc?: Parameters<Hosting["memory"]>[2],
  ): ReturnType<Hosting["memory"]>;
  /**
   * End the run now, the graceful way, as if its duration were over: `done` resolves, and a
   * `waitAllUp` still waiting rejects with an InterruptedError (an interrupt) or an Error (`why` a
   * string). The owner then tears down as at a normal end (apps, `stop()`, summary). Ctrl-C comes
   * here (through `signal`), and so should a `stop` request. Idempotent: the first reason counts.
   */
  end(why: InterruptedError | string): void;
  /** Why the run was ended early (`end`), if it was. */
  readonly endedBy: InterruptedError | string | undefined;
  /** Stop everything, mark controller.json ended. Bounded: children that do not exit are killed. */
  stop(): Promise<void>;
  /**
   * The last resort (a second Ctrl-C, or a stop that overran its bound): SIGKILL every child host
   * now and mark controller.json ended. Synchronous, so it can run right before process.exit.
   */
  forceStop(): void;
}

/**
 * The forced end of every emulation of this process that is starting or running (their child
 * hosts SIGKILLed, controller.json marked ended): for the last-resort exit (src/cli/interrupt.ts),
 * which must leave nothing behind even while startEmulation has not returned yet.
 */
const forcers = new Set<() => void>();

export function forceStopEmulations(): void {
  for (const f of forcers) f();
}

export async function startEmulation(c: Constellation, opts: EmulationOptions = {}): Promise<Emulation> {
  const provider = await MeshTopologyProvider.create(c);
  if (opts.signal?.aborted) {
    provider.dispose?.();
    throw interruptReason(opts.signal);
  }
  // Precedence: API/CLI options over the YAML's `emu:` section over the defaults (settings.ts).
  return startEmulationOn(provider, {
    name: c.name,
    startMs: Date.parse(c.epoch),
    constellationFile: c.sourceFile ? resolve(c.sourceFile) : undefined,
    ...emuSettingsOf(c),
    ...stripUndefined(opts),
  });
}

export async function startEmulationOn(
  provider: TopologyProvider,
  opts: EmulationOptions = {},
): Promise<Emulation> {
  const settings: EmuSettings = { ...DEFAULT_EMU_SETTINGS };
  for (const k of Object.keys(DEFAULT_EMU_SETTINGS) as (keyof EmuSettings)[]) {
    const v = opts[k];
    if (v !== undefined) settings[k] = v as never;
  }
  const nodeCount = provider.satelliteCount + provider.stationCount;
  const isolation = resolveIsolation(opts.isolation, nodeCount, settings);
  const clockMode = resolveClock(opts.clock, opts.durationMs, opts.isolation);
  if (isolation === "process" && opts.timerSpinWallMs === undefined) settings.timerSpinWallMs = 0;
  // Exact under the virtual clock: every change of a link's delay reaches its node (see settings.ts).
  if (clockMode === "virtual" && opts.delayToleranceMs === undefined) settings.delayToleranceMs = 0;
  const log = opts.log ?? pino({ level: "silent" });
  const startMs = opts.startMs ?? Date.now();
  // Credentials first: every server below demands them (docs/security.md).
  const opened =
    opts.opened ??
    (opts.runDir ? await openRunDir(opts.runDir, { tls: opts.tls, name: opts.name }) : undefined);
  const ownsRunDir = opts.opened === undefined && opened !== undefined;
  const auth = opened?.auth ?? RunAuth.generate(opts.tls ? await generateRunTls(opts.name ?? "run") : null);
  const controller = new Controller({
    auth,
    clockMode,
    provider,
    settings,
    startMs,
    name: opts.name ?? "constellation",
    isolation,
    runDir: opts.runDir,
    log,
  });
  const signal = opts.signal;
  // What this call opened goes again if the run never begins: an error takes every file the launch
  // wrote (run-open.ts discard), an interrupt its lock and credentials (the record stays, marked).
  const endBeforeStart = () => {
    if (!ownsRunDir) return;
    if (signal?.aborted) opened.release();
    else opened.discard();
  };
  let address: string;
  try {
    address = await controller.start();
  } catch (e) {
    await controller.stop().catch(() => {});
    provider.dispose?.();
    endBeforeStart();
    throw e;
  }
  if (signal?.aborted) {
    await controller.stop();
    provider.dispose?.();
    endBeforeStart();
    throw interruptReason(signal);
  }
  if (opts.runDir)
    writeControllerInfo(opts.runDir, {
      address,
      pid: process.pid,
      name: opts.name ?? "constellation",
      isolation,
      startedAtUnixMs: Date.now(),
      virtualStartMs: startMs,
      speed: settings.speed,
      nodes: nodeCount,
      ...(opts.constellationFile ? { constellationFile: opts.constellationFile } : {}),
    });

  let stopping = false;
  const nodeClients = new Map<string, grpc.Client>();
  const plans = planHosts(isolation, nodeCount, settings.pooledHosts);
  // Child hosts read the apps plan from a file (it can be larger than a command line may be).
  const appsFile = opts.apps && plans.some((p) => !p.inProcess) ? writeAppsPlan(opts.apps) : undefined;
  const hosting = new Hosting(plans, nodeCount, {
    apps: opts.apps,
    appsFile,
    controllerAddress: address,
    clock: clockMode,
    settings,
    log,
    runDir: opts.runDir,
    logLevel: opts.logLevel,
    restart: opts.restart === true,
    inProcess: controller.inProcess(),
    auth,
    expectHost: (hostId, key, nodes) => {
      controller.expectHost(hostId, key, nodes);
      opts.expectHost?.(hostId, key);
    },
  });

  // A node lost inside a live host (fault-injected stop): bring it back there.
  controller.nodeLost$.subscribe((id) => {
    if (!opts.restart || stopping) return;
    hosting.restartNodeLater(
      id,
      (hostId, node) => controller.startNodeOn(hostId, node),
      () => stopping || controller.nodes[id]!.up,
    );
  });
  const force = () => {
    stopping = true;
    hosting.killAll();
    if (opts.runDir) markControllerEnded(opts.runDir);
  };
  forcers.add(force);
  // Ctrl-C while the hosts start: stop what has started (bounded, hosting.ts) and say so.
  const abortStart = () => void hosting.stop();
  signal?.addEventListener("abort", abortStart, { once: true });
  let startError: unknown;
  try {
    await hosting.startAll();
  } catch (e) {
    startError = e;
  } finally {
    signal?.removeEventListener("abort", abortStart);
  }
  if (signal?.aborted || startError !== undefined) {
    // Nothing half-started outlives a failed or interrupted start.
    stopping = true;
    await Promise.all([hosting.stop(), controller.stop()]);
    provider.dispose?.();
    if (opts.runDir) markControllerEnded(opts.runDir);
    forcers.delete(force);
    endBeforeStart();
    throw signal?.aborted ? interruptReason(signal) : startError;
  }

  let doneResolve: () => void = () => {};
  const ended = new Promise<void>((r) => {
    doneResolve = r;
  });
  const done = controller.sync ? Promise.race([ended, controller.sync.failure]) : ended;
  // Armed at scenario time 0 (resume): before it, the realtime clock runs from construction, and a
  // slow start at a high speed would otherwise use up the duration.
  let armed = false;
  const armDuration = () => {
    if (armed || opts.durationMs === undefined) return;
    armed = true;
    controller.clock.at(startMs + opts.durationMs, () => {
      // The virtual clock would otherwise run on past the end before anyone reacts.
      controller.sync?.pause();
      doneResolve();
    });
  };

  let endedBy: InterruptedError | string | undefined;
  const end = (why: InterruptedError | string) => {
    if (endedBy !== undefined) return;
    endedBy = why;
    doneResolve();
  };
  signal?.addEventListener("abort", () => end(interruptReason(signal)), { once: true });

  const nodeClient = (id: number): grpc.Client => {
    const addr = controller.nodes[id]?.address;
    if (!addr || !controller.nodes[id]!.up) throw new Error(`node ${id} is not up`);
    let c = nodeClients.get(addr);
    if (!c) {
      c = client(loadProtos().Node, addr, auth);
      nodeClients.set(addr, c);
    }
    return c;
  };
  /** A request to a node: under the virtual clock, between two rounds (it then lands in no host's past). */
  const toNode = <T>(fn: () => Promise<T>): Promise<T> =>
    controller.sync ? controller.sync.external(fn) : fn();

  const emu: Emulation = {
    controller,
    address,
    runDir: opts.runDir,
    auth,
    isolation,
    clock: clockMode,
    nodeCount,
    satelliteCount: provider.satelliteCount,
    events$: controller.events$,
    deliveries$: controller.events$.pipe(filter((e) => e.type === "TYPE_DELIVERED")),
    done,
    now: () => controller.clock.now(),
    nodeId(x) {
      if (typeof x === "number" || /^\d+$/.test(x)) {
        const i = Number(x);
        if (i >= 0 && i < nodeCount) return i;
        throw new Error(`no node ${x} (0..${nodeCount - 1})`);
      }
      const key = x.toLowerCase();
      const r = controller.nodes.find((n) => n.name.toLowerCase() === key);
      if (!r) throw new Error(`no node named ${x}`);
      return r.id;
    },
    nodeAddress: (id) => controller.nodes[id]?.address ?? "",
    inject: (source, req) =>
      toNode(() => unary<InjectRequest, { id: string }>(nodeClient(source), "Inject", req)).then((r) => r.id),
    injectMany: (source, reqs) =>
      toNode(() =>
        unary<{ requests: InjectRequest[] }, { ids: string[] }>(nodeClient(source), "InjectMany", {
          requests: reqs,
        }),
      ).then((r) => r.ids),
    ping: (from, req) => {
      if (!controller.sync) return unary<PingRequest, PingReply>(nodeClient(from), "Ping", req, 120_000);
      // Virtual clock: start it between rounds, then wait (in wall time) for its virtual round trip.
      return toNode(() => unary<PingRequest, { token: string }>(nodeClient(from), "StartPing", req)).then(
        (t) => unary<{ token: string }, PingReply>(nodeClient(from), "AwaitPing", t, 600_000),
      );
    },
    nodeStatus: (id) => unary<unknown, NodeStatus>(nodeClient(id), "GetStatus", {}),
    resume: () => {
      controller.begin();
      armDuration();
    },
    async killNode(id, how = isolation === "process" ? "kill" : "stop") {
      const h = hosting.handleOf(id);
      if (how === "kill") {
        if (!h.child?.pid) throw new Error(`node ${id} has no process of its own (isolation ${isolation})`);
        h.child.kill("SIGKILL");
        return;
      }
      await toNode(() => (h.local ? h.local.stopNode(id) : controller.stopNode(id)));
    },
    async waitAllUp(timeoutMs = opts.readyTimeoutMs ?? 120_000) {
      const t0 = Date.now();
      while (controller.nodesUp < nodeCount) {
        if (endedBy !== undefined)
          throw typeof endedBy === "string" ? new Error(`the run was ended: ${endedBy}`) : endedBy;
        if (Date.now() - t0 > timeoutMs)
          throw new Error(`only ${controller.nodesUp}/${nodeCount} nodes registered after ${timeoutMs} ms`);
        await sleep(20);
      }
      // Realtime: tables now. Virtual: they go with the first round.
      if (!controller.sync) controller.step(controller.clock.now());
      else controller.scheduleResync();
    },
    pids: () => hosting.pids(),
    hostMemory: (gc, timeoutWallMs, alloc) => hosting.memory(gc, timeoutWallMs, alloc),
    end,
    get endedBy() {
      return endedBy;
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      doneResolve();
      await controller.stop();
      for (const c of nodeClients.values()) c.close();
      await hosting.stop();
      provider.dispose?.();
      if (opts.runDir) markControllerEnded(opts.runDir);
      forcers.delete(force);
      if (ownsRunDir) opened.release();
    },
    forceStop: force,
  };
  return emu;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
