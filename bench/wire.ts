/**
 * The Hops stream's CPU per frame under the field-case choices of docs/wire.md, in one process:
 *
 * - camel:  the run-time loader's options (keepCase: false): a relay decodes a HopFrame and
 *           re-encodes the same objects toward the next node (what src/emu does).
 * - seam:   keepCase: true confined to seam modules: decode, convert each bundle (and its hop
 *           records) to a camelCase domain object and back with hand-written literals, encode.
 * - snake:  keepCase: true with the .proto's names used everywhere (no conversion): the floor.
 *
 * CPU time (process.cpuUsage, user + system) per frame of 32 bundles with 4 hop records each and a
 * 64-byte payload, ratios against camel. Nothing here is asserted; the figures go in docs/wire.md.
 *
 *   npm run bench -- wire          (or: npx tsx bench/run.ts wire)
 */
import { join } from "node:path";
import * as protoLoader from "@grpc/proto-loader";
import { LOADER_OPTIONS, PROTO_FILES, protoDir } from "../src/emu/proto-loader.js";
import { writeFileAtomic } from "../src/util/atomic-write.js";
import type { BenchContext, BenchReport } from "./run.js";

const BUNDLES = 32;
const HOPS = 4;
const T0 = Date.parse("2026-01-01T00:00:00Z");
/** A run-relative instant (hop instants are ms since the run's epoch, src/emu/run-time.ts): 20 min in. */
const RUN0 = 1_200_000;

interface Codec {
  encode(v: object): Buffer;
  decode(b: Buffer): Record<string, unknown>;
}

function hopsCodec(keepCase: boolean): Codec {
  const def = protoLoader.loadSync([...PROTO_FILES], {
    includeDirs: [protoDir()],
    ...LOADER_OPTIONS,
    keepCase,
  });
  const hops = (def["constellate.v1.Node"] as protoLoader.ServiceDefinition)["Hops"]!;
  return {
    encode: (v) => hops.requestSerialize(v),
    decode: (b) => hops.requestDeserialize(b) as Record<string, unknown>,
  };
}

type Obj = Record<string, unknown>;

/** A hand-written seam, as one would write it for the hot path: one object literal per message. */
function hopToDomain(h: Obj): Obj {
  return {
    from: h["from"],
    to: h["to"],
    linkKind: h["link_kind"],
    enqueuedRunMs: h["enqueued_run_ms"],
    txStartRunMs: h["tx_start_run_ms"],
    txEndRunMs: h["tx_end_run_ms"],
    arrivalRunMs: h["arrival_run_ms"],
    propagationMs: h["propagation_ms"],
  };
}
function hopToWire(h: Obj): Obj {
  return {
    from: h["from"],
    to: h["to"],
    link_kind: h["linkKind"],
    enqueued_run_ms: h["enqueuedRunMs"],
    tx_start_run_ms: h["txStartRunMs"],
    tx_end_run_ms: h["txEndRunMs"],
    arrival_run_ms: h["arrivalRunMs"],
    propagation_ms: h["propagationMs"],
  };
}
function bundleToDomain(b: Obj): Obj {
  return {
    id: b["id"],
    source: b["source"],
    destination: b["destination"],
    createdUnixMs: b["created_unix_ms"],
    sizeBytes: b["size_bytes"],
    payload: b["payload"],
    ttlMs: b["ttl_ms"],
    kind: b["kind"],
    via: b["via"],
    metadata: b["metadata"],
    hops: (b["hops"] as Obj[]).map(hopToDomain),
    replyTo: b["reply_to"],
    arrivalRunMs: b["arrival_run_ms"],
  };
}
function bundleToWire(b: Obj): Obj {
  return {
    id: b["id"],
    source: b["source"],
    destination: b["destination"],
    created_unix_ms: b["createdUnixMs"],
    size_bytes: b["sizeBytes"],
    payload: b["payload"],
    ttl_ms: b["ttlMs"],
    kind: b["kind"],
    via: b["via"],
    metadata: b["metadata"],
    hops: (b["hops"] as Obj[]).map(hopToWire),
    reply_to: b["replyTo"],
    arrival_run_ms: b["arrivalRunMs"],
  };
}
const snakeKey = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function frame(snake: boolean): object {
  const k = snake ? snakeKey : (s: string) => s;
  const hop = (i: number) => ({
    from: i,
    to: i + 1,
    [k("linkKind")]: "LINK_KIND_ISL",
    [k("enqueuedRunMs")]: RUN0 + i,
    [k("txStartRunMs")]: RUN0 + i + 0.1,
    [k("txEndRunMs")]: RUN0 + i + 0.2,
    [k("arrivalRunMs")]: RUN0 + i + 3.2,
    [k("propagationMs")]: 3,
  });
  const bundles = Array.from({ length: BUNDLES }, (_, j) => ({
    id: `a1b2c3-0-${j}`,
    source: 0,
    destination: 40,
    [k("createdUnixMs")]: T0,
    [k("sizeBytes")]: 64,
    payload: Buffer.alloc(64, j),
    [k("ttlMs")]: 60_000,
    kind: "BUNDLE_KIND_DATA",
    via: "VIA_SPACE",
    metadata: {},
    hops: Array.from({ length: HOPS }, (_, i) => hop(i)),
    [k("replyTo")]: "",
    [k("arrivalRunMs")]: RUN0 + 20,
  }));
  return { seq: 1, bundles };
}

