// Original file: proto/constellate/v1/apps.proto

import type { AppStart as _constellate_v1_AppStart, AppStart__Output as _constellate_v1_AppStart__Output } from '../../constellate/v1/AppStart.js';
import type { AppDelivery as _constellate_v1_AppDelivery, AppDelivery__Output as _constellate_v1_AppDelivery__Output } from '../../constellate/v1/AppDelivery.js';
import type { AppTimer as _constellate_v1_AppTimer, AppTimer__Output as _constellate_v1_AppTimer__Output } from '../../constellate/v1/AppTimer.js';
import type { AppLinkChange as _constellate_v1_AppLinkChange, AppLinkChange__Output as _constellate_v1_AppLinkChange__Output } from '../../constellate/v1/AppLinkChange.js';
import type { AppStop as _constellate_v1_AppStop, AppStop__Output as _constellate_v1_AppStop__Output } from '../../constellate/v1/AppStop.js';

export interface AppEvent {
  'node'?: (number);
  'tUnixMs'?: (number | string);
  'start'?: (_constellate_v1_AppStart | null);
  'delivery'?: (_constellate_v1_AppDelivery | null);
  'timer'?: (_constellate_v1_AppTimer | null);
  'linkChange'?: (_constellate_v1_AppLinkChange | null);
  'stop'?: (_constellate_v1_AppStop | null);
  'kind'?: "start"|"delivery"|"timer"|"linkChange"|"stop";
}

export interface AppEvent__Output {
  'node': (number);
  'tUnixMs': (number);
  'start'?: (_constellate_v1_AppStart__Output | null);
  'delivery'?: (_constellate_v1_AppDelivery__Output | null);
  'timer'?: (_constellate_v1_AppTimer__Output | null);
  'linkChange'?: (_constellate_v1_AppLinkChange__Output | null);
  'stop'?: (_constellate_v1_AppStop__Output | null);
  'kind'?: "start"|"delivery"|"timer"|"linkChange"|"stop";
}
