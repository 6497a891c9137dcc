// Original file: proto/constellate/v1/controller.proto

import type { BundleEvent as _constellate_v1_BundleEvent, BundleEvent__Output as _constellate_v1_BundleEvent__Output } from '../../constellate/v1/BundleEvent.js';

export interface BundleEventBatch {
  'events'?: (_constellate_v1_BundleEvent)[];
}

export interface BundleEventBatch__Output {
  'events': (_constellate_v1_BundleEvent__Output)[];
}
