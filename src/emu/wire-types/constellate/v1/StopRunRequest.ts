// Original file: proto/constellate/v1/control.proto

import type { StopReason as _constellate_v1_StopReason, StopReason__Output as _constellate_v1_StopReason__Output } from '../../constellate/v1/StopReason.js';

export interface StopRunRequest {
  'reason'?: (_constellate_v1_StopReason);
}

export interface StopRunRequest__Output {
  'reason': (_constellate_v1_StopReason__Output);
}
