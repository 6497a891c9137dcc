/**
 * Every tunable of the live emulator, with its one stable name and its default, in one place.
 * The same names are used by the API (`startEmulation(c, { speed, stepMs, ... })`), the CLI
 * (`--speed`, `--step`, ...) and a constellation's YAML `emu:` section when the catalog carries one.
 */
import { availableParallelism } from "node:os";
import { z } from "zod";
import type { ClockMode } from "./clock.js";

/**
 * Where nodes run: `process` (one OS process per node), `pooled` (a few host processes, many nodes
 * each), `inproc` (every node in the controller's process). Each is the same Host, configured.
 */
export type Isolation = "process" | "pooled" | "inproc";

/** Before the virtual clock, `sim` was in-process discrete-event time; it now means inproc + virtual. */
export type IsolationOption = Isolation | "auto" | "sim";

/**
 * Which destinations the controller keeps a next-hop column for (one search per column per step):
 * `on-demand` starts a destination's column when a node first asks for routes toward it, answered
 * on the current step's snapshot at once (docs/step-cpu.md); `stations` tracks every ground station
 * from the start as well (each first bundle toward a station finds its routes already there, for a
 * search per station per step).
 */
export type RouteColumns = "on-demand" | "stations";

export interface EmuSettings {
  /** Virtual ms per wall ms. 1 = real time. */
  speed: number;
  /** Topology step, virtual ms: routes and link tables are recomputed and diffed this often. */
  stepMs: number;
  /** FIFO byte limit of each directed link's queue (bytes waiting plus the one in transmission). */
  linkQueueBytes: number;
  /** Bundle lifetime when the sender gives none, virtual ms. */
  defaultTtlMs: number;
  /**
   * Wall ms before the end of propagation at which the sender makes the hop's gRPC call (at once when
   * that is already past); the receiver holds the bundle until the arrival instant. Hides the
   * loopback hop's own latency inside the emulated propagation delay instead of adding it on top
   * (measured ~1 ms p50 but up to 10-20 ms on 2 busy cores), and, with cut-through (docs/emulation.md),
   * is how far the hop pipeline runs ahead of virtual time: the slack that absorbs host pauses.
   */
  leadWallMs: number;
  /** A link's delay is re-sent to its node only when it moved more than this, ms. */
  delayToleranceMs: number;
  /** Destinations with a next-hop column: asked for only (`on-demand`), or every station too. */
  routeColumns: RouteColumns;
  /** Capacity of each emulated terrestrial fiber link between two stations, bit/s. */
  fiberCapacityBps: number;
  /** Bundles up to this size carry real payload bytes; larger ones are declared by size alone. */
  maxPayloadBytes: number;
  /** Size of a ping's echo bundles, bytes. */
  pingSizeBytes: number;
  /**
   * `isolation: auto` picks `process` up to this many nodes and `pooled` above. Measured: a gRPC
   * server process costs ~18 MiB PSS, a gRPC server inside a shared process ~25 KiB, so 64 processes
   * (~1.2 GiB) is where one-process-per-node stops being cheap on a laptop.
   */
  pooledAboveNodes: number;
  /** Host processes in pooled mode (about one per core). */
  pooledHosts: number;
  /**
   * Wall ms before a timer is due at which the clock stops trusting setTimeout (which fires up to
   * ~1 ms late) and blocks the thread until the instant (Atomics.wait, then a 0.2 ms busy-wait).
   * Blocking holds the event loop: with one OS process per node on few cores it is 0 unless set.
   */
  timerSpinWallMs: number;
  /** With restart on, a dead node (or its host process) is brought back after this long, wall ms. */
  restartDelayWallMs: number;
  /** Nodes batch their bundle events to the controller this often, wall ms. */
  eventFlushWallMs: number;
  /** How often the controller appends a metrics line (NDJSON), virtual ms. */
  metricsEveryMs: number;
  /**
   * Realtime clock: a step whose diffs go out more than this many wall ms after its instant is late,
   * and said so (console, status, summary.json). Assumed value: the default leadWallMs, since past
   * it hops handed over at the step start arrive late.
   */
  lagWarnWallMs: number;
  /** Contact plans: the horizon when a request gives none, and the longest allowed, virtual ms. */
  contactHorizonMs: number;
  contactMaxHorizonMs: number;
  /** Contact plans: the sampling step when a request gives none, virtual ms (at least horizon / 10,000). */
  contactResolutionMs: number;
}

