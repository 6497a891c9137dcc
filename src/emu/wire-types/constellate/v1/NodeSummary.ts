// Original file: proto/constellate/v1/controller.proto


export interface NodeSummary {
  'node'?: (number);
  'name'?: (string);
  'up'?: (boolean);
  'address'?: (string);
  'pid'?: (number);
  'hostId'?: (string);
  'restarts'?: (number);
}

export interface NodeSummary__Output {
  'node': (number);
  'name': (string);
  'up': (boolean);
  'address': (string);
  'pid': (number);
  'hostId': (string);
  'restarts': (number);
}
