// Original file: proto/constellate/v1/controller.proto


export interface ModelRouteReply {
  'ok'?: (boolean);
  'reason'?: (string);
  'oneWayMs'?: (number | string);
  'path'?: (number)[];
  'hopDelayMs'?: (number | string)[];
}

export interface ModelRouteReply__Output {
  'ok': (boolean);
  'reason': (string);
  'oneWayMs': (number);
  'path': (number)[];
  'hopDelayMs': (number)[];
}
