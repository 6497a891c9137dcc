// Original file: proto/constellate/v1/node.proto

/**
 * Why a ping got no answer.
 */
export const PingFailure = {
  /**
   * It was answered (ok).
   */
  PING_FAILURE_UNSPECIFIED: 'PING_FAILURE_UNSPECIFIED',
  /**
   * No answer within the request's timeout_ms.
   */
  PING_FAILURE_TIMEOUT: 'PING_FAILURE_TIMEOUT',
  /**
   * The echo request was dropped: drop_reason and drop_detail say why.
   */
  PING_FAILURE_DROPPED: 'PING_FAILURE_DROPPED',
  /**
   * The pinging node was stopped before the answer came.
   */
  PING_FAILURE_NODE_STOPPED: 'PING_FAILURE_NODE_STOPPED',
} as const;

/**
 * Why a ping got no answer.
 */
export type PingFailure =
  /**
   * It was answered (ok).
   */
  | 'PING_FAILURE_UNSPECIFIED'
  | 0
  /**
   * No answer within the request's timeout_ms.
   */
  | 'PING_FAILURE_TIMEOUT'
  | 1
  /**
   * The echo request was dropped: drop_reason and drop_detail say why.
   */
  | 'PING_FAILURE_DROPPED'
  | 2
  /**
   * The pinging node was stopped before the answer came.
   */
  | 'PING_FAILURE_NODE_STOPPED'
  | 3

/**
 * Why a ping got no answer.
 */
export type PingFailure__Output = typeof PingFailure[keyof typeof PingFailure]
