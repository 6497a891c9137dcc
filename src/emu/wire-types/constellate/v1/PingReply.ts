// Original file: proto/constellate/v1/node.proto

import type { HopRecord as _constellate_v1_HopRecord, HopRecord__Output as _constellate_v1_HopRecord__Output } from '../../constellate/v1/HopRecord.js';

export interface PingReply {
  'ok'?: (boolean);
  'reason'?: (string);
  'rttMs'?: (number | string);
  'sentUnixMs'?: (number | string);
  'receivedUnixMs'?: (number | string);
  'forward'?: (_constellate_v1_HopRecord)[];
  'back'?: (_constellate_v1_HopRecord)[];
}

export interface PingReply__Output {
  'ok': (boolean);
  'reason': (string);
  'rttMs': (number);
  'sentUnixMs': (number);
  'receivedUnixMs': (number);
  'forward': (_constellate_v1_HopRecord__Output)[];
  'back': (_constellate_v1_HopRecord__Output)[];
}
