// Original file: proto/constellate/v1/controller.proto


export interface Totals {
  'created'?: (number | string);
  'delivered'?: (number | string);
  'dropped'?: (number | string);
  'queued'?: (number | string);
  'droppedByReason'?: ({[key: string]: number | string});
}

export interface Totals__Output {
  'created': (number);
  'delivered': (number);
  'dropped': (number);
  'queued': (number);
  'droppedByReason': ({[key: string]: number});
}
