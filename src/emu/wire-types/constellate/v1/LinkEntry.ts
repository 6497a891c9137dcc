// Original file: proto/constellate/v1/node.proto


export interface LinkEntry {
  'target'?: (number);
  'up'?: (boolean);
  'delayMs'?: (number | string);
  'capacityBps'?: (number | string);
  'kind'?: (number);
  'address'?: (string);
}

export interface LinkEntry__Output {
  'target': (number);
  'up': (boolean);
  'delayMs': (number);
  'capacityBps': (number);
  'kind': (number);
  'address': (string);
}
