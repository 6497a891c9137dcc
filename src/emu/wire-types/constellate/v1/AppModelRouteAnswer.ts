// Original file: proto/constellate/v1/apps.proto

import type { ModelRouteFailure as _constellate_v1_ModelRouteFailure, ModelRouteFailure__Output as _constellate_v1_ModelRouteFailure__Output } from '../../constellate/v1/ModelRouteFailure.js';
import type { NoRouteReason as _constellate_v1_NoRouteReason, NoRouteReason__Output as _constellate_v1_NoRouteReason__Output } from '../../constellate/v1/NoRouteReason.js';

export interface AppModelRouteAnswer {
  'seq'?: (number | string);
  'ok'?: (boolean);
  'reason'?: (_constellate_v1_ModelRouteFailure);
  'oneWayMs'?: (number | string);
  'path'?: (number)[];
  /**
   * With MODEL_ROUTE_FAILURE_NO_ROUTE: why the mesh has none.
   */
  'noRoute'?: (_constellate_v1_NoRouteReason);
  'reasonDetail'?: (string);
}

export interface AppModelRouteAnswer__Output {
  'seq': (number);
  'ok': (boolean);
  'reason': (_constellate_v1_ModelRouteFailure__Output);
  'oneWayMs': (number);
  'path': (number)[];
  /**
   * With MODEL_ROUTE_FAILURE_NO_ROUTE: why the mesh has none.
   */
  'noRoute': (_constellate_v1_NoRouteReason__Output);
  'reasonDetail': (string);
}
