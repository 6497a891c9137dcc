// Original file: proto/constellate/v1/apps.proto

import type { Via as _constellate_v1_Via, Via__Output as _constellate_v1_Via__Output } from '../../constellate/v1/Via.js';

export interface AppSend {
  'node'?: (number);
  /**
   * The app's own reference, echoed in AppSendResult.
   */
  'seq'?: (number | string);
  /**
   * Destination node: name or id.
   */
  'to'?: (string);
  'payload'?: (Buffer | Uint8Array | string);
  'sizeBytes'?: (number | string);
  'metadata'?: ({[key: string]: string});
  'via'?: (_constellate_v1_Via);
  'ttlMs'?: (number | string);
  /**
   * Create the bundle at this instant (normally the event's t_unix_ms); 0: when it reaches the node.
   */
  'atUnixMs'?: (number | string);
  /**
   * App at the destination (default: this app).
   */
  'toApp'?: (string);
}

export interface AppSend__Output {
  'node': (number);
  /**
   * The app's own reference, echoed in AppSendResult.
   */
  'seq': (number);
  /**
   * Destination node: name or id.
   */
  'to': (string);
  'payload': (Buffer);
  'sizeBytes': (number);
  'metadata': ({[key: string]: string});
  'via': (_constellate_v1_Via__Output);
  'ttlMs': (number);
  /**
   * Create the bundle at this instant (normally the event's t_unix_ms); 0: when it reaches the node.
   */
  'atUnixMs': (number);
  /**
   * App at the destination (default: this app).
   */
  'toApp': (string);
}
