/**
 * One directed link as its sending node emulates it: a FIFO queue with a byte limit, serialization
 * at the link's capacity (one bundle at a time), then propagation at the current geometry's delay.
 * All flows on the link share the queue. Times are virtual ms; events run on the node's clock.
 *
 *   tx start = max(enqueue time, end of the previous transmission)
 *   tx end   = tx start + size*8 / capacity
 *   arrival  = tx end + propagation delay (the link's delay when transmission ends)
 */
import { serializationMs } from "./bundle.js";
import type { VirtualClock, VirtualTimer } from "./clock.js";
import type { HopRecord, WireBundle } from "./wire.js";

export interface LinkState {
  delayMs: number;
  capacityBps: number;
  kind: number;
  address: string;
}

interface Queued {
  bundle: WireBundle;
  enqueuedMs: number;
}

export type DepartedHandler = (bundle: WireBundle, hop: HopRecord, link: LinkQueue) => void;

export class LinkQueue {
  /** Bytes waiting plus the bundle in transmission. */
  queuedBytes = 0;
  private readonly fifo: Queued[] = [];
  private head = 0;
  private txTimer: VirtualTimer | null = null;
  private txStartMs = 0;
  /** End of the transmission in progress (or the last one), virtual ms. */
  private busyUntilMs = Number.NEGATIVE_INFINITY;

  constructor(
    readonly from: number,
    readonly to: number,
    public state: LinkState,
    private readonly limitBytes: number,
    private readonly clock: VirtualClock,
    private readonly onDeparted: DepartedHandler,
  ) {}

  get length(): number {
    return this.fifo.length - this.head;
  }

  /** Queue a bundle at virtual time `tMs`; false when the byte limit would be exceeded. */
  enqueue(bundle: WireBundle, tMs: number): boolean {
    if (this.queuedBytes + bundle.sizeBytes > this.limitBytes) return false;
    this.fifo.push({ bundle, enqueuedMs: tMs });
    this.queuedBytes += bundle.sizeBytes;
    if (this.txTimer === null) this.startNext(Math.max(tMs, this.busyUntilMs));
    return true;
  }

  /** The link went away: hand back everything queued (including the one in transmission). */
  drain(): WireBundle[] {
    this.txTimer?.cancel();
    this.txTimer = null;
    const out = this.fifo.slice(this.head).map((q) => q.bundle);
    this.fifo.length = 0;
    this.head = 0;
    this.queuedBytes = 0;
    return out;
  }

  private startNext(tMs: number): void {
    const q = this.fifo[this.head];
    if (!q) {
      this.txTimer = null;
      return;
    }
    this.txStartMs = tMs;
    const txEndMs = tMs + serializationMs(q.bundle.sizeBytes, this.state.capacityBps);
    this.busyUntilMs = txEndMs;
    this.txTimer = this.clock.at(txEndMs, () => this.finish(txEndMs));
  }

  private finish(txEndMs: number): void {
    const q = this.fifo[this.head]!;
    this.fifo[this.head] = undefined as unknown as Queued;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.fifo.length) {
      this.fifo.splice(0, this.head);
      this.head = 0;
    }
    this.queuedBytes -= q.bundle.sizeBytes;
    const propagationMs = this.state.delayMs;
    const hop: HopRecord = {
      from: this.from,
      to: this.to,
      linkKind: this.state.kind,
      enqueuedMs: q.enqueuedMs,
      txStartMs: this.txStartMs,
      txEndMs,
      arrivalMs: txEndMs + propagationMs,
      propagationMs,
    };
    this.txTimer = null;
    // Next transmission starts back to back with this one (not at "now", which may be a bit late).
    if (this.length > 0) this.startNext(txEndMs);
    this.onDeparted(q.bundle, hop, this);
  }
}
