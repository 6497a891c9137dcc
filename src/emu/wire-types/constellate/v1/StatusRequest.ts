// Original file: proto/constellate/v1/controller.proto


export interface StatusRequest {
  'nodeStates'?: (boolean);
  /**
   * Which nodes' states (node ids); empty: every node that is up.
   */
  'nodes'?: (number)[];
}

export interface StatusRequest__Output {
  'nodeStates': (boolean);
  /**
   * Which nodes' states (node ids); empty: every node that is up.
   */
  'nodes': (number)[];
}
