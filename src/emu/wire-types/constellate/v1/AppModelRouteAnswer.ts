// Original file: proto/constellate/v1/apps.proto


export interface AppModelRouteAnswer {
  'seq'?: (number | string);
  'ok'?: (boolean);
  'reason'?: (string);
  'oneWayMs'?: (number | string);
  'path'?: (number)[];
}

export interface AppModelRouteAnswer__Output {
  'seq': (number);
  'ok': (boolean);
  'reason': (string);
  'oneWayMs': (number);
  'path': (number)[];
}
