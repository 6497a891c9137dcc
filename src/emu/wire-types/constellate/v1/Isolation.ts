// Original file: proto/constellate/v1/controller.proto

/**
 * How the nodes are hosted (src/emu/settings.ts Isolation; users see "process", "pooled", "inproc").
 */
export const Isolation = {
  ISOLATION_UNSPECIFIED: 'ISOLATION_UNSPECIFIED',
  /**
   * One OS process per node.
   */
  ISOLATION_PROCESS: 'ISOLATION_PROCESS',
  /**
   * Many nodes per host process.
   */
  ISOLATION_POOLED: 'ISOLATION_POOLED',
  /**
   * Every node in the controller's process.
   */
  ISOLATION_INPROC: 'ISOLATION_INPROC',
} as const;

/**
 * How the nodes are hosted (src/emu/settings.ts Isolation; users see "process", "pooled", "inproc").
 */
export type Isolation =
  | 'ISOLATION_UNSPECIFIED'
  | 0
  /**
   * One OS process per node.
   */
  | 'ISOLATION_PROCESS'
  | 1
  /**
   * Many nodes per host process.
   */
  | 'ISOLATION_POOLED'
  | 2
  /**
   * Every node in the controller's process.
   */
  | 'ISOLATION_INPROC'
  | 3

/**
 * How the nodes are hosted (src/emu/settings.ts Isolation; users see "process", "pooled", "inproc").
 */
export type Isolation__Output = typeof Isolation[keyof typeof Isolation]
