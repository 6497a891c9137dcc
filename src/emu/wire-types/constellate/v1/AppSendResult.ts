// Original file: proto/constellate/v1/apps.proto

import type { SendFailure as _constellate_v1_SendFailure, SendFailure__Output as _constellate_v1_SendFailure__Output } from '../../constellate/v1/SendFailure.js';
import type { DropReason as _constellate_v1_DropReason, DropReason__Output as _constellate_v1_DropReason__Output } from '../../constellate/v1/DropReason.js';

export interface AppSendResult {
  'node'?: (number);
  'seq'?: (number | string);
  'ok'?: (boolean);
  'id'?: (string);
  'reason'?: (_constellate_v1_SendFailure);
  'createdUnixMs'?: (number | string);
  'leftUnixMs'?: (number | string);
  'dropReason'?: (_constellate_v1_DropReason);
  'reasonDetail'?: (string);
}

export interface AppSendResult__Output {
  'node': (number);
  'seq': (number);
  'ok': (boolean);
  'id': (string);
  'reason': (_constellate_v1_SendFailure__Output);
  'createdUnixMs': (number);
  'leftUnixMs': (number);
  'dropReason': (_constellate_v1_DropReason__Output);
  'reasonDetail': (string);
}
