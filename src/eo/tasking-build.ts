/**
 * From a replay's geometry (src/eo/scenario.ts) to the tasking the onboard apps fly (tasking.ts):
 * each request's images on the satellite that sees it first, each satellite's sunlight timeline, and
 * every antenna hold on the emulator's step grid (downlink-windows.ts).
 */
import type { Constellation } from "../orbit/constellation.js";
import type { SatelliteEoConfig } from "./config.js";
import { type DownlinkWindow, downlinkWindows } from "./downlink-windows.js";
import { deriveSeed } from "./prng.js";
import type { ReplayMode } from "./products.js";
import type { CaptureOpportunity, ReplayScenario } from "./scenario-types.js";
import { captureAreaKm2, pixelsForArea, rawBytesForArea } from "./sensor.js";
import type { SurveyCapture } from "./survey.js";
import type { EoTasking, SatelliteTasking, TaskedCapture } from "./tasking.js";
import { targetCenter } from "./workload.js";

/** Pixels, size and tiles of an image of `areaKm2` whose width is `widthPx`. */
function imageShape(cfg: SatelliteEoConfig, areaKm2: number, widthPx: number) {
  const px = pixelsForArea(cfg.sensor, areaKm2);
  const side = cfg.model.tileSidePx;
  return {
    rawBytes: rawBytesForArea(cfg.sensor, areaKm2),
    widthPx,
    heightPx: Math.round(px / Math.max(1, widthPx)),
    tiles: Math.ceil(px / (side * side)),
  };
}

/** The image a capture opportunity of a tasked request makes. */
export function taskedCapture(sc: ReplayScenario, o: CaptureOpportunity): TaskedCapture {
  const req = sc.requests[o.request]!;
  const cfg = sc.satellites[o.sat]!.eo;
  const sensor = cfg.sensor;
  const areaKm2 = captureAreaKm2(sensor, req.target);
  const aspect = req.target.kind === "point" ? sensor.swathKm / sensor.sceneLengthKm : 1;
  const widthPx = Math.round(Math.sqrt(pixelsForArea(sensor, areaKm2) * aspect));
  const c = targetCenter(req.target);
  return {
    tUnixMs: sc.startUnixMs + o.tMs,
    imageId: req.id,
    requestId: req.id,
    requestIndex: o.request,
    priority: req.priority,
    tag: req.tag,
    latDeg: c.latDeg,
    lonDeg: c.lonDeg,
    areaKm2,
    ...imageShape(cfg, areaKm2, widthPx),
    sceneSeed: deriveSeed(sc.seed, req.id),
  };
}

/**
 * A survey strip unit (survey.ts) as a capture: its frames side by side in one image of
 * areaKm2, a land scene (tag "land"), priority 0 (assumed: routine survey below any tasked request).
 */
export function surveyCapture(sc: ReplayScenario, s: SurveyCapture, k: number): TaskedCapture {
  const cfg = sc.satellites[s.sat]!.eo;
  const widthPx = Math.round((cfg.sensor.swathKm * 1000) / cfg.sensor.gsdM);
  const id = `survey-${s.sat}-${k}`;
  return {
    tUnixMs: s.tUnixMs,
    imageId: id,
    requestId: id,
    requestIndex: -1,
    priority: 0,
    tag: "land",
    latDeg: s.latDeg,
    lonDeg: s.lonDeg,
    areaKm2: s.areaKm2,
    ...imageShape(cfg, s.areaKm2, widthPx),
    sceneSeed: deriveSeed(sc.seed, id),
  };
}

export interface TaskingInput {
  mode: ReplayMode;
  /** The emulator's topology step (antenna holds are on its grid). */
  stepMs: number;
  antennasOf(station: number): number;
  /** Extra captures per satellite (survey strips), merged by time with the tasked ones. */
  extraCaptures?: TaskedCapture[][];
  relay: boolean;
  /** The antenna windows, when another thread cut them (pass-windows.ts); default: cut here. */
  windows?: DownlinkWindow[];
}

export function buildTasking(c: Constellation, sc: ReplayScenario, o: TaskingInput): EoTasking {
  const S = sc.satellites.length;
  const perSat: TaskedCapture[][] = Array.from({ length: S }, () => []);
  // Each request to the satellite of its earliest opportunity; that satellite's later ones are fallbacks.
  const owner = new Map<number, number>();
  for (const op of sc.opportunities) {
    const sat = owner.get(op.request);
    if (sat === undefined) owner.set(op.request, op.sat);
    else if (sat !== op.sat) continue;
    perSat[op.sat]!.push(taskedCapture(sc, op));
  }
  if (o.extraCaptures)
    o.extraCaptures.forEach((list, sat) => {
      const mine = perSat[sat];
      if (!mine || list.length === 0) return;
      mine.push(...list);
      mine.sort((a, b) => a.tUnixMs - b.tUnixMs);
    });
  const windows: DownlinkWindow[] =
    o.windows ?? downlinkWindows(c, sc.contacts, sc.startUnixMs, o.stepMs, o.antennasOf);
  const satellites: SatelliteTasking[] = sc.satellites.map((s, sat) => ({
    sat,
    name: s.name,
    eo: s.eo,
    illumination: (sc.sunlight[sat] ?? []).map((ch) => [sc.startUnixMs + ch.tMs, ch.fraction]),
    captures: perSat[sat]!,
  }));
  return {
    version: 1,
    mode: o.mode,
    startUnixMs: sc.startUnixMs,
    endUnixMs: sc.startUnixMs + sc.durationMs,
    settings: sc.settings,
    relay: o.relay,
    stations: sc.stations.map((st, g) => ({ id: S + g, name: st.name, downlinkBps: st.downlinkBps })),
    satellites,
    windows,
  };
}
