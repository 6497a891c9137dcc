// Original file: proto/constellate/v1/node.proto


export interface DeliverAck {
  'accepted'?: (boolean);
}

export interface DeliverAck__Output {
  'accepted': (boolean);
}
