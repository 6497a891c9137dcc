/**
 * What a CZML export shows, sampled from the model over a time window: every satellite's ECEF
 * position per step, which links (laser and ground) were up when, and the route of chosen station
 * pairs per step. src/report/czml.ts turns it into CZML packets; this file only samples.
 *
 * Link state is the topology's at each step and holds until the next step (step-after, the way the
 * live emulator holds a snapshot for one step), so a link up at steps j..m is shown over
 * [t_j, t_{m+1}) and consecutive steps merge into one interval: laser links of a +Grid stay up for
 * hours, so a day costs a handful of intervals per laser link, one per pass per ground link.
 */
import { NextHopSolver, REASON_CODES } from "../emu/next-hops.js";
import type { MeshSettings } from "../mesh/config.js";
import { stepCount } from "../mesh/latency-experiment.js";
import { Router } from "../mesh/route.js";
import { TopologyBuilder } from "../mesh/topology.js";
import { LinkKind, type TopologySnapshot } from "../mesh/types.js";
import type { Constellation, GroundStation } from "../orbit/constellation.js";
import { geodeticToEcef } from "../orbit/frames.js";
import { ConstellationPropagator, type PropagationEngine } from "../orbit/propagate.js";
import type { EcefKm, UnixMs } from "../orbit/units.js";

/** Which links to sample. */
export type CzmlLinkSet = "all" | "isl" | "ground" | "none";

/** An undirected link (a < b, node ids: satellites 0..S-1, stations S..) and when it was up. */
export interface SampledLink {
  a: number;
  b: number;
  kind: "isl" | "ground";
  /** Up intervals [startUnixMs, endUnixMs), disjoint, in time order. */
  intervals: [UnixMs, UnixMs][];
}

/** One period during which a pair's route kept the same path. */
export interface RoutePeriod {
  startUnixMs: UnixMs;
  endUnixMs: UnixMs;
  /** Node ids from source to destination; empty when there was no route. */
  path: number[];
  /** One-way propagation delay of the path at the period's first step, ms (null: no route). */
  delayMs: number | null;
  /** Why there was no route, when there was none. */
  reason?: string;
}

export interface SampledRoute {
  from: GroundStation;
  to: GroundStation;
  /** The links the route used, each with the intervals it was on the route. */
  links: SampledLink[];
  periods: RoutePeriod[];
}

export interface CzmlWindow {
  name: string;
  startUnixMs: UnixMs;
  /** The last sample instant (start + (steps - 1) x step). */
  endUnixMs: UnixMs;
  stepMs: number;
  /** Sample instants, start + k x step. */
  timesUnixMs: Float64Array;
  satellites: { name: string; shell: string }[];
  /** ECEF positions, km, time-major: ecefKm[(k * S + i) * 3 + c]; NaN where SGP4 failed. */
  ecefKm: Float64Array;
  stations: { station: GroundStation; ecef: EcefKm }[];
  links: SampledLink[];
  routes: SampledRoute[];
  /** From a run dir: each node's up intervals (node id order); absent for the model alone. */
  nodesUp?: [UnixMs, UnixMs][][];
}

export interface CzmlWindowOptions {
  startUnixMs: UnixMs;
  durationMs: number;
  stepMs: number;
  links?: CzmlLinkSet;
  /** Station pairs whose shortest-delay route is sampled at every step. */
  pairs?: readonly (readonly [GroundStation, GroundStation])[];
  engine?: PropagationEngine;
  onProgress?: (done: number, total: number) => void;
  /**
   * What happened in a run (src/emu/run-record.ts): each node's up intervals. A down node's links are
   * left out at the steps it was down and routes go around it (the emulator's next-hop trees), as
   * the controller withdrew them in the run.
   */
  nodesUp?: [UnixMs, UnixMs][][];
}

