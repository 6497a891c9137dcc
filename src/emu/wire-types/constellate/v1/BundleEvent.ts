// Original file: proto/constellate/v1/bundle.proto

import type { DropReason as _constellate_v1_DropReason, DropReason__Output as _constellate_v1_DropReason__Output } from '../../constellate/v1/DropReason.js';
import type { BundleKind as _constellate_v1_BundleKind, BundleKind__Output as _constellate_v1_BundleKind__Output } from '../../constellate/v1/BundleKind.js';

// Original file: proto/constellate/v1/bundle.proto

export const _constellate_v1_BundleEvent_Type = {
  TYPE_UNSPECIFIED: 'TYPE_UNSPECIFIED',
  TYPE_CREATED: 'TYPE_CREATED',
  TYPE_DELIVERED: 'TYPE_DELIVERED',
  TYPE_DROPPED: 'TYPE_DROPPED',
} as const;

export type _constellate_v1_BundleEvent_Type =
  | 'TYPE_UNSPECIFIED'
  | 0
  | 'TYPE_CREATED'
  | 1
  | 'TYPE_DELIVERED'
  | 2
  | 'TYPE_DROPPED'
  | 3

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
  /**
   * TYPE_DROPPED: why, and what the node knew beyond that (e.g. the no-route reason of a bundle
   * held until its TTL: "no-route", "mesh-partitioned"; the dead nodes of a loss).
   */
  'reason'?: (_constellate_v1_DropReason);
  'hops'?: (number);
  'kind'?: (_constellate_v1_BundleKind);
  'metadata'?: ({[key: string]: string});
  'reasonDetail'?: (string);
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
  /**
   * TYPE_DROPPED: why, and what the node knew beyond that (e.g. the no-route reason of a bundle
   * held until its TTL: "no-route", "mesh-partitioned"; the dead nodes of a loss).
   */
  'reason': (_constellate_v1_DropReason__Output);
  'hops': (number);
  'kind': (_constellate_v1_BundleKind__Output);
  'metadata': ({[key: string]: string});
  'reasonDetail': (string);
}
