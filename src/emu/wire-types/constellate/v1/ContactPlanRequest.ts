// Original file: proto/constellate/v1/node.proto


export interface ContactPlanRequest {
  'node'?: (number);
  'horizonMs'?: (number | string);
  'resolutionMs'?: (number | string);
}

export interface ContactPlanRequest__Output {
  'node': (number);
  'horizonMs': (number);
  'resolutionMs': (number);
}
