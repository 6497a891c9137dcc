// Original file: proto/constellate/v1/bundle.proto

import type { BundleKind as _constellate_v1_BundleKind, BundleKind__Output as _constellate_v1_BundleKind__Output } from '../../constellate/v1/BundleKind.js';
import type { Via as _constellate_v1_Via, Via__Output as _constellate_v1_Via__Output } from '../../constellate/v1/Via.js';
import type { HopRecord as _constellate_v1_HopRecord, HopRecord__Output as _constellate_v1_HopRecord__Output } from '../../constellate/v1/HopRecord.js';

export interface Bundle {
  'id'?: (string);
  'source'?: (number);
  'destination'?: (number);
  'createdUnixMs'?: (number | string);
  /**
   * Declared size; payload may be empty (large bundles are declared by size alone).
   */
  'sizeBytes'?: (number | string);
  'payload'?: (Buffer | Uint8Array | string);
  'ttlMs'?: (number | string);
  'kind'?: (_constellate_v1_BundleKind);
  'via'?: (_constellate_v1_Via);
  'metadata'?: ({[key: string]: string});
  'hops'?: (_constellate_v1_HopRecord)[];
  /**
   * For echo replies: the request's id.
   */
  'replyTo'?: (string);
  'arrivalRunMs'?: (number | string);
}

export interface Bundle__Output {
  'id': (string);
  'source': (number);
  'destination': (number);
  'createdUnixMs': (number);
  /**
   * Declared size; payload may be empty (large bundles are declared by size alone).
   */
  'sizeBytes': (number);
  'payload': (Buffer);
  'ttlMs': (number);
  'kind': (_constellate_v1_BundleKind__Output);
  'via': (_constellate_v1_Via__Output);
  'metadata': ({[key: string]: string});
  'hops': (_constellate_v1_HopRecord__Output)[];
  /**
   * For echo replies: the request's id.
   */
  'replyTo': (string);
  'arrivalRunMs': (number);
}
