/**
 * What a launch's run dir says happened: its window in virtual time (controller.json's start,
 * summary.json's end, or the last metrics period of a run that did not finish), the constellation
 * file it ran, and every node's up intervals (nodes.ndjson). `view --run-dir` on a finished run and
 * `export-czml --run-dir` replay this over the model of the same constellation; the links follow
 * from it as the controller made them (the model's topology without the nodes that were down).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../util/input-error.js";
import { type ControllerInfo, NODES_FILE, readControllerInfo } from "./run-dir.js";

export const SUMMARY_FILE = "summary.json";
export const METRICS_FILE = "metrics.ndjson";

/** One node's up intervals, [startMs, endMs) virtual Unix ms, sorted and disjoint. */
export type UpIntervals = [number, number][];

export interface RunRecord {
  dir: string;
  info: ControllerInfo;
  /** Virtual start and end of the run, Unix ms. */
  fromMs: number;
  toMs: number;
  /** summary.json is there: the launch ended by itself or on Ctrl-C (not killed). */
  finished: boolean;
  /** nodes.ndjson is there (run dirs from before it have no per-node record: every node counts as up). */
  nodesRecorded: boolean;
  /** Per node id. */
  up: UpIntervals[];
}

export function hasRunRecord(dir: string): boolean {
  return existsSync(join(dir, SUMMARY_FILE)) || existsSync(join(dir, METRICS_FILE));
}

function lines(file: string): { line: number; value: Record<string, unknown> }[] {
  const out: { line: number; value: Record<string, unknown> }[] = [];
  const text = readFileSync(file, "utf8");
  const rows = text.split("\n");
  rows.forEach((l, i) => {
    if (l.trim() === "") return;
    // The last line of a run that was killed may be half written: it is not part of the record.
    if (i === rows.length - 1 && !text.endsWith("\n")) return;
    try {
      const v = JSON.parse(l) as unknown;
      if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error("not an object");
      out.push({ line: i + 1, value: v as Record<string, unknown> });
    } catch (e) {
      throw new InputError(`not a JSON object: ${e instanceof Error ? e.message : String(e)}`, {
        file,
        line: i + 1,
        value: l.slice(0, 60),
      });
    }
  });
  return out;
}

function finite(file: string, line: number, field: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v))
    throw new InputError("expected a finite number", { file, line, field, value: String(v) });
  return v;
}

export function readRunRecord(dir: string): RunRecord {
  const info = readControllerInfo(dir);
  const ctl = join(dir, "controller.json");
  const fromMs = finite(ctl, 0, "virtualStartMs", info.virtualStartMs);
  const nodes = finite(ctl, 0, "nodes", info.nodes);
  const summaryFile = join(dir, SUMMARY_FILE);
  const finished = existsSync(summaryFile);
  let toMs = Number.NaN;
  if (finished) {
    let s: { tUnixMs?: unknown; tMs?: unknown };
    try {
      s = JSON.parse(readFileSync(summaryFile, "utf8")) as { tUnixMs?: unknown; tMs?: unknown };
    } catch (e) {
      throw new InputError(`cannot read: ${e instanceof Error ? e.message : String(e)}`, {
        file: summaryFile,
      });
    }
    // The controller's status as the launch ended: `tUnixMs` since the wire contract v2, `tMs` in
    // run dirs written before it.
    toMs =
      s.tUnixMs !== undefined
        ? finite(summaryFile, 0, "tUnixMs", s.tUnixMs)
        : finite(summaryFile, 0, "tMs", s.tMs);
  } else {
    const metricsFile = join(dir, METRICS_FILE);
    if (!existsSync(metricsFile))
      throw new InputError(
        `neither ${SUMMARY_FILE} nor ${METRICS_FILE} there: the run recorded nothing yet`,
        {
          field: "--run-dir",
          value: dir,
        },
      );
    for (const { line, value } of lines(metricsFile))
      toMs = Math.max(Number.isNaN(toMs) ? fromMs : toMs, finite(metricsFile, line, "tMs", value["tMs"]));
    if (Number.isNaN(toMs))
      throw new InputError("no metrics period recorded yet", { file: metricsFile, value: dir });
  }
  if (!(toMs >= fromMs))
    throw new InputError(`the run ends (${toMs}) before it starts (${fromMs})`, {
      file: summaryFile,
      field: "tMs",
    });

  const nodesFile = join(dir, NODES_FILE);
  const nodesRecorded = existsSync(nodesFile);
  const up: UpIntervals[] = Array.from({ length: nodes }, () => []);
  if (!nodesRecorded) {
    for (const u of up) u.push([fromMs, toMs]);
    return { dir, info, fromMs, toMs, finished, nodesRecorded, up };
  }
  // A node is down until it first registers; each change holds until the next one.
  const since = new Float64Array(nodes).fill(Number.NaN);
  for (const { line, value } of lines(nodesFile)) {
    const node = finite(nodesFile, line, "node", value["node"]);
    if (!Number.isInteger(node) || node < 0 || node >= nodes)
      throw new InputError(`no node ${node} in a run of ${nodes} nodes`, {
        file: nodesFile,
        line,
        field: "node",
        value: String(node),
      });
    const tMs = Math.min(toMs, Math.max(fromMs, finite(nodesFile, line, "tMs", value["tMs"])));
    const isUp = value["up"] === true;
    const open = since[node]!;
    if (isUp && Number.isNaN(open)) since[node] = tMs;
    else if (!isUp && !Number.isNaN(open)) {
      if (tMs > open) up[node]!.push([open, tMs]);
      since[node] = Number.NaN;
    }
  }
  for (let n = 0; n < nodes; n++) {
    const open = since[n]!;
    if (!Number.isNaN(open) && toMs > open) up[n]!.push([open, toMs]);
  }
  return { dir, info, fromMs, toMs, finished, nodesRecorded, up };
}

/** Nodes up at tMs into `out` (1 up, 0 down), one byte per node. */
export function upAt(rec: RunRecord, tMs: number, out: Uint8Array): Uint8Array {
  for (let n = 0; n < rec.up.length; n++) {
    let v = 0;
    for (const [a, b] of rec.up[n]!)
      if (tMs >= a && (tMs < b || (b === rec.toMs && tMs === b))) {
        v = 1;
        break;
      }
    out[n] = v;
  }
  return out;
}
