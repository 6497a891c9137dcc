// Original file: proto/constellate/v1/controller.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { BundleEventBatch as _constellate_v1_BundleEventBatch, BundleEventBatch__Output as _constellate_v1_BundleEventBatch__Output } from '../../constellate/v1/BundleEventBatch.js';
import type { ClockSync as _constellate_v1_ClockSync, ClockSync__Output as _constellate_v1_ClockSync__Output } from '../../constellate/v1/ClockSync.js';
import type { ContactPlan as _constellate_v1_ContactPlan, ContactPlan__Output as _constellate_v1_ContactPlan__Output } from '../../constellate/v1/ContactPlan.js';
import type { ContactPlanRequest as _constellate_v1_ContactPlanRequest, ContactPlanRequest__Output as _constellate_v1_ContactPlanRequest__Output } from '../../constellate/v1/ContactPlanRequest.js';
import type { Empty as _constellate_v1_Empty, Empty__Output as _constellate_v1_Empty__Output } from '../../constellate/v1/Empty.js';
import type { EmulationStatus as _constellate_v1_EmulationStatus, EmulationStatus__Output as _constellate_v1_EmulationStatus__Output } from '../../constellate/v1/EmulationStatus.js';
import type { HostInfo as _constellate_v1_HostInfo, HostInfo__Output as _constellate_v1_HostInfo__Output } from '../../constellate/v1/HostInfo.js';
import type { Metrics as _constellate_v1_Metrics, Metrics__Output as _constellate_v1_Metrics__Output } from '../../constellate/v1/Metrics.js';
import type { ModelRouteReply as _constellate_v1_ModelRouteReply, ModelRouteReply__Output as _constellate_v1_ModelRouteReply__Output } from '../../constellate/v1/ModelRouteReply.js';
import type { ModelRouteRequest as _constellate_v1_ModelRouteRequest, ModelRouteRequest__Output as _constellate_v1_ModelRouteRequest__Output } from '../../constellate/v1/ModelRouteRequest.js';
import type { NodeUpdate as _constellate_v1_NodeUpdate, NodeUpdate__Output as _constellate_v1_NodeUpdate__Output } from '../../constellate/v1/NodeUpdate.js';
import type { RegisterRequest as _constellate_v1_RegisterRequest, RegisterRequest__Output as _constellate_v1_RegisterRequest__Output } from '../../constellate/v1/RegisterRequest.js';
import type { RunTopology as _constellate_v1_RunTopology, RunTopology__Output as _constellate_v1_RunTopology__Output } from '../../constellate/v1/RunTopology.js';
import type { StatusRequest as _constellate_v1_StatusRequest, StatusRequest__Output as _constellate_v1_StatusRequest__Output } from '../../constellate/v1/StatusRequest.js';
import type { WantRoutesRequest as _constellate_v1_WantRoutesRequest, WantRoutesRequest__Output as _constellate_v1_WantRoutesRequest__Output } from '../../constellate/v1/WantRoutesRequest.js';
import type { WatchBundlesRequest as _constellate_v1_WatchBundlesRequest, WatchBundlesRequest__Output as _constellate_v1_WatchBundlesRequest__Output } from '../../constellate/v1/WatchBundlesRequest.js';
import type { WatchTopologyRequest as _constellate_v1_WatchTopologyRequest, WatchTopologyRequest__Output as _constellate_v1_WatchTopologyRequest__Output } from '../../constellate/v1/WatchTopologyRequest.js';
import type { WatchedBundles as _constellate_v1_WatchedBundles, WatchedBundles__Output as _constellate_v1_WatchedBundles__Output } from '../../constellate/v1/WatchedBundles.js';

export interface ControllerClient extends grpc.Client {
  GetContactPlan(argument: _constellate_v1_ContactPlanRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_ContactPlan__Output>): grpc.ClientUnaryCall;
  GetContactPlan(argument: _constellate_v1_ContactPlanRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_ContactPlan__Output>): grpc.ClientUnaryCall;
  GetContactPlan(argument: _constellate_v1_ContactPlanRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_ContactPlan__Output>): grpc.ClientUnaryCall;
  GetContactPlan(argument: _constellate_v1_ContactPlanRequest, callback: grpc.requestCallback<_constellate_v1_ContactPlan__Output>): grpc.ClientUnaryCall;
  getContactPlan(argument: _constellate_v1_ContactPlanRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_ContactPlan__Output>): grpc.ClientUnaryCall;
  getContactPlan(argument: _constellate_v1_ContactPlanRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_ContactPlan__Output>): grpc.ClientUnaryCall;
  getContactPlan(argument: _constellate_v1_ContactPlanRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_ContactPlan__Output>): grpc.ClientUnaryCall;
  getContactPlan(argument: _constellate_v1_ContactPlanRequest, callback: grpc.requestCallback<_constellate_v1_ContactPlan__Output>): grpc.ClientUnaryCall;
  
