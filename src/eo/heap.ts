/** A binary min-heap of events ordered by (time, rank, sequence): deterministic for equal times. */
export interface SimEvent {
  tMs: number;
  /** Tie-break at equal times: lower first (e.g. sunlight changes before captures). */
  rank: number;
  seq: number;
  kind: number;
  a: number;
  b: number;
  ref?: unknown;
}

export class EventHeap {
  private items: SimEvent[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  push(tMs: number, rank: number, kind: number, a = 0, b = 0, ref?: unknown): void {
    const e: SimEvent = { tMs, rank, seq: this.seq++, kind, a, b, ref };
    const h = this.items;
    let i = h.length;
    h.push(e);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(e, h[p]!)) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = e;
  }

  peek(): SimEvent | undefined {
    return this.items[0];
  }

  pop(): SimEvent | undefined {
    const h = this.items;
    const top = h[0];
    const last = h.pop();
    if (h.length === 0 || last === undefined) return top;
    let i = 0;
    const n = h.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && less(h[r]!, h[l]!) ? r : l;
      if (!less(h[c]!, last)) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = last;
    return top;
  }
}

function less(x: SimEvent, y: SimEvent): boolean {
  if (x.tMs !== y.tMs) return x.tMs < y.tMs;
  if (x.rank !== y.rank) return x.rank < y.rank;
  return x.seq < y.seq;
}
