// Original file: proto/constellate/v1/apps.proto

import type { AppNode as _constellate_v1_AppNode, AppNode__Output as _constellate_v1_AppNode__Output } from '../../constellate/v1/AppNode.js';

export interface AppWelcome {
  /**
   * The nodes claimed, by id.
   */
  'nodes'?: (_constellate_v1_AppNode)[];
  'tUnixMs'?: (number | string);
  /**
   * The app's options as given (--app-config, YAML), JSON; the app checks them.
   */
  'optionsJson'?: (string);
  /**
   * Non-empty: the attach was refused (bad token, unknown node); the stream ends.
   */
  'error'?: (string);
}

export interface AppWelcome__Output {
  /**
   * The nodes claimed, by id.
   */
  'nodes': (_constellate_v1_AppNode__Output)[];
  'tUnixMs': (number);
  /**
   * The app's options as given (--app-config, YAML), JSON; the app checks them.
   */
  'optionsJson': (string);
  /**
   * Non-empty: the attach was refused (bad token, unknown node); the stream ends.
   */
  'error': (string);
}
