// Original file: proto/constellate/v1/node.proto

import type { LinkKind as _constellate_v1_LinkKind, LinkKind__Output as _constellate_v1_LinkKind__Output } from '../../constellate/v1/LinkKind.js';

export interface Contact {
  'peer'?: (number);
  'peerName'?: (string);
  'kind'?: (_constellate_v1_LinkKind);
  'startUnixMs'?: (number | string);
  'endUnixMs'?: (number | string);
  'minDelayMs'?: (number | string);
}

export interface Contact__Output {
  'peer': (number);
  'peerName': (string);
  'kind': (_constellate_v1_LinkKind__Output);
  'startUnixMs': (number);
  'endUnixMs': (number);
  'minDelayMs': (number);
}
