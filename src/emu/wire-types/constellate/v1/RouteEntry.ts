// Original file: proto/constellate/v1/node.proto


export interface RouteEntry {
  'destination'?: (number);
  /**
   * -1 when there is no route
   */
  'nextHop'?: (number);
  'reason'?: (string);
}

export interface RouteEntry__Output {
  'destination': (number);
  /**
   * -1 when there is no route
   */
  'nextHop': (number);
  'reason': (string);
}