  /**
   * With node_states set, the reply carries each asked node's NodeState (queue bytes, app values),
   * read from the hosts at the call. An empty request (the former Empty) is the same as before.
   */
  GetStatus(argument: _constellate_v1_StatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_EmulationStatus__Output>): grpc.ClientUnaryCall;
  GetStatus(argument: _constellate_v1_StatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_EmulationStatus__Output>): grpc.ClientUnaryCall;
  GetStatus(argument: _constellate_v1_StatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_EmulationStatus__Output>): grpc.ClientUnaryCall;
  GetStatus(argument: _constellate_v1_StatusRequest, callback: grpc.requestCallback<_constellate_v1_EmulationStatus__Output>): grpc.ClientUnaryCall;
  /**
   * With node_states set, the reply carries each asked node's NodeState (queue bytes, app values),
   * read from the hosts at the call. An empty request (the former Empty) is the same as before.
   */
  getStatus(argument: _constellate_v1_StatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_EmulationStatus__Output>): grpc.ClientUnaryCall;
  getStatus(argument: _constellate_v1_StatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_EmulationStatus__Output>): grpc.ClientUnaryCall;
  getStatus(argument: _constellate_v1_StatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_EmulationStatus__Output>): grpc.ClientUnaryCall;
  getStatus(argument: _constellate_v1_StatusRequest, callback: grpc.requestCallback<_constellate_v1_EmulationStatus__Output>): grpc.ClientUnaryCall;
  
  ModelRoute(argument: _constellate_v1_ModelRouteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_ModelRouteReply__Output>): grpc.ClientUnaryCall;
  ModelRoute(argument: _constellate_v1_ModelRouteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_ModelRouteReply__Output>): grpc.ClientUnaryCall;
  ModelRoute(argument: _constellate_v1_ModelRouteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_ModelRouteReply__Output>): grpc.ClientUnaryCall;
  ModelRoute(argument: _constellate_v1_ModelRouteRequest, callback: grpc.requestCallback<_constellate_v1_ModelRouteReply__Output>): grpc.ClientUnaryCall;
  modelRoute(argument: _constellate_v1_ModelRouteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_ModelRouteReply__Output>): grpc.ClientUnaryCall;
  modelRoute(argument: _constellate_v1_ModelRouteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_ModelRouteReply__Output>): grpc.ClientUnaryCall;
  modelRoute(argument: _constellate_v1_ModelRouteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_ModelRouteReply__Output>): grpc.ClientUnaryCall;
  modelRoute(argument: _constellate_v1_ModelRouteRequest, callback: grpc.requestCallback<_constellate_v1_ModelRouteReply__Output>): grpc.ClientUnaryCall;
  
