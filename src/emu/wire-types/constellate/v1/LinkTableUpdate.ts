// Original file: proto/constellate/v1/node.proto

import type { LinkEntry as _constellate_v1_LinkEntry, LinkEntry__Output as _constellate_v1_LinkEntry__Output } from '../../constellate/v1/LinkEntry.js';
import type { RouteEntry as _constellate_v1_RouteEntry, RouteEntry__Output as _constellate_v1_RouteEntry__Output } from '../../constellate/v1/RouteEntry.js';

export interface LinkTableUpdate {
  'tUnixMs'?: (number | string);
  'full'?: (boolean);
  'links'?: (_constellate_v1_LinkEntry)[];
  'routes'?: (_constellate_v1_RouteEntry)[];
}

export interface LinkTableUpdate__Output {
  'tUnixMs': (number);
  'full': (boolean);
  'links': (_constellate_v1_LinkEntry__Output)[];
  'routes': (_constellate_v1_RouteEntry__Output)[];
}
