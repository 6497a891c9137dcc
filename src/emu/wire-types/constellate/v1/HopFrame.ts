// Original file: proto/constellate/v1/node.proto

import type { Bundle as _constellate_v1_Bundle, Bundle__Output as _constellate_v1_Bundle__Output } from '../../constellate/v1/Bundle.js';

export interface HopFrame {
  'seq'?: (number | string);
  'bundles'?: (_constellate_v1_Bundle)[];
}

export interface HopFrame__Output {
  'seq': (number);
  'bundles': (_constellate_v1_Bundle__Output)[];
}