export const DEFAULT_EMU_SETTINGS: Readonly<EmuSettings> = Object.freeze({
  speed: 1,
  stepMs: 100,
  linkQueueBytes: 16 * 1024 * 1024,
  defaultTtlMs: 3_600_000,
  leadWallMs: 20,
  delayToleranceMs: 0.001,
  routeColumns: "on-demand",
  fiberCapacityBps: 100e9,
  maxPayloadBytes: 64 * 1024,
  pingSizeBytes: 64,
  pooledAboveNodes: 64,
  pooledHosts: Math.max(2, availableParallelism()),
  timerSpinWallMs: 1.5,
  restartDelayWallMs: 1000,
  eventFlushWallMs: 20,
  metricsEveryMs: 1000,
  lagWarnWallMs: 20,
  contactHorizonMs: 600_000,
  contactMaxHorizonMs: 86_400_000,
  contactResolutionMs: 10_000,
});

export function resolveIsolation(
  requested: IsolationOption | undefined,
  nodeCount: number,
  s: EmuSettings,
): Isolation {
  if (requested === "sim") return "inproc";
  if (requested && requested !== "auto") return requested;
  return nodeCount > s.pooledAboveNodes ? "pooled" : "process";
}

/**
 * The clock when none is asked for: virtual (exact, as fast as the CPUs allow) when the run has a
 * duration to reach, realtime when it runs until stopped (an open-ended run is for watching and
 * poking in real time). The old `isolation: sim` meant discrete-event time: virtual.
 */
export function resolveClock(
  requested: ClockMode | undefined,
  durationMs: number | undefined,
  isolation: IsolationOption | undefined,
): ClockMode {
  if (requested) return requested;
  if (isolation === "sim") return "virtual";
  return durationMs !== undefined ? "virtual" : "realtime";
}

/**
 * The `emu:` section of a constellation YAML (for src/config/ to hook into the catalog schema, like
 * the mesh's sections): the same names as EmuSettings, every one optional.
 */
export const emuSettingsSchema = z.strictObject({
  speed: z.number().gt(0).max(1e6).optional().meta({ description: "Virtual seconds per wall second" }),
  stepMs: z.number().gt(0).optional().meta({ description: "Topology step, virtual ms" }),
  linkQueueBytes: z.number().gt(0).optional().meta({ description: "FIFO byte limit per directed link" }),
  defaultTtlMs: z.number().gt(0).optional().meta({ description: "Bundle lifetime when none is given, ms" }),
  leadWallMs: z.number().min(0).optional(),
  delayToleranceMs: z.number().min(0).optional(),
  routeColumns: z
    .enum(["on-demand", "stations"])
    .optional()
    .meta({ description: "Next-hop columns: toward destinations once asked for, or every station too" }),
  fiberCapacityBps: z.number().gt(0).optional(),
  maxPayloadBytes: z.number().int().min(0).optional(),
  pingSizeBytes: z.number().int().gt(0).optional(),
  pooledAboveNodes: z.number().int().min(0).optional(),
  pooledHosts: z.number().int().min(1).max(256).optional(),
  timerSpinWallMs: z.number().min(0).max(20).optional(),
  restartDelayWallMs: z.number().min(0).optional(),
  eventFlushWallMs: z.number().gt(0).optional(),
  metricsEveryMs: z.number().gt(0).optional(),
  lagWarnWallMs: z.number().gt(0).optional(),
  contactHorizonMs: z.number().gt(0).optional(),
  contactMaxHorizonMs: z.number().gt(0).optional(),
  contactResolutionMs: z.number().gt(0).optional(),
});

/** Settings from a constellation's `emu:` section (absent: {}); the catalog validates it first. */
export function emuSettingsOf(c: { settings: Record<string, unknown> }): Partial<EmuSettings> {
  const raw = c.settings["emu"];
  return raw === undefined ? {} : emuSettingsSchema.parse(raw);
}
