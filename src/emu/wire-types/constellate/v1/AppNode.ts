// Original file: proto/constellate/v1/apps.proto


export interface AppNode {
  'id'?: (number);
  'name'?: (string);
  /**
   * "satellite" or "station".
   */
  'kind'?: (string);
}

export interface AppNode__Output {
  'id': (number);
  'name': (string);
  /**
   * "satellite" or "station".
   */
  'kind': (string);
}
