// Original file: proto/constellate/v1/bundle.proto

/**
 * Why a bundle was dropped (src/emu/bundle.ts DropReason; users see "ttl-expired", ...).
 */
export const DropReason = {
  DROP_REASON_UNSPECIFIED: 'DROP_REASON_UNSPECIFIED',
  /**
   * Its lifetime ended before delivery (held without a route, or queued too long).
   */
  DROP_REASON_TTL_EXPIRED: 'DROP_REASON_TTL_EXPIRED',
  /**
   * The link's FIFO byte limit was reached.
   */
  DROP_REASON_QUEUE_FULL: 'DROP_REASON_QUEUE_FULL',
  /**
   * The node holding it was stopped (fault injection) or the emulation shut it down.
   */
  DROP_REASON_NODE_STOPPED: 'DROP_REASON_NODE_STOPPED',
  /**
   * It was inside a node whose process died; reported by the controller's census.
   */
  DROP_REASON_LOST_WITH_NODE: 'DROP_REASON_LOST_WITH_NODE',
  /**
   * The destination id is not a node of this constellation.
   */
  DROP_REASON_NO_SUCH_DESTINATION: 'DROP_REASON_NO_SUCH_DESTINATION',
  /**
   * Payload larger than the declared size.
   */
  DROP_REASON_MALFORMED: 'DROP_REASON_MALFORMED',
} as const;

/**
 * Why a bundle was dropped (src/emu/bundle.ts DropReason; users see "ttl-expired", ...).
 */
export type DropReason =
  | 'DROP_REASON_UNSPECIFIED'
  | 0
  /**
   * Its lifetime ended before delivery (held without a route, or queued too long).
   */
  | 'DROP_REASON_TTL_EXPIRED'
  | 1
  /**
   * The link's FIFO byte limit was reached.
   */
  | 'DROP_REASON_QUEUE_FULL'
  | 2
  /**
   * The node holding it was stopped (fault injection) or the emulation shut it down.
   */
  | 'DROP_REASON_NODE_STOPPED'
  | 3
  /**
   * It was inside a node whose process died; reported by the controller's census.
   */
  | 'DROP_REASON_LOST_WITH_NODE'
  | 4
  /**
   * The destination id is not a node of this constellation.
   */
  | 'DROP_REASON_NO_SUCH_DESTINATION'
  | 5
  /**
   * Payload larger than the declared size.
   */
  | 'DROP_REASON_MALFORMED'
  | 6

/**
 * Why a bundle was dropped (src/emu/bundle.ts DropReason; users see "ttl-expired", ...).
 */
export type DropReason__Output = typeof DropReason[keyof typeof DropReason]
