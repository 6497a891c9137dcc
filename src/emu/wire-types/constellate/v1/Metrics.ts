// Original file: proto/constellate/v1/controller.proto

import type { Totals as _constellate_v1_Totals, Totals__Output as _constellate_v1_Totals__Output } from '../../constellate/v1/Totals.js';

export interface Metrics {
  'tUnixMs'?: (number | string);
  'nodesUp'?: (number);
  'totals'?: (_constellate_v1_Totals | null);
  'links'?: (number | string);
  'linkDiffs'?: (number | string);
  'routeDiffs'?: (number | string);
  'stepComputeWallMs'?: (number | string);
}

export interface Metrics__Output {
  'tUnixMs': (number);
  'nodesUp': (number);
  'totals': (_constellate_v1_Totals__Output | null);
  'links': (number);
  'linkDiffs': (number);
  'routeDiffs': (number);
  'stepComputeWallMs': (number);
}