/** Up intervals of undirected links, grown step by step (one open interval per link at most). */
class IntervalTracker {
  private readonly byKey = new Map<number, SampledLink & { open: UnixMs; seen: number }>();
  private readonly open = new Set<number>();

  constructor(private readonly nodeCount: number) {}

  /** Mark link (a, b) up at step k (instant t). */
  up(a: number, b: number, kind: "isl" | "ground", k: number, t: UnixMs): void {
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    const key = lo * this.nodeCount + hi;
    let e = this.byKey.get(key);
    if (!e) {
      e = { a: lo, b: hi, kind, intervals: [], open: Number.NaN, seen: -1 };
      this.byKey.set(key, e);
    }
    if (e.seen === k) return;
    if (!this.open.has(key)) {
      e.open = t;
      this.open.add(key);
    }
    e.seen = k;
  }

  /** After step k: close every open interval whose link was not up at k, at t_k. */
  endStep(k: number, t: UnixMs): void {
    for (const key of this.open) {
      const e = this.byKey.get(key)!;
      if (e.seen === k) continue;
      e.intervals.push([e.open, t]);
      this.open.delete(key);
    }
  }

  /** Close what is still open at the window's end and hand out the links, ordered by (a, b). */
  finish(endUnixMs: UnixMs): SampledLink[] {
    for (const key of this.open) {
      const e = this.byKey.get(key)!;
      e.intervals.push([e.open, endUnixMs]);
    }
    this.open.clear();
    return [...this.byKey.values()]
      .sort((x, y) => x.a - y.a || x.b - y.b)
      .map(({ a, b, kind, intervals }) => ({ a, b, kind, intervals }));
  }
}

function trackLinks(
  snap: TopologySnapshot,
  set: CzmlLinkSet,
  tr: IntervalTracker,
  k: number,
  up: Uint8Array | null,
): void {
  if (set === "none") return;
  const t = snap.tUnixMs;
  for (let u = 0; u < snap.nodeCount; u++)
    for (let j = snap.rowStart[u]!; j < snap.rowStart[u + 1]!; j++) {
      const v = snap.target[j]!;
      if (v < u) continue; // each undirected link once, from its lower end
      if (up && (up[u] === 0 || up[v] === 0)) continue; // withdrawn: an end was down
      const kind = snap.kind[j]!;
      if (kind === LinkKind.Isl) {
        if (set !== "ground") tr.up(u, v, "isl", k, t);
      } else if (kind === LinkKind.GslDown || kind === LinkKind.GslUp) {
        if (set !== "isl") tr.up(u, v, "ground", k, t);
      }
    }
}

