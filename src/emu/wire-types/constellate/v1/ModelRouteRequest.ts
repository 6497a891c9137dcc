// Original file: proto/constellate/v1/controller.proto

import type { Via as _constellate_v1_Via, Via__Output as _constellate_v1_Via__Output } from '../../constellate/v1/Via.js';

export interface ModelRouteRequest {
  'from'?: (number);
  'to'?: (number);
  'via'?: (_constellate_v1_Via);
}

export interface ModelRouteRequest__Output {
  'from': (number);
  'to': (number);
  'via': (_constellate_v1_Via__Output);
}
