// Original file: proto/constellate/v1/controller.proto

import type { NodeState as _constellate_v1_NodeState, NodeState__Output as _constellate_v1_NodeState__Output } from '../../constellate/v1/NodeState.js';

export interface NodeStates {
  'states'?: (_constellate_v1_NodeState)[];
}

export interface NodeStates__Output {
  'states': (_constellate_v1_NodeState__Output)[];
}
