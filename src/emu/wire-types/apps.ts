import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AppBridgeClient as _constellate_v1_AppBridgeClient, AppBridgeDefinition as _constellate_v1_AppBridgeDefinition } from './constellate/v1/AppBridge.js';
import type { AppClaim as _constellate_v1_AppClaim, AppClaim__Output as _constellate_v1_AppClaim__Output } from './constellate/v1/AppClaim.js';
import type { AppDelivery as _constellate_v1_AppDelivery, AppDelivery__Output as _constellate_v1_AppDelivery__Output } from './constellate/v1/AppDelivery.js';
import type { AppDown as _constellate_v1_AppDown, AppDown__Output as _constellate_v1_AppDown__Output } from './constellate/v1/AppDown.js';
import type { AppEvent as _constellate_v1_AppEvent, AppEvent__Output as _constellate_v1_AppEvent__Output } from './constellate/v1/AppEvent.js';
import type { AppHello as _constellate_v1_AppHello, AppHello__Output as _constellate_v1_AppHello__Output } from './constellate/v1/AppHello.js';
import type { AppLinkChange as _constellate_v1_AppLinkChange, AppLinkChange__Output as _constellate_v1_AppLinkChange__Output } from './constellate/v1/AppLinkChange.js';
import type { AppLinkState as _constellate_v1_AppLinkState, AppLinkState__Output as _constellate_v1_AppLinkState__Output } from './constellate/v1/AppLinkState.js';
import type { AppModelRouteAnswer as _constellate_v1_AppModelRouteAnswer, AppModelRouteAnswer__Output as _constellate_v1_AppModelRouteAnswer__Output } from './constellate/v1/AppModelRouteAnswer.js';
import type { AppModelRouteQuery as _constellate_v1_AppModelRouteQuery, AppModelRouteQuery__Output as _constellate_v1_AppModelRouteQuery__Output } from './constellate/v1/AppModelRouteQuery.js';
import type { AppNode as _constellate_v1_AppNode, AppNode__Output as _constellate_v1_AppNode__Output } from './constellate/v1/AppNode.js';
import type { AppRelease as _constellate_v1_AppRelease, AppRelease__Output as _constellate_v1_AppRelease__Output } from './constellate/v1/AppRelease.js';
import type { AppSend as _constellate_v1_AppSend, AppSend__Output as _constellate_v1_AppSend__Output } from './constellate/v1/AppSend.js';
import type { AppSendResult as _constellate_v1_AppSendResult, AppSendResult__Output as _constellate_v1_AppSendResult__Output } from './constellate/v1/AppSendResult.js';
import type { AppStart as _constellate_v1_AppStart, AppStart__Output as _constellate_v1_AppStart__Output } from './constellate/v1/AppStart.js';
import type { AppStop as _constellate_v1_AppStop, AppStop__Output as _constellate_v1_AppStop__Output } from './constellate/v1/AppStop.js';
import type { AppTimer as _constellate_v1_AppTimer, AppTimer__Output as _constellate_v1_AppTimer__Output } from './constellate/v1/AppTimer.js';
import type { AppUp as _constellate_v1_AppUp, AppUp__Output as _constellate_v1_AppUp__Output } from './constellate/v1/AppUp.js';
import type { AppWelcome as _constellate_v1_AppWelcome, AppWelcome__Output as _constellate_v1_AppWelcome__Output } from './constellate/v1/AppWelcome.js';
import type { AppYield as _constellate_v1_AppYield, AppYield__Output as _constellate_v1_AppYield__Output } from './constellate/v1/AppYield.js';
import type { AppsClient as _constellate_v1_AppsClient, AppsDefinition as _constellate_v1_AppsDefinition } from './constellate/v1/Apps.js';
import type { Bundle as _constellate_v1_Bundle, Bundle__Output as _constellate_v1_Bundle__Output } from './constellate/v1/Bundle.js';
import type { BundleBatch as _constellate_v1_BundleBatch, BundleBatch__Output as _constellate_v1_BundleBatch__Output } from './constellate/v1/BundleBatch.js';
import type { BundleEvent as _constellate_v1_BundleEvent, BundleEvent__Output as _constellate_v1_BundleEvent__Output } from './constellate/v1/BundleEvent.js';
import type { ClockSync as _constellate_v1_ClockSync, ClockSync__Output as _constellate_v1_ClockSync__Output } from './constellate/v1/ClockSync.js';
import type { Empty as _constellate_v1_Empty, Empty__Output as _constellate_v1_Empty__Output } from './constellate/v1/Empty.js';
import type { HopRecord as _constellate_v1_HopRecord, HopRecord__Output as _constellate_v1_HopRecord__Output } from './constellate/v1/HopRecord.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  constellate: {
    v1: {
      /**
       * Internal: each host process serves the claimed nodes it hosts through the launcher's gateway.
       * The host streams AppDown (events, send results) and receives AppUp (claims, sends, yields);
       * Call metadata: the run secret ("x-constellate-secret"), and the host's id and key
       * ("x-constellate-host-id", "x-constellate-host-key"); a stream without its host's key is refused.
       */
      AppBridge: SubtypeConstructor<typeof grpc.Client, _constellate_v1_AppBridgeClient> & { service: _constellate_v1_AppBridgeDefinition }
      AppClaim: MessageTypeDefinition<_constellate_v1_AppClaim, _constellate_v1_AppClaim__Output>
      AppDelivery: MessageTypeDefinition<_constellate_v1_AppDelivery, _constellate_v1_AppDelivery__Output>
      AppDown: MessageTypeDefinition<_constellate_v1_AppDown, _constellate_v1_AppDown__Output>
      AppEvent: MessageTypeDefinition<_constellate_v1_AppEvent, _constellate_v1_AppEvent__Output>
      AppHello: MessageTypeDefinition<_constellate_v1_AppHello, _constellate_v1_AppHello__Output>
      AppLinkChange: MessageTypeDefinition<_constellate_v1_AppLinkChange, _constellate_v1_AppLinkChange__Output>
      AppLinkState: MessageTypeDefinition<_constellate_v1_AppLinkState, _constellate_v1_AppLinkState__Output>
      AppModelRouteAnswer: MessageTypeDefinition<_constellate_v1_AppModelRouteAnswer, _constellate_v1_AppModelRouteAnswer__Output>
      AppModelRouteQuery: MessageTypeDefinition<_constellate_v1_AppModelRouteQuery, _constellate_v1_AppModelRouteQuery__Output>
      AppNode: MessageTypeDefinition<_constellate_v1_AppNode, _constellate_v1_AppNode__Output>
      AppRelease: MessageTypeDefinition<_constellate_v1_AppRelease, _constellate_v1_AppRelease__Output>
      AppSend: MessageTypeDefinition<_constellate_v1_AppSend, _constellate_v1_AppSend__Output>
      AppSendResult: MessageTypeDefinition<_constellate_v1_AppSendResult, _constellate_v1_AppSendResult__Output>
      AppStart: MessageTypeDefinition<_constellate_v1_AppStart, _constellate_v1_AppStart__Output>
      AppStop: MessageTypeDefinition<_constellate_v1_AppStop, _constellate_v1_AppStop__Output>
      AppTimer: MessageTypeDefinition<_constellate_v1_AppTimer, _constellate_v1_AppTimer__Output>
      AppUp: MessageTypeDefinition<_constellate_v1_AppUp, _constellate_v1_AppUp__Output>
      AppWelcome: MessageTypeDefinition<_constellate_v1_AppWelcome, _constellate_v1_AppWelcome__Output>
      AppYield: MessageTypeDefinition<_constellate_v1_AppYield, _constellate_v1_AppYield__Output>
      Apps: SubtypeConstructor<typeof grpc.Client, _constellate_v1_AppsClient> & { service: _constellate_v1_AppsDefinition }
      Bundle: MessageTypeDefinition<_constellate_v1_Bundle, _constellate_v1_Bundle__Output>
      BundleBatch: MessageTypeDefinition<_constellate_v1_BundleBatch, _constellate_v1_BundleBatch__Output>
      BundleEvent: MessageTypeDefinition<_constellate_v1_BundleEvent, _constellate_v1_BundleEvent__Output>
      BundleKind: EnumTypeDefinition
      ClockSync: MessageTypeDefinition<_constellate_v1_ClockSync, _constellate_v1_ClockSync__Output>
      DropReason: EnumTypeDefinition
      Empty: MessageTypeDefinition<_constellate_v1_Empty, _constellate_v1_Empty__Output>
      HopRecord: MessageTypeDefinition<_constellate_v1_HopRecord, _constellate_v1_HopRecord__Output>
      LinkKind: EnumTypeDefinition
      ModelRouteFailure: EnumTypeDefinition
      NoRouteReason: EnumTypeDefinition
      SendFailure: EnumTypeDefinition
      Via: EnumTypeDefinition
    }
  }
}

