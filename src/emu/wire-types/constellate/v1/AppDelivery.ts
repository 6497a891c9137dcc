// Original file: proto/constellate/v1/apps.proto

import type { Via as _constellate_v1_Via, Via__Output as _constellate_v1_Via__Output } from '../../constellate/v1/Via.js';

export interface AppDelivery {
  'id'?: (string);
  'from'?: (number);
  'fromName'?: (string);
  'metadata'?: ({[key: string]: string});
  'payload'?: (Buffer | Uint8Array | string);
  'sizeBytes'?: (number | string);
  'createdUnixMs'?: (number | string);
  'arrivalUnixMs'?: (number | string);
  'hops'?: (number);
  'via'?: (_constellate_v1_Via);
}

export interface AppDelivery__Output {
  'id': (string);
  'from': (number);
  'fromName': (string);
  'metadata': ({[key: string]: string});
  'payload': (Buffer);
  'sizeBytes': (number);
  'createdUnixMs': (number);
  'arrivalUnixMs': (number);
  'hops': (number);
  'via': (_constellate_v1_Via__Output);
}
