// Original file: proto/constellate/v1/apps.proto

import type { AppLinkState as _constellate_v1_AppLinkState, AppLinkState__Output as _constellate_v1_AppLinkState__Output } from '../../constellate/v1/AppLinkState.js';

export interface AppLinkChange {
  'up'?: (_constellate_v1_AppLinkState)[];
  'down'?: (number)[];
}

export interface AppLinkChange__Output {
  'up': (_constellate_v1_AppLinkState__Output)[];
  'down': (number)[];
}
