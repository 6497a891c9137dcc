/**
 * The fast in-process discrete-event runner: drives one OnboardNode per satellite on virtual time
 * from a precomputed scenario (capture opportunities, ground contacts, sunlight changes, laser-mesh
 * relay answers) and measures what reaches the ground. Same event semantics as a live run on the
 * emulator's virtual clock, without the transport: a product over a link of rate R takes bytes x 8 / R
 * (plus propagation delay over lasers); one transmitter per satellite per link type; one satellite
 * per station antenna at a time. Ground-link propagation delay (a few ms) is neglected.
 *
 * Times inside are ms since the run start (float): Unix ms would cost precision in long sums.
 */

import { InputError } from "../util/input-error.js";
import type { EoSettings, SatelliteEoConfig } from "./config.js";
import { EventHeap } from "./heap.js";
import { costModelEngine, costModelResult, type InferenceJob, type InferenceOutcome } from "./inference.js";
import { type CapturedImage, OnboardNode, type Product, type ReplayMode } from "./onboard.js";
import { deriveSeed } from "./prng.js";
import type { ImageRecord, ModeResult, SeriesPoint } from "./results.js";
import { captureAreaKm2, pixelsForArea, rawBytesForArea } from "./sensor.js";
import { percentileSorted, unionLength } from "./stats.js";
import { type ResolvedRequest, targetCenter } from "./workload.js";

export type { ImageRecord, ModeResult, SeriesPoint };

export interface ScenarioSatellite {
  name: string;
  eo: SatelliteEoConfig;
}

export interface ScenarioStation {
  name: string;
  downlinkBps: number;
}

/** A moment a satellite can capture a request's target (its closest approach to it). */
export interface CaptureOpportunity {
  tMs: number;
  sat: number;
  request: number;
}

export interface ContactWindow {
  sat: number;
  station: number;
  aosMs: number;
  losMs: number;
}

/** From tMs on, the satellite's illuminated fraction is `fraction` (0 umbra .. 1 full sun). */
export interface SunlightChange {
  tMs: number;
  fraction: number;
}

export interface RelayAnswer {
  sat: number;
  delayMs: number;
  /** Bottleneck laser rate along the path, bit/s. */
  rateBps: number;
}

/** Laser-mesh routing as the replay needs it (implemented over src/mesh in scenario.ts). */
export interface RelayOracle {
  /** The best satellite among `candidates` reachable from `from` at tMs, or null. */
  findRelay(tMs: number, from: number, candidates: readonly number[]): RelayAnswer | null;
}

export interface ReplayScenario {
  startUnixMs: number;
  durationMs: number;
  satellites: ScenarioSatellite[];
  stations: ScenarioStation[];
  requests: ResolvedRequest[];
  /** Sorted by tMs. */
  opportunities: CaptureOpportunity[];
  contacts: ContactWindow[];
  /** Per satellite, sorted; a satellite without changes is sunlit throughout. */
  sunlight: SunlightChange[][];
  relay: RelayOracle | null;
  settings: EoSettings;
  /** Seeds the scenes (detections) of captured images. */
  seed: number;
}

export interface RunOptions {
  /** Called at every series sample with the virtual time reached. */
  onProgress?(tUnixMs: number): void;
}

// Event kinds and their tie-break ranks at equal times.
const EV_SUN = 0;
const EV_CONTACT_END = 1;
const EV_CONTACT_START = 2;
const EV_WAKE = 3;
const EV_TX_DONE = 4;
const EV_ISL_ARRIVE = 5;
const EV_ISL_FREE = 6;
const EV_CAPTURE = 7;
const EV_SAMPLE = 8;

interface Session {
  contact: number;
  station: number;
  rateBps: number;
  losMs: number;
  product: Product | null;
  txStartMs: number;
  version: number;
}

