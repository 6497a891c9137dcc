/**
 * The onboard EO software of one satellite, as an app of the app API running in the satellite's node:
 * capture (from the uplinked tasking), storage, inference (through the node's compute budget: the
 * satellite's power and heat limits), and the downlink policy, every product a bundle through the
 * emulated laser mesh and ground links to the ground app (eo-ground.ts).
 *
 * Downlink policy (decided; docs/eo-replay.md):
 * - one transfer at a time; the best product first (summaries, chips, raw; priority; age);
 * - in one of its own antenna windows (tasking.ts), straight down to that station, a product only if
 *   its transmission ends inside the window (a transfer is never cut by the window's end: bundles
 *   are atomic, so a product that does not fit waits for the next window);
 * - out of contact, summaries and chips (raw too with `eo.rawOverMesh`) go over the laser mesh to a
 *   station another satellite is serving now (the one whose window ends last); the emulator routes
 *   them and they share that satellite's downlink;
 * - storage is freed when the product's transmission on its first link has ended (it has left);
 *   a send the node gives up on (no route before its TTL) puts the product back on board.
 * Inference: one image at a time on the accelerator, highest priority first (FIFO within one), the
 * running one never preempted: `estimate` is the cost passed to ctx.compute (the budget may delay and
 * stretch it), `run` the content (held on virtual time while it runs).
 */
import { z } from "zod";
import { defineApp, SendError } from "../../emu/apps/define.js";
import type { InferenceJob } from "../inference.js";
import { heatDuty } from "../power.js";
import { chipBytes, OnboardStore, type Product, type ProductKind } from "../products.js";
import { readTasking, type TaskedCapture } from "../tasking.js";
import { type CapturedRecord, ONBOARD_APP, type OnboardRecord, onboardFile } from "./records.js";
import { engineFor, installPower } from "./seams.js";
import { WindowIndex } from "./window-index.js";

/** A relayed product waits at most this long for a route, virtual ms (then it is back on board). */
const RELAY_TTL_MS = 60_000;
/** A downlink's TTL beyond its planned transmission, virtual ms. */
const DOWNLINK_TTL_MARGIN_MS = 30_000;
/** A satellite with products to relay and no reachable served station looks again this much later, virtual ms. */
const RELAY_RETRY_MS = 10_000;
/** After a failed send, the policy tries again this much later, virtual ms. */
const RETRY_AFTER_MS = 1_000;
/** Laser rate assumed for a relay's first hop when the node lists no laser link (25 Gbps, eo-sso.yaml). */
const DEFAULT_ISL_BPS = 25e9;

