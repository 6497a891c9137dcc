// Original file: proto/constellate/v1/controller.proto

import type { ClockSync as _constellate_v1_ClockSync, ClockSync__Output as _constellate_v1_ClockSync__Output } from '../../constellate/v1/ClockSync.js';
import type { LinkEntry as _constellate_v1_LinkEntry, LinkEntry__Output as _constellate_v1_LinkEntry__Output } from '../../constellate/v1/LinkEntry.js';
import type { RouteEntry as _constellate_v1_RouteEntry, RouteEntry__Output as _constellate_v1_RouteEntry__Output } from '../../constellate/v1/RouteEntry.js';

export interface NodeUpdate {
  'tUnixMs'?: (number | string);
  'clock'?: (_constellate_v1_ClockSync | null);
  'links'?: (_constellate_v1_LinkEntry)[];
  'routes'?: (_constellate_v1_RouteEntry)[];
  /**
   * First message only: who this node is.
   */
  'name'?: (string);
  'queueLimitBytes'?: (number | string);
  /**
   * How long before a hop's arrival instant the sender sends it (wall ms; settings.leadWallMs).
   */
  'leadWallMs'?: (number | string);
  'first'?: (boolean);
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
   * First update only: which registration of this node this is (bundle ids stay unique).
   */
  'incarnation'?: (number);
}

export interface NodeUpdate__Output {
  'tUnixMs': (number);
  'clock': (_constellate_v1_ClockSync__Output | null);
  'links': (_constellate_v1_LinkEntry__Output)[];
  'routes': (_constellate_v1_RouteEntry__Output)[];
  /**
   * First message only: who this node is.
   */
  'name': (string);
  'queueLimitBytes': (number);
  /**
   * How long before a hop's arrival instant the sender sends it (wall ms; settings.leadWallMs).
   */
  'leadWallMs': (number);
  'first': (boolean);
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
   * First update only: which registration of this node this is (bundle ids stay unique).
   */
  'incarnation': (number);
}
