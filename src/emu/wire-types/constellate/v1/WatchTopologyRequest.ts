// Original file: proto/constellate/v1/controller.proto


export interface WatchTopologyRequest {
  /**
   * At most one message per this much wall time (0: every computed step). A step at which the set
   * of nodes up changed goes out regardless, so a node lost is never shown late.
   */
  'minIntervalWallMs'?: (number | string);
}

export interface WatchTopologyRequest__Output {
  /**
   * At most one message per this much wall time (0: every computed step). A step at which the set
   * of nodes up changed goes out regardless, so a node lost is never shown late.
   */
  'minIntervalWallMs': (number);
}
