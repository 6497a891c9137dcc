// Original file: proto/constellate/v1/controller.proto


export interface ClockLag {
  'p50WallMs'?: (number | string);
  'p99WallMs'?: (number | string);
  'maxWallMs'?: (number | string);
  'stepsLate'?: (number | string);
  'samples'?: (number | string);
}

export interface ClockLag__Output {
  'p50WallMs': (number);
  'p99WallMs': (number);
  'maxWallMs': (number);
  'stepsLate': (number);
  'samples': (number);
}
