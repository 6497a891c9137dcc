/**
 * Counters an onboard app registers for the metrics endpoint (issue 12: "per-app counters an app
 * registers through the app API"). The app API (src/emu/apps/, another piece of work) is meant to
 * hand apps `registerAppCounter` and count with the returned prom-client Counter, labelled by node:
 *
 *   const captures = registerAppCounter({ name: "captures", help: "images captured", labelNames: ["node"] });
 *   captures.inc({ node: String(ctx.node) });
 *
 * Names are prefixed `constellate_app_` and suffixed `_total` (Prometheus counter naming), so an app
 * cannot collide with the emulator's own metrics. Registering the same name again returns the same
 * counter (many nodes run one app in a process). One registry per process: it serves apps running in
 * this process (isolation inproc and sim); apps in child host processes (process, pooled) would need
 * their counts carried over the controller's API, which the app API work has to add.
 */
import { Counter, Registry } from "prom-client";
import { InputError } from "../util/input-error.js";

export const appRegistry = new Registry();

/** Prometheus metric and label name rules (exposition format), without the reserved `__` labels. */
const NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export interface AppCounterOptions {
  /** Short name, e.g. "captures"; exposed as constellate_app_<name>_total. */
  name: string;
  help: string;
  labelNames?: readonly string[];
}

export function appCounterName(name: string): string {
  const base = name.endsWith("_total") ? name.slice(0, -"_total".length) : name;
  return `constellate_app_${base}_total`;
}

export function registerAppCounter(opts: AppCounterOptions): Counter<string> {
  if (!NAME.test(opts.name))
    throw new InputError("an app counter's name must match [a-zA-Z_][a-zA-Z0-9_]*", {
      field: "name",
      value: opts.name,
    });
  const labelNames = [...(opts.labelNames ?? [])];
  for (const l of labelNames)
    if (!NAME.test(l) || l.startsWith("__"))
      throw new InputError("a label name must match [a-zA-Z_][a-zA-Z0-9_]* and not start with __", {
        field: "labelNames",
        value: l,
      });
  const full = appCounterName(opts.name);
  const existing = appRegistry.getSingleMetric(full);
  if (existing) {
    if (!(existing instanceof Counter))
      throw new InputError("already registered as another kind of metric", {
        field: "name",
        value: opts.name,
      });
    return existing as Counter<string>;
  }
  return new Counter({ name: full, help: opts.help, labelNames, registers: [appRegistry] });
}
