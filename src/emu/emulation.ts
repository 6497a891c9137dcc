/**
 * The live emulator's API: start a controller and its nodes, inject traffic, observe bundle events,
 * fault-inject, stop. The CLI's `launch` and the Earth-observation replay (src/eo/) both drive it.
 *
 *   const emu = await startEmulation(constellation, { speed: 10, isolation: "pooled" });
 *   emu.deliveries$.subscribe((ev) => ...);
 *   await emu.inject(src, { destination: station, sizeBytes: 2e9, atMs: t, metadata: { scene: "x" } });
 *   await emu.stop();
 *
 * Isolation: `process` (one OS process per node), `pooled` (a few host processes, each serving many
 * nodes, every node still its own gRPC server), `inproc` (every node inside this process; no child
 * processes, still real gRPC hops), `sim` (inproc on a discrete-event clock with direct hops: no
 * wall time, as fast as the CPU allows; starts paused: inject, then resume()). `auto` picks process
 * or pooled by node count (settings.ts: pooledAboveNodes).
 */
import type { ChildProcess } from "node:child_process";
import { join } from "node:path";
import type * as grpc from "@grpc/grpc-js";
import type { Logger } from "pino";
import { pino } from "pino";
import { filter, type Observable } from "rxjs";
import type { Constellation } from "../orbit/constellation.js";
import { type AppsPlan, writeAppsPlan } from "./apps/plan-file.js";
import { SimClock } from "./clock.js";
import { Controller } from "./controller.js";
import { client, unary } from "./grpc-util.js";
import { Host } from "./host.js";
import { loadProtos } from "./proto-loader.js";
import { writeControllerInfo } from "./run-dir.js";
import {
  DEFAULT_EMU_SETTINGS,
  type EmuSettings,
  emuSettingsOf,
  type Isolation,
  resolveIsolation,
} from "./settings.js";
import { SimHost } from "./sim-host.js";
import { spawnHost } from "./spawn.js";
import { MeshTopologyProvider, type TopologyProvider } from "./topology-provider.js";
import type { BundleEvent, InjectRequest, NodeStatus, PingReply, PingRequest } from "./wire.js";

export interface EmulationOptions extends Partial<EmuSettings> {
  isolation?: Isolation | "auto";
  /** Virtual start instant, Unix ms (default: the constellation's epoch). */
  startMs?: number;
  /** `done` resolves this much virtual time after the start. */
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
}

interface HostHandle {
  hostId: string;
  nodes: number[];
  child?: ChildProcess;
  local?: Host;
  exited: boolean;
}

export interface Emulation {
  readonly controller: Controller;
  readonly address: string;
  readonly runDir: string | undefined;
  readonly isolation: Isolation;
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
  /** Originate a bundle at `source` (at req.atMs virtual, default now). Returns its id. */
  inject(source: number, req: InjectRequest): Promise<string>;
  /** Many bundles from one source in one call (replays: scenes, tiles). Returns their ids in order. */
  injectMany(source: number, reqs: InjectRequest[]): Promise<string[]>;
  ping(from: number, req: PingRequest): Promise<PingReply>;
  nodeStatus(id: number): Promise<NodeStatus>;
  /** Fault injection: `kill` ends the node's process (process isolation) with SIGKILL; `stop` stops the node inside its host. */
  killNode(id: number, how?: "kill" | "stop"): Promise<void>;
  /** Resolve when every node is registered (and one step has sent them their tables). */
  waitAllUp(timeoutMs?: number): Promise<void>;
  /** `sim`: start (or continue) the discrete-event clock, which starts paused. Other modes: no-op. */
  resume(): void;
  /** Pids of child host processes. */
  pids(): number[];
  stop(): Promise<void>;
}