  /**
   * A node registers and receives, for as long as both live, its updates (clock, link and route diffs).
   * The stream ending means the controller is gone: the node exits.
   */
  Register(argument: _constellate_v1_RegisterRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_constellate_v1_NodeUpdate__Output>;
  Register(argument: _constellate_v1_RegisterRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_constellate_v1_NodeUpdate__Output>;
  /**
   * A node registers and receives, for as long as both live, its updates (clock, link and route diffs).
   * The stream ending means the controller is gone: the node exits.
   */
  register(argument: _constellate_v1_RegisterRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_constellate_v1_NodeUpdate__Output>;
  register(argument: _constellate_v1_RegisterRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_constellate_v1_NodeUpdate__Output>;
  
  /**
   * A host process announces itself; the controller may then ask it to start/stop nodes.
   */
  RegisterHost(argument: _constellate_v1_HostInfo, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  RegisterHost(argument: _constellate_v1_HostInfo, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  RegisterHost(argument: _constellate_v1_HostInfo, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  RegisterHost(argument: _constellate_v1_HostInfo, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  /**
   * A host process announces itself; the controller may then ask it to start/stop nodes.
   */
  registerHost(argument: _constellate_v1_HostInfo, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  registerHost(argument: _constellate_v1_HostInfo, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  registerHost(argument: _constellate_v1_HostInfo, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  registerHost(argument: _constellate_v1_HostInfo, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  ReportEvents(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientWritableStream<_constellate_v1_BundleEventBatch>;
  ReportEvents(metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientWritableStream<_constellate_v1_BundleEventBatch>;
  ReportEvents(options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientWritableStream<_constellate_v1_BundleEventBatch>;
  ReportEvents(callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientWritableStream<_constellate_v1_BundleEventBatch>;
  reportEvents(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientWritableStream<_constellate_v1_BundleEventBatch>;
  reportEvents(metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientWritableStream<_constellate_v1_BundleEventBatch>;
  reportEvents(options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientWritableStream<_constellate_v1_BundleEventBatch>;
  reportEvents(callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientWritableStream<_constellate_v1_BundleEventBatch>;
  
  /**
   * A node needs routes toward a destination the controller does not track yet.
   */
  WantRoutes(argument: _constellate_v1_WantRoutesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  WantRoutes(argument: _constellate_v1_WantRoutesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  WantRoutes(argument: _constellate_v1_WantRoutesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  WantRoutes(argument: _constellate_v1_WantRoutesRequest, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  /**
   * A node needs routes toward a destination the controller does not track yet.
   */
  wantRoutes(argument: _constellate_v1_WantRoutesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  wantRoutes(argument: _constellate_v1_WantRoutesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  wantRoutes(argument: _constellate_v1_WantRoutesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  wantRoutes(argument: _constellate_v1_WantRoutesRequest, callback: grpc.requestCallback<_constellate_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  /**
   * The run's bundle events (created, delivered, dropped) as the hosts report them, for bundles
   * whose source is in sources and destination in destinations (an empty list: any). One message
   * per report the controller receives; a watcher that does not keep up loses events, counted.
   * The first message, sent at once, is empty: from it on, the watch sees every event.
   */
  WatchBundles(argument: _constellate_v1_WatchBundlesRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_constellate_v1_WatchedBundles__Output>;
  WatchBundles(argument: _constellate_v1_WatchBundlesRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_constellate_v1_WatchedBundles__Output>;
  /**
   * The run's bundle events (created, delivered, dropped) as the hosts report them, for bundles
   * whose source is in sources and destination in destinations (an empty list: any). One message
   * per report the controller receives; a watcher that does not keep up loses events, counted.
   * The first message, sent at once, is empty: from it on, the watch sees every event.
   */
  watchBundles(argument: _constellate_v1_WatchBundlesRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_constellate_v1_WatchedBundles__Output>;
  watchBundles(argument: _constellate_v1_WatchBundlesRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_constellate_v1_WatchedBundles__Output>;
  
  WatchClock(argument: _constellate_v1_Empty, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_constellate_v1_ClockSync__Output>;
  WatchClock(argument: _constellate_v1_Empty, options?: grpc.CallOptions): grpc.ClientReadableStream<_constellate_v1_ClockSync__Output>;
  watchClock(argument: _constellate_v1_Empty, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_constellate_v1_ClockSync__Output>;
  watchClock(argument: _constellate_v1_Empty, options?: grpc.CallOptions): grpc.ClientReadableStream<_constellate_v1_ClockSync__Output>;
  
  WatchMetrics(argument: _constellate_v1_Empty, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_constellate_v1_Metrics__Output>;
  WatchMetrics(argument: _constellate_v1_Empty, options?: grpc.CallOptions): grpc.ClientReadableStream<_constellate_v1_Metrics__Output>;
  watchMetrics(argument: _constellate_v1_Empty, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_constellate_v1_Metrics__Output>;
  watchMetrics(argument: _constellate_v1_Empty, options?: grpc.CallOptions): grpc.ClientReadableStream<_constellate_v1_Metrics__Output>;
  
  /**
   * The run's links as the controller computes them (read-only, for whoever draws the run, e.g.
   * constellate view): the latest computed step's at once, then one message per computed step, or
   * fewer with min_interval_wall_ms. Costs the step nothing while nobody watches.
   */
  WatchTopology(argument: _constellate_v1_WatchTopologyRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_constellate_v1_RunTopology__Output>;
  WatchTopology(argument: _constellate_v1_WatchTopologyRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_constellate_v1_RunTopology__Output>;
  /**
   * The run's links as the controller computes them (read-only, for whoever draws the run, e.g.
   * constellate view): the latest computed step's at once, then one message per computed step, or
   * fewer with min_interval_wall_ms. Costs the step nothing while nobody watches.
   */
  watchTopology(argument: _constellate_v1_WatchTopologyRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_constellate_v1_RunTopology__Output>;
  watchTopology(argument: _constellate_v1_WatchTopologyRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_constellate_v1_RunTopology__Output>;
  
}

export interface ControllerHandlers extends grpc.UntypedServiceImplementation {
  GetContactPlan: grpc.handleUnaryCall<_constellate_v1_ContactPlanRequest__Output, _constellate_v1_ContactPlan>;
  
  /**
   * With node_states set, the reply carries each asked node's NodeState (queue bytes, app values),
   * read from the hosts at the call. An empty request (the former Empty) is the same as before.
   */
  GetStatus: grpc.handleUnaryCall<_constellate_v1_StatusRequest__Output, _constellate_v1_EmulationStatus>;
  
  ModelRoute: grpc.handleUnaryCall<_constellate_v1_ModelRouteRequest__Output, _constellate_v1_ModelRouteReply>;
  
  /**
   * A node registers and receives, for as long as both live, its updates (clock, link and route diffs).
   * The stream ending means the controller is gone: the node exits.
   */
  Register: grpc.handleServerStreamingCall<_constellate_v1_RegisterRequest__Output, _constellate_v1_NodeUpdate>;
  
  /**
   * A host process announces itself; the controller may then ask it to start/stop nodes.
   */
  RegisterHost: grpc.handleUnaryCall<_constellate_v1_HostInfo__Output, _constellate_v1_Empty>;
  
  ReportEvents: grpc.handleClientStreamingCall<_constellate_v1_BundleEventBatch__Output, _constellate_v1_Empty>;
  
  /**
   * A node needs routes toward a destination the controller does not track yet.
   */
  WantRoutes: grpc.handleUnaryCall<_constellate_v1_WantRoutesRequest__Output, _constellate_v1_Empty>;
  
  /**
   * The run's bundle events (created, delivered, dropped) as the hosts report them, for bundles
   * whose source is in sources and destination in destinations (an empty list: any). One message
   * per report the controller receives; a watcher that does not keep up loses events, counted.
   * The first message, sent at once, is empty: from it on, the watch sees every event.
   */
  WatchBundles: grpc.handleServerStreamingCall<_constellate_v1_WatchBundlesRequest__Output, _constellate_v1_WatchedBundles>;
  
  WatchClock: grpc.handleServerStreamingCall<_constellate_v1_Empty__Output, _constellate_v1_ClockSync>;
  
  WatchMetrics: grpc.handleServerStreamingCall<_constellate_v1_Empty__Output, _constellate_v1_Metrics>;
  
  /**
   * The run's links as the controller computes them (read-only, for whoever draws the run, e.g.
   * constellate view): the latest computed step's at once, then one message per computed step, or
   * fewer with min_interval_wall_ms. Costs the step nothing while nobody watches.
   */
  WatchTopology: grpc.handleServerStreamingCall<_constellate_v1_WatchTopologyRequest__Output, _constellate_v1_RunTopology>;
  
}

export interface ControllerDefinition extends grpc.ServiceDefinition {
  GetContactPlan: MethodDefinition<_constellate_v1_ContactPlanRequest, _constellate_v1_ContactPlan, _constellate_v1_ContactPlanRequest__Output, _constellate_v1_ContactPlan__Output>
  GetStatus: MethodDefinition<_constellate_v1_StatusRequest, _constellate_v1_EmulationStatus, _constellate_v1_StatusRequest__Output, _constellate_v1_EmulationStatus__Output>
  ModelRoute: MethodDefinition<_constellate_v1_ModelRouteRequest, _constellate_v1_ModelRouteReply, _constellate_v1_ModelRouteRequest__Output, _constellate_v1_ModelRouteReply__Output>
  Register: MethodDefinition<_constellate_v1_RegisterRequest, _constellate_v1_NodeUpdate, _constellate_v1_RegisterRequest__Output, _constellate_v1_NodeUpdate__Output>
  RegisterHost: MethodDefinition<_constellate_v1_HostInfo, _constellate_v1_Empty, _constellate_v1_HostInfo__Output, _constellate_v1_Empty__Output>
  ReportEvents: MethodDefinition<_constellate_v1_BundleEventBatch, _constellate_v1_Empty, _constellate_v1_BundleEventBatch__Output, _constellate_v1_Empty__Output>
  WantRoutes: MethodDefinition<_constellate_v1_WantRoutesRequest, _constellate_v1_Empty, _constellate_v1_WantRoutesRequest__Output, _constellate_v1_Empty__Output>
  WatchBundles: MethodDefinition<_constellate_v1_WatchBundlesRequest, _constellate_v1_WatchedBundles, _constellate_v1_WatchBundlesRequest__Output, _constellate_v1_WatchedBundles__Output>
  WatchClock: MethodDefinition<_constellate_v1_Empty, _constellate_v1_ClockSync, _constellate_v1_Empty__Output, _constellate_v1_ClockSync__Output>
  WatchMetrics: MethodDefinition<_constellate_v1_Empty, _constellate_v1_Metrics, _constellate_v1_Empty__Output, _constellate_v1_Metrics__Output>
  WatchTopology: MethodDefinition<_constellate_v1_WatchTopologyRequest, _constellate_v1_RunTopology, _constellate_v1_WatchTopologyRequest__Output, _constellate_v1_RunTopology__Output>
}
