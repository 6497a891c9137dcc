// Original file: proto/constellate/v1/node.proto

import type { NoRouteReason as _constellate_v1_NoRouteReason, NoRouteReason__Output as _constellate_v1_NoRouteReason__Output } from '../../constellate/v1/NoRouteReason.js';

export interface RouteEntry {
  'destination'?: (number);
  /**
   * -1 when there is no route, and why.
   */
  'nextHop'?: (number);
  'reason'?: (_constellate_v1_NoRouteReason);
}

export interface RouteEntry__Output {
  'destination': (number);
  /**
   * -1 when there is no route, and why.
   */
  'nextHop': (number);
  'reason': (_constellate_v1_NoRouteReason__Output);
}
