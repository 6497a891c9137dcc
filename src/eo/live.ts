/**
 * The replay through the live emulator (src/emu/, issue C): the same onboard state machines
 * (onboard.ts) run on the emulator's virtual clock, and every product they forward travels as a
 * bundle through the emulated network: injected at its satellite's node, routed over the emulated
 * laser and ground links with their queues and rates, delivered (or dropped, with a reason) at a
 * ground-station node. Time to insight is the delivery instant the station node reports.
 *
 * Differences from the in-process runner (runner.ts), by design of the emulator:
 * - The emulator routes: a bundle addressed to a station takes the shortest-delay path, so products
 *   may cross laser links even in raw mode; bundles without a route wait at their node
 *   (store-and-forward) until one exists or their lifetime ends.
 * - Ground-link rates are each station's RF capacity as the mesh resolves it (its own `capacityGbps`,
 *   else `groundLinks.capacityGbps`), the same rate the in-process runner uses (scenario.ts
 *   stationsOf). A station node receives from all satellites in view.
 * - Storage on board counts products until they are handed to the node (the bundle then sits in the
 *   emulator's queues: their backlog is the network's, reported as bundles in flight).
 *
 * Destination of a product (contacts from passes.ts, as the runner uses): see destinationFor. Without
 * a contact left in the run, the product stays on board.
 */
import type { Subscription } from "rxjs";
import type { ClockMode, VirtualTimer } from "../emu/clock.js";
import { type Emulation, startEmulation } from "../emu/emulation.js";
import type { Constellation } from "../orbit/constellation.js";
import { type CapturedImage, OnboardNode, type ReplayMode } from "./onboard.js";
import {
  type CaptureOpportunity,
  type ContactWindow,
  engineCache,
  imageFor,
  type ModeResult,
  type ReplayScenario,
  type SeriesPoint,
  summarize,
} from "./runner.js";

export interface LiveOptions {
  onProgress?(tUnixMs: number): void;
  /** Wall ms to wait after the end for the nodes' batched events to arrive. Default 1500. */
  drainWallMs?: number;
}

export interface LiveResult extends ModeResult {
  /** Bundles the emulated network dropped, by reason. */
  networkDrops: Record<string, number>;
  /** Bundles injected and not delivered or dropped by the end. */
  bundlesInFlight: number;
}

/**
 * Start an in-process emulation suited to a replay: virtual start a little before the scenario's.
 * `clock: "virtual"` runs it exact and as fast as the CPU allows (speed is then ignored).
 */
export async function startReplayEmulation(
  c: Constellation,
  sc: ReplayScenario,
  o: { speed: number; stepMs?: number; leadWallMs?: number; clock?: ClockMode },
): Promise<Emulation> {
  const clock = o.clock ?? "realtime";
  const leadMs = clock === "virtual" ? 0 : o.speed * (o.leadWallMs ?? 5000);
  const emu = await startEmulation(c, {
    isolation: "inproc",
    clock,
    speed: o.speed,
    stepMs: o.stepMs ?? 1000,
    startMs: sc.startUnixMs - leadMs,
    // Raw images are hundreds of MB: the per-link FIFO must hold them; lifetimes span the run.
    linkQueueBytes: 1e13,
    defaultTtlMs: sc.durationMs + leadMs,
  });
  await emu.waitAllUp();
  return emu;
}