/** The image a capture opportunity makes, and the inference job for it. */
export function imageFor(
  sc: ReplayScenario,
  cfg: SatelliteEoConfig,
  o: CaptureOpportunity,
  index: number,
): { img: CapturedImage; job: InferenceJob } {
  const req = sc.requests[o.request]!;
  const sensor = cfg.sensor;
  const areaKm2 = captureAreaKm2(sensor, req.target);
  const px = pixelsForArea(sensor, areaKm2);
  const side = cfg.model.tileSidePx;
  const aspect = req.target.kind === "point" ? sensor.swathKm / sensor.sceneLengthKm : 1;
  const widthPx = Math.round(Math.sqrt(px * aspect));
  const heightPx = Math.round(px / Math.max(1, widthPx));
  const c = targetCenter(req.target);
  const img: CapturedImage = {
    index,
    requestIndex: o.request,
    requestId: req.id,
    satellite: o.sat,
    captureMs: o.tMs,
    rawBytes: rawBytesForArea(sensor, areaKm2),
    areaKm2,
    widthPx,
    heightPx,
    tiles: Math.ceil(px / (side * side)),
    priority: req.priority,
    tag: req.tag,
    latDeg: c.latDeg,
    lonDeg: c.lonDeg,
    sceneSeed: deriveSeed(sc.seed, req.id),
  };
  const job: InferenceJob = {
    imageId: `img-${index}`,
    requestId: req.id,
    tag: img.tag,
    priority: img.priority,
    sceneSeed: img.sceneSeed,
    widthPx,
    heightPx,
    tiles: img.tiles,
    satellite: o.sat,
    captureUnixMs: sc.startUnixMs + o.tMs,
    latDeg: c.latDeg,
    lonDeg: c.lonDeg,
    areaKm2,
  };
  return { img, job };
}

/**
 * The cost model per satellite config, as the old synchronous outcome (estimate and content at
 * once). This runner is synchronous, so it cannot await an engine's run(): other engines run in the
 * node apps (src/eo/apps/).
 */
export function engineCache(): {
  get(cfg: SatelliteEoConfig): { infer(job: InferenceJob): InferenceOutcome };
  disposeAll(): void;
} {
  const engines = new Map<SatelliteEoConfig, { infer(job: InferenceJob): InferenceOutcome }>();
  return {
    get(cfg) {
      let e = engines.get(cfg);
      if (!e) {
        if (!("name" in cfg.engine) || cfg.engine.name !== "cost-model")
          throw new InputError(
            "the in-process runner runs the cost-model engine only; other engines run in the node apps",
            {
              field: "eo.engine",
              value: "name" in cfg.engine ? cfg.engine.name : cfg.engine.module,
            },
          );
        const cost = costModelEngine({ accelerator: cfg.accelerator, model: cfg.model, options: {} });
        e = {
          infer: (job) => {
            const est = cost.estimate(job);
            return { busyS: est.durationS, powerW: est.powerW, ...costModelResult(job, cfg.model.name) };
          },
        };
        engines.set(cfg, e);
      }
      return e;
    },
    disposeAll() {},
  };
}

