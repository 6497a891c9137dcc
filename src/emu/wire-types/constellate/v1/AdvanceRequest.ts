// Original file: proto/constellate/v1/controller.proto

import type { NodeUpdateFor as _constellate_v1_NodeUpdateFor, NodeUpdateFor__Output as _constellate_v1_NodeUpdateFor__Output } from '../../constellate/v1/NodeUpdateFor.js';

export interface AdvanceRequest {
  /**
   * Run every event at an instant < until_unix_ms.
   */
  'untilUnixMs'?: (number | string);
  /**
   * Instant of the topology step the tables are for (the diffs below apply then).
   */
  'stepStartUnixMs'?: (number | string);
  'updates'?: (_constellate_v1_NodeUpdateFor)[];
}

export interface AdvanceRequest__Output {
  /**
   * Run every event at an instant < until_unix_ms.
   */
  'untilUnixMs': (number);
  /**
   * Instant of the topology step the tables are for (the diffs below apply then).
   */
  'stepStartUnixMs': (number);
  'updates': (_constellate_v1_NodeUpdateFor__Output)[];
}
