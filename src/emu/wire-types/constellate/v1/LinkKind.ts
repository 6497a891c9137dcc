// Original file: proto/constellate/v1/bundle.proto

/**
 * What a link is (mesh/types.ts LinkKind).
 */
export const LinkKind = {
  LINK_KIND_UNSPECIFIED: 'LINK_KIND_UNSPECIFIED',
  /**
   * Inter-satellite laser link.
   */
  LINK_KIND_ISL: 'LINK_KIND_ISL',
  /**
   * Ground station to satellite (uplink).
   */
  LINK_KIND_GSL_UP: 'LINK_KIND_GSL_UP',
  /**
   * Satellite to ground station (downlink).
   */
  LINK_KIND_GSL_DOWN: 'LINK_KIND_GSL_DOWN',
  /**
   * Terrestrial fiber between two ground stations.
   */
  LINK_KIND_FIBER: 'LINK_KIND_FIBER',
} as const;

/**
 * What a link is (mesh/types.ts LinkKind).
 */
export type LinkKind =
  | 'LINK_KIND_UNSPECIFIED'
  | 0
  /**
   * Inter-satellite laser link.
   */
  | 'LINK_KIND_ISL'
  | 1
  /**
   * Ground station to satellite (uplink).
   */
  | 'LINK_KIND_GSL_UP'
  | 2
  /**
   * Satellite to ground station (downlink).
   */
  | 'LINK_KIND_GSL_DOWN'
  | 3
  /**
   * Terrestrial fiber between two ground stations.
   */
  | 'LINK_KIND_FIBER'
  | 4

/**
 * What a link is (mesh/types.ts LinkKind).
 */
export type LinkKind__Output = typeof LinkKind[keyof typeof LinkKind]
