/**
 * Recorded mode: a finished launch (or one that no longer answers) played back from its run dir.
 * The run's window, and which nodes were up when, come from the record (src/emu/run-record.ts:
 * controller.json, summary.json or metrics.ndjson, nodes.ndjson); positions and links from the model
 * of the run's constellation, without the links of nodes that were down, as the controller withdrew
 * them in the run. It plays like model mode (speeds, seek, loop) over the run's window.
 */
import type { RunRecord } from "../emu/run-record.js";
import { upAt } from "../emu/run-record.js";
import type { Constellation } from "../orbit/constellation.js";
import { ModelGeometry, SAMPLE_STEP_MS } from "./model-geometry.js";
import { MODEL_PLAYBACK_SPEED, modelNodeInfo } from "./model-source.js";
import type { BundlesInfo, ClockInfo, NodeInfo, RouteInfo, ViewMeta } from "./protocol.js";
import type { ViewSource } from "./source.js";

export class RecordedSource implements ViewSource {
  private readonly up: Uint8Array;

  private constructor(
    private readonly geo: ModelGeometry,
    readonly rec: RunRecord,
  ) {
    this.up = new Uint8Array(rec.up.length);
  }

  static async create(c: Constellation, rec: RunRecord): Promise<RecordedSource> {
    return new RecordedSource(await ModelGeometry.create(c), rec);
  }

  meta(): ViewMeta {
    return {
      mode: "recorded",
      name: this.rec.info.name,
      satellites: this.geo.satelliteMeta(),
      stations: this.geo.stationMeta(),
      originMs: this.rec.fromMs,
      sampleStepMs: SAMPLE_STEP_MS,
      fromMs: this.rec.fromMs,
      toMs: this.rec.toMs,
    };
  }

  sample(tUnixMs: number): Uint8Array {
    return this.geo.sample(tUnixMs, upAt(this.rec, tUnixMs, this.up));
  }

  clock(): ClockInfo {
    return {
      mode: "recorded",
      kind: "recorded",
      tUnixMs: this.rec.fromMs,
      speed: MODEL_PLAYBACK_SPEED,
      lagMs: 0,
      isolation: this.rec.info.isolation,
    };
  }

  status(): null {
    return null;
  }

  async node(id: number, tUnixMs: number): Promise<NodeInfo> {
    const info = modelNodeInfo(this.geo, id, tUnixMs);
    info.up = upAt(this.rec, tUnixMs, this.up)[id] === 1;
    return info;
  }

  bundles(): BundlesInfo {
    // The run record (run-record.ts) keeps nodes up and down, not bundles: the route alone.
    return { emulated: false, watching: false, bundles: [], missedEvents: 0 };
  }

  async route(from: number, to: number, tUnixMs: number): Promise<RouteInfo> {
    const r = this.geo.route(from, to, tUnixMs);
    if (!r.ok) return r;
    // The model's route does not know the run's outages: say so rather than draw it through one.
    const up = upAt(this.rec, tUnixMs, this.up);
    const down = r.path.find((n) => up[n] === 0);
    if (down === undefined) return r;
    const name =
      this.meta().satellites[down]?.name ?? this.meta().stations[down - this.geo.satelliteCount]?.name;
    return {
      ok: false,
      reason: `node-down: the model's route passes ${name ?? down}, down in the run at this instant`,
      path: [],
      hopDelayMs: [],
      oneWayMs: 0,
      tUnixMs,
    };
  }

  async close(): Promise<void> {
    this.geo[Symbol.dispose]();
  }
}
