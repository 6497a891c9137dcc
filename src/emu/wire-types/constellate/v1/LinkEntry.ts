// Original file: proto/constellate/v1/node.proto

import type { LinkKind as _constellate_v1_LinkKind, LinkKind__Output as _constellate_v1_LinkKind__Output } from '../../constellate/v1/LinkKind.js';

export interface LinkEntry {
  'target'?: (number);
  'up'?: (boolean);
  'delayMs'?: (number | string);
  'capacityBps'?: (number | string);
  'kind'?: (_constellate_v1_LinkKind);
  'address'?: (string);
}

export interface LinkEntry__Output {
  'target': (number);
  'up': (boolean);
  'delayMs': (number);
  'capacityBps': (number);
  'kind': (_constellate_v1_LinkKind__Output);
  'address': (string);
}
