// Original file: proto/constellate/v1/controller.proto

import type { NodeUpdateFor as _constellate_v1_NodeUpdateFor, NodeUpdateFor__Output as _constellate_v1_NodeUpdateFor__Output } from '../../constellate/v1/NodeUpdateFor.js';

export interface AdvanceRequest {
  /**
   * Run every event at an instant < until_ms (virtual Unix ms).
   */
  'untilMs'?: (number | string);
  /**
   * Instant of the topology step the tables are for (the diffs below apply then).
   */
  'stepStartMs'?: (number | string);
  'updates'?: (_constellate_v1_NodeUpdateFor)[];
}

export interface AdvanceRequest__Output {
  /**
   * Run every event at an instant < until_ms (virtual Unix ms).
   */
  'untilMs': (number);
  /**
   * Instant of the topology step the tables are for (the diffs below apply then).
   */
  'stepStartMs': (number);
  'updates': (_constellate_v1_NodeUpdateFor__Output)[];
}
