import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AdvanceReply as _constellate_v1_AdvanceReply, AdvanceReply__Output as _constellate_v1_AdvanceReply__Output } from './constellate/v1/AdvanceReply.js';
import type { AdvanceRequest as _constellate_v1_AdvanceRequest, AdvanceRequest__Output as _constellate_v1_AdvanceRequest__Output } from './constellate/v1/AdvanceRequest.js';
import type { AppValue as _constellate_v1_AppValue, AppValue__Output as _constellate_v1_AppValue__Output } from './constellate/v1/AppValue.js';
import type { Bundle as _constellate_v1_Bundle, Bundle__Output as _constellate_v1_Bundle__Output } from './constellate/v1/Bundle.js';
import type { BundleBatch as _constellate_v1_BundleBatch, BundleBatch__Output as _constellate_v1_BundleBatch__Output } from './constellate/v1/BundleBatch.js';
import type { BundleEvent as _constellate_v1_BundleEvent, BundleEvent__Output as _constellate_v1_BundleEvent__Output } from './constellate/v1/BundleEvent.js';
import type { BundleEventBatch as _constellate_v1_BundleEventBatch, BundleEventBatch__Output as _constellate_v1_BundleEventBatch__Output } from './constellate/v1/BundleEventBatch.js';
import type { CensusReply as _constellate_v1_CensusReply, CensusReply__Output as _constellate_v1_CensusReply__Output } from './constellate/v1/CensusReply.js';
import type { ClockLag as _constellate_v1_ClockLag, ClockLag__Output as _constellate_v1_ClockLag__Output } from './constellate/v1/ClockLag.js';
import type { ClockSync as _constellate_v1_ClockSync, ClockSync__Output as _constellate_v1_ClockSync__Output } from './constellate/v1/ClockSync.js';
import type { Contact as _constellate_v1_Contact, Contact__Output as _constellate_v1_Contact__Output } from './constellate/v1/Contact.js';
import type { ContactPlan as _constellate_v1_ContactPlan, ContactPlan__Output as _constellate_v1_ContactPlan__Output } from './constellate/v1/ContactPlan.js';
import type { ContactPlanRequest as _constellate_v1_ContactPlanRequest, ContactPlanRequest__Output as _constellate_v1_ContactPlanRequest__Output } from './constellate/v1/ContactPlanRequest.js';
import type { ControllerClient as _constellate_v1_ControllerClient, ControllerDefinition as _constellate_v1_ControllerDefinition } from './constellate/v1/Controller.js';
import type { Counters as _constellate_v1_Counters, Counters__Output as _constellate_v1_Counters__Output } from './constellate/v1/Counters.js';
import type { DeliverAck as _constellate_v1_DeliverAck, DeliverAck__Output as _constellate_v1_DeliverAck__Output } from './constellate/v1/DeliverAck.js';
import type { Empty as _constellate_v1_Empty, Empty__Output as _constellate_v1_Empty__Output } from './constellate/v1/Empty.js';
import type { EmulationStatus as _constellate_v1_EmulationStatus, EmulationStatus__Output as _constellate_v1_EmulationStatus__Output } from './constellate/v1/EmulationStatus.js';
import type { HopAck as _constellate_v1_HopAck, HopAck__Output as _constellate_v1_HopAck__Output } from './constellate/v1/HopAck.js';
import type { HopFrame as _constellate_v1_HopFrame, HopFrame__Output as _constellate_v1_HopFrame__Output } from './constellate/v1/HopFrame.js';
import type { HopRecord as _constellate_v1_HopRecord, HopRecord__Output as _constellate_v1_HopRecord__Output } from './constellate/v1/HopRecord.js';
import type { HostClient as _constellate_v1_HostClient, HostDefinition as _constellate_v1_HostDefinition } from './constellate/v1/Host.js';
import type { HostInfo as _constellate_v1_HostInfo, HostInfo__Output as _constellate_v1_HostInfo__Output } from './constellate/v1/HostInfo.js';
import type { InjectBatch as _constellate_v1_InjectBatch, InjectBatch__Output as _constellate_v1_InjectBatch__Output } from './constellate/v1/InjectBatch.js';
import type { InjectManyReply as _constellate_v1_InjectManyReply, InjectManyReply__Output as _constellate_v1_InjectManyReply__Output } from './constellate/v1/InjectManyReply.js';
import type { InjectReply as _constellate_v1_InjectReply, InjectReply__Output as _constellate_v1_InjectReply__Output } from './constellate/v1/InjectReply.js';
import type { InjectRequest as _constellate_v1_InjectRequest, InjectRequest__Output as _constellate_v1_InjectRequest__Output } from './constellate/v1/InjectRequest.js';
import type { LinkEntry as _constellate_v1_LinkEntry, LinkEntry__Output as _constellate_v1_LinkEntry__Output } from './constellate/v1/LinkEntry.js';
import type { LinkTable as _constellate_v1_LinkTable, LinkTable__Output as _constellate_v1_LinkTable__Output } from './constellate/v1/LinkTable.js';
import type { LinkTableDiff as _constellate_v1_LinkTableDiff, LinkTableDiff__Output as _constellate_v1_LinkTableDiff__Output } from './constellate/v1/LinkTableDiff.js';
import type { LinkTableUpdate as _constellate_v1_LinkTableUpdate, LinkTableUpdate__Output as _constellate_v1_LinkTableUpdate__Output } from './constellate/v1/LinkTableUpdate.js';
import type { Metrics as _constellate_v1_Metrics, Metrics__Output as _constellate_v1_Metrics__Output } from './constellate/v1/Metrics.js';
import type { ModelRouteReply as _constellate_v1_ModelRouteReply, ModelRouteReply__Output as _constellate_v1_ModelRouteReply__Output } from './constellate/v1/ModelRouteReply.js';
import type { ModelRouteRequest as _constellate_v1_ModelRouteRequest, ModelRouteRequest__Output as _constellate_v1_ModelRouteRequest__Output } from './constellate/v1/ModelRouteRequest.js';
import type { NodeClient as _constellate_v1_NodeClient, NodeDefinition as _constellate_v1_NodeDefinition } from './constellate/v1/Node.js';
import type { NodeConfig as _constellate_v1_NodeConfig, NodeConfig__Output as _constellate_v1_NodeConfig__Output } from './constellate/v1/NodeConfig.js';
import type { NodeRef as _constellate_v1_NodeRef, NodeRef__Output as _constellate_v1_NodeRef__Output } from './constellate/v1/NodeRef.js';
import type { NodeState as _constellate_v1_NodeState, NodeState__Output as _constellate_v1_NodeState__Output } from './constellate/v1/NodeState.js';
import type { NodeStates as _constellate_v1_NodeStates, NodeStates__Output as _constellate_v1_NodeStates__Output } from './constellate/v1/NodeStates.js';
import type { NodeStatesRequest as _constellate_v1_NodeStatesRequest, NodeStatesRequest__Output as _constellate_v1_NodeStatesRequest__Output } from './constellate/v1/NodeStatesRequest.js';
import type { NodeStatus as _constellate_v1_NodeStatus, NodeStatus__Output as _constellate_v1_NodeStatus__Output } from './constellate/v1/NodeStatus.js';
import type { NodeSummary as _constellate_v1_NodeSummary, NodeSummary__Output as _constellate_v1_NodeSummary__Output } from './constellate/v1/NodeSummary.js';
import type { NodeUpdate as _constellate_v1_NodeUpdate, NodeUpdate__Output as _constellate_v1_NodeUpdate__Output } from './constellate/v1/NodeUpdate.js';
import type { NodeUpdateFor as _constellate_v1_NodeUpdateFor, NodeUpdateFor__Output as _constellate_v1_NodeUpdateFor__Output } from './constellate/v1/NodeUpdateFor.js';
import type { PingReply as _constellate_v1_PingReply, PingReply__Output as _constellate_v1_PingReply__Output } from './constellate/v1/PingReply.js';
import type { PingRequest as _constellate_v1_PingRequest, PingRequest__Output as _constellate_v1_PingRequest__Output } from './constellate/v1/PingRequest.js';
import type { PingToken as _constellate_v1_PingToken, PingToken__Output as _constellate_v1_PingToken__Output } from './constellate/v1/PingToken.js';
import type { RegisterRequest as _constellate_v1_RegisterRequest, RegisterRequest__Output as _constellate_v1_RegisterRequest__Output } from './constellate/v1/RegisterRequest.js';
import type { RouteEntry as _constellate_v1_RouteEntry, RouteEntry__Output as _constellate_v1_RouteEntry__Output } from './constellate/v1/RouteEntry.js';
import type { RunTopology as _constellate_v1_RunTopology, RunTopology__Output as _constellate_v1_RunTopology__Output } from './constellate/v1/RunTopology.js';
import type { StatusRequest as _constellate_v1_StatusRequest, StatusRequest__Output as _constellate_v1_StatusRequest__Output } from './constellate/v1/StatusRequest.js';
import type { Totals as _constellate_v1_Totals, Totals__Output as _constellate_v1_Totals__Output } from './constellate/v1/Totals.js';
import type { WantRoutesRequest as _constellate_v1_WantRoutesRequest, WantRoutesRequest__Output as _constellate_v1_WantRoutesRequest__Output } from './constellate/v1/WantRoutesRequest.js';
import type { WatchBundlesRequest as _constellate_v1_WatchBundlesRequest, WatchBundlesRequest__Output as _constellate_v1_WatchBundlesRequest__Output } from './constellate/v1/WatchBundlesRequest.js';
import type { WatchTopologyRequest as _constellate_v1_WatchTopologyRequest, WatchTopologyRequest__Output as _constellate_v1_WatchTopologyRequest__Output } from './constellate/v1/WatchTopologyRequest.js';
import type { WatchedBundles as _constellate_v1_WatchedBundles, WatchedBundles__Output as _constellate_v1_WatchedBundles__Output } from './constellate/v1/WatchedBundles.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  constellate: {
    v1: {
      AdvanceReply: MessageTypeDefinition<_constellate_v1_AdvanceReply, _constellate_v1_AdvanceReply__Output>
      AdvanceRequest: MessageTypeDefinition<_constellate_v1_AdvanceRequest, _constellate_v1_AdvanceRequest__Output>
      AppValue: MessageTypeDefinition<_constellate_v1_AppValue, _constellate_v1_AppValue__Output>
      Bundle: MessageTypeDefinition<_constellate_v1_Bundle, _constellate_v1_Bundle__Output>
      BundleBatch: MessageTypeDefinition<_constellate_v1_BundleBatch, _constellate_v1_BundleBatch__Output>
      BundleEvent: MessageTypeDefinition<_constellate_v1_BundleEvent, _constellate_v1_BundleEvent__Output>
      BundleEventBatch: MessageTypeDefinition<_constellate_v1_BundleEventBatch, _constellate_v1_BundleEventBatch__Output>
      BundleKind: EnumTypeDefinition
      CensusReply: MessageTypeDefinition<_constellate_v1_CensusReply, _constellate_v1_CensusReply__Output>
      ClockLag: MessageTypeDefinition<_constellate_v1_ClockLag, _constellate_v1_ClockLag__Output>
      ClockMode: EnumTypeDefinition
      ClockSync: MessageTypeDefinition<_constellate_v1_ClockSync, _constellate_v1_ClockSync__Output>
      Contact: MessageTypeDefinition<_constellate_v1_Contact, _constellate_v1_Contact__Output>
      ContactPlan: MessageTypeDefinition<_constellate_v1_ContactPlan, _constellate_v1_ContactPlan__Output>
      ContactPlanRequest: MessageTypeDefinition<_constellate_v1_ContactPlanRequest, _constellate_v1_ContactPlanRequest__Output>
      Controller: SubtypeConstructor<typeof grpc.Client, _constellate_v1_ControllerClient> & { service: _constellate_v1_ControllerDefinition }
      Counters: MessageTypeDefinition<_constellate_v1_Counters, _constellate_v1_Counters__Output>
      DeliverAck: MessageTypeDefinition<_constellate_v1_DeliverAck, _constellate_v1_DeliverAck__Output>
      DropReason: EnumTypeDefinition
      Empty: MessageTypeDefinition<_constellate_v1_Empty, _constellate_v1_Empty__Output>
      EmulationStatus: MessageTypeDefinition<_constellate_v1_EmulationStatus, _constellate_v1_EmulationStatus__Output>
      HopAck: MessageTypeDefinition<_constellate_v1_HopAck, _constellate_v1_HopAck__Output>
      HopFrame: MessageTypeDefinition<_constellate_v1_HopFrame, _constellate_v1_HopFrame__Output>
      HopRecord: MessageTypeDefinition<_constellate_v1_HopRecord, _constellate_v1_HopRecord__Output>
      HopRefusal: EnumTypeDefinition
      /**
       * Per-host control: start or stop (fault-inject) one node served by that host.
       */
      Host: SubtypeConstructor<typeof grpc.Client, _constellate_v1_HostClient> & { service: _constellate_v1_HostDefinition }
      HostInfo: MessageTypeDefinition<_constellate_v1_HostInfo, _constellate_v1_HostInfo__Output>
      InjectBatch: MessageTypeDefinition<_constellate_v1_InjectBatch, _constellate_v1_InjectBatch__Output>
      InjectManyReply: MessageTypeDefinition<_constellate_v1_InjectManyReply, _constellate_v1_InjectManyReply__Output>
      InjectReply: MessageTypeDefinition<_constellate_v1_InjectReply, _constellate_v1_InjectReply__Output>
      InjectRequest: MessageTypeDefinition<_constellate_v1_InjectRequest, _constellate_v1_InjectRequest__Output>
      Isolation: EnumTypeDefinition
      LinkEntry: MessageTypeDefinition<_constellate_v1_LinkEntry, _constellate_v1_LinkEntry__Output>
      LinkKind: EnumTypeDefinition
      LinkTable: MessageTypeDefinition<_constellate_v1_LinkTable, _constellate_v1_LinkTable__Output>
      LinkTableDiff: MessageTypeDefinition<_constellate_v1_LinkTableDiff, _constellate_v1_LinkTableDiff__Output>
      LinkTableUpdate: MessageTypeDefinition<_constellate_v1_LinkTableUpdate, _constellate_v1_LinkTableUpdate__Output>
      Metrics: MessageTypeDefinition<_constellate_v1_Metrics, _constellate_v1_Metrics__Output>
      ModelRouteFailure: EnumTypeDefinition
      ModelRouteReply: MessageTypeDefinition<_constellate_v1_ModelRouteReply, _constellate_v1_ModelRouteReply__Output>
      ModelRouteRequest: MessageTypeDefinition<_constellate_v1_ModelRouteRequest, _constellate_v1_ModelRouteRequest__Output>
      NoRouteReason: EnumTypeDefinition
      Node: SubtypeConstructor<typeof grpc.Client, _constellate_v1_NodeClient> & { service: _constellate_v1_NodeDefinition }
      NodeConfig: MessageTypeDefinition<_constellate_v1_NodeConfig, _constellate_v1_NodeConfig__Output>
      NodeRef: MessageTypeDefinition<_constellate_v1_NodeRef, _constellate_v1_NodeRef__Output>
      NodeState: MessageTypeDefinition<_constellate_v1_NodeState, _constellate_v1_NodeState__Output>
      NodeStates: MessageTypeDefinition<_constellate_v1_NodeStates, _constellate_v1_NodeStates__Output>
      NodeStatesRequest: MessageTypeDefinition<_constellate_v1_NodeStatesRequest, _constellate_v1_NodeStatesRequest__Output>
      NodeStatus: MessageTypeDefinition<_constellate_v1_NodeStatus, _constellate_v1_NodeStatus__Output>
      NodeSummary: MessageTypeDefinition<_constellate_v1_NodeSummary, _constellate_v1_NodeSummary__Output>
      NodeUpdate: MessageTypeDefinition<_constellate_v1_NodeUpdate, _constellate_v1_NodeUpdate__Output>
      NodeUpdateFor: MessageTypeDefinition<_constellate_v1_NodeUpdateFor, _constellate_v1_NodeUpdateFor__Output>
      PingFailure: EnumTypeDefinition
      PingReply: MessageTypeDefinition<_constellate_v1_PingReply, _constellate_v1_PingReply__Output>
      PingRequest: MessageTypeDefinition<_constellate_v1_PingRequest, _constellate_v1_PingRequest__Output>
      PingToken: MessageTypeDefinition<_constellate_v1_PingToken, _constellate_v1_PingToken__Output>
      RegisterRequest: MessageTypeDefinition<_constellate_v1_RegisterRequest, _constellate_v1_RegisterRequest__Output>
      RouteEntry: MessageTypeDefinition<_constellate_v1_RouteEntry, _constellate_v1_RouteEntry__Output>
      RunTopology: MessageTypeDefinition<_constellate_v1_RunTopology, _constellate_v1_RunTopology__Output>
      StatusRequest: MessageTypeDefinition<_constellate_v1_StatusRequest, _constellate_v1_StatusRequest__Output>
      Totals: MessageTypeDefinition<_constellate_v1_Totals, _constellate_v1_Totals__Output>
      Via: EnumTypeDefinition
      WantRoutesRequest: MessageTypeDefinition<_constellate_v1_WantRoutesRequest, _constellate_v1_WantRoutesRequest__Output>
      WatchBundlesRequest: MessageTypeDefinition<_constellate_v1_WatchBundlesRequest, _constellate_v1_WatchBundlesRequest__Output>
      WatchTopologyRequest: MessageTypeDefinition<_constellate_v1_WatchTopologyRequest, _constellate_v1_WatchTopologyRequest__Output>
      WatchedBundles: MessageTypeDefinition<_constellate_v1_WatchedBundles, _constellate_v1_WatchedBundles__Output>
    }
  }
}

