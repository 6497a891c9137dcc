// Original file: proto/constellate/v1/controller.proto

import type { LinkKind as _constellate_v1_LinkKind, LinkKind__Output as _constellate_v1_LinkKind__Output } from '../../constellate/v1/LinkKind.js';

/**
 * One computed step's links: the space and ground links the controller tells the nodes, i.e. those
 * of the step's snapshot whose two ends are up and serving (a down node's links are withdrawn).
 * Fiber between stations is not listed (fixed geodesics, see ModelRoute VIA_FIBER). Each undirected
 * link once, a < b, as packed arrays of the same length.
 */
export interface RunTopology {
  /**
   * The step's instant.
   */
  'tUnixMs'?: (number | string);
  /**
   * Steps the controller has computed so far, this one included.
   */
  'steps'?: (number | string);
  'a'?: (number)[];
  'b'?: (number)[];
  /**
   * The kind of the link from a to b (a satellite to a station: LINK_KIND_GSL_DOWN).
   */
  'kind'?: (_constellate_v1_LinkKind)[];
  /**
   * One byte per node id (satellites, then stations): 1 up, 0 down, at this step.
   */
  'up'?: (Buffer | Uint8Array | string);
  /**
   * Computed steps this watcher was not sent (min_interval_wall_ms, or its stream was full).
   */
  'skippedSteps'?: (number | string);
}

/**
 * One computed step's links: the space and ground links the controller tells the nodes, i.e. those
 * of the step's snapshot whose two ends are up and serving (a down node's links are withdrawn).
 * Fiber between stations is not listed (fixed geodesics, see ModelRoute VIA_FIBER). Each undirected
 * link once, a < b, as packed arrays of the same length.
 */
export interface RunTopology__Output {
  /**
   * The step's instant.
   */
  'tUnixMs': (number);
  /**
   * Steps the controller has computed so far, this one included.
   */
  'steps': (number);
  'a': (number)[];
  'b': (number)[];
  /**
   * The kind of the link from a to b (a satellite to a station: LINK_KIND_GSL_DOWN).
   */
  'kind': (_constellate_v1_LinkKind__Output)[];
  /**
   * One byte per node id (satellites, then stations): 1 up, 0 down, at this step.
   */
  'up': (Buffer);
  /**
   * Computed steps this watcher was not sent (min_interval_wall_ms, or its stream was full).
   */
  'skippedSteps': (number);
}
