// Original file: proto/constellate/v1/bundle.proto

import type { Bundle as _constellate_v1_Bundle, Bundle__Output as _constellate_v1_Bundle__Output } from '../../constellate/v1/Bundle.js';

/**
 * Several bundles over the same hop in one call (bundles leaving for one peer in the same turn).
 */
export interface BundleBatch {
  'bundles'?: (_constellate_v1_Bundle)[];
}

/**
 * Several bundles over the same hop in one call (bundles leaving for one peer in the same turn).
 */
export interface BundleBatch__Output {
  'bundles': (_constellate_v1_Bundle__Output)[];
}
