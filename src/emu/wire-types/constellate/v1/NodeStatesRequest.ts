// Original file: proto/constellate/v1/controller.proto


export interface NodeStatesRequest {
  'nodes'?: (number)[];
}

export interface NodeStatesRequest__Output {
  'nodes': (number)[];
}
