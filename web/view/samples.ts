/**
 * Samples of the constellation on the server's grid (originMs + k * stepMs), fetched ahead of the
 * playhead and decoded into typed-array views (layout in src/view/protocol.ts). The page draws the
 * instant between samples k and k+1 by linear interpolation of positions.
 */
import { RUN_LINKS_HEADER_BYTES, SAMPLE_HEADER_BYTES } from "../../src/view/protocol.js";

export interface Sample {
  k: number;
  tUnixMs: number;
  /** ECEF km, xyz per satellite. */
  ecefKm: Float32Array;
  linkCount: number;
  /** Node ids a b per link. */
  linkEnds: Uint32Array;
  linkKind: Uint8Array;
  /** Per node (satellites then stations): 1 up, 0 down. */
  up: Uint8Array;
}

export function decodeSample(k: number, buf: ArrayBuffer, nodes: number): Sample {
  const dv = new DataView(buf);
  const tUnixMs = dv.getFloat64(0, true);
  const n = dv.getUint32(8, true);
  const links = dv.getUint32(12, true);
  const ecefKm = new Float32Array(buf, SAMPLE_HEADER_BYTES, 3 * n);
  const linkEnds = new Uint32Array(buf, SAMPLE_HEADER_BYTES + 12 * n, 2 * links);
  const linkKind = new Uint8Array(buf, SAMPLE_HEADER_BYTES + 12 * n + 8 * links, links);
  const up = new Uint8Array(buf, SAMPLE_HEADER_BYTES + 12 * n + 9 * links, nodes);
  return { k, tUnixMs, ecefKm, linkCount: links, linkEnds, linkKind, up };
}

/** The run's links (GET api/links, live mode), as the links of a Sample with no positions. */
export interface RunLinks extends Sample {
  /** Steps the run's controller had computed at this one. */
  steps: number;
}

/** Decode api/links (layout in src/view/protocol.ts); `k` keys it apart from grid samples (< 0). */
export function decodeRunLinks(k: number, buf: ArrayBuffer): RunLinks {
  const dv = new DataView(buf);
  const nodes = dv.getUint32(16, true);
  const links = dv.getUint32(20, true);
  return {
    k,
    tUnixMs: dv.getFloat64(0, true),
    steps: dv.getFloat64(8, true),
    ecefKm: new Float32Array(0),
    linkCount: links,
    linkEnds: new Uint32Array(buf, RUN_LINKS_HEADER_BYTES, 2 * links),
    linkKind: new Uint8Array(buf, RUN_LINKS_HEADER_BYTES + 8 * links, links),
    up: new Uint8Array(buf, RUN_LINKS_HEADER_BYTES + 9 * links, nodes),
  };
}

/** Keeps the samples around the playhead; fetches missing ones, at most a few at a time. */
export class SampleCache {
  private readonly have = new Map<number, Sample>();
  private readonly pending = new Set<number>();

  constructor(
    private readonly originMs: number,
    private readonly stepMs: number,
    private readonly nodes: number,
    private readonly lookAhead = 3,
  ) {}

  indexAt(tUnixMs: number): number {
    return Math.floor((tUnixMs - this.originMs) / this.stepMs);
  }

  instantOf(k: number): number {
    return this.originMs + k * this.stepMs;
  }

  get(k: number): Sample | undefined {
    return this.have.get(k);
  }

  /** The latest sample at or before k that has arrived (to hold on screen while k loads). */
  latestUpTo(k: number): Sample | undefined {
    let best: Sample | undefined;
    for (const s of this.have.values()) if (s.k <= k && (!best || s.k > best.k)) best = s;
    return best;
  }

  /**
   * Ask for k .. k + lookAhead; forget samples far from k, but keep the one on screen (held while
   * newer ones load, when the playhead outruns the server).
   */
  want(k: number, onScreen: number): void {
    for (const key of this.have.keys())
      if ((key < k - 1 || key > k + 2 * this.lookAhead) && key !== onScreen) this.have.delete(key);
    for (let j = k; j <= k + this.lookAhead; j++) if (!this.have.has(j)) this.fetch(j);
  }

  private fetch(k: number): void {
    // A few requests at a time: a playhead racing ahead must not queue hundreds of samples.
    if (this.pending.has(k) || this.pending.size >= this.lookAhead + 1) return;
    this.pending.add(k);
    fetch(`api/sample?t=${this.instantOf(k)}`)
      .then((r) => {
        if (!r.ok) throw new Error(`sample ${k}: HTTP ${r.status}`);
        return r.arrayBuffer();
      })
      .then((buf) => this.have.set(k, decodeSample(k, buf, this.nodes)))
      .catch((e: unknown) => console.error(e))
      .finally(() => this.pending.delete(k));
  }
}
