/**
 * Where the run's bundles of the chosen pair are drawn on its route at a scenario instant: one dot
 * per bundle created and not yet delivered or dropped at that instant, at its time since creation
 * measured along the route's cumulative hop delays (from the route's first node for bundles going
 * its way, from the last for the echo coming back). A bundle the model says has arrived but the
 * run has not delivered yet is waiting in a queue: it is drawn at its destination. Pure, so the
 * browser test's expectations can be computed by hand.
 */
import type { BundleInfo, RouteInfo } from "../../src/view/protocol.js";

/** A bundle drawn on the route: its id, and where, as delay from the route's first node, ms. */
export interface BundleDot {
  id: string;
  atMs: number;
}

/** For each bundle in flight at tUnixMs, its dot (id and position along the route). */
export function bundleDots(bundles: readonly BundleInfo[], route: RouteInfo, tUnixMs: number): BundleDot[] {
  if (!route.ok || route.path.length < 2) return [];
  const first = route.path[0]!;
  const last = route.path[route.path.length - 1]!;
  const total = route.oneWayMs;
  const out: BundleDot[] = [];
  for (const b of bundles) {
    if (b.createdUnixMs > tUnixMs || (b.endUnixMs !== null && b.endUnixMs <= tUnixMs)) continue;
    const forward = b.source === first && b.destination === last;
    if (!forward && !(b.source === last && b.destination === first)) continue;
    const along = Math.min(total, tUnixMs - b.createdUnixMs);
    out.push({ id: b.id, atMs: forward ? along : total - along });
  }
  return out;
}

/** For each bundle in flight at tUnixMs, its position as delay from the route's first node, ms. */
export function bundleOffsetsMs(bundles: readonly BundleInfo[], route: RouteInfo, tUnixMs: number): number[] {
  return bundleDots(bundles, route, tUnixMs).map((d) => d.atMs);
}
