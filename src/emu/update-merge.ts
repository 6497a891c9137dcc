/**
 * Folding node updates that wait for a slow host into one (the controller's backlog per node).
 *
 * Why: each realtime step writes a diff to every node whose links or routes changed. A host that
 * reads its nodes' streams slower than the steps come (a loaded machine, a host paused in GC) left
 * them queued in the controller's stream buffers, without bound: the 10-minute soak at shell1 grew
 * by ~250 queued updates a second (bench/soak.ts). Once a stream pushes back, the controller keeps
 * one pending update per node and folds each later step into it; the host gets the newest state
 * the moment it reads again.
 *
 * The fold is exact for Node.applyUpdate (node.ts), which keeps links by target and routes by
 * destination: applying the folded update gives the same link table (targets, state, addresses)
 * and routes as applying the updates one after the other. Per target the folded list keeps at
 * most a "down" then an "up" (so a link that went down and came back is rebuilt, as in sequence:
 * its queued bundles are re-routed), and an "up" without an address keeps the one given before.
 */
import type { LinkEntry, NodeUpdate, RouteEntry } from "./wire.js";

/**
 * `into` followed by `next`, as one update (mutates and returns `into`). Both are diffs: a node's
 * configuration is the first message of its stream, written before anything can wait (a new
 * stream is never congested), so it never reaches a backlog.
 */
export function foldNodeUpdate(into: NodeUpdate, next: NodeUpdate): NodeUpdate {
  if (into.update !== "diff" || next.update !== "diff" || !into.diff || !next.diff)
    throw new Error("only link-table diffs are folded; a node's configuration opens its stream");
  if (next.tUnixMs > 0) into.tUnixMs = next.tUnixMs;
  if (next.clock) into.clock = next.clock;
  if (next.diff.links.length > 0) into.diff.links = foldLinks(into.diff.links, next.diff.links);
  if (next.diff.routes.length > 0) into.diff.routes = foldRoutes(into.diff.routes, next.diff.routes);
  return into;
}

function foldLinks(a: LinkEntry[], b: LinkEntry[]): LinkEntry[] {
  // Per target (in first-seen order): a "down" to apply first, then the "up" to apply after it.
  const byTarget = new Map<number, { down: LinkEntry | null; up: LinkEntry | null }>();
  for (const l of [...a, ...b]) {
    const s = byTarget.get(l.target);
    if (!s) byTarget.set(l.target, l.up ? { down: null, up: l } : { down: l, up: null });
    else if (!l.up) {
      // Down ends whatever came before it; one down is as good as two.
      s.down ??= l;
      s.up = null;
    } else s.up = s.up ? { ...l, address: l.address || s.up.address } : l;
  }
  const out: LinkEntry[] = [];
  for (const s of byTarget.values()) {
    if (s.down) out.push(s.down);
    if (s.up) out.push(s.up);
  }
  return out;
}

function foldRoutes(a: RouteEntry[], b: RouteEntry[]): RouteEntry[] {
  const byDest = new Map<number, RouteEntry>();
  for (const r of a) byDest.set(r.destination, r);
  for (const r of b) byDest.set(r.destination, r);
  return [...byDest.values()];
}
