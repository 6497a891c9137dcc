/**
 * Entry point of a child host process (see spawn.ts). Serves the nodes it was given until the
 * controller's streams end, the IPC channel to the parent disconnects, or SIGTERM. SIGINT is left to
 * the parent (a terminal's Ctrl-C reaches the whole process group; the parent orchestrates shutdown).
 */

import { createLogger } from "../util/log.js";
import { AllocSampler, type AllocSummary } from "./alloc-sampler.js";
import { readAppsPlan } from "./apps/plan-file.js";
import { Host } from "./host.js";
import { isMemoryRequest, MEMORY_REPLY, memorySample } from "./host-memory.js";
import { HOST_KEY_ENV, RunAuth, SECRET_ENV, TLS_KEY_ENV } from "./run-auth.js";
import type { HostSpec } from "./spawn.js";

const spec = JSON.parse(process.argv[process.argv.length - 1] ?? "{}") as HostSpec;
const log = createLogger(`host-${spec.hostId}`, {
  file: spec.logFile,
  level: spec.logLevel,
  fileMode: 0o600,
});
const auth = RunAuth.fromEnv();
const hostKey = process.env[HOST_KEY_ENV];
// Out of the environment now: the apps this host loads need neither (they hold what they are given).
for (const k of [SECRET_ENV, HOST_KEY_ENV, TLS_KEY_ENV]) delete process.env[k];
if (!auth || !hostKey) {
  log.error("no run credentials in the environment: a host is started by its launch (spawn.ts)");
  process.exit(2);
}
const host = new Host({
  auth,
  hostKey,
  hostId: spec.hostId,
  controllerAddress: spec.controllerAddress,
  log,
  clock: spec.clock,
  timerSpinWallMs: spec.timerSpinWallMs,
  apps: spec.appsFile ? readAppsPlan(spec.appsFile) : undefined,
  eventFlushWallMs: spec.eventFlushWallMs,
  onControllerLost: () => exit("controller gone"),
});

let exiting = false;
function exit(why: string): void {
  if (exiting) return;
  exiting = true;
  log.info({ why }, "host exiting");
  const hard = setTimeout(() => process.exit(0), 1500);
  hard.unref();
  host.close().finally(() => {
    log.flush?.();
    process.exit(0);
  });
}

process.on("disconnect", () => exit("parent disconnected"));
// The soak asks each host for its memory split (host-memory.ts): RSS alone hides what grows.
// It may also start or stop the allocation sampler (alloc-sampler.ts) over the same channel.
const sampler = new AllocSampler();
process.on("message", (m: unknown) => {
  if (!isMemoryRequest(m)) return;
  const reply = (alloc?: AllocSummary) => {
    if (!process.connected) return;
    const memory = { ...memorySample(m.gc, host.transport.peerCount), ...(alloc ? { alloc } : {}) };
    process.send?.({ type: MEMORY_REPLY, id: m.id, memory });
  };
  const asked = m.alloc === "start" ? sampler.start() : m.alloc === "stop" ? sampler.stop() : null;
  if (!asked) reply();
  else
    asked.then(
      (a) => reply(a ?? undefined),
      (e: unknown) => {
        log.warn({ err: String(e) }, "allocation sampler failed");
        reply();
      },
    );
});
process.on("SIGTERM", () => exit("SIGTERM"));
process.on("SIGINT", () => {
  // The parent decides; if it is gone, 'disconnect' fires anyway.
});
if (!process.connected) exit("no parent channel");

try {
  await host.start();
  // Start nodes a few at a time: hundreds of concurrent registrations would only queue up anyway.
  const batch = 16;
  for (let i = 0; i < spec.nodes.length; i += batch) {
    await Promise.all(spec.nodes.slice(i, i + batch).map((id) => host.startNode(id)));
  }
  process.send?.({ type: "ready", hostId: spec.hostId, nodes: spec.nodes.length });
  log.info({ nodes: spec.nodes.length }, "host ready");
} catch (e) {
  log.error({ err: e instanceof Error ? e.message : String(e) }, "host failed to start");
  exit("start failed");
}
