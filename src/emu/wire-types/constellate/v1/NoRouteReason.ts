// Original file: proto/constellate/v1/bundle.proto

/**
 * Why a node has no route toward a destination (mesh/types.ts NoRouteReason).
 */
export const NoRouteReason = {
  /**
   * There is a route (or no reason known).
   */
  NO_ROUTE_REASON_UNSPECIFIED: 'NO_ROUTE_REASON_UNSPECIFIED',
  NO_ROUTE_REASON_SOURCE_HAS_NO_SATELLITE_IN_VIEW: 'NO_ROUTE_REASON_SOURCE_HAS_NO_SATELLITE_IN_VIEW',
  NO_ROUTE_REASON_DESTINATION_HAS_NO_SATELLITE_IN_VIEW: 'NO_ROUTE_REASON_DESTINATION_HAS_NO_SATELLITE_IN_VIEW',
  NO_ROUTE_REASON_MESH_PARTITIONED: 'NO_ROUTE_REASON_MESH_PARTITIONED',
  NO_ROUTE_REASON_NODE_DOWN: 'NO_ROUTE_REASON_NODE_DOWN',
} as const;

/**
 * Why a node has no route toward a destination (mesh/types.ts NoRouteReason).
 */
export type NoRouteReason =
  /**
   * There is a route (or no reason known).
   */
  | 'NO_ROUTE_REASON_UNSPECIFIED'
  | 0
  | 'NO_ROUTE_REASON_SOURCE_HAS_NO_SATELLITE_IN_VIEW'
  | 1
  | 'NO_ROUTE_REASON_DESTINATION_HAS_NO_SATELLITE_IN_VIEW'
  | 2
  | 'NO_ROUTE_REASON_MESH_PARTITIONED'
  | 3
  | 'NO_ROUTE_REASON_NODE_DOWN'
  | 4

/**
 * Why a node has no route toward a destination (mesh/types.ts NoRouteReason).
 */
export type NoRouteReason__Output = typeof NoRouteReason[keyof typeof NoRouteReason]
