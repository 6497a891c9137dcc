// Original file: proto/constellate/v1/controller.proto


export interface WantRoutesRequest {
  'destinations'?: (number)[];
}

export interface WantRoutesRequest__Output {
  'destinations': (number)[];
}
