/**
 * Bundles: the unit of traffic. A bundle has an id, source, destination, creation time, declared size
 * and payload (real bytes only for small messages; large ones are declared by size alone so 25 Gbps
 * links can be emulated without moving gigabytes over loopback). Every bundle ends delivered, still
 * queued, or dropped with one of the reasons below.
 */
import { randomBytes } from "node:crypto";
import type { BundleEvent, BundleEventType, ViaName, WireBundle } from "./wire.js";
import { DROP_REASON_WIRE } from "./wire-enums.js";

export const DropReason = {
  /** Its lifetime ended before delivery (held without a route, or queued too long). */
  TtlExpired: "ttl-expired",
  /** The link's FIFO byte limit was reached. */
  QueueFull: "queue-full",
  /** The node holding it was stopped (fault injection) or the emulation shut it down. */
  NodeStopped: "node-stopped",
  /**
   * It was inside a node whose process died (SIGKILL, crash): reported by the controller, which
   * finds it in no live node (controller.ts, lost-bundle census), since the node cannot say so.
   */
  LostWithNode: "lost-with-node",
  /** The destination id is not a node of this constellation. */
  NoSuchDestination: "no-such-destination",
  /** Payload larger than the declared size. */
  Malformed: "malformed",
} as const;
export type DropReason = (typeof DropReason)[keyof typeof DropReason];

const idPrefix = randomBytes(3).toString("hex");
let idCounter = 0;

/** Unique across processes: a random per-process prefix, the node, a counter. */
export function newBundleId(node: number): string {
  idCounter++;
  return `${idPrefix}-${node}-${idCounter}`;
}

export interface NewBundle {
  id?: string;
  source: number;
  destination: number;
  /** Its creation instant as records and apps see it (Unix ms). */
  createdUnixMs: number;
  /** The same instant, unrounded, where the emulation computes on it (src/emu/run-time.ts). */
  createdRunMs: number;
  sizeBytes: number;
  payload?: Buffer;
  ttlMs: number;
  kind?: WireBundle["kind"];
  via?: ViaName;
  metadata?: Record<string, string>;
  replyTo?: string;
}

export function makeBundle(b: NewBundle): WireBundle {
  return {
    id: b.id && b.id.length > 0 ? b.id : newBundleId(b.source),
    source: b.source,
    destination: b.destination,
    createdUnixMs: b.createdUnixMs,
    sizeBytes: b.sizeBytes,
    payload: b.payload ?? Buffer.alloc(0),
    ttlMs: b.ttlMs,
    kind: b.kind ?? "BUNDLE_KIND_DATA",
    via: b.via ?? "VIA_SPACE",
    metadata: b.metadata ?? {},
    hops: [],
    replyTo: b.replyTo ?? "",
    arrivalRunMs: b.createdRunMs,
  };
}

export function bundleEvent(
  type: BundleEventType,
  b: WireBundle,
  node: number,
  tUnixMs: number,
  reason: DropReason | "" = "",
  reasonDetail = "",
): BundleEvent {
  return {
    type,
    id: b.id,
    node,
    tUnixMs,
    source: b.source,
    destination: b.destination,
    createdUnixMs: b.createdUnixMs,
    sizeBytes: b.sizeBytes,
    reason: reason === "" ? "DROP_REASON_UNSPECIFIED" : DROP_REASON_WIRE[reason],
    reasonDetail,
    hops: b.hops.length,
    kind: b.kind,
    metadata: b.metadata,
  };
}

/** Serialization time of `sizeBytes` at `capacityBps`, ms. */
export function serializationMs(sizeBytes: number, capacityBps: number): number {
  return ((sizeBytes * 8) / capacityBps) * 1000;
}