/** Sample a constellation over [start, start + duration] every step. */
export async function sampleCzmlWindow(
  c: Constellation,
  settings: MeshSettings,
  opts: CzmlWindowOptions,
): Promise<CzmlWindow> {
  const S = c.satellites.length;
  const steps = stepCount(opts.durationMs, opts.stepMs);
  const times = Float64Array.from({ length: steps }, (_, k) => opts.startUnixMs + k * opts.stepMs);
  const endUnixMs = times[steps - 1]!;
  const builder = TopologyBuilder.forConstellation(c, settings);
  const router = new Router(builder.nodeCount);
  const linkSet = opts.links ?? "all";
  const links = new IntervalTracker(builder.nodeCount);
  const pairs = opts.pairs ?? [];
  const routeLinks = pairs.map(() => new IntervalTracker(builder.nodeCount));
  const periods: RoutePeriod[][] = pairs.map(() => []);
  const ecef = new Float64Array(steps * S * 3);
  const up = opts.nodesUp ? new Uint8Array(builder.nodeCount) : null;
  const solver = new NextHopSolver();
  const propagator = await ConstellationPropagator.create(c.satellites, { engine: opts.engine ?? "wasm" });
  try {
    for (let k = 0; k < steps; k++) {
      const t = times[k]!;
      const st = propagator.at(t);
      ecef.set(st.ecef, k * S * 3);
      const snap = builder.build(t, st.ecef);
      if (up) nodesUpAt(opts.nodesUp!, t, endUnixMs, up);
      trackLinks(snap, linkSet, links, k, up);
      links.endStep(k, t);
      if (up && pairs.length > 0) solver.prepare(snap, up);
      pairs.forEach(([a, b], p) => {
        const r = up
          ? routeAround(solver, snap, up, S + a.index, S + b.index)
          : router.route(snap, S + a.index, S + b.index, settings.routing);
        const path = r.ok ? r.path : [];
        if (r.ok)
          for (let h = 0; h + 1 < path.length; h++) routeLinks[p]!.up(path[h]!, path[h + 1]!, "isl", k, t);
        routeLinks[p]!.endStep(k, t);
        const list = periods[p]!;
        const last = list[list.length - 1];
        if (last && samePath(last.path, path)) return;
        if (last) last.endUnixMs = t;
        list.push(
          r.ok
            ? { startUnixMs: t, endUnixMs: endUnixMs, path, delayMs: r.delayMs }
            : { startUnixMs: t, endUnixMs: endUnixMs, path, delayMs: null, reason: r.reason },
        );
      });
      opts.onProgress?.(k + 1, steps);
    }
  } finally {
    propagator.dispose();
  }
  const routes: SampledRoute[] = pairs.map(([from, to], p) => ({
    from,
    to,
    // Route links keep the kind of the link they ride on (ground at the ends, laser between).
    links: routeLinks[p]!.finish(endUnixMs).map((l) => ({ ...l, kind: l.b >= S ? "ground" : "isl" })),
    periods: periods[p]!,
  }));
  return {
    name: c.name,
    startUnixMs: opts.startUnixMs,
    endUnixMs,
    stepMs: opts.stepMs,
    timesUnixMs: times,
    satellites: c.satellites.map((s) => ({ name: s.name, shell: s.shell })),
    ecefKm: ecef,
    stations: c.groundStations.map((g) => ({
      station: g,
      ecef: geodeticToEcef({ latDeg: g.latDeg, lonDeg: g.lonDeg, altKm: g.altM / 1000 }),
    })),
    links: links.finish(endUnixMs),
    routes,
    ...(opts.nodesUp ? { nodesUp: opts.nodesUp } : {}),
  };
}

/** Nodes up at t (1) from their intervals; an interval ending at the window's end includes it. */
function nodesUpAt(
  intervals: readonly [UnixMs, UnixMs][][],
  t: UnixMs,
  endUnixMs: UnixMs,
  out: Uint8Array,
): void {
  out.fill(0);
  intervals.forEach((list, n) => {
    for (const [a, b] of list)
      if (t >= a && (t < b || (t === b && b >= endUnixMs))) {
        out[n] = 1;
        return;
      }
  });
}

/** The route the emulator's next-hop trees give around down nodes (as the controller's ModelRoute does). */
function routeAround(
  solver: NextHopSolver,
  snap: TopologySnapshot,
  up: Uint8Array,
  from: number,
  to: number,
): { ok: true; path: number[]; delayMs: number } | { ok: false; reason: string } {
  const n = snap.nodeCount;
  const next = new Int32Array(n);
  const reason = new Uint8Array(n);
  solver.solve(snap, up, to, next, reason);
  if (!up[from] || next[from]! < 0)
    return { ok: false, reason: up[from] ? REASON_CODES[reason[from]!] || "no-route" : "node-down" };
  const path = [from];
  let delayMs = 0;
  for (let u = from; u !== to && path.length <= n; u = next[u]!) {
    const v = next[u]!;
    for (let j = snap.rowStart[u]!; j < snap.rowStart[u + 1]!; j++)
      if (snap.target[j] === v) {
        delayMs += snap.delayMs[j]!;
        break;
      }
    path.push(v);
  }
  return { ok: true, path, delayMs };
}

function samePath(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
