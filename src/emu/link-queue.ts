/**
 * One directed link as its sending node emulates it: a FIFO queue with a byte limit, serialization
 * at the link's capacity (one bundle at a time), then propagation at the current geometry's delay.
 * All flows on the link share the queue. Instants are run-relative ms (tRunMs: ms since the run's
 * epoch, src/emu/run-time.ts), unrounded by Unix ms; events run on the node's clock.
 *
 *   tx start = max(enqueue time, end of the previous transmission)
 *   tx end   = tx start + size*8 / capacity
 *   arrival  = tx end + propagation delay (the link's delay when transmission ends)
 *
 * Two ways through. Queued: the bundle waits in the FIFO and a timer ends each transmission at its
 * instant (contention, or a transmission that ends after the current topology step). Committed
 * (cut-through): when nothing waits and the whole transmission ends before `horizonRunMs()` (the next
 * topology step, so the link, its delay and the routes that chose it cannot change before), the
 * schedule is fixed at once and the bundle departs now, in wall time, ahead of its virtual instants;
 * the sending node then hands it over `leadWallMs` before it arrives. That lead is what absorbs the
 * host's pauses (GC, a busy event loop) instead of one hop's propagation delay.
 *
 * Committed transmissions stay on the link's schedule until they end, so a later bundle (even one
 * whose bytes reached this node late, with an earlier instant) fits into an idle gap before them or
 * waits behind them; never two transmissions at once. Such a bundle is counted (reorders): exact
 * FIFO order would have sent it first, which costs it at most the other's serialization time.
 */
import { serializationMs } from "./bundle.js";
import type { Clock, VirtualTimer } from "./clock.js";
import type { HopRecord, WireBundle } from "./wire.js";
import { linkKindWire } from "./wire-enums.js";

export interface LinkState {
  delayMs: number;
  capacityBps: number;
  kind: number;
  address: string;
}

interface Queued {
  bundle: WireBundle;
  enqueuedRunMs: number;
}

/** A committed transmission [startRunMs, endRunMs) of sizeBytes on the link's schedule. */
interface Slot {
  startRunMs: number;
  endRunMs: number;
  sizeBytes: number;
}

/**
 * Slots are forgotten this long (virtual ms) after they end, and beyond this many: an enqueue is
 * never much earlier than the clock (only a late-firing timer's instant is, by its lateness). Kept
 * short because every enqueue scans them (a 256-slot memory halved bundles/s in the benchmark).
 */
const SLOT_MEMORY_MS = 50;
const SLOT_MEMORY_COUNT = 32;

export type DepartedHandler = (bundle: WireBundle, hop: HopRecord, link: LinkQueue) => void;

export class LinkQueue {
  /** Bytes waiting plus the bundle in transmission. */
  queuedBytes = 0;
  private readonly fifo: Queued[] = [];
  private head = 0;
  private txTimer: VirtualTimer | null = null;
  private txStartRunMs = 0;
  /** End of the FIFO's last transmission (run ms): a commit never starts before it. */
  private fifoBusyUntilRunMs = Number.NEGATIVE_INFINITY;
  /** Committed (cut-through) transmissions, by start. */
  private readonly slots: Slot[] = [];
  /** Committed bundles that an exact FIFO would have sent later than this one (see above). */
  reorders = 0;

  constructor(
    readonly from: number,
    readonly to: number,
    public state: LinkState,
    private readonly limitBytes: number,
    private readonly clock: Clock,
    private readonly onDeparted: DepartedHandler,
    /** Run instant before which this link and its delay cannot change (-Infinity: never commit). */
    private readonly horizonRunMs: () => number = () => Number.NEGATIVE_INFINITY,
  ) {}

  /** End of the last transmission on the link (FIFO or committed), run ms. */
  private get busyUntilRunMs(): number {
    const last = this.slots[this.slots.length - 1];
    return last && last.endRunMs > this.fifoBusyUntilRunMs ? last.endRunMs : this.fifoBusyUntilRunMs;
  }

  get length(): number {
    return this.fifo.length - this.head;
  }

  /** Queue a bundle at run instant `tRunMs`; false when the byte limit would be exceeded. */
  enqueue(bundle: WireBundle, tRunMs: number): boolean {
    if (this.queuedBytes + this.committedBytesAt(tRunMs) + bundle.sizeBytes > this.limitBytes) return false;
    if (this.txTimer === null && this.commit(bundle, tRunMs)) return true;
    this.fifo.push({ bundle, enqueuedRunMs: tRunMs });
    this.queuedBytes += bundle.sizeBytes;
    if (this.txTimer === null) this.startNext(Math.max(tRunMs, this.busyUntilRunMs));
    return true;
  }

