/**
 * Talking to a running launch from another process (`constellate status|ping|trace|stop`): find its
 * controller through the run dir's controller.json, check that the launch still lives (a stale
 * controller.json gets a clear line, not a 10 s wait), present the run's secret from the run dir,
 * resolve node names, call nodes directly.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import type * as grpc from "@grpc/grpc-js";
import { InputError } from "../util/input-error.js";
import { client, unary } from "./grpc-util.js";
import { loadProtos } from "./proto-loader.js";
import type { RunAuth } from "./run-auth.js";
import { type ControllerInfo, findRunDir, readControllerInfo } from "./run-dir.js";
import { LOCK_FILE, lockPid, pidAlive } from "./run-lock.js";
import { readRunAuth } from "./run-secret.js";
import type {
  EmulationStatus,
  ModelRouteReply,
  PingReply,
  PingRequest,
  StopRunRequest,
  ViaName,
} from "./wire.js";
import type { WireStopReason } from "./wire-enums.js";

export class RunClient {
  readonly controller: grpc.Client;
  private readonly nodeClients = new Map<string, grpc.Client>();
  private cachedStatus: EmulationStatus | null = null;

  private constructor(
    readonly runDir: string,
    readonly info: ControllerInfo,
    readonly auth: RunAuth,
  ) {
    this.controller = client(loadProtos().Controller, info.address, auth);
  }

  static open(runDir?: string): RunClient {
    const dir = runningRunDir(runDir);
    return new RunClient(dir, readControllerInfo(dir), readRunAuth(dir));
  }

  async status(): Promise<EmulationStatus> {
    try {
      this.cachedStatus = await unary<unknown, EmulationStatus>(this.controller, "GetStatus", {}, 10_000);
    } catch (e) {
      throw new InputError(
        `the launch in this run dir does not answer (${e instanceof Error ? e.message.split("\n")[0] : String(e)}); is it still running?`,
        { file: this.runDir, value: this.info.address },
      );
    }
    return this.cachedStatus;
  }

  /** A node by index or by name (case-insensitive). */
  async nodeId(nameOrIndex: string, field: string): Promise<number> {
    const st = this.cachedStatus ?? (await this.status());
    if (/^\d+$/.test(nameOrIndex)) {
      const i = Number(nameOrIndex);
      if (i < st.nodes.length) return i;
      throw new InputError(`no node with that index (0..${st.nodes.length - 1})`, {
        field,
        value: nameOrIndex,
      });
    }
    const key = nameOrIndex.toLowerCase();
    const hit = st.nodes.find((n) => n.name.toLowerCase() === key);
    if (!hit)
      throw new InputError("no node with that name (satellite or ground station)", {
        field,
        value: nameOrIndex,
      });
    return hit.node;
  }

  nodeName(id: number): string {
    return this.cachedStatus?.nodes[id]?.name ?? String(id);
  }

  modelRoute(from: number, to: number, via: ViaName): Promise<ModelRouteReply> {
    return unary(this.controller, "ModelRoute", { from, to, via });
  }

  ping(from: number, req: PingRequest): Promise<PingReply> {
    const n = this.cachedStatus?.nodes[from];
    if (!n?.up) throw new InputError("that node is down", { field: "<A>", value: from });
    let c = this.nodeClients.get(n.address);
    if (!c) {
      c = client(loadProtos().Node, n.address, this.auth);
      this.nodeClients.set(n.address, c);
    }
    return unary<PingRequest, PingReply>(c, "Ping", req, 120_000).catch((e: unknown) => {
      throw new InputError(
        `the ping did not complete (${e instanceof Error ? e.message.split("\n")[0] : String(e)}); is the launch still running?`,
        {
          file: this.runDir,
        },
      );
    });
  }

  /** RunControl.Stop: the launch ends as on Ctrl-C; resolves with its pid once it has agreed. */
  async stopRun(reason: WireStopReason): Promise<number> {
    const c = client(loadProtos().RunControl, this.info.address, this.auth);
    try {
      const r = await unary<StopRunRequest, { pid: number }>(c, "Stop", { reason }, 10_000);
      return r.pid;
    } catch (e) {
      throw new InputError(
        `the launch in this run dir did not take the stop (${e instanceof Error ? e.message.split("\n")[0] : String(e)})`,
        { file: this.runDir, value: this.info.address },
      );
    } finally {
      c.close();
    }
  }

  close(): void {
    for (const c of this.nodeClients.values()) c.close();
    this.controller.close();
  }
}

/**
 * The run dir of a launch that is still running: the one given, or the newest under runs/ whose
 * launch lives (launchEnded). A dead launch's stale lock is removed, and the user is told, at once,
 * that nothing runs there.
 */
export function runningRunDir(given?: string): string {
  const dir = findRunDir(given, undefined, given ? undefined : (d) => launchEnded(d) === null);
  const info = readControllerInfo(dir);
  const ended = launchEnded(dir, info);
  if (ended !== null) {
    const lock = lockPid(dir);
    if (lock !== null && !pidAlive(lock)) removeStaleLock(dir);
    throw new InputError(`no launch is running there: ${ended}`, { file: dir, field: "--run-dir" });
  }
  return dir;
}

/**
 * Why the launch of a run dir is not running, or null when it is. It runs while controller.json is
 * not marked ended, its pid lives, and that pid holds the dir's lock. The pid alone is not enough:
 * a launch made through the API (a test, a bench, the replay) ends inside a process that lives on,
 * and a dead launch's pid can be reused; its lock goes when its launch ends (run-open.ts).
 */
export function launchEnded(dir: string, info?: ControllerInfo): string | null {
  let i: ControllerInfo;
  try {
    i = info ?? readControllerInfo(dir);
  } catch {
    return "its controller.json cannot be read";
  }
  if (!pidAlive(i.pid) || i.endedAtUnixMs !== undefined) return `its launch (pid ${i.pid}) has ended`;
  if (lockPid(dir) !== i.pid) return `its launch (pid ${i.pid}) has ended: it holds no lock on the run dir`;
  return null;
}

function removeStaleLock(dir: string): void {
  try {
    rmSync(join(dir, LOCK_FILE), { force: true });
  } catch {
    // Not ours to remove (another user's dir): the next launch there cleans it.
  }
}

export function parseVia(v: string | undefined): ViaName {
  if (v === undefined || v === "space") return "VIA_SPACE";
  if (v === "fiber") return "VIA_FIBER";
  throw new InputError("expected space or fiber", { field: "--via", value: v });
}
