// Original file: proto/constellate/v1/apps.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AppDown as _constellate_v1_AppDown, AppDown__Output as _constellate_v1_AppDown__Output } from '../../constellate/v1/AppDown.js';
import type { AppUp as _constellate_v1_AppUp, AppUp__Output as _constellate_v1_AppUp__Output } from '../../constellate/v1/AppUp.js';

/**
 * Internal: each host process serves the claimed nodes it hosts through the launcher's gateway.
 * The host streams AppDown (events, send results) and receives AppUp (claims, sends, yields);
 * Call metadata: the run secret ("x-constellate-secret"), and the host's id and key
 * ("x-constellate-host-id", "x-constellate-host-key"); a stream without its host's key is refused.
 */
export interface AppBridgeClient extends grpc.Client {
  Serve(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_constellate_v1_AppDown, _constellate_v1_AppUp__Output>;
  Serve(options?: grpc.CallOptions): grpc.ClientDuplexStream<_constellate_v1_AppDown, _constellate_v1_AppUp__Output>;
  serve(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_constellate_v1_AppDown, _constellate_v1_AppUp__Output>;
  serve(options?: grpc.CallOptions): grpc.ClientDuplexStream<_constellate_v1_AppDown, _constellate_v1_AppUp__Output>;
  
}

/**
 * Internal: each host process serves the claimed nodes it hosts through the launcher's gateway.
 * The host streams AppDown (events, send results) and receives AppUp (claims, sends, yields);
 * Call metadata: the run secret ("x-constellate-secret"), and the host's id and key
 * ("x-constellate-host-id", "x-constellate-host-key"); a stream without its host's key is refused.
 */
export interface AppBridgeHandlers extends grpc.UntypedServiceImplementation {
  Serve: grpc.handleBidiStreamingCall<_constellate_v1_AppDown__Output, _constellate_v1_AppUp>;
  
}

export interface AppBridgeDefinition extends grpc.ServiceDefinition {
  Serve: MethodDefinition<_constellate_v1_AppDown, _constellate_v1_AppUp, _constellate_v1_AppDown__Output, _constellate_v1_AppUp__Output>
}