/** Run one mode through a running emulation whose satellites are the scenario's. */
export async function runReplayLive(
  sc: ReplayScenario,
  mode: ReplayMode,
  emu: Emulation,
  opts: LiveOptions = {},
): Promise<LiveResult> {
  const S = sc.satellites.length;
  if (emu.satelliteCount !== S)
    throw new Error(`runReplayLive: emulation has ${emu.satelliteCount} satellites, scenario ${S}`);
  const clock = emu.controller.clock;
  const t0 = sc.startUnixMs;
  if (clock.now() > t0)
    throw new Error(
      `runReplayLive: the emulation's virtual time is already ${((clock.now() - t0) / 1000).toFixed(1)} s past the scenario start`,
    );
  const timers: VirtualTimer[] = [];
  const at = (tMs: number, fn: () => void) => {
    const tm = clock.at(t0 + tMs, fn);
    timers.push(tm);
    return tm;
  };
  const engines = engineCache();
  const images: CapturedImage[] = [];
  const insightMs: number[] = [];
  const inferredMs = new Map<number, number>();
  const imageBytesDown: number[] = [];
  const captured = new Uint8Array(sc.requests.length);
  const series: SeriesPoint[] = [];
  const drops: Record<string, number> = {};
  const injected = new Set<string>();
  let bytesDownlinked = 0;
  let relayed = 0;
  const wakes: (VirtualTimer | null)[] = new Array(S).fill(null);

  const nodes = sc.satellites.map(
    (s, i) =>
      new OnboardNode(i, s.eo, mode, sc.settings, {
        onProducts: (node, tMs, image) => {
          inferredMs.set(image, tMs);
          forward(node.sat, tMs);
        },
      }),
  );

  const contactsBySat = sc.satellites.map((_, i) => sc.contacts.filter((c) => c.sat === i));
  /**
   * Where a product goes: its own satellite's open contact; else (unless raw without relaying) the
   * open contact of the nearest satellite the laser mesh reaches (the runner's relay choice); else its
   * own satellite's next contact (the bundle then waits on board in the emulator's store-and-forward).
   */
  const destinationFor = (sat: number, tMs: number): { station: number; viaSat: number } | null => {
    const openAt = (c: ContactWindow) => c.aosMs <= tMs && tMs < c.losMs;
    const own = contactsBySat[sat]!.find(openAt);
    if (own) return { station: own.station, viaSat: sat };
    if (!(mode === "raw" && !sc.settings.rawOverMesh) && sc.relay) {
      const open = sc.contacts.filter((c) => openAt(c) && c.sat !== sat);
      const r = open.length > 0 ? sc.relay.findRelay(tMs, sat, [...new Set(open.map((c) => c.sat))]) : null;
      const via = r ? open.find((c) => c.sat === r.sat) : undefined;
      if (via) return { station: via.station, viaSat: via.sat };
    }
    const next = contactsBySat[sat]!.find((c) => c.aosMs > tMs);
    return next ? { station: next.station, viaSat: sat } : null;
  };

  function forward(sat: number, tMs: number): void {
    const node = nodes[sat]!;
    for (let p = node.takeNext(); p; p = node.takeNext()) {
      const d = destinationFor(sat, tMs);
      if (!d) {
        node.putBack(p);
        return; // no contact left in the run: stays on board (backlog)
      }
      node.release(p);
      if (d.viaSat !== sat) relayed++;
      const id = `eo-${mode}-${p.id}`;
      injected.add(id);
      emu
        .inject(sat, {
          id,
          destination: S + d.station,
          sizeBytes: Math.max(1, Math.round(p.bytes)),
          atMs: t0 + tMs,
          ttlMs: sc.durationMs + 3_600_000,
          metadata: { image: String(p.image), kind: p.kind, insight: p.insight ? "1" : "0" },
        })
        .catch(() => {
          drops["inject-failed"] = (drops["inject-failed"] ?? 0) + 1;
          injected.delete(id);
        });
    }
  }

  const scheduleWake = (sat: number) => {
    wakes[sat]?.cancel();
    const next = nodes[sat]!.nextEventMs();
    wakes[sat] =
      next <= sc.durationMs
        ? at(next, () => {
            nodes[sat]!.advanceTo(next);
            scheduleWake(sat);
          })
        : null;
  };

  const capture = (o: CaptureOpportunity) => {
    if (captured[o.request]) return;
    const node = nodes[o.sat]!;
    const { img, job } = imageFor(sc, node.cfg, o, images.length);
    const outcome = mode === "raw" ? undefined : engines.get(node.cfg).infer(job);
    if (!node.capture(img, o.tMs, outcome)) return;
    captured[o.request] = 1;
    images.push(img);
    insightMs.push(Number.NaN);
    if (mode === "raw") forward(o.sat, o.tMs);
    else scheduleWake(o.sat);
  };

  const subs: Subscription[] = [
    emu.events$.subscribe((ev) => {
      if (!injected.has(ev.id)) return;
      if (ev.type === "TYPE_DROPPED") {
        injected.delete(ev.id);
        drops[ev.reason || "unknown"] = (drops[ev.reason || "unknown"] ?? 0) + 1;
        return;
      }
      if (ev.type !== "TYPE_DELIVERED") return;
      injected.delete(ev.id);
      const img = Number(ev.metadata["image"]);
      bytesDownlinked += ev.sizeBytes;
      imageBytesDown[img] = (imageBytesDown[img] ?? 0) + ev.sizeBytes;
      const tMs = ev.tMs - t0;
      if (ev.metadata["insight"] === "1" && Number.isNaN(insightMs[img]!) && tMs <= sc.durationMs)
        insightMs[img] = tMs;
    }),
  ];

  sc.sunlight.forEach((changes, sat) => {
    for (const ch of changes)
      if (ch.tMs <= 0) nodes[sat]!.illuminatedFraction = ch.fraction;
      else if (ch.tMs <= sc.durationMs)
        at(ch.tMs, () => {
          nodes[sat]!.setIllumination(ch.tMs, ch.fraction);
          scheduleWake(sat);
        });
  });
  for (const o of sc.opportunities) if (o.tMs >= 0 && o.tMs <= sc.durationMs) at(o.tMs, () => capture(o));
  // A product held for lack of a contact is retried when one opens.
  for (const c of sc.contacts)
    if (c.aosMs > 0 && c.aosMs < sc.durationMs)
      at(c.aosMs, () => {
        for (let i = 0; i < S; i++) if (nodes[i]!.outboxCount > 0) forward(i, c.aosMs);
      });
  for (let t = 0; t <= sc.durationMs; t += sc.settings.sampleIntervalMs)
    at(t, () => {
      let backlog = 0;
      let maxStored = 0;
      for (const n of nodes) {
        n.advanceTo(t);
        backlog += n.storageUsedBytes;
        maxStored = Math.max(maxStored, n.storageUsedBytes);
      }
      series.push({
        tUnixMs: t0 + t,
        backlogBytes: backlog,
        maxStoredBytes: maxStored,
        imagesDelivered: insightMs.filter((x) => !Number.isNaN(x)).length,
      });
      opts.onProgress?.(t0 + t);
    });
  try {
    const end = new Promise<void>((resolve) =>
      at(sc.durationMs, () => {
        // Virtual clock: every event up to here is recorded; stop rather than run on.
        emu.controller.sync?.pause();
        resolve();
      }),
    );
    emu.resume();
    await end;
    if (!emu.controller.sync) await new Promise((r) => setTimeout(r, opts.drainWallMs ?? 1500));
  } finally {
    for (const tm of timers) tm.cancel();
    for (const s of subs) s.unsubscribe();
    engines.disposeAll();
  }
  for (const n of nodes) n.advanceTo(sc.durationMs);
  const result = summarize(
    sc,
    mode,
    nodes,
    images,
    insightMs,
    inferredMs,
    imageBytesDown,
    bytesDownlinked,
    relayed,
    series,
  );
  return { ...result, networkDrops: drops, bundlesInFlight: injected.size };
}
