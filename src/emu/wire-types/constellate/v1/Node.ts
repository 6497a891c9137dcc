// Original file: proto/constellate/v1/node.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { Bundle as _constellate_v1_Bundle, Bundle__Output as _constellate_v1_Bundle__Output } from '../../constellate/v1/Bundle.js';
import type { BundleBatch as _constellate_v1_BundleBatch, BundleBatch__Output as _constellate_v1_BundleBatch__Output } from '../../constellate/v1/BundleBatch.js';
import type { ClockSync as _constellate_v1_ClockSync, ClockSync__Output as _constellate_v1_ClockSync__Output } from '../../constellate/v1/ClockSync.js';
import type { ContactPlan as _constellate_v1_ContactPlan, ContactPlan__Output as _constellate_v1_ContactPlan__Output } from '../../constellate/v1/ContactPlan.js';
import type { ContactPlanRequest as _constellate_v1_ContactPlanRequest, ContactPlanRequest__Output as _constellate_v1_ContactPlanRequest__Output } from '../../constellate/v1/ContactPlanRequest.js';
import type { DeliverAck as _constellate_v1_DeliverAck, DeliverAck__Output as _constellate_v1_DeliverAck__Output } from '../../constellate/v1/DeliverAck.js';
import type { Empty as _constellate_v1_Empty, Empty__Output as _constellate_v1_Empty__Output } from '../../constellate/v1/Empty.js';
import type { HopAck as _constellate_v1_HopAck, HopAck__Output as _constellate_v1_HopAck__Output } from '../../constellate/v1/HopAck.js';
import type { HopFrame as _constellate_v1_HopFrame, HopFrame__Output as _constellate_v1_HopFrame__Output } from '../../constellate/v1/HopFrame.js';
import type { InjectBatch as _constellate_v1_InjectBatch, InjectBatch__Output as _constellate_v1_InjectBatch__Output } from '../../constellate/v1/InjectBatch.js';
import type { InjectManyReply as _constellate_v1_InjectManyReply, InjectManyReply__Output as _constellate_v1_InjectManyReply__Output } from '../../constellate/v1/InjectManyReply.js';
import type { InjectReply as _constellate_v1_InjectReply, InjectReply__Output as _constellate_v1_InjectReply__Output } from '../../constellate/v1/InjectReply.js';
import type { InjectRequest as _constellate_v1_InjectRequest, InjectRequest__Output as _constellate_v1_InjectRequest__Output } from '../../constellate/v1/InjectRequest.js';
import type { LinkTableUpdate as _constellate_v1_LinkTableUpdate, LinkTableUpdate__Output as _constellate_v1_LinkTableUpdate__Output } from '../../constellate/v1/LinkTableUpdate.js';
import type { NodeStatus as _constellate_v1_NodeStatus, NodeStatus__Output as _constellate_v1_NodeStatus__Output } from '../../constellate/v1/NodeStatus.js';
import type { PingReply as _constellate_v1_PingReply, PingReply__Output as _constellate_v1_PingReply__Output } from '../../constellate/v1/PingReply.js';
import type { PingRequest as _constellate_v1_PingRequest, PingRequest__Output as _constellate_v1_PingRequest__Output } from '../../constellate/v1/PingRequest.js';
import type { PingToken as _constellate_v1_PingToken, PingToken__Output as _constellate_v1_PingToken__Output } from '../../constellate/v1/PingToken.js';

export interface NodeClient extends grpc.Client {
  AwaitPing(argument: _constellate_v1_PingToken, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_PingReply__Output>): grpc.ClientUnaryCall;
  AwaitPing(argument: _constellate_v1_PingToken, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_PingReply__Output>): grpc.ClientUnaryCall;
  AwaitPing(argument: _constellate_v1_PingToken, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_PingReply__Output>): grpc.ClientUnaryCall;
  AwaitPing(argument: _constellate_v1_PingToken, callback: grpc.requestCallback<_constellate_v1_PingReply__Output>): grpc.ClientUnaryCall;
  awaitPing(argument: _constellate_v1_PingToken, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_PingReply__Output>): grpc.ClientUnaryCall;
  awaitPing(argument: _constellate_v1_PingToken, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_PingReply__Output>): grpc.ClientUnaryCall;
  awaitPing(argument: _constellate_v1_PingToken, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_PingReply__Output>): grpc.ClientUnaryCall;
  awaitPing(argument: _constellate_v1_PingToken, callback: grpc.requestCallback<_constellate_v1_PingReply__Output>): grpc.ClientUnaryCall;
  
