// Original file: proto/constellate/v1/node.proto

import type { LinkEntry as _constellate_v1_LinkEntry, LinkEntry__Output as _constellate_v1_LinkEntry__Output } from '../../constellate/v1/LinkEntry.js';
import type { RouteEntry as _constellate_v1_RouteEntry, RouteEntry__Output as _constellate_v1_RouteEntry__Output } from '../../constellate/v1/RouteEntry.js';

/**
 * Changes to a link and route table: links added or changed (up) and removed (up = false), routes
 * changed.
 */
export interface LinkTableDiff {
  'links'?: (_constellate_v1_LinkEntry)[];
  'routes'?: (_constellate_v1_RouteEntry)[];
}

/**
 * Changes to a link and route table: links added or changed (up) and removed (up = false), routes
 * changed.
 */
export interface LinkTableDiff__Output {
  'links': (_constellate_v1_LinkEntry__Output)[];
  'routes': (_constellate_v1_RouteEntry__Output)[];
}
