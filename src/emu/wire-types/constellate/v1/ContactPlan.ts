// Original file: proto/constellate/v1/node.proto

import type { Contact as _constellate_v1_Contact, Contact__Output as _constellate_v1_Contact__Output } from '../../constellate/v1/Contact.js';

export interface ContactPlan {
  'node'?: (number);
  'fromUnixMs'?: (number | string);
  'toUnixMs'?: (number | string);
  /**
   * Ground contacts (passes as the mesh's ground-link rules see them).
   */
  'passes'?: (_constellate_v1_Contact)[];
  /**
   * Every link interval (ISL and ground) within the horizon; start/end clipped to it.
   */
  'links'?: (_constellate_v1_Contact)[];
}

export interface ContactPlan__Output {
  'node': (number);
  'fromUnixMs': (number);
  'toUnixMs': (number);
  /**
   * Ground contacts (passes as the mesh's ground-link rules see them).
   */
  'passes': (_constellate_v1_Contact__Output)[];
  /**
   * Every link interval (ISL and ground) within the horizon; start/end clipped to it.
   */
  'links': (_constellate_v1_Contact__Output)[];
}