/** Run one mode of the scenario to its end. */
export function runReplay(sc: ReplayScenario, mode: ReplayMode, opts: RunOptions = {}): ModeResult {
  const S = sc.satellites.length;
  const endMs = sc.durationMs;
  const heap = new EventHeap();
  const engines = engineCache();
  const engineFor = engines.get;
  const images: CapturedImage[] = [];
  const insightMs: number[] = [];
  const inferredMs = new Map<number, number>();
  const imageBytesDown: number[] = [];
  const captured = new Uint8Array(sc.requests.length);
  const sessions: (Session | null)[] = new Array(S).fill(null);
  const stationBusy = new Int32Array(sc.stations.length).fill(-1);
  const openContacts: Set<number>[] = Array.from({ length: S }, () => new Set<number>());
  const islBusy = new Uint8Array(S);
  const wakeVersion = new Int32Array(S);
  let bytesDownlinked = 0;
  let relayedProducts = 0;
  const series: SeriesPoint[] = [];

  const relayable = (p: Product) =>
    mode === "raw" ? sc.settings.rawOverMesh : p.kind === "summary" || p.kind === "chip";

  const nodes = sc.satellites.map(
    (s, i) =>
      new OnboardNode(i, s.eo, mode, sc.settings, {
        onProducts: (node, tMs, image) => {
          inferredMs.set(image, tMs);
          forward(node.sat, tMs);
        },
      }),
  );

  const scheduleWake = (sat: number) => {
    const next = nodes[sat]!.nextEventMs();
    wakeVersion[sat]!++;
    if (next <= endMs) heap.push(Math.max(next, nodes[sat]!.t), EV_WAKE, EV_WAKE, sat, wakeVersion[sat]!);
  };

  /** New products on `sat`: send down if in contact, else try the laser mesh. */
  function forward(sat: number, tMs: number): void {
    if (sessions[sat]) pump(sat, tMs);
    else tryRelay(sat, tMs);
  }

  function pump(sat: number, tMs: number): void {
    const s = sessions[sat];
    if (!s || s.product) return;
    const p = nodes[sat]!.takeNext();
    if (!p) return;
    s.product = p;
    s.txStartMs = tMs;
    s.version++;
    const finish = tMs + ((p.remainingBytes * 8) / s.rateBps) * 1000;
    if (finish <= s.losMs) heap.push(finish, EV_TX_DONE, EV_TX_DONE, sat, s.version);
  }

  function delivered(sat: number, p: Product, tMs: number): void {
    nodes[sat]!.release(p);
    bytesDownlinked += p.bytes;
    imageBytesDown[p.image] = (imageBytesDown[p.image] ?? 0) + p.bytes;
    if (p.insight && Number.isNaN(insightMs[p.image]!)) insightMs[p.image] = tMs;
  }

  function startSession(sat: number, c: number, tMs: number): void {
    const ct = sc.contacts[c]!;
    sessions[sat] = {
      contact: c,
      station: ct.station,
      rateBps: sc.stations[ct.station]!.downlinkBps,
      losMs: ct.losMs,
      product: null,
      txStartMs: tMs,
      version: 0,
    };
    stationBusy[ct.station] = sat;
    pump(sat, tMs);
  }

  /** Give `sat` a free station among its open contacts, if any. */
  function trySession(sat: number, tMs: number): void {
    if (sessions[sat]) return;
    for (const c of openContacts[sat]!) {
      if (stationBusy[sc.contacts[c]!.station] === -1) {
        startSession(sat, c, tMs);
        return;
      }
    }
  }

  function endSession(sat: number, tMs: number): void {
    const s = sessions[sat]!;
    if (s.product) {
      const p = s.product;
      const sent = ((tMs - s.txStartMs) / 1000) * (s.rateBps / 8);
      p.remainingBytes -= sent;
      if (p.remainingBytes <= 0.5) delivered(sat, p, tMs);
      else nodes[sat]!.putBack(p);
    }
    sessions[sat] = null;
    stationBusy[s.station] = -1;
    s.version++;
  }

  function tryRelay(sat: number, tMs: number): void {
    if (!sc.relay || islBusy[sat] || sessions[sat]) return;
    const node = nodes[sat]!;
    if (!node.hasProducts(relayable)) return;
    const candidates: number[] = [];
    for (let i = 0; i < S; i++) if (sessions[i] && i !== sat) candidates.push(i);
    if (candidates.length === 0) return;
    const r = sc.relay.findRelay(tMs, sat, candidates);
    if (!r) return;
    const p = node.takeNext(relayable)!;
    if (!nodes[r.sat]!.canStore(p.bytes)) {
      node.putBack(p);
      return;
    }
    const serMs = ((p.remainingBytes * 8) / r.rateBps) * 1000;
    islBusy[sat] = 1;
    node.release(p);
    relayedProducts++;
    heap.push(tMs + serMs, EV_ISL_FREE, EV_ISL_FREE, sat);
    heap.push(tMs + serMs + r.delayMs, EV_ISL_ARRIVE, EV_ISL_ARRIVE, r.sat, 0, p);
  }

  function capture(o: CaptureOpportunity): void {
    if (captured[o.request]) return;
    const node = nodes[o.sat]!;
    const { img, job } = imageFor(sc, node.cfg, o, images.length);
    const outcome = mode === "raw" ? undefined : engineFor(node.cfg).infer(job);
    if (!node.capture(img, o.tMs, outcome)) return; // overflow recorded by the node
    captured[o.request] = 1;
    images.push(img);
    insightMs.push(Number.NaN);
    if (mode === "raw") forward(o.sat, o.tMs);
    else scheduleWake(o.sat);
  }

  // Seed the event queue.
  sc.sunlight.forEach((changes, sat) => {
    for (const ch of changes)
      if (ch.tMs <= 0) nodes[sat]!.illuminatedFraction = ch.fraction;
      else if (ch.tMs <= endMs) heap.push(ch.tMs, EV_SUN, EV_SUN, sat, 0, ch.fraction);
  });
  sc.contacts.forEach((ct, c) => {
    if (ct.losMs <= 0 || ct.aosMs >= endMs) return;
    heap.push(Math.max(0, ct.aosMs), EV_CONTACT_START, EV_CONTACT_START, c);
    heap.push(Math.min(endMs, ct.losMs), EV_CONTACT_END, EV_CONTACT_END, c);
  });
  sc.opportunities.forEach((o, k) => {
    if (o.tMs >= 0 && o.tMs <= endMs) heap.push(o.tMs, EV_CAPTURE, EV_CAPTURE, k);
  });
  const sampleMs = sc.settings.sampleIntervalMs;
  for (let t = 0; t <= endMs; t += sampleMs) heap.push(t, EV_SAMPLE, EV_SAMPLE);
  if (endMs % sampleMs !== 0) heap.push(endMs, EV_SAMPLE, EV_SAMPLE);

  for (let e = heap.pop(); e !== undefined && e.tMs <= endMs; e = heap.pop()) {
    const t = e.tMs;
    switch (e.kind) {
      case EV_SUN: {
        nodes[e.a]!.setIllumination(t, e.ref as number);
        scheduleWake(e.a);
        break;
      }
      case EV_CONTACT_START: {
        const ct = sc.contacts[e.a]!;
        nodes[ct.sat]!.advanceTo(t);
        openContacts[ct.sat]!.add(e.a);
        trySession(ct.sat, t);
        // A new satellite in contact: others may relay to it now.
        if (sc.relay && sessions[ct.sat]) for (let i = 0; i < S; i++) if (i !== ct.sat) tryRelay(i, t);
        break;
      }
      case EV_CONTACT_END: {
        const ct = sc.contacts[e.a]!;
        openContacts[ct.sat]!.delete(e.a);
        const s = sessions[ct.sat];
        if (s && s.contact === e.a) {
          endSession(ct.sat, t);
          trySession(ct.sat, t);
          // The station is free: another satellite in view of it may take it.
          for (let i = 0; i < S && stationBusy[ct.station] === -1; i++) if (i !== ct.sat) trySession(i, t);
          if (!sessions[ct.sat]) tryRelay(ct.sat, t);
        }
        break;
      }
      case EV_WAKE: {
        if (e.b !== wakeVersion[e.a]) break;
        nodes[e.a]!.advanceTo(t);
        scheduleWake(e.a);
        break;
      }
      case EV_TX_DONE: {
        const s = sessions[e.a];
        if (!s || s.version !== e.b || !s.product) break;
        const p = s.product;
        s.product = null;
        delivered(e.a, p, t);
        pump(e.a, t);
        break;
      }
      case EV_ISL_FREE: {
        islBusy[e.a] = 0;
        tryRelay(e.a, t);
        break;
      }
      case EV_ISL_ARRIVE: {
        const p = e.ref as Product;
        const node = nodes[e.a]!;
        node.advanceTo(t);
        node.accept(p); // space was checked before sending; a race with a capture is recorded as overflow
        forward(e.a, t);
        break;
      }
      case EV_CAPTURE: {
        capture(sc.opportunities[e.a]!);
        break;
      }
      case EV_SAMPLE: {
        let backlog = 0;
        let maxStored = 0;
        for (const n of nodes) {
          backlog += n.storageUsedBytes;
          if (n.storageUsedBytes > maxStored) maxStored = n.storageUsedBytes;
        }
        let deliveredCount = 0;
        for (const x of insightMs) if (!Number.isNaN(x)) deliveredCount++;
        series.push({
          tUnixMs: sc.startUnixMs + t,
          backlogBytes: backlog,
          maxStoredBytes: maxStored,
          imagesDelivered: deliveredCount,
        });
        opts.onProgress?.(sc.startUnixMs + t);
        break;
      }
    }
  }
  for (let i = 0; i < S; i++) {
    nodes[i]!.advanceTo(endMs);
    // A transfer in flight at the end keeps its progress; the product stays on board.
    if (sessions[i]) endSession(i, endMs);
  }
  engines.disposeAll();
  return summarize(
    sc,
    mode,
    nodes,
    images,
    insightMs,
    inferredMs,
    imageBytesDown,
    bytesDownlinked,
    relayedProducts,
    series,
  );
}

