/**
 * A host process's memory, as the soak (bench/soak.ts) samples it: asked over the child's IPC
 * channel (hosting.ts sends MEMORY_REQUEST, host-main.ts answers with memorySample()). RSS alone
 * cannot tell a leak from V8 sizing its heap or from native memory: these figures split it.
 *
 * - heapUsedMiB / heapTotalMiB: the JS heap's live-plus-garbage bytes and what V8 reserved for it.
 * - heapAfterGcMiB: heapUsed right after a forced full GC (only when the process has `gc`, i.e.
 *   runs with --expose-gc, e.g. through NODE_OPTIONS): the live objects, what a leak grows.
 * - externalMiB / arrayBuffersMiB: memory outside the JS heap held by JS objects (Buffers,
 *   ArrayBuffers: gRPC's frames), as process.memoryUsage() reports them.
 * - hopPeers: not memory but what holds much of it: the peers this host's hop transport keeps a
 *   channel (an HTTP/2 session, its socket and buffers) open to (transport.ts).
 */
import type { AllocSummary } from "./alloc-sampler.js";
import { GcMeter } from "./gc-meter.js";

export interface HostMemory {
  rssMiB: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
  /** NaN when not asked for a GC, or the process has no `gc` (no --expose-gc). */
  heapAfterGcMiB: number;
  externalMiB: number;
  arrayBuffersMiB: number;
  /**
   * ArrayBuffers still held after the forced GC (NaN without one): the before-GC figure counts
   * garbage Buffers too, whose wrappers wait in the old space for a major GC.
   */
  arrayBuffersAfterGcMiB: number;
  hopPeers: number;
  /**
   * Young-generation collections' promotion into the old space since the host's first sample
   * (gc-meter.ts), and how many collections of each kind: what makes V8 grow its heap.
   */
  promotedMiB: number;
  /** Allocated straight into the old space between collections (pretenured, large objects). */
  oldAllocatedMiB: number;
  youngGcs: number;
  majorGcs: number;
  /** Allocation sites over the sampled window, when this request stopped the sampler (alloc-sampler.ts). */
  alloc?: AllocSummary;
}

/** The parent's question (IPC message); `gc` asks for a forced full GC first. */
export interface MemoryRequest {
  type: typeof MEMORY_REQUEST;
  id: number;
  gc: boolean;
  /** Start the allocation sampler before sampling, or stop it and return its summary. */
  alloc?: "start" | "stop";
}

export interface MemoryReply {
  type: typeof MEMORY_REPLY;
  id: number;
  memory: HostMemory;
}

export const MEMORY_REQUEST = "memory?";
export const MEMORY_REPLY = "memory";

const MiB = 2 ** 20;

/** Read once per sample (it restarts V8's GC profiler): the first sample starts the meter. */
const gcMeter = new GcMeter();

/**
 * This process's memory now. With `forceGc` and a `gc` global, the heap figures are read twice:
 * before the GC (what RSS saw) and after it (heapAfterGcMiB).
 */
export function memorySample(forceGc: boolean, hopPeers: number): HostMemory {
  const m = process.memoryUsage();
  const gc = (globalThis as { gc?: () => void }).gc;
  let heapAfterGcMiB = Number.NaN;
  let arrayBuffersAfterGcMiB = Number.NaN;
  if (forceGc && gc) {
    gc();
    const after = process.memoryUsage();
    heapAfterGcMiB = after.heapUsed / MiB;
    arrayBuffersAfterGcMiB = after.arrayBuffers / MiB;
  }
  const g = gcMeter.read();
  return {
    rssMiB: m.rss / MiB,
    heapUsedMiB: m.heapUsed / MiB,
    heapTotalMiB: m.heapTotal / MiB,
    heapAfterGcMiB,
    externalMiB: m.external / MiB,
    arrayBuffersMiB: m.arrayBuffers / MiB,
    arrayBuffersAfterGcMiB,
    hopPeers,
    promotedMiB: g.promotedBytes / MiB,
    oldAllocatedMiB: g.oldAllocatedBytes / MiB,
    youngGcs: g.youngGcs,
    majorGcs: g.majorGcs,
  };
}

export function isMemoryRequest(m: unknown): m is MemoryRequest {
  return typeof m === "object" && m !== null && (m as { type?: unknown }).type === MEMORY_REQUEST;
}

export function isMemoryReply(m: unknown): m is MemoryReply {
  return typeof m === "object" && m !== null && (m as { type?: unknown }).type === MEMORY_REPLY;
}

/** The sample as sent: IPC is JSON, which turns NaN (no GC figure) into null; back to NaN here. */
export function memoryOfReply(r: MemoryReply): HostMemory {
  const m = r.memory;
  const num = (v: unknown) => (typeof v === "number" ? v : Number.NaN);
  return {
    ...m,
    heapAfterGcMiB: num(m.heapAfterGcMiB),
    arrayBuffersAfterGcMiB: num(m.arrayBuffersAfterGcMiB),
  };
}
