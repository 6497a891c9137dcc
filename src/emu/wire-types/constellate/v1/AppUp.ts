// Original file: proto/constellate/v1/apps.proto

import type { AppHello as _constellate_v1_AppHello, AppHello__Output as _constellate_v1_AppHello__Output } from '../../constellate/v1/AppHello.js';
import type { AppSend as _constellate_v1_AppSend, AppSend__Output as _constellate_v1_AppSend__Output } from '../../constellate/v1/AppSend.js';
import type { AppYield as _constellate_v1_AppYield, AppYield__Output as _constellate_v1_AppYield__Output } from '../../constellate/v1/AppYield.js';
import type { AppModelRouteQuery as _constellate_v1_AppModelRouteQuery, AppModelRouteQuery__Output as _constellate_v1_AppModelRouteQuery__Output } from '../../constellate/v1/AppModelRouteQuery.js';
import type { AppClaim as _constellate_v1_AppClaim, AppClaim__Output as _constellate_v1_AppClaim__Output } from '../../constellate/v1/AppClaim.js';
import type { AppRelease as _constellate_v1_AppRelease, AppRelease__Output as _constellate_v1_AppRelease__Output } from '../../constellate/v1/AppRelease.js';

export interface AppUp {
  /**
   * The app the message is for (set by the gateway toward hosts; apps may leave it empty).
   */
  'app'?: (string);
  'hello'?: (_constellate_v1_AppHello | null);
  'send'?: (_constellate_v1_AppSend | null);
  'yield'?: (_constellate_v1_AppYield | null);
  'modelRoute'?: (_constellate_v1_AppModelRouteQuery | null);
  'claim'?: (_constellate_v1_AppClaim | null);
  'release'?: (_constellate_v1_AppRelease | null);
  'msg'?: "hello"|"send"|"yield"|"modelRoute"|"claim"|"release";
}

export interface AppUp__Output {
  /**
   * The app the message is for (set by the gateway toward hosts; apps may leave it empty).
   */
  'app': (string);
  'hello'?: (_constellate_v1_AppHello__Output | null);
  'send'?: (_constellate_v1_AppSend__Output | null);
  'yield'?: (_constellate_v1_AppYield__Output | null);
  'modelRoute'?: (_constellate_v1_AppModelRouteQuery__Output | null);
  'claim'?: (_constellate_v1_AppClaim__Output | null);
  'release'?: (_constellate_v1_AppRelease__Output | null);
  'msg'?: "hello"|"send"|"yield"|"modelRoute"|"claim"|"release";
}