/** Results of a finished run (shared by the in-process runner and the live driver in live.ts). */
export function summarize(
  sc: ReplayScenario,
  mode: ReplayMode,
  nodes: OnboardNode[],
  images: CapturedImage[],
  insightMs: number[],
  inferredMs: Map<number, number>,
  imageBytesDown: number[],
  bytesDownlinked: number,
  relayedProducts: number,
  series: SeriesPoint[],
): ModeResult {
  const records: ImageRecord[] = images.map((img, i) => {
    const ins = insightMs[i]!;
    return {
      index: img.index,
      requestId: img.requestId,
      satellite: img.satellite,
      tag: img.tag,
      priority: img.priority,
      captureUnixMs: sc.startUnixMs + img.captureMs,
      rawBytes: img.rawBytes,
      inferredUnixMs: sc.startUnixMs + (inferredMs.get(img.index) ?? Number.NaN),
      insightUnixMs: Number.isNaN(ins) ? Number.NaN : sc.startUnixMs + ins,
      timeToInsightS: Number.isNaN(ins) ? Number.NaN : (ins - img.captureMs) / 1000,
    };
  });
  const lat = records
    .map((r) => r.timeToInsightS)
    .filter((x) => !Number.isNaN(x))
    .sort((a, b) => a - b);
  let rawDelivered = 0;
  let bytesForDelivered = 0;
  images.forEach((img, i) => {
    if (!Number.isNaN(insightMs[i]!)) {
      rawDelivered += img.rawBytes;
      bytesForDelivered += imageBytesDown[i] ?? 0;
    }
  });
  const capacityBits = sc.stations.reduce((acc, st, g) => {
    const iv = sc.contacts
      .filter((c) => c.station === g)
      .map((c) => [Math.max(0, c.aosMs), Math.min(sc.durationMs, c.losMs)] as const)
      .filter(([a, b]) => b > a);
    return acc + (unionLength(iv) / 1000) * st.downlinkBps;
  }, 0);
  const sum = (f: (n: OnboardNode) => number) => nodes.reduce((a, n) => a + f(n), 0);
  const energy = sum((n) => n.stats.inferenceEnergyJ);
  const throttledPowerS = sum((n) => n.stats.throttledPowerS);
  const throttledHeatS = sum((n) => n.stats.throttledHeatS);
  const capturedSet = new Set(images.map((im) => im.requestIndex));
  const missed = sc.requests.filter(
    (r) => !capturedSet.has(r.index) && r.endUnixMs <= sc.startUnixMs + sc.durationMs,
  ).length;
  return {
    mode,
    imagesRequested: sc.requests.length,
    imagesCaptured: images.length,
    imagesMissed: missed,
    imagesDelivered: lat.length,
    bytesCaptured: images.reduce((a, im) => a + im.rawBytes, 0),
    bytesDownlinked,
    reductionFactor: bytesForDelivered > 0 ? rawDelivered / bytesForDelivered : Number.NaN,
    timeToInsightS: {
      p50: percentileSorted(lat, 50),
      p95: percentileSorted(lat, 95),
      p99: percentileSorted(lat, 99),
      mean: lat.length > 0 ? lat.reduce((a, b) => a + b, 0) / lat.length : Number.NaN,
    },
    backlogBytes: sum((n) => n.storageUsedBytes),
    peakStorageBytes: Math.max(0, ...nodes.map((n) => n.stats.peakStorageBytes)),
    contactUtilization: capacityBits > 0 ? (bytesDownlinked * 8) / capacityBits : 0,
    energyPerImageJ: images.length > 0 ? energy / images.length : 0,
    throttledS: throttledPowerS + throttledHeatS,
    throttledPowerS,
    throttledHeatS,
    // The in-process runner (to be replaced by the EO apps) does not split refusals by cause nor
    // model the radio; these fields are filled by the app-based replay.
    imagesRefusedStorage: sum((n) => n.stats.overflowCount),
    contactTimeUsedS: Number.NaN,
    contactTimeS: capacityBits / Math.max(1, sc.stations[0]?.downlinkBps ?? 1),
    computeEnergyPerImageJ: images.length > 0 ? energy / images.length : 0,
    radioEnergyPerImageJ: 0,
    overflowCount: sum((n) => n.stats.overflowCount),
    overflowBytes: sum((n) => n.stats.overflowBytes),
    imagesInferred: sum((n) => n.stats.imagesInferred),
    pendingInference: sum((n) => n.pendingInference),
    powerDeficitS: sum((n) => n.stats.powerDeficitS),
    relayedProducts,
    images: records,
    series,
  };
}
