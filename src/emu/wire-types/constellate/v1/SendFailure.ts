// Original file: proto/constellate/v1/apps.proto

/**
 * Why a send failed (AppSendResult.ok = false).
 */
export const SendFailure = {
  /**
   * It left the node (ok).
   */
  SEND_FAILURE_UNSPECIFIED: 'SEND_FAILURE_UNSPECIFIED',
  /**
   * A node gave up on it: drop_reason says why, reason_detail adds the no-route reason of a bundle
   * held until its TTL (users see "ttl-expired: no-route").
   */
  SEND_FAILURE_DROPPED: 'SEND_FAILURE_DROPPED',
  /**
   * Not sent at all (a payload over maxPayloadBytes, a destination that is no node): reason_detail.
   */
  SEND_FAILURE_REFUSED: 'SEND_FAILURE_REFUSED',
} as const;

/**
 * Why a send failed (AppSendResult.ok = false).
 */
export type SendFailure =
  /**
   * It left the node (ok).
   */
  | 'SEND_FAILURE_UNSPECIFIED'
  | 0
  /**
   * A node gave up on it: drop_reason says why, reason_detail adds the no-route reason of a bundle
   * held until its TTL (users see "ttl-expired: no-route").
   */
  | 'SEND_FAILURE_DROPPED'
  | 1
  /**
   * Not sent at all (a payload over maxPayloadBytes, a destination that is no node): reason_detail.
   */
  | 'SEND_FAILURE_REFUSED'
  | 2

/**
 * Why a send failed (AppSendResult.ok = false).
 */
export type SendFailure__Output = typeof SendFailure[keyof typeof SendFailure]
