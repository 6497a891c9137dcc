// Original file: proto/constellate/v1/apps.proto


export interface AppHello {
  'token'?: (string);
  /**
   * The app's name (its file name without extension); must match the launch's.
   */
  'app'?: (string);
  /**
   * Nodes to claim: names, ids, or one of "satellites", "stations", "all".
   */
  'nodes'?: (string)[];
}

export interface AppHello__Output {
  'token': (string);
  /**
   * The app's name (its file name without extension); must match the launch's.
   */
  'app': (string);
  /**
   * Nodes to claim: names, ids, or one of "satellites", "stations", "all".
   */
  'nodes': (string)[];
}
