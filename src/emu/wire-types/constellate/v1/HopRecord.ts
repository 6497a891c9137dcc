// Original file: proto/constellate/v1/bundle.proto

import type { LinkKind as _constellate_v1_LinkKind, LinkKind__Output as _constellate_v1_LinkKind__Output } from '../../constellate/v1/LinkKind.js';

/**
 * One link crossing, recorded by the sending node. Its instants are run-relative (ms since the
 * run's epoch, NodeConfig.step_origin_unix_ms): near 1.7e12 a Unix-ms double steps 0.24 us, and
 * every hop's computed instant was rounded again; near 3.6e6 ms a double steps 5e-10 ms.
 */
export interface HopRecord {
  'from'?: (number);
  'to'?: (number);
  'linkKind'?: (_constellate_v1_LinkKind);
  /**
   * Declared in field-number order: a record decoded from the wire then has its keys in the order a
   * node's own record has (link-queue.ts), and the JSON of a ping's forward hops is the same bytes
   * whether the echo crossed hosts or not (event logs byte-identical across placements).
   */
  'propagationMs'?: (number | string);
  'enqueuedRunMs'?: (number | string);
  'txStartRunMs'?: (number | string);
  'txEndRunMs'?: (number | string);
  'arrivalRunMs'?: (number | string);
}

/**
 * One link crossing, recorded by the sending node. Its instants are run-relative (ms since the
 * run's epoch, NodeConfig.step_origin_unix_ms): near 1.7e12 a Unix-ms double steps 0.24 us, and
 * every hop's computed instant was rounded again; near 3.6e6 ms a double steps 5e-10 ms.
 */
export interface HopRecord__Output {
  'from': (number);
  'to': (number);
  'linkKind': (_constellate_v1_LinkKind__Output);
  /**
   * Declared in field-number order: a record decoded from the wire then has its keys in the order a
   * node's own record has (link-queue.ts), and the JSON of a ping's forward hops is the same bytes
   * whether the echo crossed hosts or not (event logs byte-identical across placements).
   */
  'propagationMs': (number);
  'enqueuedRunMs': (number);
  'txStartRunMs': (number);
  'txEndRunMs': (number);
  'arrivalRunMs': (number);
}
