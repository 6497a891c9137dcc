// Original file: proto/constellate/v1/control.proto


export interface StopRunRequest {
  /**
   * Why, for the launch's log (e.g. "constellate stop").
   */
  'reason'?: (string);
}

export interface StopRunRequest__Output {
  /**
   * Why, for the launch's log (e.g. "constellate stop").
   */
  'reason': (string);
}
