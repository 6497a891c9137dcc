// Original file: proto/constellate/v1/node.proto


export interface Contact {
  'peer'?: (number);
  'peerName'?: (string);
  'kind'?: (number);
  'startUnixMs'?: (number | string);
  'endUnixMs'?: (number | string);
  'minDelayMs'?: (number | string);
}

export interface Contact__Output {
  'peer': (number);
  'peerName': (string);
  'kind': (number);
  'startUnixMs': (number);
  'endUnixMs': (number);
  'minDelayMs': (number);
}
