import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

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
      Via: EnumTypeDefinition
    }
  }
}