export default defineApp({
  name: ONBOARD_APP,
  options: z.object({ tasking: z.string().min(1) }),
  nodes: "satellites",
  async setup(ctx) {
    const t = readTasking(ctx.options.tasking);
    const found = t.satellites[ctx.node.id];
    if (!found) throw new Error(`${ONBOARD_APP}: node ${ctx.node.id} is not a satellite of the tasking`);
    const me = found;
    const mode = t.mode;
    const cfg = me.eo;
    const store = new OnboardStore(cfg.storageBytes);
    const power = installPower(ctx, cfg, me.illumination, t.startUnixMs);
    const engine = mode === "raw" ? null : await engineFor(cfg);
    const images: CapturedRecord[] = [];
    const byImage = new Map<string, CapturedRecord>();
    const captured = new Set<string>();
    const jobs: { c: TaskedCapture; job: InferenceJob }[] = [];
    const series: number[] = [];
    let refused = 0;
    let refusedBytes = 0;
    let relaySends = 0;
    let downlinkTxS = 0;
    let sendsFailed = 0;
    let imagesInferred = 0;
    let inferring = false;
    let sending = false;
    let nextProduct = 0;
    let stopped = false;
    let wakeTimer: { cancel(): void } | null = null;
    let wakeUnixMs = Number.POSITIVE_INFINITY;
    const stationNode = new Map(t.stations.map((s, g) => [g, s]));
    const myWindows = t.windows.filter((w) => w.sat === me.sat);
    const mine = new WindowIndex(myWindows);
    const all = new WindowIndex(t.windows);
    const relayable = (p: Product) => p.kind !== "raw" || t.settings.rawOverMesh;
    // What this satellite publishes (GetStatus node_states, the view's panel, launch --metrics).
    const captures = ctx.counter("captures", "images captured (stored on board)");
    const downlinked = ctx.counter(
      "products_downlinked",
      "products sent straight down to a station in a window",
    );
    const relayed = ctx.counter("products_relayed", "products sent over the laser mesh to a served station");
    ctx.gauge("storage_bytes", { help: "bytes in onboard storage", read: () => store.usedBytes });
    ctx.gauge("battery_soc_ratio", {
      help: "battery state of charge, 0..1",
      read: () => power.socAt(ctx.now()),
    });
    // The share of time the radiator lets the accelerator run at the last inference's power (power.ts
    // heatDuty: quasi-static radiator); 1: heat does not limit it. NaN before the first inference.
    const radiatorDuty = ctx.gauge("radiator_duty_ratio", {
      help: "heat duty the radiator allows the accelerator at its last inference's power, 0..1",
    });
    radiatorDuty.set(Number.NaN);

    const product = (kind: ProductKind, c: TaskedCapture, bytes: number, insight: boolean): Product => ({
      id: `s${me.sat}-${kind}-${c.imageId}-${nextProduct++}`,
      kind,
      imageId: c.imageId,
      bytes,
      priority: c.priority,
      createdUnixMs: ctx.now(),
      captureUnixMs: c.tUnixMs,
      insight,
    });

    const windowNow = (now: number) => mine.openAt(now)[0];

    /** Wake the downlink policy at `tUnixMs` (one pending wake-up, the earliest). */
    const wakeAt = (tUnixMs: number) => {
      if (stopped || !(tUnixMs < t.endUnixMs) || (wakeTimer && wakeUnixMs <= tUnixMs)) return;
      wakeTimer?.cancel();
      wakeUnixMs = tUnixMs;
      wakeTimer = ctx.at(tUnixMs, () => {
        wakeTimer = null;
        pump();
      });
    };

    const sendProduct = (p: Product, toNode: number, txMs: number, ttlMs: number, onDone: () => void) => {
      sending = true;
      const startUnixMs = ctx.now();
      const endUnixMs = startUnixMs + txMs;
      let failed = false;
      const done = ctx.at(endUnixMs, () => {
        if (failed) return;
        store.free(p.bytes);
        onDone();
        sending = false;
        pump();
      });
      ctx
        .send(toNode, {
          sizeBytes: p.bytes,
          app: "eo-ground",
          ttlMs,
          metadata: {
            p: p.id,
            img: p.imageId,
            k: p.kind,
            ins: p.insight ? "1" : "0",
            sat: String(me.sat),
          },
        })
        .catch((e: unknown) => {
          if (!(e instanceof SendError)) throw e;
          sendsFailed++;
          if (ctx.now() < endUnixMs) {
            // Dropped before it left: it never took the link.
            failed = true;
            done.cancel();
            sending = false;
          } else store.reclaim(p.bytes); // held past its first hop's planned end: the bytes were on board
          store.queue(p);
          // Not at once: whatever refused it (no route, a full queue) holds at this instant.
          wakeAt(ctx.now() + RETRY_AFTER_MS);
        });
    };

    /** The served station with the shortest route from here now (the controller's model), if any. */
    async function relayTarget(stations: readonly number[]): Promise<number | undefined> {
      // Asked all at once: one round trip to the controller, not one per station, while virtual time waits.
      const routes = await Promise.all(stations.map((g) => ctx.modelRoute(stationNode.get(g)!.id)));
      let best: number | undefined;
      let bestMs = Number.POSITIVE_INFINITY;
      routes.forEach((r, i) => {
        if (r.ok && r.oneWayMs < bestMs) {
          best = stations[i];
          bestMs = r.oneWayMs;
        }
      });
      return best;
    }

    function pump(): void {
      if (stopped || sending) return;
      const now = ctx.now();
      const w = windowNow(now);
      if (w) {
        const station = stationNode.get(w.station)!;
        const rate = station.downlinkBps;
        const left = w.endUnixMs - now;
        const p = store.takeNext((q) => (q.bytes * 8 * 1000) / rate <= left);
        if (p) {
          const txMs = (p.bytes * 8 * 1000) / rate;
          sendProduct(p, station.id, txMs, txMs + DOWNLINK_TTL_MARGIN_MS, () => {
            downlinkTxS += txMs / 1000;
            downlinked.inc();
            power.radio(now, now + txMs);
          });
          return;
        }
        // Nothing fits in what is left of this window: wait for its end (and the next one).
        wakeAt(w.endUnixMs);
        return;
      }
      const next = mine.firstAfter(now);
      if (t.relay && store.has(relayable)) {
        // Stations another satellite serves now; their order: the window that ends last first.
        const open = all
          .openAt(now)
          .filter((x) => x.sat !== me.sat)
          .sort((a, b) => b.endUnixMs - a.endUnixMs);
        const stations = [...new Set(open.map((x) => x.station))];
        if (stations.length > 0) {
          sending = true;
          void relayTarget(stations).then((station) => {
            sending = false;
            if (stopped) return;
            if (station === undefined) {
              // Served stations, but none reachable over the lasers now: look again later.
              wakeAt(ctx.now() + RELAY_RETRY_MS);
              return;
            }
            const p = store.takeNext(relayable);
            if (!p) return;
            const islBps = Math.max(
              0,
              ...ctx
                .links()
                .filter((l) => l.kind === "isl")
                .map((l) => l.capacityBps),
            );
            const txMs = (p.bytes * 8 * 1000) / (islBps > 0 ? islBps : DEFAULT_ISL_BPS);
            sendProduct(p, stationNode.get(station)!.id, txMs, RELAY_TTL_MS, () => {
              relaySends++;
              relayed.inc();
            });
          });
          return;
        }
        // No satellite in contact now: try again when the next window anywhere opens.
        const any = all.firstAfter(now);
        const tNext = Math.min(any?.startUnixMs ?? Infinity, next?.startUnixMs ?? Infinity);
        if (Number.isFinite(tNext)) wakeAt(tNext);
        return;
      }
      if (next && store.has()) wakeAt(next.startUnixMs);
    }

    function infer(): void {
      if (stopped || inferring || !engine) return;
      const head = jobs.shift();
      if (!head) return;
      inferring = true;
      const cost = engine.estimate(head.job);
      const th = cfg.thermal;
      radiatorDuty.set(heatDuty(cost.powerW, th.emissivity, th.radiatorAreaM2, th.maxTempK));
      void ctx
        .compute({ durationS: cost.durationS, powerW: cost.powerW, label: "inference" })
        .then(() => ctx.hold(engine.run(head.job)))
        .then((res) => {
          if (stopped) return;
          const c = head.c;
          imagesInferred++;
          const rec = byImage.get(c.imageId);
          if (rec) rec.inferredUnixMs = ctx.now();
          // The raw image is dropped once its products exist (summary and hybrid modes).
          store.free(c.rawBytes);
          const made = [product("summary", c, res.summaryBytes, true)];
          if (mode === "hybrid" && c.priority >= t.settings.chipPriorityMin) {
            const bytes = chipBytes(cfg, t.settings.chipSidePx);
            for (const d of res.detections)
              if (d.confidence >= t.settings.chipMinConfidence) made.push(product("chip", c, bytes, false));
          }
          // Products are far smaller than the raw image just freed, so they fit.
          for (const p of made) if (store.use(p.bytes)) store.queue(p);
          inferring = false;
          pump();
          infer();
        });
    }

    function capture(c: TaskedCapture): void {
      if (stopped || captured.has(c.imageId)) return;
      if (!store.use(c.rawBytes)) {
        refused++;
        refusedBytes += c.rawBytes;
        return;
      }
      captured.add(c.imageId);
      captures.inc();
      const rec: CapturedRecord = {
        imageId: c.imageId,
        requestId: c.requestId,
        requestIndex: c.requestIndex,
        captureUnixMs: c.tUnixMs,
        rawBytes: c.rawBytes,
        priority: c.priority,
        tag: c.tag,
        inferredUnixMs: null,
      };
      images.push(rec);
      byImage.set(c.imageId, rec);
      if (mode === "raw") {
        store.queue(product("raw", c, c.rawBytes, true));
        pump();
        return;
      }
      const job: InferenceJob = {
        imageId: c.imageId,
        requestId: c.requestId,
        tag: c.tag,
        priority: c.priority,
        sceneSeed: c.sceneSeed,
        widthPx: c.widthPx,
        heightPx: c.heightPx,
        tiles: c.tiles,
        satellite: me.sat,
        captureUnixMs: c.tUnixMs,
        latDeg: c.latDeg,
        lonDeg: c.lonDeg,
        areaKm2: c.areaKm2,
      };
      // Higher priority first, FIFO within one; the running job is not in the queue.
      let i = jobs.length;
      while (i > 0 && jobs[i - 1]!.c.priority < c.priority) i--;
      jobs.splice(i, 0, { c, job });
      infer();
    }

    for (const c of me.captures)
      if (c.tUnixMs >= t.startUnixMs && c.tUnixMs < t.endUnixMs) ctx.at(c.tUnixMs, () => capture(c));
    for (const w of myWindows)
      if (w.startUnixMs >= t.startUnixMs && w.startUnixMs < t.endUnixMs) ctx.at(w.startUnixMs, pump);
    ctx.every(t.settings.sampleIntervalMs, () => series.push(store.usedBytes), t.startUnixMs);

    ctx.onStop(() => {
      stopped = true;
      const rec: OnboardRecord = {
        sat: me.sat,
        images,
        refused,
        refusedBytes,
        storageUsedBytes: store.usedBytes,
        peakStorageBytes: store.peakBytes,
        series,
        relaySends,
        downlinkTxS,
        sendsFailed,
        imagesInferred,
        pendingInference: jobs.length + (inferring ? 1 : 0),
        power: power.report(t.endUnixMs),
      };
      ctx.writeFile(onboardFile(me.sat), JSON.stringify(rec));
      void engine?.dispose?.();
    });
  },
});
