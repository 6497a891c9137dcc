// Original file: proto/constellate/v1/bundle.proto

import type { BundleKind as _constellate_v1_BundleKind, BundleKind__Output as _constellate_v1_BundleKind__Output } from '../../constellate/v1/BundleKind.js';

// Original file: proto/constellate/v1/bundle.proto

export const _constellate_v1_BundleEvent_Type = {
  TYPE_CREATED: 'TYPE_CREATED',
  TYPE_DELIVERED: 'TYPE_DELIVERED',
  TYPE_DROPPED: 'TYPE_DROPPED',
} as const;

export type _constellate_v1_BundleEvent_Type =
  | 'TYPE_CREATED'
  | 0
  | 'TYPE_DELIVERED'
  | 1
  | 'TYPE_DROPPED'
  | 2

export type _constellate_v1_BundleEvent_Type__Output = typeof _constellate_v1_BundleEvent_Type[keyof typeof _constellate_v1_BundleEvent_Type]

/**
 * A bundle's life events, reported by nodes to the controller (the ledger behind conservation).
 */
export interface BundleEvent {
  'type'?: (_constellate_v1_BundleEvent_Type);
  'id'?: (string);
  'node'?: (number);
  'tUnixMs'?: (number | string);
  'source'?: (number);
  'destination'?: (number);
  'createdUnixMs'?: (number | string);
  'sizeBytes'?: (number | string);
  'reason'?: (string);
  'hops'?: (number);
  'kind'?: (_constellate_v1_BundleKind);
  'metadata'?: ({[key: string]: string});
}

/**
 * A bundle's life events, reported by nodes to the controller (the ledger behind conservation).
 */
export interface BundleEvent__Output {
  'type': (_constellate_v1_BundleEvent_Type__Output);
  'id': (string);
  'node': (number);
  'tUnixMs': (number);
  'source': (number);
  'destination': (number);
  'createdUnixMs': (number);
  'sizeBytes': (number);
  'reason': (string);
  'hops': (number);
  'kind': (_constellate_v1_BundleKind__Output);
  'metadata': ({[key: string]: string});
}
