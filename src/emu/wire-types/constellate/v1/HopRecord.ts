// Original file: proto/constellate/v1/bundle.proto


/**
 * One link crossing, recorded by the sending node.
 */
export interface HopRecord {
  'from'?: (number);
  'to'?: (number);
  /**
   * mesh LinkKind: 0 ISL, 1 ground->sat, 2 sat->ground, 3 fiber
   */
  'linkKind'?: (number);
  'enqueuedUnixMs'?: (number | string);
  'txStartUnixMs'?: (number | string);
  'txEndUnixMs'?: (number | string);
  'arrivalUnixMs'?: (number | string);
  'propagationMs'?: (number | string);
}

/**
 * One link crossing, recorded by the sending node.
 */
export interface HopRecord__Output {
  'from': (number);
  'to': (number);
  /**
   * mesh LinkKind: 0 ISL, 1 ground->sat, 2 sat->ground, 3 fiber
   */
  'linkKind': (number);
  'enqueuedUnixMs': (number);
  'txStartUnixMs': (number);
  'txEndUnixMs': (number);
  'arrivalUnixMs': (number);
  'propagationMs': (number);
}
