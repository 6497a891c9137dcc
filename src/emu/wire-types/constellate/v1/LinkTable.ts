// Original file: proto/constellate/v1/node.proto

import type { LinkEntry as _constellate_v1_LinkEntry, LinkEntry__Output as _constellate_v1_LinkEntry__Output } from '../../constellate/v1/LinkEntry.js';
import type { RouteEntry as _constellate_v1_RouteEntry, RouteEntry__Output as _constellate_v1_RouteEntry__Output } from '../../constellate/v1/RouteEntry.js';

/**
 * A node's whole link and route table.
 */
export interface LinkTable {
  'links'?: (_constellate_v1_LinkEntry)[];
  'routes'?: (_constellate_v1_RouteEntry)[];
}

/**
 * A node's whole link and route table.
 */
export interface LinkTable__Output {
  'links': (_constellate_v1_LinkEntry__Output)[];
  'routes': (_constellate_v1_RouteEntry__Output)[];
}
