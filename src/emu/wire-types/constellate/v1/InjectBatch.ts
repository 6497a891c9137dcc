// Original file: proto/constellate/v1/node.proto

import type { InjectRequest as _constellate_v1_InjectRequest, InjectRequest__Output as _constellate_v1_InjectRequest__Output } from '../../constellate/v1/InjectRequest.js';

export interface InjectBatch {
  'requests'?: (_constellate_v1_InjectRequest)[];
}

export interface InjectBatch__Output {
  'requests': (_constellate_v1_InjectRequest__Output)[];
}
