// Original file: proto/constellate/v1/apps.proto


/**
 * Internal (gateway to host): the app's stream ended; its nodes answer no more events, and virtual
 * time stops waiting for their yields.
 */
export interface AppRelease {
  'nodes'?: (number)[];
}

/**
 * Internal (gateway to host): the app's stream ended; its nodes answer no more events, and virtual
 * time stops waiting for their yields.
 */
export interface AppRelease__Output {
  'nodes': (number)[];
}
