// Original file: proto/constellate/v1/controller.proto


export interface ClockLag {
  'p50Ms'?: (number | string);
  'p99Ms'?: (number | string);
  'maxMs'?: (number | string);
  'stepsLate'?: (number | string);
  'samples'?: (number | string);
}

export interface ClockLag__Output {
  'p50Ms': (number);
  'p99Ms': (number);
  'maxMs': (number);
  'stepsLate': (number);
  'samples': (number);
}
