// Original file: proto/constellate/v1/apps.proto

import type { Via as _constellate_v1_Via, Via__Output as _constellate_v1_Via__Output } from '../../constellate/v1/Via.js';

export interface AppModelRouteQuery {
  'seq'?: (number | string);
  'from'?: (string);
  'to'?: (string);
  'via'?: (_constellate_v1_Via);
}

export interface AppModelRouteQuery__Output {
  'seq': (number);
  'from': (string);
  'to': (string);
  'via': (_constellate_v1_Via__Output);
}
