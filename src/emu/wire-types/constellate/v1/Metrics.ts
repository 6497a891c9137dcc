// Original file: proto/constellate/v1/controller.proto

import type { Totals as _constellate_v1_Totals, Totals__Output as _constellate_v1_Totals__Output } from '../../constellate/v1/Totals.js';

export interface Metrics {
  'tMs'?: (number | string);
  'nodesUp'?: (number);
  'totals'?: (_constellate_v1_Totals | null);
  'links'?: (number | string);
  'linkDiffs'?: (number | string);
  'routeDiffs'?: (number | string);
  'stepComputeMs'?: (number | string);
}

export interface Metrics__Output {
  'tMs': (number);
  'nodesUp': (number);
  'totals': (_constellate_v1_Totals__Output | null);
  'links': (number);
  'linkDiffs': (number);
  'routeDiffs': (number);
  'stepComputeMs': (number);
}
