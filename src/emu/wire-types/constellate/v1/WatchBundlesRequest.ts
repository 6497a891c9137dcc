// Original file: proto/constellate/v1/controller.proto


export interface WatchBundlesRequest {
  'sources'?: (number)[];
  'destinations'?: (number)[];
}

export interface WatchBundlesRequest__Output {
  'sources': (number)[];
  'destinations': (number)[];
}
