/**
 * A binary min-heap over a plain array, ordered by the caller's `less`: the one implementation the
 * clocks share (src/emu/clock.ts, src/emu/event-scheduler.ts). Sifts move a hole instead of swapping.
 */
export type Less<T> = (x: T, y: T) => boolean;

export function heapPush<T>(h: T[], e: T, less: Less<T>): void {
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

export function heapPop<T>(h: T[], less: Less<T>): T | undefined {
  const top = h[0];
  const last = h.pop();
  const n = h.length;
  if (n === 0 || last === undefined) return top;
  let i = 0;
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
