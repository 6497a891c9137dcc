// Original file: proto/constellate/v1/bundle.proto


/**
 * virtual = virtual_epoch_ms + (wall - wall_epoch_ms) * speed, where wall is this machine's
 * CLOCK_MONOTONIC in ms (Node: Number(process.hrtime.bigint()) / 1e6), not Unix time: every process
 * on the machine reads it alike.
 */
export interface ClockSync {
  'virtualEpochMs'?: (number | string);
  'wallEpochMs'?: (number | string);
  'speed'?: (number | string);
}

/**
 * virtual = virtual_epoch_ms + (wall - wall_epoch_ms) * speed, where wall is this machine's
 * CLOCK_MONOTONIC in ms (Node: Number(process.hrtime.bigint()) / 1e6), not Unix time: every process
 * on the machine reads it alike.
 */
export interface ClockSync__Output {
  'virtualEpochMs': (number);
  'wallEpochMs': (number);
  'speed': (number);
}
