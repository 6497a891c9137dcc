/**
 * How much garbage a process promotes into its old generation: the soak's measure of what makes V8
 * grow a host's heap (docs/soak.md). A heap snapshot sees only live objects and RSS only the result;
 * promotion is the cause in between. Objects that outlive two scavenges are copied to the old space,
 * where only a major GC frees them, so a process that promotes fast climbs its heap between major
 * GCs and V8 sizes the heap (and so RSS) to the peaks.
 *
 * Measured with V8's own per-GC heap statistics (node:v8 GCProfiler, Node >= 18.15): for every
 * young-generation collection, the growth of the spaces outside the young generation across it is
 * what it promoted. The profiler is stopped and restarted at each reading, so what it keeps between
 * two readings is a few hundred small records.
 */
import { GCProfiler } from "node:v8";

/** What the young generation's collections do in V8 (GCProfiler's gcType names, Node 20). */
const YOUNG_GC_TYPES = new Set(["Scavenge", "MinorMarkCompact", "MinorMarkSweep"]);
/** Spaces of the young generation: growth elsewhere across a young GC is promotion. */
const YOUNG_SPACES = new Set(["new_space", "new_large_object_space"]);

interface SpaceStat {
  spaceName: string;
  spaceUsedSize: number;
}
interface GcRecord {
  gcType: string;
  beforeGC: { heapSpaceStatistics: SpaceStat[] };
  afterGC: { heapSpaceStatistics: SpaceStat[] };
}

/** Totals since the meter started. */
export interface GcTotals {
  /** Bytes the young-generation collections moved into the old generation. */
  promotedBytes: number;
  /**
   * Bytes allocated in the old generation between collections (V8 pretenures the objects of
   * allocation sites whose objects mostly survive, and large objects go there at once).
   */
  oldAllocatedBytes: number;
  youngGcs: number;
  /** Full (mark-compact) collections, forced ones included. */
  majorGcs: number;
}

/** Old-generation bytes used, from one side of a GC record. */
export function oldBytes(spaces: readonly SpaceStat[]): number {
  let n = 0;
  for (const s of spaces) if (!YOUNG_SPACES.has(s.spaceName)) n += s.spaceUsedSize;
  return n;
}

/**
 * Fold GCProfiler records into the totals (exported for the test, which feeds it real records).
 * `t.lastOldBytes`: the old generation after the last collection folded (NaN before the first), so
 * the growth up to the next one's start is direct old-space allocation.
 */
export function addGcRecords(t: GcTotals & { lastOldBytes: number }, records: readonly GcRecord[]): void {
  for (const r of records) {
    const before = oldBytes(r.beforeGC.heapSpaceStatistics);
    const after = oldBytes(r.afterGC.heapSpaceStatistics);
    if (before > t.lastOldBytes) t.oldAllocatedBytes += before - t.lastOldBytes;
    if (YOUNG_GC_TYPES.has(r.gcType)) {
      t.youngGcs++;
      if (after > before) t.promotedBytes += after - before;
    } else if (r.gcType === "MarkSweepCompact") t.majorGcs++;
    t.lastOldBytes = after;
  }
}

export class GcMeter {
  private profiler: GCProfiler | null = null;
  private readonly totals = {
    promotedBytes: 0,
    oldAllocatedBytes: 0,
    youngGcs: 0,
    majorGcs: 0,
    lastOldBytes: Number.NaN,
  };

  /** The totals so far (starts the meter on its first call: the first reading is zeros). */
  read(): GcTotals {
    if (this.profiler) {
      const out = this.profiler.stop() as { statistics?: GcRecord[] } | undefined;
      addGcRecords(this.totals, out?.statistics ?? []);
    }
    this.profiler = new GCProfiler();
    this.profiler.start();
    const { lastOldBytes: _, ...t } = this.totals;
    return t;
  }

  stop(): void {
    this.profiler?.stop();
    this.profiler = null;
  }
}
