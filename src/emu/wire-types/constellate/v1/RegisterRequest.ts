// Original file: proto/constellate/v1/controller.proto


export interface RegisterRequest {
  'node'?: (number);
  'address'?: (string);
  'hostId'?: (string);
  'pid'?: (number);
}

export interface RegisterRequest__Output {
  'node': (number);
  'address': (string);
  'hostId': (string);
  'pid': (number);
}