  /** The link went away: hand back everything queued (including the one in transmission). */
  /** Ids of the bundles waiting or in transmission (the census of a lost node's bundles). */
  bundleIds(out: string[]): void {
    for (let i = this.head; i < this.fifo.length; i++) out.push(this.fifo[i]!.bundle.id);
  }

  drain(): WireBundle[] {
    this.txTimer?.cancel();
    this.txTimer = null;
    const out = this.fifo.slice(this.head).map((q) => q.bundle);
    this.fifo.length = 0;
    this.head = 0;
    this.queuedBytes = 0;
    return out;
  }

  /** Fix the transmission now if it fits before the horizon; true when committed and departed. */
  private commit(bundle: WireBundle, tRunMs: number): boolean {
    const serMs = serializationMs(bundle.sizeBytes, this.state.capacityBps);
    const slots = this.slots;
    this.forgetOldSlots();
    // The first idle gap at or after tRunMs (and after the FIFO's transmissions) that holds it whole.
    let startRunMs = Math.max(tRunMs, this.fifoBusyUntilRunMs);
    let at = 0;
    for (; at < slots.length; at++) {
      const s = slots[at]!;
      if (s.endRunMs <= startRunMs) continue;
      if (startRunMs + serMs <= s.startRunMs) break;
      startRunMs = s.endRunMs;
    }
    const endRunMs = startRunMs + serMs;
    if (!(endRunMs < this.horizonRunMs())) return false;
    if (at < slots.length) this.reorders++;
    slots.splice(at, 0, { startRunMs, endRunMs, sizeBytes: bundle.sizeBytes });
    const propagationMs = this.state.delayMs;
    this.onDeparted(
      bundle,
      {
        from: this.from,
        to: this.to,
        linkKind: linkKindWire(this.state.kind),
        // Keys in the .proto's field-number order, as a record decoded from the wire has them.
        propagationMs,
        enqueuedRunMs: tRunMs,
        txStartRunMs: startRunMs,
        txEndRunMs: endRunMs,
        arrivalRunMs: endRunMs + propagationMs,
      },
      this,
    );
    return true;
  }

  private forgetOldSlots(): void {
    const slots = this.slots;
    const now = this.clock.nowRunMs();
    const before = now - SLOT_MEMORY_MS;
    let k = 0;
    // Never one still in transmission: its bytes count against the queue limit.
    while (
      k < slots.length &&
      (slots[k]!.endRunMs < before || (slots.length - k > SLOT_MEMORY_COUNT && slots[k]!.endRunMs <= now))
    )
      k++;
    if (k > 0) slots.splice(0, k);
  }

  /** Bytes on this link at run instant tRunMs, as its byte limit counts them: queued, in transmission, committed. */
  bytesAt(tRunMs: number): number {
    return this.queuedBytes + this.committedBytesAt(tRunMs);
  }

  /** Bytes of committed transmissions still in progress at run instant tRunMs. */
  private committedBytesAt(tRunMs: number): number {
    let n = 0;
    for (const s of this.slots) if (s.endRunMs > tRunMs) n += s.sizeBytes;
    return n;
  }

  private startNext(tRunMs: number): void {
    const q = this.fifo[this.head];
    if (!q) {
      this.txTimer = null;
      return;
    }
    this.txStartRunMs = tRunMs;
    const txEndRunMs = tRunMs + serializationMs(q.bundle.sizeBytes, this.state.capacityBps);
    this.fifoBusyUntilRunMs = txEndRunMs;
    this.txTimer = this.clock.atRunMs(txEndRunMs, () => this.finish(txEndRunMs));
  }

  private finish(txEndRunMs: number): void {
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
      linkKind: linkKindWire(this.state.kind),
      // Keys in the .proto's field-number order, as a record decoded from the wire has them.
      propagationMs,
      enqueuedRunMs: q.enqueuedRunMs,
      txStartRunMs: this.txStartRunMs,
      txEndRunMs,
      arrivalRunMs: txEndRunMs + propagationMs,
    };
    this.txTimer = null;
    // Next transmission starts back to back with this one (not at "now", which may be a bit late).
    if (this.length > 0) this.startNext(txEndRunMs);
    this.onDeparted(q.bundle, hop, this);
  }
}
