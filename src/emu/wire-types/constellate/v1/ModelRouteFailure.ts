// Original file: proto/constellate/v1/bundle.proto

/**
 * Why the model has no route to answer a route question with (Controller.ModelRoute, an app's
 * modelRoute). Users see src/emu/wire-enums.ts's texts ("no fiber model", "mesh-partitioned: ...").
 */
export const ModelRouteFailure = {
  /**
   * There is a route (ok).
   */
  MODEL_ROUTE_FAILURE_UNSPECIFIED: 'MODEL_ROUTE_FAILURE_UNSPECIFIED',
  /**
   * The mesh has none now: no_route says why, reason_detail which nodes.
   */
  MODEL_ROUTE_FAILURE_NO_ROUTE: 'MODEL_ROUTE_FAILURE_NO_ROUTE',
  /**
   * Fiber joins ground stations only, and an end is a satellite.
   */
  MODEL_ROUTE_FAILURE_FIBER_STATIONS_ONLY: 'MODEL_ROUTE_FAILURE_FIBER_STATIONS_ONLY',
  /**
   * The two stations have no fiber delay in the model.
   */
  MODEL_ROUTE_FAILURE_NO_FIBER_MODEL: 'MODEL_ROUTE_FAILURE_NO_FIBER_MODEL',
  /**
   * Asked before the controller's first topology step.
   */
  MODEL_ROUTE_FAILURE_NO_SNAPSHOT_YET: 'MODEL_ROUTE_FAILURE_NO_SNAPSHOT_YET',
  /**
   * The question named a node that is not in this constellation (an external app's typo): reason_detail.
   */
  MODEL_ROUTE_FAILURE_INVALID_REQUEST: 'MODEL_ROUTE_FAILURE_INVALID_REQUEST',
} as const;

/**
 * Why the model has no route to answer a route question with (Controller.ModelRoute, an app's
 * modelRoute). Users see src/emu/wire-enums.ts's texts ("no fiber model", "mesh-partitioned: ...").
 */
export type ModelRouteFailure =
  /**
   * There is a route (ok).
   */
  | 'MODEL_ROUTE_FAILURE_UNSPECIFIED'
  | 0
  /**
   * The mesh has none now: no_route says why, reason_detail which nodes.
   */
  | 'MODEL_ROUTE_FAILURE_NO_ROUTE'
  | 1
  /**
   * Fiber joins ground stations only, and an end is a satellite.
   */
  | 'MODEL_ROUTE_FAILURE_FIBER_STATIONS_ONLY'
  | 2
  /**
   * The two stations have no fiber delay in the model.
   */
  | 'MODEL_ROUTE_FAILURE_NO_FIBER_MODEL'
  | 3
  /**
   * Asked before the controller's first topology step.
   */
  | 'MODEL_ROUTE_FAILURE_NO_SNAPSHOT_YET'
  | 4
  /**
   * The question named a node that is not in this constellation (an external app's typo): reason_detail.
   */
  | 'MODEL_ROUTE_FAILURE_INVALID_REQUEST'
  | 5

/**
 * Why the model has no route to answer a route question with (Controller.ModelRoute, an app's
 * modelRoute). Users see src/emu/wire-enums.ts's texts ("no fiber model", "mesh-partitioned: ...").
 */
export type ModelRouteFailure__Output = typeof ModelRouteFailure[keyof typeof ModelRouteFailure]
