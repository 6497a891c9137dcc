// Original file: proto/constellate/v1/apps.proto


export interface AppSendResult {
  'node'?: (number);
  'seq'?: (number | string);
  'ok'?: (boolean);
  'id'?: (string);
  /**
   * Why the node gave up on it (ok = false), e.g. "ttl-expired: no-route".
   */
  'reason'?: (string);
  'createdUnixMs'?: (number | string);
  'leftUnixMs'?: (number | string);
}

export interface AppSendResult__Output {
  'node': (number);
  'seq': (number);
  'ok': (boolean);
  'id': (string);
  /**
   * Why the node gave up on it (ok = false), e.g. "ttl-expired: no-route".
   */
  'reason': (string);
  'createdUnixMs': (number);
  'leftUnixMs': (number);
}
