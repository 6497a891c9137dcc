/**
 * Hosting: one strategy, configured. Every node runs inside a Host (host.ts); what isolation picks
 * is only how many hosts there are and whether each is a child process or lives in the
 * controller's process:
 *
 *   process: one child host per node;  pooled: k child hosts, contiguous blocks of nodes;
 *   inproc:  one host inside this process.
 *
 * Hosts reach the controller by its address alone (no shared memory, no assumption that they run
 * on this machine); a child host gets everything it needs in its spec (spawn.ts), and its
 * credentials (the run secret and a key of its own, run-auth.ts) in its environment.
 */
import type { ChildProcess } from "node:child_process";
import { join } from "node:path";
import type { Logger } from "pino";
import type { AppsPlan } from "./apps/plan.js";
import type { ClockMode } from "./clock.js";
import { Host } from "./host.js";
import {
  type HostMemory,
  isMemoryReply,
  MEMORY_REQUEST,
  type MemoryRequest,
  memoryOfReply,
} from "./host-memory.js";
import type { InProcessController } from "./in-process.js";
import { HOST_KEY_ENV, newHostKey, type RunAuth } from "./run-auth.js";
import type { EmuSettings, Isolation } from "./settings.js";
import { hostProfilerArgs, spawnHost } from "./spawn.js";

export interface HostPlan {
  hostId: string;
  nodes: number[];
  /** Inside the controller's process (no child). */
  inProcess: boolean;
}

/** Which hosts, and which nodes on each. */
export function planHosts(isolation: Isolation, nodeCount: number, pooledHosts: number): HostPlan[] {
  if (isolation === "inproc")
    return [{ hostId: "local", nodes: Array.from({ length: nodeCount }, (_, i) => i), inProcess: true }];
  if (isolation === "process")
    return Array.from({ length: nodeCount }, (_, id) => ({
      hostId: `n${id}`,
      nodes: [id],
      inProcess: false,
    }));
  const k = Math.max(1, Math.min(pooledHosts, nodeCount));
  const plans: HostPlan[] = Array.from({ length: k }, (_, i) => ({
    hostId: `h${i}`,
    nodes: [],
    inProcess: false,
  }));
  // Contiguous blocks: neighbours in a plane mostly share a host (fewer hops cross hosts).
  for (let id = 0; id < nodeCount; id++) plans[Math.floor((id * k) / nodeCount)]!.nodes.push(id);
  return plans;
}

export interface HostingOptions {
  controllerAddress: string;
  clock: ClockMode;
  settings: EmuSettings;
  log: Logger;
  runDir?: string;
  logLevel?: string;
  restart: boolean;
  /** Onboard apps (src/emu/apps/): in-process hosts get the plan, child hosts its file. */
  apps?: AppsPlan;
  appsFile?: string;
  /** The controller's direct calls for a host in its process (in-process.ts). */
  inProcess?: InProcessController;
  auth: RunAuth;
  /** Tell the controller which host will register which nodes, and with which key. */
  expectHost(hostId: string, key: string, nodes: readonly number[]): void;
}

/** A running host: its plan, and either the in-process Host or the child process. */
export class HostHandle {
  child: ChildProcess | undefined;
  local: Host | undefined;
  exited = false;
  /** This host's key (run-auth.ts), the same across restarts of its process. */
  readonly key = newHostKey();

  constructor(readonly plan: HostPlan) {}

  get hostId(): string {
    return this.plan.hostId;
  }
}

/**
 * How long stop() lets a child host end by itself (IPC disconnect: it closes its servers and flushes
 * its log) before SIGKILL. Our choice, within Ctrl-C's 2 s bound for the whole launch: a host exits
 * in ~0.1-0.3 s here; one still loading its modules (start-up) cannot react and is killed.
 */
export const CHILD_EXIT_GRACE_WALL_MS = 1_000;
/** The same for a host run under the CPU profiler (spawn.ts, hostProfilerArgs): our choice. */
const PROFILED_CHILD_EXIT_GRACE_WALL_MS = 30_000;

