// Original file: proto/constellate/v1/node.proto

import type { Counters as _constellate_v1_Counters, Counters__Output as _constellate_v1_Counters__Output } from '../../constellate/v1/Counters.js';
import type { NodeState as _constellate_v1_NodeState, NodeState__Output as _constellate_v1_NodeState__Output } from '../../constellate/v1/NodeState.js';

export interface NodeStatus {
  'node'?: (number);
  'name'?: (string);
  'tUnixMs'?: (number | string);
  'counters'?: (_constellate_v1_Counters | null);
  'links'?: (number);
  'routes'?: (number);
  /**
   * Bytes, queue and app values as the controller's GetStatus reports them (node_states).
   */
  'state'?: (_constellate_v1_NodeState | null);
}

export interface NodeStatus__Output {
  'node': (number);
  'name': (string);
  'tUnixMs': (number);
  'counters': (_constellate_v1_Counters__Output | null);
  'links': (number);
  'routes': (number);
  /**
   * Bytes, queue and app values as the controller's GetStatus reports them (node_states).
   */
  'state': (_constellate_v1_NodeState__Output | null);
}
