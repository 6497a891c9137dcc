// Original file: proto/constellate/v1/controller.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AdvanceReply as _constellate_v1_AdvanceReply, AdvanceReply__Output as _constellate_v1_AdvanceReply__Output } from '../../constellate/v1/AdvanceReply.js';
import type { AdvanceRequest as _constellate_v1_AdvanceRequest, AdvanceRequest__Output as _constellate_v1_AdvanceRequest__Output } from '../../constellate/v1/AdvanceRequest.js';
import type { CensusReply as _constellate_v1_CensusReply, CensusReply__Output as _constellate_v1_CensusReply__Output } from '../../constellate/v1/CensusReply.js';
import type { Empty as _constellate_v1_Empty, Empty__Output as _constellate_v1_Empty__Output } from '../../constellate/v1/Empty.js';
import type { NodeRef as _constellate_v1_NodeRef, NodeRef__Output as _constellate_v1_NodeRef__Output } from '../../constellate/v1/NodeRef.js';
import type { NodeStates as _constellate_v1_NodeStates, NodeStates__Output as _constellate_v1_NodeStates__Output } from '../../constellate/v1/NodeStates.js';
import type { NodeStatesRequest as _constellate_v1_NodeStatesRequest, NodeStatesRequest__Output as _constellate_v1_NodeStatesRequest__Output } from '../../constellate/v1/NodeStatesRequest.js';

/**
 * Per-host control: start or stop (fault-inject) one node served by that host.
 */
export interface HostClient extends grpc.Client {
  /**
   * Virtual clock only: one round of the conservative synchronization (docs/emulation.md). The host
   * applies the topology diffs at step_start_unix_ms, runs every event of its nodes before
   * until_unix_ms,
   * waits for its outgoing hops to be acknowledged, and answers with its next event instant.
   */
  Advance(argument: _constellate_v1_AdvanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_AdvanceReply__Output>): grpc.ClientUnaryCall;
  Advance(argument: _constellate_v1_AdvanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_AdvanceReply__Output>): grpc.ClientUnaryCall;
  Advance(argument: _constellate_v1_AdvanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_AdvanceReply__Output>): grpc.ClientUnaryCall;
  Advance(argument: _constellate_v1_AdvanceRequest, callback: grpc.requestCallback<_constellate_v1_AdvanceReply__Output>): grpc.ClientUnaryCall;
  /**
   * Virtual clock only: one round of the conservative synchronization (docs/emulation.md). The host
   * applies the topology diffs at step_start_unix_ms, runs every event of its nodes before
   * until_unix_ms,
   * waits for its outgoing hops to be acknowledged, and answers with its next event instant.
   */
  advance(argument: _constellate_v1_AdvanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_AdvanceReply__Output>): grpc.ClientUnaryCall;
  advance(argument: _constellate_v1_AdvanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_AdvanceReply__Output>): grpc.ClientUnaryCall;
  advance(argument: _constellate_v1_AdvanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_AdvanceReply__Output>): grpc.ClientUnaryCall;
  advance(argument: _constellate_v1_AdvanceRequest, callback: grpc.requestCallback<_constellate_v1_AdvanceReply__Output>): grpc.ClientUnaryCall;
  
  /**
   * The ids of every bundle this host's nodes hold (arriving, queued, held, propagating), after
   * flushing its bundle events: the controller tells from it which bundles a dead node took with it.
   */
  Census(argument: _constellate_v1_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_CensusReply__Output>): grpc.ClientUnaryCall;
  Census(argument: _constellate_v1_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_CensusReply__Output>): grpc.ClientUnaryCall;
  Census(argument: _constellate_v1_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_CensusReply__Output>): grpc.ClientUnaryCall;
  Census(argument: _constellate_v1_Empty, callback: grpc.requestCallback<_constellate_v1_CensusReply__Output>): grpc.ClientUnaryCall;
  /**
   * The ids of every bundle this host's nodes hold (arriving, queued, held, propagating), after
   * flushing its bundle events: the controller tells from it which bundles a dead node took with it.
   */
  census(argument: _constellate_v1_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_CensusReply__Output>): grpc.ClientUnaryCall;
  census(argument: _constellate_v1_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_CensusReply__Output>): grpc.ClientUnaryCall;
  census(argument: _constellate_v1_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_CensusReply__Output>): grpc.ClientUnaryCall;
  census(argument: _constellate_v1_Empty, callback: grpc.requestCallback<_constellate_v1_CensusReply__Output>): grpc.ClientUnaryCall;
  
  /**
   * The states of this host's nodes (all of them when nodes is empty), for the controller's GetStatus.
   */
  GetNodeStates(argument: _constellate_v1_NodeStatesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_NodeStates__Output>): grpc.ClientUnaryCall;
  GetNodeStates(argument: _constellate_v1_NodeStatesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_NodeStates__Output>): grpc.ClientUnaryCall;
  GetNodeStates(argument: _constellate_v1_NodeStatesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_NodeStates__Output>): grpc.ClientUnaryCall;
  GetNodeStates(argument: _constellate_v1_NodeStatesRequest, callback: grpc.requestCallback<_constellate_v1_NodeStates__Output>): grpc.ClientUnaryCall;
  /**
   * The states of this host's nodes (all of them when nodes is empty), for the controller's GetStatus.
   */
  getNodeStates(argument: _constellate_v1_NodeStatesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_NodeStates__Output>): grpc.ClientUnaryCall;
  getNodeStates(argument: _constellate_v1_NodeStatesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_NodeStates__Output>): grpc.ClientUnaryCall;
  getNodeStates(argument: _constellate_v1_NodeStatesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_NodeStates__Output>): grpc.ClientUnaryCall;
  getNodeStates(argument: _constellate_v1_NodeStatesRequest, callback: grpc.requestCallback<_constellate_v1_NodeStates__Output>): grpc.ClientUnaryCall;
  
