import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { RunControlClient as _constellate_v1_RunControlClient, RunControlDefinition as _constellate_v1_RunControlDefinition } from './constellate/v1/RunControl.js';
import type { StopRunReply as _constellate_v1_StopRunReply, StopRunReply__Output as _constellate_v1_StopRunReply__Output } from './constellate/v1/StopRunReply.js';
import type { StopRunRequest as _constellate_v1_StopRunRequest, StopRunRequest__Output as _constellate_v1_StopRunRequest__Output } from './constellate/v1/StopRunRequest.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  constellate: {
    v1: {
      RunControl: SubtypeConstructor<typeof grpc.Client, _constellate_v1_RunControlClient> & { service: _constellate_v1_RunControlDefinition }
      StopReason: EnumTypeDefinition
      StopRunReply: MessageTypeDefinition<_constellate_v1_StopRunReply, _constellate_v1_StopRunReply__Output>
      StopRunRequest: MessageTypeDefinition<_constellate_v1_StopRunRequest, _constellate_v1_StopRunRequest__Output>
    }
  }
}

