// Original file: proto/constellate/v1/node.proto

import type { Via as _constellate_v1_Via, Via__Output as _constellate_v1_Via__Output } from '../../constellate/v1/Via.js';

export interface PingRequest {
  'destination'?: (number);
  'via'?: (_constellate_v1_Via);
  'sizeBytes'?: (number | string);
  /**
   * Give up after this much virtual time.
   */
  'timeoutMs'?: (number | string);
}

export interface PingRequest__Output {
  'destination': (number);
  'via': (_constellate_v1_Via__Output);
  'sizeBytes': (number);
  /**
   * Give up after this much virtual time.
   */
  'timeoutMs': (number);
}
