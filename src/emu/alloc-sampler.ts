/**
 * Where a process allocates, for the soak (docs/soak.md): V8's sampling heap profiler through the
 * in-process inspector, keeping the samples of objects already collected (by either generation), so
 * the profile is what was allocated over the window, garbage included, not what is live at its end.
 * A host is a child process whose stdout is closed, so --heap-prof (live objects only) and
 * --trace-gc do not serve; the soak asks each host over its IPC channel (host-main.ts).
 *
 * The summary is by allocation site (function, file, line: the frame that allocated), heaviest
 * first; `withCaller` names the frame that called it too, since a site such as a protobuf decoder is
 * shared by every message type.
 */
import { Session } from "node:inspector/promises";

/** One allocation site's share of a sampled window. */
export interface AllocSite {
  site: string;
  /** Bytes allocated there over the window (sampled: each sample stands for ~samplingInterval bytes). */
  bytes: number;
}

export interface AllocSummary {
  windowWallMs: number;
  totalBytes: number;
  /** Heaviest first. */
  sites: AllocSite[];
}

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

/** Bytes between samples on average (V8's default is 32 KiB; finer costs more CPU). */
const SAMPLING_INTERVAL_BYTES = 16 * 1024;

const frameName = (n: ProfileNode) => {
  const f = n.callFrame;
  const file = f.url.replace(/^.*\/(node_modules\/|dist\/|src\/)/, "$1");
  return `${f.functionName || "(anonymous)"} ${file || "(native)"}:${f.lineNumber + 1}`;
};

/** Sum a profile's self sizes by site, heaviest `top` first (exported for the test). */
export function summarize(head: ProfileNode, top: number, withCaller: boolean): AllocSite[] {
  const by = new Map<string, number>();
  const walk = (n: ProfileNode, parent: ProfileNode | null) => {
    if (n.selfSize > 0) {
      const k = withCaller && parent ? `${frameName(n)} <- ${frameName(parent)}` : frameName(n);
      by.set(k, (by.get(k) ?? 0) + n.selfSize);
    }
    for (const c of n.children) walk(c, n);
  };
  walk(head, null);
  return [...by]
    .map(([site, bytes]) => ({ site, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, top);
}

export class AllocSampler {
  private session: Session | null = null;
  private startedWallMs = 0;

  get running(): boolean {
    return this.session !== null;
  }

  async start(): Promise<void> {
    if (this.session) return;
    const s = new Session();
    s.connect();
    await s.post("HeapProfiler.enable");
    await s.post("HeapProfiler.startSampling", {
      samplingInterval: SAMPLING_INTERVAL_BYTES,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    this.session = s;
    this.startedWallMs = performance.now();
  }

  /** Stop sampling: what was allocated since start(), by site (null if it was not started). */
  async stop(top = 40, withCaller = true): Promise<AllocSummary | null> {
    const s = this.session;
    if (!s) return null;
    this.session = null;
    const { profile } = (await s.post("HeapProfiler.stopSampling")) as { profile: { head: ProfileNode } };
    s.disconnect();
    const all = summarize(profile.head, Number.POSITIVE_INFINITY, false);
    return {
      windowWallMs: performance.now() - this.startedWallMs,
      totalBytes: all.reduce((n, x) => n + x.bytes, 0),
      sites: summarize(profile.head, top, withCaller),
    };
  }
}
