/**
 * Power and heat physics as pure functions: solar generation, radiator rejection, equilibrium
 * temperature, and the duty cycle a heat budget allows. The stateful part (battery, queue) is in
 * onboard.ts.
 */

/** Total solar irradiance at 1 AU, W/m^2. Source: Kopp & Lean, GRL 38, L01706 (2011): 1360.8 +- 0.5. */
export const SOLAR_CONSTANT_W_M2 = 1361;
/** Stefan-Boltzmann constant, W m^-2 K^-4. Source: CODATA 2018 (exact in the 2019 SI). */
export const STEFAN_BOLTZMANN_W_M2_K4 = 5.670374419e-8;

/** Electrical power from a sun-pointed array: S x area x efficiency x illuminated fraction, W. */
export function solarPowerW(panelAreaM2: number, efficiency: number, illuminatedFraction: number): number {
  return SOLAR_CONSTANT_W_M2 * panelAreaM2 * efficiency * illuminatedFraction;
}

/** Most heat a radiator can reject at temperature T to deep space: eps sigma A T^4, W. */
export function radiatorRejectW(emissivity: number, areaM2: number, tempK: number): number {
  return emissivity * STEFAN_BOLTZMANN_W_M2_K4 * areaM2 * tempK ** 4;
}

/** Temperature at which the radiator rejects exactly heatW: (Q / (eps sigma A))^(1/4), K. */
export function equilibriumTempK(heatW: number, emissivity: number, areaM2: number): number {
  return (heatW / (emissivity * STEFAN_BOLTZMANN_W_M2_K4 * areaM2)) ** 0.25;
}

/**
 * Fraction of the time an accelerator dissipating `powerW` may run so that its radiator stays at or
 * below maxTempK: 1 when the equilibrium temperature is within the limit, else reject(maxT) / P.
 * (Quasi-static: the radiator's thermal time constant is taken as short against an image's work.)
 */
export function heatDuty(powerW: number, emissivity: number, areaM2: number, maxTempK: number): number {
  if (powerW <= 0) return 1;
  return Math.min(1, radiatorRejectW(emissivity, areaM2, maxTempK) / powerW);
}
