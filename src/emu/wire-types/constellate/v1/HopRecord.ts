// Original file: proto/constellate/v1/bundle.proto

import type { LinkKind as _constellate_v1_LinkKind, LinkKind__Output as _constellate_v1_LinkKind__Output } from '../../constellate/v1/LinkKind.js';

/**
 * One link crossing, recorded by the sending node.
 */
export interface HopRecord {
  'from'?: (number);
  'to'?: (number);
  'linkKind'?: (_constellate_v1_LinkKind);
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
  'linkKind': (_constellate_v1_LinkKind__Output);
  'enqueuedUnixMs': (number);
  'txStartUnixMs': (number);
  'txEndUnixMs': (number);
  'arrivalUnixMs': (number);
  'propagationMs': (number);
}
