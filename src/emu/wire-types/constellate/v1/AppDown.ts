// Original file: proto/constellate/v1/apps.proto

import type { AppWelcome as _constellate_v1_AppWelcome, AppWelcome__Output as _constellate_v1_AppWelcome__Output } from '../../constellate/v1/AppWelcome.js';
import type { AppEvent as _constellate_v1_AppEvent, AppEvent__Output as _constellate_v1_AppEvent__Output } from '../../constellate/v1/AppEvent.js';
import type { AppSendResult as _constellate_v1_AppSendResult, AppSendResult__Output as _constellate_v1_AppSendResult__Output } from '../../constellate/v1/AppSendResult.js';
import type { AppModelRouteAnswer as _constellate_v1_AppModelRouteAnswer, AppModelRouteAnswer__Output as _constellate_v1_AppModelRouteAnswer__Output } from '../../constellate/v1/AppModelRouteAnswer.js';

export interface AppDown {
  'app'?: (string);
  'welcome'?: (_constellate_v1_AppWelcome | null);
  'event'?: (_constellate_v1_AppEvent | null);
  'sendResult'?: (_constellate_v1_AppSendResult | null);
  'modelRoute'?: (_constellate_v1_AppModelRouteAnswer | null);
  'msg'?: "welcome"|"event"|"sendResult"|"modelRoute";
}

export interface AppDown__Output {
  'app': (string);
  'welcome'?: (_constellate_v1_AppWelcome__Output | null);
  'event'?: (_constellate_v1_AppEvent__Output | null);
  'sendResult'?: (_constellate_v1_AppSendResult__Output | null);
  'modelRoute'?: (_constellate_v1_AppModelRouteAnswer__Output | null);
  'msg'?: "welcome"|"event"|"sendResult"|"modelRoute";
}
