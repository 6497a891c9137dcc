/**
 * What an EO satellite keeps on board and sends down: raw images, their summaries and chips, in a
 * storage of fixed size, taken out in the order the downlink policy wants (summaries, then chips,
 * then raw; by priority, then age). Pure state, no clock: the onboard app (apps/eo-onboard.ts) drives it.
 */
import type { SatelliteEoConfig } from "./config.js";

export const REPLAY_MODES = ["raw", "summary", "hybrid"] as const;
export type ReplayMode = (typeof REPLAY_MODES)[number];

export type ProductKind = "raw" | "summary" | "chip";
const KIND_RANK: Record<ProductKind, number> = { summary: 0, chip: 1, raw: 2 };

/** A unit of data to forward: an image, its summary, or a chip. */
export interface Product {
  id: string;
  kind: ProductKind;
  imageId: string;
  bytes: number;
  priority: number;
  createdUnixMs: number;
  captureUnixMs: number;
  /** Its arrival on the ground is the image's insight (the raw image in raw mode, else the summary). */
  insight: boolean;
}

/** Bytes of an image chip: side^2 pixels x all bands at the finest GSD x bit depth / compression. */
export function chipBytes(cfg: SatelliteEoConfig, sidePx: number): number {
  const s = cfg.sensor;
  const bands = s.bands + s.coarseBands.reduce((a, g) => a + g.count, 0);
  return Math.ceil((sidePx * sidePx * bands * s.bitDepth) / 8 / s.compressionRatio);
}

function before(a: Product, b: Product): boolean {
  if (KIND_RANK[a.kind] !== KIND_RANK[b.kind]) return KIND_RANK[a.kind] < KIND_RANK[b.kind];
  if (a.priority !== b.priority) return a.priority > b.priority;
  if (a.createdUnixMs !== b.createdUnixMs) return a.createdUnixMs < b.createdUnixMs;
  return a.id < b.id;
}

/** Onboard storage: bytes used (raw images being processed and products waiting) and the outbox. */
export class OnboardStore {
  usedBytes = 0;
  peakBytes = 0;
  private readonly outbox: Product[] = [];

  constructor(readonly capacityBytes: number) {}

  /** Reserve bytes; false (nothing changes) when they do not fit. */
  use(bytes: number): boolean {
    if (this.usedBytes + bytes > this.capacityBytes) return false;
    this.usedBytes += bytes;
    if (this.usedBytes > this.peakBytes) this.peakBytes = this.usedBytes;
    return true;
  }

  /**
   * Count bytes that never left after all (a send given up after its planned first hop ended): they
   * were on board throughout, so no capacity check.
   */
  reclaim(bytes: number): void {
    this.usedBytes += bytes;
    if (this.usedBytes > this.peakBytes) this.peakBytes = this.usedBytes;
  }

  free(bytes: number): void {
    this.usedBytes = Math.max(0, this.usedBytes - bytes);
  }

  /** Queue a product whose bytes are already stored. */
  queue(p: Product): void {
    this.outbox.push(p);
  }

  get waiting(): number {
    return this.outbox.length;
  }

  has(allowed?: (p: Product) => boolean): boolean {
    return allowed ? this.outbox.some(allowed) : this.outbox.length > 0;
  }

  /** Take the next product to send among the allowed ones (its bytes stay used until freed). */
  takeNext(allowed?: (p: Product) => boolean): Product | undefined {
    let best = -1;
    for (let i = 0; i < this.outbox.length; i++) {
      const p = this.outbox[i]!;
      if (allowed && !allowed(p)) continue;
      if (best < 0 || before(p, this.outbox[best]!)) best = i;
    }
    if (best < 0) return undefined;
    return this.outbox.splice(best, 1)[0];
  }
}
