// Original file: proto/constellate/v1/apps.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AppDown as _constellate_v1_AppDown, AppDown__Output as _constellate_v1_AppDown__Output } from '../../constellate/v1/AppDown.js';
import type { AppUp as _constellate_v1_AppUp, AppUp__Output as _constellate_v1_AppUp__Output } from '../../constellate/v1/AppUp.js';

export interface AppsClient extends grpc.Client {
  /**
   * First message: AppUp.hello. Then AppDown.welcome, and events until the run ends.
   */
  Attach(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_constellate_v1_AppUp, _constellate_v1_AppDown__Output>;
  Attach(options?: grpc.CallOptions): grpc.ClientDuplexStream<_constellate_v1_AppUp, _constellate_v1_AppDown__Output>;
  /**
   * First message: AppUp.hello. Then AppDown.welcome, and events until the run ends.
   */
  attach(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_constellate_v1_AppUp, _constellate_v1_AppDown__Output>;
  attach(options?: grpc.CallOptions): grpc.ClientDuplexStream<_constellate_v1_AppUp, _constellate_v1_AppDown__Output>;
  
}

export interface AppsHandlers extends grpc.UntypedServiceImplementation {
  /**
   * First message: AppUp.hello. Then AppDown.welcome, and events until the run ends.
   */
  Attach: grpc.handleBidiStreamingCall<_constellate_v1_AppUp__Output, _constellate_v1_AppDown>;
  
}

export interface AppsDefinition extends grpc.ServiceDefinition {
  Attach: MethodDefinition<_constellate_v1_AppUp, _constellate_v1_AppDown, _constellate_v1_AppUp__Output, _constellate_v1_AppDown__Output>
}
