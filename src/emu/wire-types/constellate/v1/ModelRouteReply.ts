// Original file: proto/constellate/v1/controller.proto

import type { ModelRouteFailure as _constellate_v1_ModelRouteFailure, ModelRouteFailure__Output as _constellate_v1_ModelRouteFailure__Output } from '../../constellate/v1/ModelRouteFailure.js';
import type { NoRouteReason as _constellate_v1_NoRouteReason, NoRouteReason__Output as _constellate_v1_NoRouteReason__Output } from '../../constellate/v1/NoRouteReason.js';

export interface ModelRouteReply {
  'ok'?: (boolean);
  'reason'?: (_constellate_v1_ModelRouteFailure);
  'oneWayMs'?: (number | string);
  'path'?: (number)[];
  'hopDelayMs'?: (number | string)[];
  /**
   * With MODEL_ROUTE_FAILURE_NO_ROUTE: why the mesh has none.
   */
  'noRoute'?: (_constellate_v1_NoRouteReason);
  /**
   * Free text beside it: the mesh router's detail (which end has no satellite in view, ...).
   */
  'reasonDetail'?: (string);
}

export interface ModelRouteReply__Output {
  'ok': (boolean);
  'reason': (_constellate_v1_ModelRouteFailure__Output);
  'oneWayMs': (number);
  'path': (number)[];
  'hopDelayMs': (number)[];
  /**
   * With MODEL_ROUTE_FAILURE_NO_ROUTE: why the mesh has none.
   */
  'noRoute': (_constellate_v1_NoRouteReason__Output);
  /**
   * Free text beside it: the mesh router's detail (which end has no satellite in view, ...).
   */
  'reasonDetail': (string);
}
