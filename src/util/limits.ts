/**
 * Input limits, in one place. Each bounds the time and memory one input can cost, far above every
 * shipped or benchmarked case, so that a mistake (or a hostile file) fails at once with a clear
 * error instead of running for hours. All are assumed values chosen here, not from a standard.
 */
import { MIB } from "./bounded-read.js";

/** A constellation or ground-station YAML file; the largest shipped is 9 KiB. */
export const MAX_YAML_FILE_BYTES = 8 * MIB;
/**
 * An element file (TLE/3LE or OMM JSON). The 4,428-satellite Starlink 3LE snapshot in ../shared is
 * 0.7 MiB; 100,000 OMM JSON records of ~600 bytes are ~57 MiB.
 */
export const MAX_ELEMENT_FILE_BYTES = 64 * MIB;
/**
 * A `catalog fetch` answer, counted as decoded bytes (after any gzip), so a compressed bomb is
 * cut off too. The same as an element file: a larger answer could not be read back. CelesTrak's
 * 3LE is ~168 bytes an object (the 4,428-object snapshot in ../shared is 0.7 MiB), so this is
 * ~400,000 objects, more than every tracked object.
 */
export const MAX_FETCH_BYTES = MAX_ELEMENT_FILE_BYTES;
/** Satellites in one constellation: 3x the largest the benchmarks run (30,000, bench/). */
export const MAX_SATELLITES = 100_000;
/** Ground stations in one constellation (the shipped sets hold 100 and 13). */
export const MAX_GROUND_STATIONS = 10_000;
/** Requests in one workload, read or generated. */
export const MAX_WORKLOAD_REQUESTS = 1_000_000;
/** A workload file: 1,000,000 requests of ~115 bytes (the shipped JSONL lines) with 4x room. */
export const MAX_WORKLOAD_FILE_BYTES = 512 * MIB;
/** Any duration (--duration, --timeout, offsets): one year, as --hours (8784 h = 366 days). */
export const MAX_DURATION_MS = 366 * 86_400_000;
/**
 * Instants users give (--from, --at, epochs, workload times): years 1900..2199. Wide around the
 * SGP4 era (two-digit TLE years cover 1957..2056); beyond it Date arithmetic and ISO printing of
 * later instants (year 275760) would overflow.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;
/** Nesting depth of any JSON input (an OMM record is 2 deep, a workload line 2). */
export const MAX_JSON_DEPTH = 64;
/** YAML aliases expanded per document (yaml's own default, made explicit): stops alias bombs. */
export const MAX_YAML_ALIASES = 100;

/*
 * Input from the wire (Inject, InjectMany, Ping, hops from peer nodes): refused with gRPC
 * INVALID_ARGUMENT (src/emu/wire-limits.ts). Assumed values chosen here, like those above.
 */
/**
 * A bundle's declared size, bytes: 1 TB. The largest products here are raw EO images of hundreds of
 * MB (docs/eo-replay.md); 1e12 bytes serialize in 320 s at 25 Gbps. The 1e15-byte bundle
 * would hold a 25 Gbps link for 3.7 days and overflow every byte counter's useful precision.
 */
export const MAX_BUNDLE_BYTES = 1e12;
/** Instants from the wire (at_unix_ms, created_unix_ms), Unix ms: years MIN_YEAR..MAX_YEAR as above. */
export const MIN_WIRE_UNIX_MS = Date.UTC(MIN_YEAR, 0, 1);
export const MAX_WIRE_UNIX_MS = Date.UTC(MAX_YEAR + 1, 0, 1);
/** A bundle's lifetime or a ping's timeout, ms: at most MAX_DURATION_MS (a year), as any duration. */
export const MAX_WIRE_TTL_MS = MAX_DURATION_MS;
/** Requests in one InjectMany: 1,000,000 (MAX_WORKLOAD_REQUESTS: a whole workload in one call). */
export const MAX_INJECT_BATCH = MAX_WORKLOAD_REQUESTS;
/** Metadata entries on one bundle (an EO product carries ~10) and bytes of each key or value. */
export const MAX_METADATA_ENTRIES = 256;
export const MAX_METADATA_VALUE_BYTES = 64 * 1024;
/** Hops a bundle may have recorded: a path across 100,000 satellites is far shorter than this. */
export const MAX_HOPS = 4096;
