// Original file: proto/constellate/v1/bundle.proto

/**
 * Which network a bundle between two ground stations takes.
 */
export const Via = {
  /**
   * Read as space.
   */
  VIA_UNSPECIFIED: 'VIA_UNSPECIFIED',
  VIA_SPACE: 'VIA_SPACE',
  VIA_FIBER: 'VIA_FIBER',
} as const;

/**
 * Which network a bundle between two ground stations takes.
 */
export type Via =
  /**
   * Read as space.
   */
  | 'VIA_UNSPECIFIED'
  | 0
  | 'VIA_SPACE'
  | 1
  | 'VIA_FIBER'
  | 2

/**
 * Which network a bundle between two ground stations takes.
 */
export type Via__Output = typeof Via[keyof typeof Via]
