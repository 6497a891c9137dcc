/**
 * The soak's memory probe (src/emu/host-memory.ts): each child host answers over its IPC channel
 * with its own process.memoryUsage() split. Checked against what the kernel says of the same
 * process (/proc/<pid>/status VmRSS, read here, not by the code under test), and the forced GC
 * only where the host was started with --expose-gc (NODE_OPTIONS, as bench/soak.ts passes it).
 */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { type Emulation, startEmulationOn } from "../src/emu/emulation.js";
import { type HandLink, StaticTopologyProvider, snapshotFromLinks } from "../src/emu/topology-provider.js";

// Two satellites and two stations on a line: enough for two pooled hosts to have nodes each.
const links: HandLink[] = [
  { from: 2, to: 0, delayMs: 2, capacityBps: 10e6 },
  { from: 0, to: 2, delayMs: 2, capacityBps: 10e6 },
  { from: 0, to: 1, delayMs: 3, capacityBps: 10e6 },
  { from: 1, to: 0, delayMs: 3, capacityBps: 10e6 },
  { from: 1, to: 3, delayMs: 2, capacityBps: 10e6 },
  { from: 3, to: 1, delayMs: 2, capacityBps: 10e6 },
];

function vmRssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]) / 1024;
}

async function launch(nodeOptions: string | undefined): Promise<Emulation> {
  const saved = process.env.NODE_OPTIONS;
  if (nodeOptions === undefined) delete process.env.NODE_OPTIONS;
  else process.env.NODE_OPTIONS = nodeOptions;
  try {
    const provider = new StaticTopologyProvider(snapshotFromLinks(2, 2, links), ["s0", "s1", "A", "B"]);
    const emu = await startEmulationOn(provider, { clock: "virtual", isolation: "pooled", pooledHosts: 2 });
    await emu.waitAllUp(60_000);
    return emu;
  } finally {
    if (saved === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = saved;
  }
}

describe.skipIf(process.platform !== "linux")("host memory probe (pooled, 2 host processes)", () => {
  let emu: Emulation | undefined;
  afterEach(async () => {
    await emu?.stop();
    emu = undefined;
  });

  it("each host reports its own RSS (as /proc says) and, with --expose-gc, its heap after a full GC", async () => {
    emu = await launch("--expose-gc");
    const pids = emu.pids();
    expect(pids).toHaveLength(2);
    const before = pids.map(vmRssMiB);
    const reports = await emu.hostMemory(true);
    const after = pids.map(vmRssMiB);
    expect(reports.map((r) => r.hostId)).toEqual(["h0", "h1"]);
    reports.forEach((r, i) => {
      const m = r.memory!;
      expect(m).not.toBeNull();
      // The kernel's figure bracketing the host's own: the same process, not ours (this one's RSS
      // differs), within what a forced GC and the reply can move it.
      const lo = Math.min(before[i]!, after[i]!);
      const hi = Math.max(before[i]!, after[i]!);
      expect(m.rssMiB).toBeGreaterThan(lo * 0.8);
      expect(m.rssMiB).toBeLessThan(hi * 1.2);
      expect(m.heapUsedMiB).toBeLessThanOrEqual(m.heapTotalMiB);
      expect(m.heapTotalMiB).toBeLessThan(m.rssMiB);
      expect(m.arrayBuffersMiB).toBeLessThanOrEqual(m.externalMiB);
      expect(Number.isFinite(m.heapAfterGcMiB)).toBe(true);
      expect(m.heapAfterGcMiB).toBeGreaterThan(0);
      expect(m.heapAfterGcMiB).toBeLessThanOrEqual(m.heapTotalMiB);
    });
    // Without asking for a GC, none is forced.
    for (const r of await emu.hostMemory(false)) expect(r.memory!.heapAfterGcMiB).toBeNaN();
    // The allocation sampler over the same channel: started, then stopped with its sites; and the
    // promotion meter's totals only grow (gc-meter.ts; its figures are tested in emu-gc-meter).
    for (const r of await emu.hostMemory(false, 10_000, "start")) expect(r.memory!.alloc).toBeUndefined();
    const stopped = await emu.hostMemory(true, 10_000, "stop");
    stopped.forEach((r, i) => {
      const a = r.memory!.alloc!;
      expect(a.windowWallMs).toBeGreaterThan(0);
      // An idle host may allocate less than one sample's worth meanwhile: the sites only add up.
      expect(a.sites.reduce((n, x) => n + x.bytes, 0)).toBeLessThanOrEqual(a.totalBytes);
      expect(r.memory!.majorGcs).toBeGreaterThan(reports[i]!.memory!.majorGcs);
      expect(r.memory!.promotedMiB).toBeGreaterThanOrEqual(reports[i]!.memory!.promotedMiB);
      expect(r.memory!.arrayBuffersAfterGcMiB).toBeLessThanOrEqual(r.memory!.arrayBuffersMiB);
    });
  }, 90_000);

  it("without --expose-gc a host says so (NaN), not a heap figure that is not after a GC; a host gone answers null", async () => {
    emu = await launch(undefined);
    for (const r of await emu.hostMemory(true)) {
      expect(r.memory).not.toBeNull();
      expect(r.memory!.heapAfterGcMiB).toBeNaN();
      expect(r.memory!.rssMiB).toBeGreaterThan(0);
    }
    const [pid] = emu.pids();
    process.kill(pid!, "SIGKILL");
    await new Promise((r) => setTimeout(r, 300));
    const reports = await emu.hostMemory(false, 10_000);
    expect(reports[0]!.memory).toBeNull();
    expect(reports[1]!.memory).not.toBeNull();
  }, 90_000);
});