  /**
   * One hop: the previous node has queued and serialized the bundle; hold it until arrival_run_ms.
   */
  Deliver(argument: _constellate_v1_Bundle, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_DeliverAck__Output>): grpc.ClientUnaryCall;
  Deliver(argument: _constellate_v1_Bundle, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_DeliverAck__Output>): grpc.ClientUnaryCall;
  Deliver(argument: _constellate_v1_Bundle, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_DeliverAck__Output>): grpc.ClientUnaryCall;
  Deliver(argument: _constellate_v1_Bundle, callback: grpc.requestCallback<_constellate_v1_DeliverAck__Output>): grpc.ClientUnaryCall;
  /**
   * One hop: the previous node has queued and serialized the bundle; hold it until arrival_run_ms.
   */
  deliver(argument: _constellate_v1_Bundle, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_DeliverAck__Output>): grpc.ClientUnaryCall;
  deliver(argument: _constellate_v1_Bundle, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_DeliverAck__Output>): grpc.ClientUnaryCall;
  deliver(argument: _constellate_v1_Bundle, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_DeliverAck__Output>): grpc.ClientUnaryCall;
  deliver(argument: _constellate_v1_Bundle, callback: grpc.requestCallback<_constellate_v1_DeliverAck__Output>): grpc.ClientUnaryCall;
  
  /**
   * Same, several at once (the sender coalesces hops to one peer made in the same event-loop turn).
   */
  DeliverBatch(argument: _constellate_v1_BundleBatch, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_DeliverAck__Output>): grpc.ClientUnaryCall;
  DeliverBatch(argument: _constellate_v1_BundleBatch, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_DeliverAck__Output>): grpc.ClientUnaryCall;
  DeliverBatch(argument: _constellate_v1_BundleBatch, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_DeliverAck__Output>): grpc.ClientUnaryCall;
  DeliverBatch(argument: _constellate_v1_BundleBatch, callback: grpc.requestCallback<_constellate_v1_DeliverAck__Output>): grpc.ClientUnaryCall;
  /**
   * Same, several at once (the sender coalesces hops to one peer made in the same event-loop turn).
   */
  deliverBatch(argument: _constellate_v1_BundleBatch, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_DeliverAck__Output>): grpc.ClientUnaryCall;
  deliverBatch(argument: _constellate_v1_BundleBatch, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_DeliverAck__Output>): grpc.ClientUnaryCall;
  deliverBatch(argument: _constellate_v1_BundleBatch, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_DeliverAck__Output>): grpc.ClientUnaryCall;
  deliverBatch(argument: _constellate_v1_BundleBatch, callback: grpc.requestCallback<_constellate_v1_DeliverAck__Output>): grpc.ClientUnaryCall;
  
  /**
   * Next ground passes and link changes of this node (asks the controller).
   */
  GetContactPlan(argument: _constellate_v1_ContactPlanRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_ContactPlan__Output>): grpc.ClientUnaryCall;
  GetContactPlan(argument: _constellate_v1_ContactPlanRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_ContactPlan__Output>): grpc.ClientUnaryCall;
  GetContactPlan(argument: _constellate_v1_ContactPlanRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_ContactPlan__Output>): grpc.ClientUnaryCall;
  GetContactPlan(argument: _constellate_v1_ContactPlanRequest, callback: grpc.requestCallback<_constellate_v1_ContactPlan__Output>): grpc.ClientUnaryCall;
  /**
   * Next ground passes and link changes of this node (asks the controller).
   */
  getContactPlan(argument: _constellate_v1_ContactPlanRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_ContactPlan__Output>): grpc.ClientUnaryCall;
  getContactPlan(argument: _constellate_v1_ContactPlanRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_ContactPlan__Output>): grpc.ClientUnaryCall;
  getContactPlan(argument: _constellate_v1_ContactPlanRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_ContactPlan__Output>): grpc.ClientUnaryCall;
  getContactPlan(argument: _constellate_v1_ContactPlanRequest, callback: grpc.requestCallback<_constellate_v1_ContactPlan__Output>): grpc.ClientUnaryCall;
  
