// Original file: proto/constellate/v1/controller.proto

import type { ClockSync as _constellate_v1_ClockSync, ClockSync__Output as _constellate_v1_ClockSync__Output } from '../../constellate/v1/ClockSync.js';
import type { NodeConfig as _constellate_v1_NodeConfig, NodeConfig__Output as _constellate_v1_NodeConfig__Output } from '../../constellate/v1/NodeConfig.js';
import type { LinkTableDiff as _constellate_v1_LinkTableDiff, LinkTableDiff__Output as _constellate_v1_LinkTableDiff__Output } from '../../constellate/v1/LinkTableDiff.js';

/**
 * The Register stream: the node's configuration first, then the changes of its tables.
 */
export interface NodeUpdate {
  'tUnixMs'?: (number | string);
  /**
   * The realtime clock's mapping (unset: unchanged; the virtual clock has none).
   */
  'clock'?: (_constellate_v1_ClockSync | null);
  /**
   * First message only: who this node is and how it runs. Its tables follow as diffs (the first
   * one after a registration carries every link and route).
   */
  'config'?: (_constellate_v1_NodeConfig | null);
  /**
   * Every later message: link and route changes (both empty: a clock update).
   */
  'diff'?: (_constellate_v1_LinkTableDiff | null);
  'update'?: "config"|"diff";
}

/**
 * The Register stream: the node's configuration first, then the changes of its tables.
 */
export interface NodeUpdate__Output {
  'tUnixMs': (number);
  /**
   * The realtime clock's mapping (unset: unchanged; the virtual clock has none).
   */
  'clock': (_constellate_v1_ClockSync__Output | null);
  /**
   * First message only: who this node is and how it runs. Its tables follow as diffs (the first
   * one after a registration carries every link and route).
   */
  'config'?: (_constellate_v1_NodeConfig__Output | null);
  /**
   * Every later message: link and route changes (both empty: a clock update).
   */
  'diff'?: (_constellate_v1_LinkTableDiff__Output | null);
  'update'?: "config"|"diff";
}
