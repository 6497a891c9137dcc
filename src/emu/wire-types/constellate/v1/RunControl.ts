// Original file: proto/constellate/v1/control.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { StopRunReply as _constellate_v1_StopRunReply, StopRunReply__Output as _constellate_v1_StopRunReply__Output } from '../../constellate/v1/StopRunReply.js';
import type { StopRunRequest as _constellate_v1_StopRunRequest, StopRunRequest__Output as _constellate_v1_StopRunRequest__Output } from '../../constellate/v1/StopRunRequest.js';

export interface RunControlClient extends grpc.Client {
  Stop(argument: _constellate_v1_StopRunRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_StopRunReply__Output>): grpc.ClientUnaryCall;
  Stop(argument: _constellate_v1_StopRunRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_StopRunReply__Output>): grpc.ClientUnaryCall;
  Stop(argument: _constellate_v1_StopRunRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_StopRunReply__Output>): grpc.ClientUnaryCall;
  Stop(argument: _constellate_v1_StopRunRequest, callback: grpc.requestCallback<_constellate_v1_StopRunReply__Output>): grpc.ClientUnaryCall;
  stop(argument: _constellate_v1_StopRunRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_StopRunReply__Output>): grpc.ClientUnaryCall;
  stop(argument: _constellate_v1_StopRunRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_constellate_v1_StopRunReply__Output>): grpc.ClientUnaryCall;
  stop(argument: _constellate_v1_StopRunRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_constellate_v1_StopRunReply__Output>): grpc.ClientUnaryCall;
  stop(argument: _constellate_v1_StopRunRequest, callback: grpc.requestCallback<_constellate_v1_StopRunReply__Output>): grpc.ClientUnaryCall;
  
}

export interface RunControlHandlers extends grpc.UntypedServiceImplementation {
  Stop: grpc.handleUnaryCall<_constellate_v1_StopRunRequest__Output, _constellate_v1_StopRunReply>;
  
}

export interface RunControlDefinition extends grpc.ServiceDefinition {
  Stop: MethodDefinition<_constellate_v1_StopRunRequest, _constellate_v1_StopRunReply, _constellate_v1_StopRunRequest__Output, _constellate_v1_StopRunReply__Output>
}
