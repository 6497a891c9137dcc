/**
 * Downlink windows in the tasking's order (by start) with the two questions the onboard downlink
 * policy asks at every wake-up answered by binary search instead of a scan of the whole day: the
 * first window that starts after t, and the windows open at t. Why: the policy asks them at every
 * pump, and a day of eo-sso-200 has 7,494 windows; the answers are those of `Array.find` and
 * `Array.filter` on the same array, in the same order (test/eo-window-index.test.ts).
 */
import type { DownlinkWindow } from "../downlink-windows.js";

export class WindowIndex {
  private readonly starts: Float64Array;
  /** The longest window: a window open at t started after t minus this. */
  private readonly longestMs: number;

  constructor(readonly windows: readonly DownlinkWindow[]) {
    this.starts = Float64Array.from(windows, (w) => w.startUnixMs);
    let longest = 0;
    for (let i = 0; i < windows.length; i++) {
      if (i > 0 && this.starts[i]! < this.starts[i - 1]!)
        throw new Error("downlink windows must be sorted by start (the tasking's order)");
      longest = Math.max(longest, windows[i]!.endUnixMs - windows[i]!.startUnixMs);
    }
    this.longestMs = longest;
  }

  /** Index of the first window that starts after t (windows.length if none). */
  private upper(tUnixMs: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! <= tUnixMs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first window (in order) that starts after t: `windows.find((w) => w.startUnixMs > t)`. */
  firstAfter(tUnixMs: number): DownlinkWindow | undefined {
    return this.windows[this.upper(tUnixMs)];
  }

  /** The windows open at t, in order: `windows.filter((w) => w.startUnixMs <= t && t < w.endUnixMs)`. */
  openAt(tUnixMs: number): DownlinkWindow[] {
    const out: DownlinkWindow[] = [];
    const from = tUnixMs - this.longestMs;
    for (let i = this.upper(tUnixMs) - 1; i >= 0 && this.starts[i]! > from; i--) {
      const w = this.windows[i]!;
      if (tUnixMs < w.endUnixMs) out.push(w);
    }
    return out.reverse();
  }
}
