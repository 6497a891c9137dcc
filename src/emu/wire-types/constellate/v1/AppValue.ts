// Original file: proto/constellate/v1/node.proto


/**
 * A value an onboard app publishes on its node (ctx.counter / ctx.gauge, docs/apps.md). Its name
 * carries its unit (storage_bytes, battery_soc_ratio, captures): no separate unit field to forget.
 */
export interface AppValue {
  'app'?: (string);
  'name'?: (string);
  /**
   * "counter" (only goes up; Prometheus _total) or "gauge".
   */
  'kind'?: (string);
  'help'?: (string);
  'value'?: (number | string);
}

/**
 * A value an onboard app publishes on its node (ctx.counter / ctx.gauge, docs/apps.md). Its name
 * carries its unit (storage_bytes, battery_soc_ratio, captures): no separate unit field to forget.
 */
export interface AppValue__Output {
  'app': (string);
  'name': (string);
  /**
   * "counter" (only goes up; Prometheus _total) or "gauge".
   */
  'kind': (string);
  'help': (string);
  'value': (number);
}
