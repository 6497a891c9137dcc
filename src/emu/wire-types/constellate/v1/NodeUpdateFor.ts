// Original file: proto/constellate/v1/controller.proto

import type { NodeUpdate as _constellate_v1_NodeUpdate, NodeUpdate__Output as _constellate_v1_NodeUpdate__Output } from '../../constellate/v1/NodeUpdate.js';

export interface NodeUpdateFor {
  'node'?: (number);
  'update'?: (_constellate_v1_NodeUpdate | null);
}

export interface NodeUpdateFor__Output {
  'node': (number);
  'update': (_constellate_v1_NodeUpdate__Output | null);
}