/** CPU ms for `n` relays of one frame (decode, optional seam work, encode). */
function cpuMs(n: number, codec: Codec, bytes: Buffer, seam: boolean): number {
  const t0 = process.cpuUsage();
  let keep = 0;
  for (let i = 0; i < n; i++) {
    let m: unknown = codec.decode(bytes);
    if (seam) {
      const f = m as Obj;
      const domain = (f["bundles"] as Obj[]).map(bundleToDomain);
      m = { seq: f["seq"], bundles: domain.map(bundleToWire) };
    }
    keep += codec.encode(m as object).length;
  }
  const d = process.cpuUsage(t0);
  if (keep === 0) throw new Error("nothing encoded");
  return (d.user + d.system) / 1000;
}

export async function run(ctx: BenchContext): Promise<BenchReport> {
  const n = ctx.quick ? 2_000 : 20_000;
  const camel = hopsCodec(false);
  const snake = hopsCodec(true);
  const camelBytes = camel.encode(frame(false));
  const snakeBytes = snake.encode(frame(true));
  if (!camelBytes.equals(snakeBytes)) throw new Error("the two loads disagree on the wire bytes");
  ctx.log(`wire: ${n} relays of a ${camelBytes.length}-byte HopFrame (${BUNDLES} bundles x ${HOPS} hops)`);
  // Warm-up, then interleaved rounds in rotating order, so machine load falls on every variant alike.
  for (const [c, b, s] of [
    [camel, camelBytes, false],
    [snake, snakeBytes, true],
    [snake, snakeBytes, false],
  ] as const)
    cpuMs(Math.ceil(n / 10), c, b, s);
  const total = { camel: 0, seam: 0, snake: 0 };
  const rounds = 6;
  const variants = [
    () => {
      total.camel += cpuMs(n / rounds, camel, camelBytes, false);
    },
    () => {
      total.seam += cpuMs(n / rounds, snake, snakeBytes, true);
    },
    () => {
      total.snake += cpuMs(n / rounds, snake, snakeBytes, false);
    },
  ];
  // Each round starts with the next variant, so none is always measured right after another's GC debt.
  for (let r = 0; r < rounds; r++) for (let i = 0; i < 3; i++) variants[(r + i) % 3]!();
  const us = (ms: number) => (ms * 1000) / n;
  const result = {
    frames: n,
    frameBytes: camelBytes.length,
    usPerFrame: { camel: us(total.camel), seam: us(total.seam), snake: us(total.snake) },
    ratioToCamel: { seam: total.seam / total.camel, snake: total.snake / total.camel },
  };
  const summary = [
    `wire: Hops frame relay CPU ${us(total.camel).toFixed(1)} us camelCase (as run), ` +
      `${result.ratioToCamel.seam.toFixed(2)}x with a keepCase seam, ${result.ratioToCamel.snake.toFixed(2)}x snake_case throughout`,
  ];
  const resultFile = join(ctx.resultsDir, "wire.json");
  writeFileAtomic(resultFile, `${JSON.stringify(result, null, 2)}\n`);
  return { summary, resultFile };
}
