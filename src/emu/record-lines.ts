/**
 * The lines of the run dir's metrics.ndjson and events.ndjson. These files are outputs users (and
 * run-record.ts, the view, scripts) read, so their field names stay as they were before the wire
 * contract's v2 renames (docs/wire.md): a wire message is mapped to its line here, not dumped.
 */
import type { BundleEvent, Metrics } from "./wire.js";
import { dropText } from "./wire-enums.js";

/** One line of metrics.ndjson: the controller's periodic Metrics. */
export function metricsLine(m: Metrics): string {
  return JSON.stringify({
    tMs: m.tUnixMs,
    nodesUp: m.nodesUp,
    totals: m.totals,
    links: m.links,
    linkDiffs: m.linkDiffs,
    routeDiffs: m.routeDiffs,
    stepComputeMs: m.stepComputeWallMs,
  });
}

/** One line of events.ndjson (virtual clock): a bundle's life event, in the ledger's order. */
export function eventLine(e: BundleEvent): string {
  return JSON.stringify({
    type: e.type,
    id: e.id,
    node: e.node,
    tMs: e.tUnixMs,
    source: e.source,
    destination: e.destination,
    createdMs: e.createdUnixMs,
    sizeBytes: e.sizeBytes,
    reason: dropText(e.reason, e.reasonDetail),
    hops: e.hops,
    kind: e.kind,
    metadata: e.metadata,
  });
}
