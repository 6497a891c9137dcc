// Original file: proto/constellate/v1/apps.proto


export interface AppClaim {
  'nodes'?: (number)[];
}

export interface AppClaim__Output {
  'nodes': (number)[];
}
