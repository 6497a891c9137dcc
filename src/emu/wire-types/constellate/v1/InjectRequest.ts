// Original file: proto/constellate/v1/node.proto

import type { Via as _constellate_v1_Via, Via__Output as _constellate_v1_Via__Output } from '../../constellate/v1/Via.js';

export interface InjectRequest {
  'destination'?: (number);
  'sizeBytes'?: (number | string);
  'payload'?: (Buffer | Uint8Array | string);
  'ttlMs'?: (number | string);
  'atUnixMs'?: (number | string);
  'via'?: (_constellate_v1_Via);
  'metadata'?: ({[key: string]: string});
  'id'?: (string);
}

export interface InjectRequest__Output {
  'destination': (number);
  'sizeBytes': (number);
  'payload': (Buffer);
  'ttlMs': (number);
  'atUnixMs': (number);
  'via': (_constellate_v1_Via__Output);
  'metadata': ({[key: string]: string});
  'id': (string);
}
