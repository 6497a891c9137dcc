// Original file: proto/constellate/v1/controller.proto


export interface HostInfo {
  'hostId'?: (string);
  'address'?: (string);
  'pid'?: (number);
}

export interface HostInfo__Output {
  'hostId': (string);
  'address': (string);
  'pid': (number);
}
