// Original file: proto/constellate/v1/controller.proto


/**
 * What a node is told once, when it registers.
 */
export interface NodeConfig {
  'name'?: (string);
  'queueLimitBytes'?: (number | string);
  /**
   * How long before a hop's arrival instant the sender sends it (wall ms; settings.leadWallMs).
   */
  'leadWallMs'?: (number | string);
  'satellites'?: (number);
  'stations'?: (number);
  'defaultTtlMs'?: (number | string);
  'maxPayloadBytes'?: (number | string);
  'pingSizeBytes'?: (number | string);
  /**
   * The topology step grid: tables change at step_origin_unix_ms + k * step_ms. A node may act
   * on a bundle before its arrival instant (cut-through) only within the step it is in. 0: unknown.
   */
  'stepMs'?: (number | string);
  'stepOriginUnixMs'?: (number | string);
  /**
   * Which registration of this node this is (bundle ids stay unique).
   */
  'incarnation'?: (number);
}

/**
 * What a node is told once, when it registers.
 */
export interface NodeConfig__Output {
  'name': (string);
  'queueLimitBytes': (number);
  /**
   * How long before a hop's arrival instant the sender sends it (wall ms; settings.leadWallMs).
   */
  'leadWallMs': (number);
  'satellites': (number);
  'stations': (number);
  'defaultTtlMs': (number);
  'maxPayloadBytes': (number);
  'pingSizeBytes': (number);
  /**
   * The topology step grid: tables change at step_origin_unix_ms + k * step_ms. A node may act
   * on a bundle before its arrival instant (cut-through) only within the step it is in. 0: unknown.
   */
  'stepMs': (number);
  'stepOriginUnixMs': (number);
  /**
   * Which registration of this node this is (bundle ids stay unique).
   */
  'incarnation': (number);
}
