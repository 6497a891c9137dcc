/**
 * Checks on what arrives over the wire, before a node acts on it: sizes, instants, lifetimes and
 * counts within src/util/limits.ts. A request out of bounds is refused whole with gRPC
 * INVALID_ARGUMENT, naming the field, its value and the limit (a 1e15-byte bundle or an instant in
 * year 275760 would otherwise be accepted and hold a link for days, or overflow date arithmetic).
 */
import * as grpc from "@grpc/grpc-js";
import {
  MAX_BUNDLE_BYTES,
  MAX_HOPS,
  MAX_INJECT_BATCH,
  MAX_METADATA_ENTRIES,
  MAX_METADATA_VALUE_BYTES,
  MAX_WIRE_TTL_MS,
  MAX_WIRE_UNIX_MS,
  MIN_WIRE_UNIX_MS,
} from "../util/limits.js";
import type { InjectRequest, PingRequest, WireBundle } from "./wire.js";

/** A wire request out of bounds: the host answers INVALID_ARGUMENT with this message. */
export class WireInputError extends Error {
  readonly code = grpc.status.INVALID_ARGUMENT;

  constructor(field: string, value: unknown, problem: string) {
    super(`${field} ${describe(value)}: ${problem}`);
    this.name = "WireInputError";
  }
}

function describe(v: unknown): string {
  if (typeof v === "number") return String(v);
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** The gRPC error for `e`: INVALID_ARGUMENT for a WireInputError, else `otherwise` (the caller's). */
export function grpcErrorOf(e: unknown, otherwise: grpc.status): { code: grpc.status; details: string } {
  return {
    code: e instanceof WireInputError ? e.code : otherwise,
    details: e instanceof Error ? e.message : String(e),
  };
}

function inRange(field: string, v: number, min: number, max: number, what: string): void {
  if (!Number.isFinite(v) || v < min || v > max) throw new WireInputError(field, v, `expected ${what}`);
}

const BYTES = `0..${MAX_BUNDLE_BYTES} bytes (MAX_BUNDLE_BYTES)`;
const INSTANT = `0 (now) or an instant in ${new Date(MIN_WIRE_UNIX_MS).toISOString()}..${new Date(MAX_WIRE_UNIX_MS).toISOString()} (Unix ms)`;
/** A run-relative instant (ms since the run's epoch, src/emu/run-time.ts) spans at most the wire's Unix range. */
const MAX_WIRE_RUN_MS = MAX_WIRE_UNIX_MS - MIN_WIRE_UNIX_MS;
const RUN_INSTANT = `a run-relative instant within +-${MAX_WIRE_RUN_MS} ms (ms since the run's epoch)`;
const TTL = `0 (the default) or up to ${MAX_WIRE_TTL_MS} ms (MAX_WIRE_TTL_MS)`;

/** 0 means "now" in atUnixMs (proto3's default); anything else must be a real instant. */
function checkInstant(field: string, v: number | undefined): void {
  if (v === undefined || v === 0) return;
  inRange(field, v, MIN_WIRE_UNIX_MS, MAX_WIRE_UNIX_MS, INSTANT);
}

function checkMetadata(field: string, m: Record<string, string> | undefined): void {
  if (!m) return;
  const keys = Object.keys(m);
  if (keys.length > MAX_METADATA_ENTRIES)
    throw new WireInputError(
      field,
      keys.length,
      `at most ${MAX_METADATA_ENTRIES} entries (MAX_METADATA_ENTRIES)`,
    );
  for (const k of keys) {
    const v = m[k] ?? "";
    if (Buffer.byteLength(k) > MAX_METADATA_VALUE_BYTES || Buffer.byteLength(v) > MAX_METADATA_VALUE_BYTES)
      throw new WireInputError(
        `${field}.${k.slice(0, 40)}`,
        `${v.slice(0, 40)}`,
        `keys and values up to ${MAX_METADATA_VALUE_BYTES} bytes`,
      );
  }
}

export function checkInject(r: InjectRequest, field = "inject"): void {
  inRange(`${field}.sizeBytes`, r.sizeBytes ?? 0, 0, MAX_BUNDLE_BYTES, BYTES);
  checkInstant(`${field}.atUnixMs`, r.atUnixMs);
  inRange(`${field}.ttlMs`, r.ttlMs ?? 0, 0, MAX_WIRE_TTL_MS, TTL);
  checkMetadata(`${field}.metadata`, r.metadata);
}

export function checkInjectBatch(rs: readonly InjectRequest[]): void {
  if (rs.length > MAX_INJECT_BATCH)
    throw new WireInputError(
      "requests",
      rs.length,
      `at most ${MAX_INJECT_BATCH} per call (MAX_INJECT_BATCH)`,
    );
  for (let i = 0; i < rs.length; i++) checkInject(rs[i]!, `requests[${i}]`);
}

export function checkPing(r: PingRequest): void {
  inRange("ping.sizeBytes", r.sizeBytes ?? 0, 0, MAX_BUNDLE_BYTES, BYTES);
  inRange("ping.timeoutMs", r.timeoutMs ?? 0, 0, MAX_WIRE_TTL_MS, TTL);
}

/** A bundle handed over by a peer node (Deliver, DeliverBatch, Hops): a few comparisons per hop. */
export function checkWireBundle(b: WireBundle): void {
  inRange("bundle.sizeBytes", b.sizeBytes, 0, MAX_BUNDLE_BYTES, BYTES);
  inRange("bundle.createdUnixMs", b.createdUnixMs, MIN_WIRE_UNIX_MS, MAX_WIRE_UNIX_MS, INSTANT);
  inRange("bundle.arrivalRunMs", b.arrivalRunMs, -MAX_WIRE_RUN_MS, MAX_WIRE_RUN_MS, RUN_INSTANT);
  inRange("bundle.ttlMs", b.ttlMs, 0, MAX_WIRE_TTL_MS, TTL);
  if (b.hops.length > MAX_HOPS)
    throw new WireInputError("bundle.hops", b.hops.length, `at most ${MAX_HOPS} hops (MAX_HOPS)`);
  // Metadata is left to gRPC's message limit here: this runs per hop, and must not allocate.
}
