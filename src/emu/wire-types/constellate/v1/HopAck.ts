// Original file: proto/constellate/v1/node.proto


export interface HopAck {
  'seq'?: (number | string);
  'accepted'?: (boolean);
  /**
   * Why not, when not accepted (the node is stopping).
   */
  'reason'?: (string);
}

export interface HopAck__Output {
  'seq': (number);
  'accepted': (boolean);
  /**
   * Why not, when not accepted (the node is stopping).
   */
  'reason': (string);
}
