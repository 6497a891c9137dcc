// Original file: proto/constellate/v1/controller.proto


export interface NodeRef {
  'node'?: (number);
}

export interface NodeRef__Output {
  'node': (number);
}
