// Original file: proto/constellate/v1/bundle.proto

/**
 * Which network a bundle between two ground stations takes.
 */
export const Via = {
  VIA_SPACE: 'VIA_SPACE',
  VIA_FIBER: 'VIA_FIBER',
} as const;

/**
 * Which network a bundle between two ground stations takes.
 */
export type Via =
  | 'VIA_SPACE'
  | 0
  | 'VIA_FIBER'
  | 1

/**
 * Which network a bundle between two ground stations takes.
 */
export type Via__Output = typeof Via[keyof typeof Via]
