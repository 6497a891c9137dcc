/**
 * Onboard accelerator profiles and the reference model the cost model is calibrated on.
 *
 * Cost model: latency per tile = opsPerTile / (peakOpsPerS x utilization). The utilization is fixed
 * once, from the one measurement we have (Jetson TX2: 44.86 ms per tile, attributed to the artifact of
 * Denby & Lucia, "Orbital Edge Computing: Nanosatellite Constellations as a New Class of Computer
 * System", ASPLOS 2020; value not verified in this audit: the paper says the authors measured the
 * TX2's average power and latency directly, and describes a 7.5 W power mode, but the 44.86 ms and
 * 11.3 W figures were not found in the sources searched), and reused for the other accelerators.
 * So latency on X = 44.86 ms x peak(TX2) / peak(X), whatever opsPerTile is. Peak numbers are the
 * vendors' headline dense figures and differ in precision (TX2: FP16; Orin and H100: INT8): read
 * results across accelerators as order-of-magnitude.
 */

export interface AcceleratorProfile {
  name: string;
  /** Electrical power while running inference, W (all of it ends up as heat). */
  powerW: number;
  /** Headline peak throughput, operations per second. */
  peakOpsPerS: number;
  /** Where the figures come from. */
  source: string;
}

export const ACCELERATORS = {
  "jetson-tx2": {
    name: "jetson-tx2",
    powerW: 11.3,
    peakOpsPerS: 1.33e12,
    source:
      "11.3 W and 44.86 ms/tile: attributed to the Denby & Lucia ASPLOS 2020 artifact (not verified; the paper describes a 7.5 W TX2 power mode); 1.33 TFLOPS FP16: value as commonly cited for the Jetson TX2 (256 Pascal cores at 1.3 GHz), data sheet not re-checked",
  },
  "jetson-orin-15w": {
    name: "jetson-orin-15w",
    powerW: 15,
    peakOpsPerS: 20e12,
    source:
      "Jetson Orin Nano 8GB, 15 W mode: 40 TOPS INT8 sparse = 20 TOPS dense (NVIDIA Jetson Orin Nano Series data sheet, 2023, which gives sparse and dense INT8 TOPS per module; JetPack 6.1 'Super' clocks later raised the 8GB to 67 TOPS sparse at 25 W, not modelled)",
  },
  h100: {
    name: "h100",
    powerW: 700,
    peakOpsPerS: 1979e12,
    source:
      "NVIDIA H100 SXM: 700 W TDP, 1,979 TOPS INT8 dense = half the data sheet's 3,958 TOPS with sparsity (NVIDIA H100 Tensor Core GPU data sheet); the GPU flown on Starcloud-1, launched 2 November 2025, the first H100 in orbit (CNBC, 10 December 2025)",
  },
} as const satisfies Record<string, AcceleratorProfile>;
export type AcceleratorName = keyof typeof ACCELERATORS;

/** The calibration point: Jetson TX2 latency per tile, s (attributed to the Denby & Lucia ASPLOS 2020 artifact; not verified, see above). */
export const TX2_LATENCY_PER_TILE_S = 0.04486;

export interface ModelSpec {
  name: string;
  /** Operations per tile of the model (only ratios matter under the calibration above). */
  opsPerTile: number;
  /** Tile side, px: the model's input size; an image is cut into ceil(pixels / side^2) tiles. */
  tileSidePx: number;
  /**
   * Fraction of the accelerator's peak this model achieves. Unset: the utilization the TX2
   * measurement implies (calibratedUtilization), under which latency does not depend on opsPerTile.
   * Set it to model a network of known size (opsPerTile) at a stated efficiency.
   */
  utilization?: number;
}

/**
 * The reference model. Its ops count is a nominal 10 GOPs per tile (cancels out under the
 * calibration); the 512 px tile side is our assumption, not a figure from the artifact.
 */
export const REFERENCE_MODEL: ModelSpec = { name: "oec-tile", opsPerTile: 10e9, tileSidePx: 512 };

/** Cluster utilization implied by the TX2 measurement for a model: ops / (latency x peak). */
export function calibratedUtilization(model: ModelSpec): number {
  return model.opsPerTile / (TX2_LATENCY_PER_TILE_S * ACCELERATORS["jetson-tx2"].peakOpsPerS);
}

export function latencyPerTileS(acc: AcceleratorProfile, model: ModelSpec): number {
  return model.opsPerTile / (acc.peakOpsPerS * (model.utilization ?? calibratedUtilization(model)));
}
