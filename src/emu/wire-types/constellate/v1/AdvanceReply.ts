// Original file: proto/constellate/v1/controller.proto

import type { BundleEvent as _constellate_v1_BundleEvent, BundleEvent__Output as _constellate_v1_BundleEvent__Output } from '../../constellate/v1/BundleEvent.js';

export interface AdvanceReply {
  /**
   * Earliest instant this host has anything to do at, including the arrival of every hop it sent
   * this round and the next step when a node waits on the topology; +Infinity when none.
   */
  'nextEventUnixMs'?: (number | string);
  /**
   * The bundle events of this round, in each node's order.
   */
  'events'?: (_constellate_v1_BundleEvent)[];
  /**
   * Destinations nodes asked routes toward this round (served from the next step).
   */
  'wantRoutes'?: (number)[];
}

export interface AdvanceReply__Output {
  /**
   * Earliest instant this host has anything to do at, including the arrival of every hop it sent
   * this round and the next step when a node waits on the topology; +Infinity when none.
   */
  'nextEventUnixMs': (number);
  /**
   * The bundle events of this round, in each node's order.
   */
  'events': (_constellate_v1_BundleEvent__Output)[];
  /**
   * Destinations nodes asked routes toward this round (served from the next step).
   */
  'wantRoutes': (number)[];
}
