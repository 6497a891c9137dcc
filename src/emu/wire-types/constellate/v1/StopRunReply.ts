// Original file: proto/constellate/v1/control.proto


export interface StopRunReply {
  /**
   * The launch's pid: the caller waits until it is gone.
   */
  'pid'?: (number);
}

export interface StopRunReply__Output {
  /**
   * The launch's pid: the caller waits until it is gone.
   */
  'pid': (number);
}
