// Original file: proto/constellate/v1/node.proto

/**
 * Why a node refused a Hops frame.
 */
export const HopRefusal = {
  /**
   * Accepted.
   */
  HOP_REFUSAL_UNSPECIFIED: 'HOP_REFUSAL_UNSPECIFIED',
  /**
   * The node is stopping.
   */
  HOP_REFUSAL_NODE_STOPPED: 'HOP_REFUSAL_NODE_STOPPED',
  /**
   * A bundle of the frame is out of the wire's bounds (wire-limits.ts).
   */
  HOP_REFUSAL_INVALID_BUNDLE: 'HOP_REFUSAL_INVALID_BUNDLE',
} as const;

/**
 * Why a node refused a Hops frame.
 */
export type HopRefusal =
  /**
   * Accepted.
   */
  | 'HOP_REFUSAL_UNSPECIFIED'
  | 0
  /**
   * The node is stopping.
   */
  | 'HOP_REFUSAL_NODE_STOPPED'
  | 1
  /**
   * A bundle of the frame is out of the wire's bounds (wire-limits.ts).
   */
  | 'HOP_REFUSAL_INVALID_BUNDLE'
  | 2

/**
 * Why a node refused a Hops frame.
 */
export type HopRefusal__Output = typeof HopRefusal[keyof typeof HopRefusal]