  /**
   * Virtual clock only: the same rounds as Advance on one long-lived stream per host, one reply per
   * request, in order; the controller sends the next request only after the reply. A unary call per
   * round (HTTP/2 stream, headers, trailers) was most of what a round cost at shell1 (docs/step-cpu.md).
   */
  Rounds(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_constellate_v1_AdvanceRequest, _constellate_v1_AdvanceReply__Output>;
  Rounds(options?: grpc.CallOptions): grpc.ClientDuplexStream<_constellate_v1_AdvanceRequest, _constellate_v1_AdvanceReply__Output>;
  /**
   * Virtual clock only: the same rounds as Advance on one long-lived stream per host, one reply per
   * request, in order; the controller sends the next request only after the reply. A unary call per
   * round (HTTP/2 stream, headers, trailers) was most of what a round cost at shell1 (docs/step-cpu.md).
   */
  rounds(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_constellate_v1_AdvanceRequest, _constellate_v1_AdvanceReply__Output>;
  rounds(options?: grpc.CallOptions): grpc.ClientDuplexStream<_constellate_v1_AdvanceRequest, _constellate_v1_AdvanceReply__Output>;
  
  StartNode(argument: _constellate_v1_NodeRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  StartNode(argument: _constellate_v1_NodeRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  StartNode(argument: _constellate_v1_NodeRef, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  StartNode(argument: _constellate_v1_NodeRef, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  startNode(argument: _constellate_v1_NodeRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  startNode(argument: _constellate_v1_NodeRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  startNode(argument: _constellate_v1_NodeRef, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  startNode(argument: _constellate_v1_NodeRef, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  StopNode(argument: _constellate_v1_NodeRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  StopNode(argument: _constellate_v1_NodeRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  StopNode(argument: _constellate_v1_NodeRef, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  StopNode(argument: _constellate_v1_NodeRef, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  stopNode(argument: _constellate_v1_NodeRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  stopNode(argument: _constellate_v1_NodeRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  stopNode(argument: _constellate_v1_NodeRef, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  stopNode(argument: _constellate_v1_NodeRef, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Per-host control: start or stop (fault-inject) one node served by that host.
 */
export interface HostHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Virtual clock only: one round of the conservative synchronization (docs/emulation.md). The host
   * applies the topology diffs at step_start_unix_ms, runs every event of its nodes before
   * until_unix_ms,
   * waits for its outgoing hops to be acknowledged, and answers with its next event instant.
   */
  Advance: grpc.handleUnaryCall<_constellate_v1_AdvanceRequest__Output, _constellate_v1_AdvanceReply>;
  
  /**
   * The ids of every bundle this host's nodes hold (arriving, queued, held, propagating), after
   * flushing its bundle events: the controller tells from it which bundles a dead node took with it.
   */
  Census: grpc.handleUnaryCall<_constellate_v1_Empty__Output, _constellate_v1_CensusReply>;
  
  /**
   * The states of this host's nodes (all of them when nodes is empty), for the controller's GetStatus.
   */
  GetNodeStates: grpc.handleUnaryCall<_constellate_v1_NodeStatesRequest__Output, _constellate_v1_NodeStates>;
  
  /**
   * Virtual clock only: the same rounds as Advance on one long-lived stream per host, one reply per
   * request, in order; the controller sends the next request only after the reply. A unary call per
   * round (HTTP/2 stream, headers, trailers) was most of what a round cost at shell1 (docs/step-cpu.md).
   */
  Rounds: grpc.handleBidiStreamingCall<_constellate_v1_AdvanceRequest__Output, _constellate_v1_AdvanceReply>;
  
  StartNode: grpc.handleUnaryCall<_constellate_v1_NodeRef__Output, _constellate_v1_Empty>;
  
  StopNode: grpc.handleUnaryCall<_constellate_v1_NodeRef__Output, _constellate_v1_Empty>;
  
}

export interface HostDefinition extends grpc.ServiceDefinition {
  Advance: MethodDefinition<_constellate_v1_AdvanceRequest, _constellate_v1_AdvanceReply, _constellate_v1_AdvanceRequest__Output, _constellate_v1_AdvanceReply__Output>
  Census: MethodDefinition<_constellate_v1_Empty, _constellate_v1_CensusReply, _constellate_v1_Empty__Output, _constellate_v1_CensusReply__Output>
  GetNodeStates: MethodDefinition<_constellate_v1_NodeStatesRequest, _constellate_v1_NodeStates, _constellate_v1_NodeStatesRequest__Output, _constellate_v1_NodeStates__Output>
  Rounds: MethodDefinition<_constellate_v1_AdvanceRequest, _constellate_v1_AdvanceReply, _constellate_v1_AdvanceRequest__Output, _constellate_v1_AdvanceReply__Output>
  StartNode: MethodDefinition<_constellate_v1_NodeRef, _constellate_v1_Empty, _constellate_v1_NodeRef__Output, _constellate_v1_Empty__Output>
  StopNode: MethodDefinition<_constellate_v1_NodeRef, _constellate_v1_Empty, _constellate_v1_NodeRef__Output, _constellate_v1_Empty__Output>
}
