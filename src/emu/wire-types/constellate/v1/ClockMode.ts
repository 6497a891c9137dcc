// Original file: proto/constellate/v1/controller.proto

/**
 * The clock a launch runs on (src/emu/clock.ts ClockMode; users see "virtual", "realtime").
 */
export const ClockMode = {
  CLOCK_MODE_UNSPECIFIED: 'CLOCK_MODE_UNSPECIFIED',
  /**
   * As fast as the CPUs allow, exact (conservative synchronization).
   */
  CLOCK_MODE_VIRTUAL: 'CLOCK_MODE_VIRTUAL',
  /**
   * Wall-paced at the launch's speed.
   */
  CLOCK_MODE_REALTIME: 'CLOCK_MODE_REALTIME',
} as const;

/**
 * The clock a launch runs on (src/emu/clock.ts ClockMode; users see "virtual", "realtime").
 */
export type ClockMode =
  | 'CLOCK_MODE_UNSPECIFIED'
  | 0
  /**
   * As fast as the CPUs allow, exact (conservative synchronization).
   */
  | 'CLOCK_MODE_VIRTUAL'
  | 1
  /**
   * Wall-paced at the launch's speed.
   */
  | 'CLOCK_MODE_REALTIME'
  | 2

/**
 * The clock a launch runs on (src/emu/clock.ts ClockMode; users see "virtual", "realtime").
 */
export type ClockMode__Output = typeof ClockMode[keyof typeof ClockMode]
