// Original file: proto/constellate/v1/node.proto


export interface InjectManyReply {
  'ids'?: (string)[];
}

export interface InjectManyReply__Output {
  'ids': (string)[];
}
