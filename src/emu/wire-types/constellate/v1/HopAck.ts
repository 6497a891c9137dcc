// Original file: proto/constellate/v1/node.proto

import type { HopRefusal as _constellate_v1_HopRefusal, HopRefusal__Output as _constellate_v1_HopRefusal__Output } from '../../constellate/v1/HopRefusal.js';

export interface HopAck {
  'seq'?: (number | string);
  'accepted'?: (boolean);
  /**
   * Why not, when not accepted, and the node's words.
   */
  'refusal'?: (_constellate_v1_HopRefusal);
  'detail'?: (string);
}

export interface HopAck__Output {
  'seq': (number);
  'accepted': (boolean);
  /**
   * Why not, when not accepted, and the node's words.
   */
  'refusal': (_constellate_v1_HopRefusal__Output);
  'detail': (string);
}