export async function startEmulation(c: Constellation, opts: EmulationOptions = {}): Promise<Emulation> {
  const provider = await MeshTopologyProvider.create(c);
  // Precedence: API/CLI options over the YAML's `emu:` section over the defaults (settings.ts).
  return startEmulationOn(provider, {
    name: c.name,
    startMs: Date.parse(c.epoch),
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
    if (v !== undefined) settings[k] = v;
  }
  const nodeCount = provider.satelliteCount + provider.stationCount;
  const isolation = resolveIsolation(opts.isolation, nodeCount, settings);
  if (isolation === "process" && opts.timerSpinWallMs === undefined) settings.timerSpinWallMs = 0;
  const log = opts.log ?? pino({ level: "silent" });
  const startMs = opts.startMs ?? Date.now();
  const simClock = isolation === "sim" ? new SimClock(startMs) : undefined;
  const controller = new Controller({
    clock: simClock,
    provider,
    settings,
    startMs,
    name: opts.name ?? "constellation",
    isolation,
    runDir: opts.runDir,
    log,
  });
  const address = await controller.start();
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
    });

  let stopping = false;
  const timers = new Set<NodeJS.Timeout>();
  const hosts = new Map<string, HostHandle>();
  const hostOf = new Int32Array(nodeCount);
  const handles: HostHandle[] = [];
  const nodeClients = new Map<string, grpc.Client>();

  const sim = simClock ? new SimHost(controller, settings, log, opts.apps) : null;
  await sim?.apps?.load();
  // Child hosts read the plan from the run dir (it can be larger than a command line may be).
  const appsFile = opts.apps && !sim && isolation !== "inproc" ? writeAppsPlan(opts.apps) : undefined;
  const launchHost = async (h: HostHandle): Promise<void> => {
    h.exited = false;
    if (sim) {
      for (const id of h.nodes) sim.startNode(id);
      return;
    }
    if (isolation === "inproc") {
      const local = new Host({
        hostId: h.hostId,
        controllerAddress: address,
        log,
        eventFlushWallMs: settings.eventFlushWallMs,
        timerSpinWallMs: settings.timerSpinWallMs,
        apps: opts.apps,
      });
      h.local = local;
      await local.start();
      for (let i = 0; i < h.nodes.length; i += 16)
        await Promise.all(h.nodes.slice(i, i + 16).map((id) => local.startNode(id)));
      return;
    }
    const child = spawnHost(
      {
        hostId: h.hostId,
        controllerAddress: address,
        nodes: h.nodes,
        logFile: opts.runDir ? join(opts.runDir, `host-${h.hostId}.log`) : undefined,
        logLevel: opts.runDir ? (opts.logLevel ?? "info") : "silent",
        timerSpinWallMs: settings.timerSpinWallMs,
        appsFile,
      },
      opts.runDir ? join(opts.runDir, `host-${h.hostId}.stderr`) : undefined,
    );
    h.child = child;
    child.on("error", (e) => log.error({ host: h.hostId, err: e.message }, "host process error"));
    child.on("exit", (code, signal) => {
      h.exited = true;
      if (stopping) return;
      log.warn({ host: h.hostId, pid: child.pid, code, signal }, "host process exited");
      if (opts.restart) {
        log.info({ host: h.hostId, inMs: settings.restartDelayWallMs }, "restarting host process");
        const t = setTimeout(() => {
          timers.delete(t);
          if (!stopping) void launchHost(h);
        }, settings.restartDelayWallMs);
        timers.add(t);
      }
    });
  };

  // Partition nodes into hosts.
  if (isolation === "inproc" || isolation === "sim")
    handles.push({ hostId: "local", nodes: range(nodeCount), exited: false });
  else if (isolation === "process")
    for (let id = 0; id < nodeCount; id++) handles.push({ hostId: `n${id}`, nodes: [id], exited: false });
  else {
    const k = Math.max(1, Math.min(settings.pooledHosts, nodeCount));
    for (let i = 0; i < k; i++) handles.push({ hostId: `h${i}`, nodes: [], exited: false });
    // Contiguous blocks: neighbours in a plane mostly share a host.
    for (let id = 0; id < nodeCount; id++) handles[Math.floor((id * k) / nodeCount)]!.nodes.push(id);
  }
  for (const h of handles) {
    hosts.set(h.hostId, h);
    for (const id of h.nodes) hostOf[id] = handles.indexOf(h);
  }

  // A node lost inside a live host (fault-injected stop): bring it back there.
  controller.nodeLost$.subscribe((id) => {
    if (!opts.restart || stopping) return;
    const h = handles[hostOf[id]!]!;
    if (sim) {
      // Discrete-event time: the delay is virtual.
      controller.clock.after(settings.restartDelayWallMs, () => {
        if (!stopping && !controller.nodes[id]!.up) sim.startNode(id);
      });
      return;
    }
    const t = setTimeout(() => {
      timers.delete(t);
      if (stopping || h.exited || controller.nodes[id]!.up) return;
      log.info({ node: id, host: h.hostId }, "restarting node");
      const p = h.local ? h.local.startNode(id) : controller.startNodeOn(h.hostId, id);
      Promise.resolve(p).catch((e: unknown) => log.warn({ node: id, err: String(e) }, "node restart failed"));
    }, settings.restartDelayWallMs);
    timers.add(t);
  });

  // Spawn children at a bounded rate (each compiles/loads gRPC: a burst of hundreds starves the CPU).
  const parallel = isolation === "process" ? 8 : handles.length;
  for (let i = 0; i < handles.length; i += parallel)
    await Promise.all(handles.slice(i, i + parallel).map(launchHost));

  let doneResolve: () => void = () => {};
  const done = new Promise<void>((r) => {
    doneResolve = r;
  });
  if (opts.durationMs !== undefined)
    controller.clock.at(startMs + opts.durationMs, () => {
      // Discrete-event time would otherwise run on past the end before anyone reacts.
      simClock?.pause();
      doneResolve();
    });

  const simNode = (id: number) => {
    const rt = sim?.runtimes.get(id);
    if (!rt) throw new Error(`node ${id} is not up`);
    return rt;
  };
  const nodeClient = (id: number): grpc.Client => {
    const addr = controller.nodes[id]?.address;
    if (!addr || !controller.nodes[id]!.up) throw new Error(`node ${id} is not up`);
    let c = nodeClients.get(addr);
    if (!c) {
      c = client(loadProtos().Node, addr);
      nodeClients.set(addr, c);
    }
    return c;
  };

  const emu: Emulation = {
    controller,
    address,
    runDir: opts.runDir,
    isolation,
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
      unary<InjectRequest, { id: string }>(nodeClient(source), "Inject", req).then((r) => r.id),
    injectMany: (source, reqs) =>
      sim
        ? Promise.resolve(reqs.map((r) => simNode(source).inject(r, sim.defaults)))
        : unary<{ requests: InjectRequest[] }, { ids: string[] }>(nodeClient(source), "InjectMany", {
            requests: reqs,
          }).then((r) => r.ids),
    ping: (from, req) =>
      sim
        ? simNode(from).ping(req, sim.defaults)
        : unary<PingRequest, PingReply>(nodeClient(from), "Ping", req, 120_000),
    nodeStatus: (id) =>
      sim
        ? Promise.resolve(simNode(id).status())
        : unary<unknown, NodeStatus>(nodeClient(id), "GetStatus", {}),
    resume: () => simClock?.resume(),
    async killNode(id, how = isolation === "process" ? "kill" : "stop") {
      const h = handles[hostOf[id]!]!;
      if (sim) {
        sim.stopNode(id);
        return;
      }
      if (how === "kill") {
        if (!h.child?.pid) throw new Error(`node ${id} has no process of its own (isolation ${isolation})`);
        h.child.kill("SIGKILL");
        return;
      }
      if (h.local) await h.local.stopNode(id);
      else await controller.stopNode(id);
    },
    async waitAllUp(timeoutMs = opts.readyTimeoutMs ?? 120_000) {
      const t0 = Date.now();
      while (controller.nodesUp < nodeCount) {
        if (Date.now() - t0 > timeoutMs)
          throw new Error(`only ${controller.nodesUp}/${nodeCount} nodes registered after ${timeoutMs} ms`);
        await sleep(20);
      }
      controller.step(controller.clock.now());
    },
    pids: () => handles.flatMap((h) => (h.child?.pid && !h.exited ? [h.child.pid] : [])),
    async stop() {
      if (stopping) return;
      stopping = true;
      for (const t of timers) clearTimeout(t);
      doneResolve();
      await controller.stop();
      for (const c of nodeClients.values()) c.close();
      await Promise.all(
        handles.map(async (h) => {
          sim?.close();
          if (h.local) await h.local.close();
          const child = h.child;
          if (!child || h.exited || child.exitCode !== null) return;
          const exited = new Promise<void>((r) => child.once("exit", () => r()));
          if (child.connected) child.disconnect();
          const t = setTimeout(() => child.kill("SIGKILL"), 3000);
          await exited;
          clearTimeout(t);
        }),
      );
      provider.dispose?.();
    },
  };
  return emu;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
