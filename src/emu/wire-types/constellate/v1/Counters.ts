// Original file: proto/constellate/v1/node.proto


export interface Counters {
  'created'?: (number | string);
  'delivered'?: (number | string);
  'dropped'?: (number | string);
  'held'?: (number | string);
  'queued'?: (number | string);
  'inFlight'?: (number | string);
  'forwarded'?: (number | string);
  'received'?: (number | string);
  'droppedByReason'?: ({[key: string]: number | string});
  /**
   * Hold timers that fired more than 1 ms (wall, scaled to virtual) after their instant, and the worst
   * such lateness, virtual ms. Host jitter: it delays the handling, not the bundle's virtual time.
   */
  'lateEvents'?: (number | string);
  'maxLateMs'?: (number | string);
  /**
   * Hops whose bytes reached this node after their arrival instant (the lead did not hide the
   * transport), and the worst such lateness, virtual ms. This lateness is carried into virtual time.
   */
  'lateArrivals'?: (number | string);
  'maxArrivalLateMs'?: (number | string);
}

export interface Counters__Output {
  'created': (number);
  'delivered': (number);
  'dropped': (number);
  'held': (number);
  'queued': (number);
  'inFlight': (number);
  'forwarded': (number);
  'received': (number);
  'droppedByReason': ({[key: string]: number});
  /**
   * Hold timers that fired more than 1 ms (wall, scaled to virtual) after their instant, and the worst
   * such lateness, virtual ms. Host jitter: it delays the handling, not the bundle's virtual time.
   */
  'lateEvents': (number);
  'maxLateMs': (number);
  /**
   * Hops whose bytes reached this node after their arrival instant (the lead did not hide the
   * transport), and the worst such lateness, virtual ms. This lateness is carried into virtual time.
   */
  'lateArrivals': (number);
  'maxArrivalLateMs': (number);
}