export class Hosting {
  readonly handles: HostHandle[];
  private readonly hostOf: Int32Array;
  private stopping = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    plans: HostPlan[],
    nodeCount: number,
    private readonly o: HostingOptions,
  ) {
    this.handles = plans.map((p) => new HostHandle(p));
    for (const h of this.handles) o.expectHost(h.hostId, h.key, h.plan.nodes);
    this.hostOf = new Int32Array(nodeCount).fill(-1);
    this.handles.forEach((h, i) => {
      for (const id of h.plan.nodes) this.hostOf[id] = i;
    });
  }

  handleOf(node: number): HostHandle {
    const h = this.handles[this.hostOf[node] ?? -1];
    if (!h) throw new Error(`node ${node} has no host`);
    return h;
  }

  /** Start every host; children at a bounded rate (each loads gRPC: a burst of hundreds starves the CPU). */
  async startAll(): Promise<void> {
    const parallel = this.handles.length > 16 ? 8 : this.handles.length;
    for (let i = 0; i < this.handles.length; i += parallel)
      await Promise.all(this.handles.slice(i, i + parallel).map((h) => this.launch(h)));
  }

  /** Bring a node back inside its (live) host after the restart delay. */
  restartNodeLater(
    node: number,
    startOn: (hostId: string, node: number) => Promise<void>,
    isUp: () => boolean,
  ): void {
    const h = this.handleOf(node);
    this.later(() => {
      if (h.exited || isUp()) return;
      this.o.log.info({ node, host: h.hostId }, "restarting node");
      const p = h.local ? h.local.startNode(node).then(() => {}) : startOn(h.hostId, node);
      p.catch((e: unknown) => this.o.log.warn({ node, err: String(e) }, "node restart failed"));
    });
  }

  pids(): number[] {
    return this.handles.flatMap((h) => (h.child?.pid && !h.exited ? [h.child.pid] : []));
  }

  /**
   * Each child host's memory (host-memory.ts), asked over its IPC channel; `gc` forces a full GC in
   * it first (when it has `gc`); `alloc` starts its allocation sampler or stops it (the reply then
   * carries the sites, alloc-sampler.ts). Null for a host that is in this process, gone, or does not answer
   * within `timeoutWallMs`.
   */
  memory(
    gc: boolean,
    timeoutWallMs = 5_000,
    alloc?: MemoryRequest["alloc"],
  ): Promise<{ hostId: string; memory: HostMemory | null }[]> {
    return Promise.all(
      this.handles.map(async (h) => ({
        hostId: h.hostId,
        memory: await this.askMemory(h, gc, timeoutWallMs, alloc),
      })),
    );
  }

  private memoryAsks = 0;

  private askMemory(
    h: HostHandle,
    gc: boolean,
    timeoutWallMs: number,
    alloc?: MemoryRequest["alloc"],
  ): Promise<HostMemory | null> {
    const child = h.child;
    if (!child || h.exited || !child.connected) return Promise.resolve(null);
    const id = ++this.memoryAsks;
    return new Promise((resolve) => {
      const done = (m: HostMemory | null) => {
        clearTimeout(t);
        child.off("message", onMessage);
        resolve(m);
      };
      const onMessage = (m: unknown) => {
        if (isMemoryReply(m) && m.id === id) done(memoryOfReply(m));
      };
      const t = setTimeout(() => done(null), timeoutWallMs);
      child.on("message", onMessage);
      const ask: MemoryRequest = { type: MEMORY_REQUEST, id, gc, ...(alloc ? { alloc } : {}) };
      try {
        child.send(ask, (e) => {
          if (e) done(null);
        });
      } catch {
        done(null); // the channel closed between the check and the send
      }
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const t of this.timers) clearTimeout(t);
    await Promise.all(
      this.handles.map(async (h) => {
        if (h.local) await h.local.close();
        const child = h.child;
        if (!child || h.exited || child.exitCode !== null) return;
        const exited = new Promise<void>((r) => child.once("exit", () => r()));
        if (child.connected) child.disconnect();
        // A profiled host writes its profile as it exits (seconds for a long run): let it.
        const graceMs =
          hostProfilerArgs().length > 0 ? PROFILED_CHILD_EXIT_GRACE_WALL_MS : CHILD_EXIT_GRACE_WALL_MS;
        const t = setTimeout(() => child.kill("SIGKILL"), graceMs);
        await exited;
        clearTimeout(t);
      }),
    );
  }

  /** SIGKILL every child host now (the forced end of a launch; no waiting, nothing left behind). */
  killAll(): void {
    this.stopping = true;
    for (const t of this.timers) clearTimeout(t);
    for (const h of this.handles) {
      const child = h.child;
      if (child && !h.exited && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  }

  private later(fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.stopping) fn();
    }, this.o.settings.restartDelayWallMs);
    this.timers.add(t);
  }

  private async launch(h: HostHandle): Promise<void> {
    if (this.stopping) return;
    h.exited = false;
    const s = this.o.settings;
    if (h.plan.inProcess) {
      const local = new Host({
        hostId: h.hostId,
        controllerAddress: this.o.controllerAddress,
        log: this.o.log,
        clock: this.o.clock,
        eventFlushWallMs: s.eventFlushWallMs,
        timerSpinWallMs: s.timerSpinWallMs,
        apps: this.o.apps,
        ...(this.o.inProcess ? { inProcess: this.o.inProcess } : {}),
        auth: this.o.auth,
        hostKey: h.key,
      });
      h.local = local;
      await local.start();
      for (let i = 0; i < h.plan.nodes.length && !this.stopping; i += 16)
        await Promise.all(h.plan.nodes.slice(i, i + 16).map((id) => local.startNode(id)));
      return;
    }
    const runDir = this.o.runDir;
    const child = spawnHost(
      {
        hostId: h.hostId,
        controllerAddress: this.o.controllerAddress,
        nodes: h.plan.nodes,
        logFile: runDir ? join(runDir, `host-${h.hostId}.log`) : undefined,
        logLevel: runDir ? (this.o.logLevel ?? "info") : "silent",
        clock: this.o.clock,
        timerSpinWallMs: s.timerSpinWallMs,
        eventFlushWallMs: s.eventFlushWallMs,
        appsFile: this.o.appsFile,
      },
      runDir ? join(runDir, `host-${h.hostId}.stderr`) : undefined,
      { ...this.o.auth.env(true), [HOST_KEY_ENV]: h.key },
    );
    h.child = child;
    child.on("error", (e) => this.o.log.error({ host: h.hostId, err: e.message }, "host process error"));
    child.on("exit", (code, signal) => {
      h.exited = true;
      if (this.stopping) return;
      this.o.log.warn({ host: h.hostId, pid: child.pid, code, signal }, "host process exited");
      if (this.o.restart) {
        this.o.log.info({ host: h.hostId, inMs: s.restartDelayWallMs }, "restarting host process");
        this.later(() => void this.launch(h));
      }
    });
  }
}
