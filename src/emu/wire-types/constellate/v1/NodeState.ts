// Original file: proto/constellate/v1/node.proto

import type { AppValue as _constellate_v1_AppValue, AppValue__Output as _constellate_v1_AppValue__Output } from '../../constellate/v1/AppValue.js';

/**
 * What a node holds now: the bytes waiting on its links and what its apps publish.
 */
export interface NodeState {
  'node'?: (number);
  /**
   * Virtual instant of the reading.
   */
  'tUnixMs'?: (number | string);
  /**
   * Bytes in the node's link FIFOs (waiting plus the one in transmission), summed over its links.
   */
  'queueBytes'?: (number | string);
  'queuedBundles'?: (number | string);
  /**
   * Bundles held without a route (they are on no link) and their bytes.
   */
  'heldBundles'?: (number | string);
  'heldBytes'?: (number | string);
  'appValues'?: (_constellate_v1_AppValue)[];
}

/**
 * What a node holds now: the bytes waiting on its links and what its apps publish.
 */
export interface NodeState__Output {
  'node': (number);
  /**
   * Virtual instant of the reading.
   */
  'tUnixMs': (number);
  /**
   * Bytes in the node's link FIFOs (waiting plus the one in transmission), summed over its links.
   */
  'queueBytes': (number);
  'queuedBundles': (number);
  /**
   * Bundles held without a route (they are on no link) and their bytes.
   */
  'heldBundles': (number);
  'heldBytes': (number);
  'appValues': (_constellate_v1_AppValue__Output)[];
}
