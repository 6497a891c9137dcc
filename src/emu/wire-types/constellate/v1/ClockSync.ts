// Original file: proto/constellate/v1/bundle.proto


/**
 * virtual = virtual_epoch_unix_ms + (wall - wall_epoch_mono_ms) * speed, where wall is this machine's
 * CLOCK_MONOTONIC in ms (Node: Number(process.hrtime.bigint()) / 1e6), not Unix time: every process
 * on the machine reads it alike.
 */
export interface ClockSync {
  'virtualEpochUnixMs'?: (number | string);
  'wallEpochMonoMs'?: (number | string);
  'speed'?: (number | string);
}

/**
 * virtual = virtual_epoch_unix_ms + (wall - wall_epoch_mono_ms) * speed, where wall is this machine's
 * CLOCK_MONOTONIC in ms (Node: Number(process.hrtime.bigint()) / 1e6), not Unix time: every process
 * on the machine reads it alike.
 */
export interface ClockSync__Output {
  'virtualEpochUnixMs': (number);
  'wallEpochMonoMs': (number);
  'speed': (number);
}
