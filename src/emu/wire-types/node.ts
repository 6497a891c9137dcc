import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AppValue as _constellate_v1_AppValue, AppValue__Output as _constellate_v1_AppValue__Output } from './constellate/v1/AppValue.js';
import type { Bundle as _constellate_v1_Bundle, Bundle__Output as _constellate_v1_Bundle__Output } from './constellate/v1/Bundle.js';
import type { BundleBatch as _constellate_v1_BundleBatch, BundleBatch__Output as _constellate_v1_BundleBatch__Output } from './constellate/v1/BundleBatch.js';
import type { BundleEvent as _constellate_v1_BundleEvent, BundleEvent__Output as _constellate_v1_BundleEvent__Output } from './constellate/v1/BundleEvent.js';
import type { ClockSync as _constellate_v1_ClockSync, ClockSync__Output as _constellate_v1_ClockSync__Output } from './constellate/v1/ClockSync.js';
import type { Contact as _constellate_v1_Contact, Contact__Output as _constellate_v1_Contact__Output } from './constellate/v1/Contact.js';
import type { ContactPlan as _constellate_v1_ContactPlan, ContactPlan__Output as _constellate_v1_ContactPlan__Output } from './constellate/v1/ContactPlan.js';
import type { ContactPlanRequest as _constellate_v1_ContactPlanRequest, ContactPlanRequest__Output as _constellate_v1_ContactPlanRequest__Output } from './constellate/v1/ContactPlanRequest.js';
import type { Counters as _constellate_v1_Counters, Counters__Output as _constellate_v1_Counters__Output } from './constellate/v1/Counters.js';
import type { DeliverAck as _constellate_v1_DeliverAck, DeliverAck__Output as _constellate_v1_DeliverAck__Output } from './constellate/v1/DeliverAck.js';
import type { Empty as _constellate_v1_Empty, Empty__Output as _constellate_v1_Empty__Output } from './constellate/v1/Empty.js';
import type { HopAck as _constellate_v1_HopAck, HopAck__Output as _constellate_v1_HopAck__Output } from './constellate/v1/HopAck.js';
import type { HopFrame as _constellate_v1_HopFrame, HopFrame__Output as _constellate_v1_HopFrame__Output } from './constellate/v1/HopFrame.js';
import type { HopRecord as _constellate_v1_HopRecord, HopRecord__Output as _constellate_v1_HopRecord__Output } from './constellate/v1/HopRecord.js';
import type { InjectBatch as _constellate_v1_InjectBatch, InjectBatch__Output as _constellate_v1_InjectBatch__Output } from './constellate/v1/InjectBatch.js';
import type { InjectManyReply as _constellate_v1_InjectManyReply, InjectManyReply__Output as _constellate_v1_InjectManyReply__Output } from './constellate/v1/InjectManyReply.js';
import type { InjectReply as _constellate_v1_InjectReply, InjectReply__Output as _constellate_v1_InjectReply__Output } from './constellate/v1/InjectReply.js';
import type { InjectRequest as _constellate_v1_InjectRequest, InjectRequest__Output as _constellate_v1_InjectRequest__Output } from './constellate/v1/InjectRequest.js';
import type { LinkEntry as _constellate_v1_LinkEntry, LinkEntry__Output as _constellate_v1_LinkEntry__Output } from './constellate/v1/LinkEntry.js';
import type { LinkTable as _constellate_v1_LinkTable, LinkTable__Output as _constellate_v1_LinkTable__Output } from './constellate/v1/LinkTable.js';
import type { LinkTableDiff as _constellate_v1_LinkTableDiff, LinkTableDiff__Output as _constellate_v1_LinkTableDiff__Output } from './constellate/v1/LinkTableDiff.js';
import type { LinkTableUpdate as _constellate_v1_LinkTableUpdate, LinkTableUpdate__Output as _constellate_v1_LinkTableUpdate__Output } from './constellate/v1/LinkTableUpdate.js';
import type { NodeClient as _constellate_v1_NodeClient, NodeDefinition as _constellate_v1_NodeDefinition } from './constellate/v1/Node.js';
import type { NodeState as _constellate_v1_NodeState, NodeState__Output as _constellate_v1_NodeState__Output } from './constellate/v1/NodeState.js';
import type { NodeStatus as _constellate_v1_NodeStatus, NodeStatus__Output as _constellate_v1_NodeStatus__Output } from './constellate/v1/NodeStatus.js';
import type { PingReply as _constellate_v1_PingReply, PingReply__Output as _constellate_v1_PingReply__Output } from './constellate/v1/PingReply.js';
import type { PingRequest as _constellate_v1_PingRequest, PingRequest__Output as _constellate_v1_PingRequest__Output } from './constellate/v1/PingRequest.js';
import type { PingToken as _constellate_v1_PingToken, PingToken__Output as _constellate_v1_PingToken__Output } from './constellate/v1/PingToken.js';
import type { RouteEntry as _constellate_v1_RouteEntry, RouteEntry__Output as _constellate_v1_RouteEntry__Output } from './constellate/v1/RouteEntry.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  constellate: {
    v1: {
      AppValue: MessageTypeDefinition<_constellate_v1_AppValue, _constellate_v1_AppValue__Output>
      Bundle: MessageTypeDefinition<_constellate_v1_Bundle, _constellate_v1_Bundle__Output>
      BundleBatch: MessageTypeDefinition<_constellate_v1_BundleBatch, _constellate_v1_BundleBatch__Output>
      BundleEvent: MessageTypeDefinition<_constellate_v1_BundleEvent, _constellate_v1_BundleEvent__Output>
      BundleKind: EnumTypeDefinition
      ClockSync: MessageTypeDefinition<_constellate_v1_ClockSync, _constellate_v1_ClockSync__Output>
      Contact: MessageTypeDefinition<_constellate_v1_Contact, _constellate_v1_Contact__Output>
      ContactPlan: MessageTypeDefinition<_constellate_v1_ContactPlan, _constellate_v1_ContactPlan__Output>
      ContactPlanRequest: MessageTypeDefinition<_constellate_v1_ContactPlanRequest, _constellate_v1_ContactPlanRequest__Output>
      Counters: MessageTypeDefinition<_constellate_v1_Counters, _constellate_v1_Counters__Output>
      DeliverAck: MessageTypeDefinition<_constellate_v1_DeliverAck, _constellate_v1_DeliverAck__Output>
      DropReason: EnumTypeDefinition
      Empty: MessageTypeDefinition<_constellate_v1_Empty, _constellate_v1_Empty__Output>
      HopAck: MessageTypeDefinition<_constellate_v1_HopAck, _constellate_v1_HopAck__Output>
      HopFrame: MessageTypeDefinition<_constellate_v1_HopFrame, _constellate_v1_HopFrame__Output>
      HopRecord: MessageTypeDefinition<_constellate_v1_HopRecord, _constellate_v1_HopRecord__Output>
      HopRefusal: EnumTypeDefinition
      InjectBatch: MessageTypeDefinition<_constellate_v1_InjectBatch, _constellate_v1_InjectBatch__Output>
      InjectManyReply: MessageTypeDefinition<_constellate_v1_InjectManyReply, _constellate_v1_InjectManyReply__Output>
      InjectReply: MessageTypeDefinition<_constellate_v1_InjectReply, _constellate_v1_InjectReply__Output>
      InjectRequest: MessageTypeDefinition<_constellate_v1_InjectRequest, _constellate_v1_InjectRequest__Output>
      LinkEntry: MessageTypeDefinition<_constellate_v1_LinkEntry, _constellate_v1_LinkEntry__Output>
      LinkKind: EnumTypeDefinition
      LinkTable: MessageTypeDefinition<_constellate_v1_LinkTable, _constellate_v1_LinkTable__Output>
      LinkTableDiff: MessageTypeDefinition<_constellate_v1_LinkTableDiff, _constellate_v1_LinkTableDiff__Output>
      LinkTableUpdate: MessageTypeDefinition<_constellate_v1_LinkTableUpdate, _constellate_v1_LinkTableUpdate__Output>
      ModelRouteFailure: EnumTypeDefinition
      NoRouteReason: EnumTypeDefinition
      Node: SubtypeConstructor<typeof grpc.Client, _constellate_v1_NodeClient> & { service: _constellate_v1_NodeDefinition }
      NodeState: MessageTypeDefinition<_constellate_v1_NodeState, _constellate_v1_NodeState__Output>
      NodeStatus: MessageTypeDefinition<_constellate_v1_NodeStatus, _constellate_v1_NodeStatus__Output>
      PingFailure: EnumTypeDefinition
      PingReply: MessageTypeDefinition<_constellate_v1_PingReply, _constellate_v1_PingReply__Output>
      PingRequest: MessageTypeDefinition<_constellate_v1_PingRequest, _constellate_v1_PingRequest__Output>
      PingToken: MessageTypeDefinition<_constellate_v1_PingToken, _constellate_v1_PingToken__Output>
      RouteEntry: MessageTypeDefinition<_constellate_v1_RouteEntry, _constellate_v1_RouteEntry__Output>
      Via: EnumTypeDefinition
    }
  }
}

