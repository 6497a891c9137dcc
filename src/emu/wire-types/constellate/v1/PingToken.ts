// Original file: proto/constellate/v1/node.proto


export interface PingToken {
  'token'?: (string);
}

export interface PingToken__Output {
  'token': (string);
}
