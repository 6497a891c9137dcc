// Original file: proto/constellate/v1/apps.proto


export interface AppYield {
  'node'?: (number);
  /**
   * The event answered.
   */
  'eventTUnixMs'?: (number | string);
  /**
   * Next AppTimer for this node; 0: none (a later yield may set one).
   */
  'wakeAtUnixMs'?: (number | string);
}

export interface AppYield__Output {
  'node': (number);
  /**
   * The event answered.
   */
  'eventTUnixMs': (number);
  /**
   * Next AppTimer for this node; 0: none (a later yield may set one).
   */
  'wakeAtUnixMs': (number);
}
