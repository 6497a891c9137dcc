// Original file: proto/constellate/v1/controller.proto

import type { BundleEvent as _constellate_v1_BundleEvent, BundleEvent__Output as _constellate_v1_BundleEvent__Output } from '../../constellate/v1/BundleEvent.js';

export interface WatchedBundles {
  'events'?: (_constellate_v1_BundleEvent)[];
  /**
   * Events this watcher missed so far because its stream was full (it read too slowly).
   */
  'missedEvents'?: (number | string);
}

export interface WatchedBundles__Output {
  'events': (_constellate_v1_BundleEvent__Output)[];
  /**
   * Events this watcher missed so far because its stream was full (it read too slowly).
   */
  'missedEvents': (number);
}
