// Original file: proto/constellate/v1/control.proto

/**
 * Who asks a run to stop, for the launch's log and summary.json's `endedBy`.
 */
export const StopReason = {
  /**
   * A client that did not say.
   */
  STOP_REASON_UNSPECIFIED: 'STOP_REASON_UNSPECIFIED',
  /**
   * `constellate stop` (summary.json: "constellate stop").
   */
  STOP_REASON_STOP_COMMAND: 'STOP_REASON_STOP_COMMAND',
} as const;

/**
 * Who asks a run to stop, for the launch's log and summary.json's `endedBy`.
 */
export type StopReason =
  /**
   * A client that did not say.
   */
  | 'STOP_REASON_UNSPECIFIED'
  | 0
  /**
   * `constellate stop` (summary.json: "constellate stop").
   */
  | 'STOP_REASON_STOP_COMMAND'
  | 1

/**
 * Who asks a run to stop, for the launch's log and summary.json's `endedBy`.
 */
export type StopReason__Output = typeof StopReason[keyof typeof StopReason]
