// Original file: proto/constellate/v1/controller.proto

import type { ClockSync as _constellate_v1_ClockSync, ClockSync__Output as _constellate_v1_ClockSync__Output } from '../../constellate/v1/ClockSync.js';
import type { NodeSummary as _constellate_v1_NodeSummary, NodeSummary__Output as _constellate_v1_NodeSummary__Output } from '../../constellate/v1/NodeSummary.js';
import type { Totals as _constellate_v1_Totals, Totals__Output as _constellate_v1_Totals__Output } from '../../constellate/v1/Totals.js';
import type { Isolation as _constellate_v1_Isolation, Isolation__Output as _constellate_v1_Isolation__Output } from '../../constellate/v1/Isolation.js';
import type { ClockMode as _constellate_v1_ClockMode, ClockMode__Output as _constellate_v1_ClockMode__Output } from '../../constellate/v1/ClockMode.js';
import type { ClockLag as _constellate_v1_ClockLag, ClockLag__Output as _constellate_v1_ClockLag__Output } from '../../constellate/v1/ClockLag.js';
import type { NodeState as _constellate_v1_NodeState, NodeState__Output as _constellate_v1_NodeState__Output } from '../../constellate/v1/NodeState.js';

export interface EmulationStatus {
  'name'?: (string);
  'tUnixMs'?: (number | string);
  'clock'?: (_constellate_v1_ClockSync | null);
  'satellites'?: (number);
  'stations'?: (number);
  'nodesUp'?: (number);
  'nodes'?: (_constellate_v1_NodeSummary)[];
  'totals'?: (_constellate_v1_Totals | null);
  'steps'?: (number | string);
  'stepMs'?: (number | string);
  'isolation'?: (_constellate_v1_Isolation);
  /**
   * Wall ms the controller spent computing a topology step, mean over the steps.
   */
  'meanStepComputeWallMs'?: (number | string);
  'clockMode'?: (_constellate_v1_ClockMode);
  /**
   * Realtime: how late the controller's steps went out, wall ms after their instant, and how many
   * were later than the warning threshold (settings.lagWarnWallMs). Zero under the virtual clock.
   */
  'lag'?: (_constellate_v1_ClockLag | null);
  /**
   * Virtual clock: synchronization rounds so far, and steps skipped because no event needed them.
   */
  'rounds'?: (number | string);
  'stepsSkipped'?: (number | string);
  /**
   * Only when asked (StatusRequest.node_states): the asked nodes that are up, by node id.
   */
  'nodeStates'?: (_constellate_v1_NodeState)[];
}

export interface EmulationStatus__Output {
  'name': (string);
  'tUnixMs': (number);
  'clock': (_constellate_v1_ClockSync__Output | null);
  'satellites': (number);
  'stations': (number);
  'nodesUp': (number);
  'nodes': (_constellate_v1_NodeSummary__Output)[];
  'totals': (_constellate_v1_Totals__Output | null);
  'steps': (number);
  'stepMs': (number);
  'isolation': (_constellate_v1_Isolation__Output);
  /**
   * Wall ms the controller spent computing a topology step, mean over the steps.
   */
  'meanStepComputeWallMs': (number);
  'clockMode': (_constellate_v1_ClockMode__Output);
  /**
   * Realtime: how late the controller's steps went out, wall ms after their instant, and how many
   * were later than the warning threshold (settings.lagWarnWallMs). Zero under the virtual clock.
   */
  'lag': (_constellate_v1_ClockLag__Output | null);
  /**
   * Virtual clock: synchronization rounds so far, and steps skipped because no event needed them.
   */
  'rounds': (number);
  'stepsSkipped': (number);
  /**
   * Only when asked (StatusRequest.node_states): the asked nodes that are up, by node id.
   */
  'nodeStates': (_constellate_v1_NodeState__Output)[];
}
