// Original file: proto/constellate/v1/node.proto

import type { PingFailure as _constellate_v1_PingFailure, PingFailure__Output as _constellate_v1_PingFailure__Output } from '../../constellate/v1/PingFailure.js';
import type { HopRecord as _constellate_v1_HopRecord, HopRecord__Output as _constellate_v1_HopRecord__Output } from '../../constellate/v1/HopRecord.js';
import type { DropReason as _constellate_v1_DropReason, DropReason__Output as _constellate_v1_DropReason__Output } from '../../constellate/v1/DropReason.js';

export interface PingReply {
  'ok'?: (boolean);
  'failure'?: (_constellate_v1_PingFailure);
  'rttMs'?: (number | string);
  'sentUnixMs'?: (number | string);
  'receivedUnixMs'?: (number | string);
  'forward'?: (_constellate_v1_HopRecord)[];
  'back'?: (_constellate_v1_HopRecord)[];
  'dropReason'?: (_constellate_v1_DropReason);
  'dropDetail'?: (string);
  /**
   * The sending instant on the run-relative base of the hop records (HopRecord), so a hop's
   * instant minus it is exact.
   */
  'sentRunMs'?: (number | string);
}

export interface PingReply__Output {
  'ok': (boolean);
  'failure': (_constellate_v1_PingFailure__Output);
  'rttMs': (number);
  'sentUnixMs': (number);
  'receivedUnixMs': (number);
  'forward': (_constellate_v1_HopRecord__Output)[];
  'back': (_constellate_v1_HopRecord__Output)[];
  'dropReason': (_constellate_v1_DropReason__Output);
  'dropDetail': (string);
  /**
   * The sending instant on the run-relative base of the hop records (HopRecord), so a hop's
   * instant minus it is exact.
   */
  'sentRunMs': (number);
}
