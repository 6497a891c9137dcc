// Original file: proto/constellate/v1/controller.proto


export interface CensusReply {
  'ids'?: (string)[];
}

export interface CensusReply__Output {
  'ids': (string)[];
}
