// Original file: proto/constellate/v1/node.proto


export interface InjectReply {
  'id'?: (string);
}

export interface InjectReply__Output {
  'id': (string);
}
