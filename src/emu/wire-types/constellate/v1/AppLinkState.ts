// Original file: proto/constellate/v1/apps.proto


export interface AppLinkState {
  'peer'?: (number);
  'peerName'?: (string);
  /**
   * "isl", "uplink", "downlink" or "fiber".
   */
  'kind'?: (string);
  'delayMs'?: (number | string);
  'capacityBps'?: (number | string);
}

export interface AppLinkState__Output {
  'peer': (number);
  'peerName': (string);
  /**
   * "isl", "uplink", "downlink" or "fiber".
   */
  'kind': (string);
  'delayMs': (number);
  'capacityBps': (number);
}
