// Original file: proto/constellate/v1/node.proto

import type { LinkTable as _constellate_v1_LinkTable, LinkTable__Output as _constellate_v1_LinkTable__Output } from '../../constellate/v1/LinkTable.js';
import type { LinkTableDiff as _constellate_v1_LinkTableDiff, LinkTableDiff__Output as _constellate_v1_LinkTableDiff__Output } from '../../constellate/v1/LinkTableDiff.js';

/**
 * WatchLinks: the whole table first, then each change.
 */
export interface LinkTableUpdate {
  'tUnixMs'?: (number | string);
  'full'?: (_constellate_v1_LinkTable | null);
  'diff'?: (_constellate_v1_LinkTableDiff | null);
  'update'?: "full"|"diff";
}

/**
 * WatchLinks: the whole table first, then each change.
 */
export interface LinkTableUpdate__Output {
  'tUnixMs': (number);
  'full'?: (_constellate_v1_LinkTable__Output | null);
  'diff'?: (_constellate_v1_LinkTableDiff__Output | null);
  'update'?: "full"|"diff";
}
