/**
 * What one replay mode measured: per image, over time, and in total. The one definition of each
 * statistic the reports (src/report/eo-*.ts) show; produced by the replay from the EO apps' records.
 */
import type { ReplayMode } from "./products.js";

export interface ImageRecord {
  index: number;
  requestId: string;
  satellite: number;
  tag: string;
  priority: number;
  captureUnixMs: number;
  rawBytes: number;
  /** When onboard inference finished (NaN in raw mode or if it never did). */
  inferredUnixMs: number;
  /** When the image's insight (raw image or summary) was complete on the ground; NaN if never. */
  insightUnixMs: number;
  timeToInsightS: number;
}

export interface SeriesPoint {
  tUnixMs: number;
  backlogBytes: number;
  maxStoredBytes: number;
  imagesDelivered: number;
}

export interface ModeResult {
  mode: ReplayMode;
  imagesRequested: number;
  imagesCaptured: number;
  /** Requests whose window closed without a capture. */
  imagesMissed: number;
  imagesDelivered: number;
  bytesCaptured: number;
  bytesDownlinked: number;
  /** Raw bytes of delivered images per byte downlinked for them (1 in raw mode). */
  reductionFactor: number;
  timeToInsightS: { p50: number; p95: number; p99: number; mean: number };
  /** Bytes on board at the end (images, summaries, chips not yet on the ground). */
  backlogBytes: number;
  /** Largest storage use of any one satellite. */
  peakStorageBytes: number;
  /** Bits downlinked / (station contact time x rate), over the union of each station's contacts. */
  contactUtilization: number;
  /** Energy per captured image, J: accelerator plus downlink radio. */
  energyPerImageJ: number;
  throttledS: number;
  throttledPowerS: number;
  throttledHeatS: number;
  /** Captures refused for lack of storage (the request stays open for a later pass). */
  imagesRefusedStorage: number;
  /** Seconds of ground contact during which a downlink was transmitting, summed over satellites. */
  contactTimeUsedS: number;
  /** Seconds of ground contact available (union per station x antennas), summed over stations. */
  contactTimeS: number;
  /** Accelerator energy per captured image, J (energyPerImageJ = compute + radio). */
  computeEnergyPerImageJ: number;
  /** Downlink radio energy per captured image, J. */
  radioEnergyPerImageJ: number;
  /** Captures or relays refused for lack of storage, and their bytes. */
  overflowCount: number;
  overflowBytes: number;
  imagesInferred: number;
  pendingInference: number;
  powerDeficitS: number;
  relayedProducts: number;
  images: ImageRecord[];
  series: SeriesPoint[];
  /**
   * Realtime clock only: how far the emulation fell behind wall-paced virtual time in this mode
   * (the controller's lag, wall ms; steps late). Absent on the virtual clock, which is exact.
   */
  clockLag?: { p50Ms: number; p99Ms: number; maxMs: number; stepsLate: number };
}
