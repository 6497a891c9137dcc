// Original file: proto/constellate/v1/node.proto


export interface Contact {
  'peer'?: (number);
  'peerName'?: (string);
  'kind'?: (number);
  'startMs'?: (number | string);
  'endMs'?: (number | string);
  'minDelayMs'?: (number | string);
}

export interface Contact__Output {
  'peer': (number);
  'peerName': (string);
  'kind': (number);
  'startMs': (number);
  'endMs': (number);
  'minDelayMs': (number);
}