  GetStatus(argument: _constellate_v1_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_NodeStatus__Output>): grpc.ClientUnaryCall;
  GetStatus(argument: _constellate_v1_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_NodeStatus__Output>): grpc.ClientUnaryCall;
  GetStatus(argument: _constellate_v1_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_NodeStatus__Output>): grpc.ClientUnaryCall;
  GetStatus(argument: _constellate_v1_Empty, callback: grpc.requestCallback<_constellate_v1_NodeStatus__Output>): grpc.ClientUnaryCall;
  getStatus(argument: _constellate_v1_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_NodeStatus__Output>): grpc.ClientUnaryCall;
  getStatus(argument: _constellate_v1_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_NodeStatus__Output>): grpc.ClientUnaryCall;
  getStatus(argument: _constellate_v1_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_NodeStatus__Output>): grpc.ClientUnaryCall;
  getStatus(argument: _constellate_v1_Empty, callback: grpc.requestCallback<_constellate_v1_NodeStatus__Output>): grpc.ClientUnaryCall;
  
  /**
   * What nodes use between themselves: one long-lived stream per peer, a frame per batch of hops,
   * each frame answered by an ack with its seq. Same meaning as DeliverBatch, without the HTTP/2
   * stream and call state per hop that a unary call costs (measured: ~2 MB of it survived every
   * young-generation GC, which made each GC pause 5-10 ms; a stream message leaves ~7 KB).
   */
  Hops(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_constellate_v1_HopFrame, _constellate_v1_HopAck__Output>;
  Hops(options?: grpc.CallOptions): grpc.ClientDuplexStream<_constellate_v1_HopFrame, _constellate_v1_HopAck__Output>;
  /**
   * What nodes use between themselves: one long-lived stream per peer, a frame per batch of hops,
   * each frame answered by an ack with its seq. Same meaning as DeliverBatch, without the HTTP/2
   * stream and call state per hop that a unary call costs (measured: ~2 MB of it survived every
   * young-generation GC, which made each GC pause 5-10 ms; a stream message leaves ~7 KB).
   */
  hops(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_constellate_v1_HopFrame, _constellate_v1_HopAck__Output>;
  hops(options?: grpc.CallOptions): grpc.ClientDuplexStream<_constellate_v1_HopFrame, _constellate_v1_HopAck__Output>;
  
  /**
   * Originate a bundle at this node at virtual time at_unix_ms (0 = now).
   */
  Inject(argument: _constellate_v1_InjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_InjectReply__Output>): grpc.ClientUnaryCall;
  Inject(argument: _constellate_v1_InjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_InjectReply__Output>): grpc.ClientUnaryCall;
  Inject(argument: _constellate_v1_InjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_InjectReply__Output>): grpc.ClientUnaryCall;
  Inject(argument: _constellate_v1_InjectRequest, callback: grpc.requestCallback<_constellate_v1_InjectReply__Output>): grpc.ClientUnaryCall;
  /**
   * Originate a bundle at this node at virtual time at_unix_ms (0 = now).
   */
  inject(argument: _constellate_v1_InjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_InjectReply__Output>): grpc.ClientUnaryCall;
  inject(argument: _constellate_v1_InjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_InjectReply__Output>): grpc.ClientUnaryCall;
  inject(argument: _constellate_v1_InjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_InjectReply__Output>): grpc.ClientUnaryCall;
  inject(argument: _constellate_v1_InjectRequest, callback: grpc.requestCallback<_constellate_v1_InjectReply__Output>): grpc.ClientUnaryCall;
  
  InjectMany(argument: _constellate_v1_InjectBatch, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_InjectManyReply__Output>): grpc.ClientUnaryCall;
  InjectMany(argument: _constellate_v1_InjectBatch, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_InjectManyReply__Output>): grpc.ClientUnaryCall;
  InjectMany(argument: _constellate_v1_InjectBatch, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_InjectManyReply__Output>): grpc.ClientUnaryCall;
  InjectMany(argument: _constellate_v1_InjectBatch, callback: grpc.requestCallback<_constellate_v1_InjectManyReply__Output>): grpc.ClientUnaryCall;
  injectMany(argument: _constellate_v1_InjectBatch, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_InjectManyReply__Output>): grpc.ClientUnaryCall;
  injectMany(argument: _constellate_v1_InjectBatch, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_InjectManyReply__Output>): grpc.ClientUnaryCall;
  injectMany(argument: _constellate_v1_InjectBatch, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_InjectManyReply__Output>): grpc.ClientUnaryCall;
  injectMany(argument: _constellate_v1_InjectBatch, callback: grpc.requestCallback<_constellate_v1_InjectManyReply__Output>): grpc.ClientUnaryCall;
  
  /**
   * One echo round trip through the mesh (or fiber) to another node.
   */
  Ping(argument: _constellate_v1_PingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_PingReply__Output>): grpc.ClientUnaryCall;
  Ping(argument: _constellate_v1_PingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_PingReply__Output>): grpc.ClientUnaryCall;
  Ping(argument: _constellate_v1_PingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_PingReply__Output>): grpc.ClientUnaryCall;
  Ping(argument: _constellate_v1_PingRequest, callback: grpc.requestCallback<_constellate_v1_PingReply__Output>): grpc.ClientUnaryCall;
  /**
   * One echo round trip through the mesh (or fiber) to another node.
   */
  ping(argument: _constellate_v1_PingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_PingReply__Output>): grpc.ClientUnaryCall;
  ping(argument: _constellate_v1_PingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_PingReply__Output>): grpc.ClientUnaryCall;
  ping(argument: _constellate_v1_PingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_PingReply__Output>): grpc.ClientUnaryCall;
  ping(argument: _constellate_v1_PingRequest, callback: grpc.requestCallback<_constellate_v1_PingReply__Output>): grpc.ClientUnaryCall;
  
  /**
   * Virtual clock: start a ping now (answers once it is registered, so the controller can hold the
   * clock until then), and wait for its reply.
   */
  StartPing(argument: _constellate_v1_PingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_PingToken__Output>): grpc.ClientUnaryCall;
  StartPing(argument: _constellate_v1_PingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_PingToken__Output>): grpc.ClientUnaryCall;
  StartPing(argument: _constellate_v1_PingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_PingToken__Output>): grpc.ClientUnaryCall;
  StartPing(argument: _constellate_v1_PingRequest, callback: grpc.requestCallback<_constellate_v1_PingToken__Output>): grpc.ClientUnaryCall;
  /**
   * Virtual clock: start a ping now (answers once it is registered, so the controller can hold the
   * clock until then), and wait for its reply.
   */
  startPing(argument: _constellate_v1_PingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_PingToken__Output>): grpc.ClientUnaryCall;
  startPing(argument: _constellate_v1_PingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_PingToken__Output>): grpc.ClientUnaryCall;
  startPing(argument: _constellate_v1_PingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_PingToken__Output>): grpc.ClientUnaryCall;
  startPing(argument: _constellate_v1_PingRequest, callback: grpc.requestCallback<_constellate_v1_PingToken__Output>): grpc.ClientUnaryCall;
  
  WatchClock(argument: _constellate_v1_Empty, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_constellate_v1_ClockSync__Output>;
  WatchClock(argument: _constellate_v1_Empty, options?: grpc.CallOptions): grpc.ClientReadableStream<_constellate_v1_ClockSync__Output>;
  watchClock(argument: _constellate_v1_Empty, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_constellate_v1_ClockSync__Output>;
  watchClock(argument: _constellate_v1_Empty, options?: grpc.CallOptions): grpc.ClientReadableStream<_constellate_v1_ClockSync__Output>;
  
  /**
   * The node's link table: LinkTableUpdate.full first, then a .diff for each change.
   */
  WatchLinks(argument: _constellate_v1_Empty, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_constellate_v1_LinkTableUpdate__Output>;
  WatchLinks(argument: _constellate_v1_Empty, options?: grpc.CallOptions): grpc.ClientReadableStream<_constellate_v1_LinkTableUpdate__Output>;
  /**
   * The node's link table: LinkTableUpdate.full first, then a .diff for each change.
   */
  watchLinks(argument: _constellate_v1_Empty, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_constellate_v1_LinkTableUpdate__Output>;
  watchLinks(argument: _constellate_v1_Empty, options?: grpc.CallOptions): grpc.ClientReadableStream<_constellate_v1_LinkTableUpdate__Output>;
  
}

export interface NodeHandlers extends grpc.UntypedServiceImplementation {
  AwaitPing: grpc.handleUnaryCall<_constellate_v1_PingToken__Output, _constellate_v1_PingReply>;
  
  /**
   * One hop: the previous node has queued and serialized the bundle; hold it until arrival_run_ms.
   */
  Deliver: grpc.handleUnaryCall<_constellate_v1_Bundle__Output, _constellate_v1_DeliverAck>;
  
  /**
   * Same, several at once (the sender coalesces hops to one peer made in the same event-loop turn).
   */
  DeliverBatch: grpc.handleUnaryCall<_constellate_v1_BundleBatch__Output, _constellate_v1_DeliverAck>;
  
  /**
   * Next ground passes and link changes of this node (asks the controller).
   */
  GetContactPlan: grpc.handleUnaryCall<_constellate_v1_ContactPlanRequest__Output, _constellate_v1_ContactPlan>;
  
  GetStatus: grpc.handleUnaryCall<_constellate_v1_Empty__Output, _constellate_v1_NodeStatus>;
  
  /**
   * What nodes use between themselves: one long-lived stream per peer, a frame per batch of hops,
   * each frame answered by an ack with its seq. Same meaning as DeliverBatch, without the HTTP/2
   * stream and call state per hop that a unary call costs (measured: ~2 MB of it survived every
   * young-generation GC, which made each GC pause 5-10 ms; a stream message leaves ~7 KB).
   */
  Hops: grpc.handleBidiStreamingCall<_constellate_v1_HopFrame__Output, _constellate_v1_HopAck>;
  
  /**
   * Originate a bundle at this node at virtual time at_unix_ms (0 = now).
   */
  Inject: grpc.handleUnaryCall<_constellate_v1_InjectRequest__Output, _constellate_v1_InjectReply>;
  
  InjectMany: grpc.handleUnaryCall<_constellate_v1_InjectBatch__Output, _constellate_v1_InjectManyReply>;
  
  /**
   * One echo round trip through the mesh (or fiber) to another node.
   */
  Ping: grpc.handleUnaryCall<_constellate_v1_PingRequest__Output, _constellate_v1_PingReply>;
  
  /**
   * Virtual clock: start a ping now (answers once it is registered, so the controller can hold the
   * clock until then), and wait for its reply.
   */
  StartPing: grpc.handleUnaryCall<_constellate_v1_PingRequest__Output, _constellate_v1_PingToken>;
  
  WatchClock: grpc.handleServerStreamingCall<_constellate_v1_Empty__Output, _constellate_v1_ClockSync>;
  
  /**
   * The node's link table: LinkTableUpdate.full first, then a .diff for each change.
   */
  WatchLinks: grpc.handleServerStreamingCall<_constellate_v1_Empty__Output, _constellate_v1_LinkTableUpdate>;
  
}

export interface NodeDefinition extends grpc.ServiceDefinition {
  AwaitPing: MethodDefinition<_constellate_v1_PingToken, _constellate_v1_PingReply, _constellate_v1_PingToken__Output, _constellate_v1_PingReply__Output>
  Deliver: MethodDefinition<_constellate_v1_Bundle, _constellate_v1_DeliverAck, _constellate_v1_Bundle__Output, _constellate_v1_DeliverAck__Output>
  DeliverBatch: MethodDefinition<_constellate_v1_BundleBatch, _constellate_v1_DeliverAck, _constellate_v1_BundleBatch__Output, _constellate_v1_DeliverAck__Output>
  GetContactPlan: MethodDefinition<_constellate_v1_ContactPlanRequest, _constellate_v1_ContactPlan, _constellate_v1_ContactPlanRequest__Output, _constellate_v1_ContactPlan__Output>
  GetStatus: MethodDefinition<_constellate_v1_Empty, _constellate_v1_NodeStatus, _constellate_v1_Empty__Output, _constellate_v1_NodeStatus__Output>
  Hops: MethodDefinition<_constellate_v1_HopFrame, _constellate_v1_HopAck, _constellate_v1_HopFrame__Output, _constellate_v1_HopAck__Output>
  Inject: MethodDefinition<_constellate_v1_InjectRequest, _constellate_v1_InjectReply, _constellate_v1_InjectRequest__Output, _constellate_v1_InjectReply__Output>
  InjectMany: MethodDefinition<_constellate_v1_InjectBatch, _constellate_v1_InjectManyReply, _constellate_v1_InjectBatch__Output, _constellate_v1_InjectManyReply__Output>
  Ping: MethodDefinition<_constellate_v1_PingRequest, _constellate_v1_PingReply, _constellate_v1_PingRequest__Output, _constellate_v1_PingReply__Output>
  StartPing: MethodDefinition<_constellate_v1_PingRequest, _constellate_v1_PingToken, _constellate_v1_PingRequest__Output, _constellate_v1_PingToken__Output>
  WatchClock: MethodDefinition<_constellate_v1_Empty, _constellate_v1_ClockSync, _constellate_v1_Empty__Output, _constellate_v1_ClockSync__Output>
  WatchLinks: MethodDefinition<_constellate_v1_Empty, _constellate_v1_LinkTableUpdate, _constellate_v1_Empty__Output, _constellate_v1_LinkTableUpdate__Output>
}
