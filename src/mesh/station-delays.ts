/**
 * Every station to every station on one snapshot (the crossover and scale workload: 100 stations,
 * 4,950 pairs per step), on all cores: one distances-only Dial search (dialDistances in
 * src/mesh/dial-search.ts) per source station,
 * shared out to worker threads over SharedArrayBuffers, synchronously (the caller blocks in
 * Atomics.wait while the workers and its own thread take sources from a shared counter).
 *
 * From PATH_BOUNDS_MIN_NODES nodes on, each pair's path is kept between calls and re-evaluated on
 * the next snapshot as an exact upper bound, and the search (dialDistances) skips nodes that
 * cannot lead to any unfinished target (a straight-line lower bound from the snapshot's node
 * positions): ~4.8x fewer nodes expanded at 30,000 satellites (0.63 M per step instead of 3.0 M),
 * the same answers bit for bit.
 *
 * Exactly the router's answers: the delay of pair (g, h), g < h, is the search from station g, as
 * `Router.run(s, S + g)` gives it bit for bit (both compute the minimum over paths of the delays
 * summed from the source in path order, and float addition is monotone, so that minimum is unique),
 * whatever the thread count. Each search stops as soon as the stations h > g are final (it needs
 * ~64-76% of a full search on the shipped and synthetic shells, bench/mesh.ts).
 *
 * Why copies and not the builder's own arrays: the snapshot's arrays are ordinary (growable) typed
 * arrays owned by the topology builder; copying rowStart/target/delayMs into shared buffers costs
 * ~2 MB of memcpy at 30,000 satellites (bench/mesh.ts reports it inside the step time) and keeps
 * the builder unaware of threads.
 *
 * Workers end with their owner: `close()` (or `using`) stops and terminates them; they are unref'd,
 * so a forgotten close never keeps the process alive.
 */
import { availableParallelism } from "node:os";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import { bucketRing, type DialWorkspace, dialDistances } from "./dial-search.js";
import { bucketPlanOf, type RouteOptions, Router } from "./route.js";
import { MAX_PATH_NODES, pathValue, walkPath } from "./station-paths.js";
import type { TopologySnapshot } from "./types.js";

export interface StationDelaysOptions {
  /** Threads doing searches, the caller's included. Default: min(2, available cores). */
  threads?: number;
  /**
   * A round in which no worker finishes for this long is an error (a worker that died cannot say so
   * while the caller blocks). Default 30 s: a round at 30,000 satellites takes ~1.5 s on a loaded
   * 2-core machine (bench/mesh.ts).
   */
  stallTimeoutMs?: number;
  /**
   * Use kept paths and pruning on snapshots of at least this many nodes (default
   * PATH_BOUNDS_MIN_NODES; 0: always, Infinity: never). The answers are the same either way.
   */
  pathBoundsFromNodes?: number;
}

/** Default thread count: this machine class has 2 cores (docs/engineering.md); more rarely pay off at 100 stations. */
export const defaultSearchThreads = (): number => Math.max(1, Math.min(2, availableParallelism()));

// Control words (Int32Array over a SharedArrayBuffer).
const GEN = 0; // bumped by the caller to start a round (workers wait on it)
const NEXT = 1; // next source station to take
const DONE = 2; // workers finished with this round
const STOP = 3; // set once: workers exit
const FAILED = 4; // a worker threw (its message follows on the port)
const CONTROL_WORDS = 8;
// Parameters (Float64Array): node count, first station, station count, relay (always 0 here), width,
// ring, lower-bound ms per km (0: no positions, no pruning), paths kept (1) or not (0).
const P_NODES = 0;
const P_FIRST_STATION = 1;
const P_STATIONS = 2;
const P_RELAY = 3;
const P_WIDTH = 4;
const P_RING = 5;
const P_LB_PER_KM = 6;
const P_KEEP_PATHS = 7;
/** Paths kept at most for this many node ids in all (4 bytes each): 100 stations need 634k. */
const MAX_KEPT_PATH_IDS = 32 * 1024 * 1024;
/**
 * The lower bound's factor is the smallest delay per straight-line km over the snapshot's links,
 * shrunk by this relative margin (far above the float error of the distances and sums involved).
 */
const LB_MARGIN = 1e-6;
/**
 * Kept paths and pruning only from this many nodes: re-evaluating 4,950 kept paths costs about
 * pairs x hops x links per node, which at small sizes is a large share of the searches it saves
 * (bench/mesh.ts, one thread: 0.78x at 1,684 nodes, 0.89x at 4,508, 1.06x at 12,068, 1.57x at
 * 30,088, measured while the machine was loaded; with today's search 0.74x at 1,684 and 0.98x at
 * 4,508, docs/scale.md). Below it: the plain early-stopping searches.
 */
export const PATH_BOUNDS_MIN_NODES = 10_000;

interface SharedBuffers {
  rowStart: Int32Array;
  target: Int32Array;
  delayMs: Float64Array;
  /** out[g * G + h] for g < h, ms. */
  out: Float64Array;
  /** Node positions, km, 3 per node (when the snapshot has them). */
  pos: Float64Array;
  /** Kept paths: pair k = (g, h), g < h, at k * MAX_PATH_NODES (src/mesh/station-paths.ts). */
  paths: Int32Array;
  /** Node count of each kept path (0: none). */
  pathLen: Int32Array;
}

/** Workspace of one thread: the search's, plus the targets' upper bounds and a target list. */
interface PairWorkspace extends DialWorkspace {
  ub: Float64Array;
  tlist: Int32Array;
  /** The unfinished targets packed for the pruning check (4 per station), and each one's entry. */
  tpack: Float64Array;
  tslot: Int32Array;
  /** Delay of the link from the current source to each node; Infinity between sources. */
  firstHop: Float64Array;
}

/**
 * Take source stations from the shared counter and search from each until none is left. Runs in
 * every thread (the caller's and the workers'), so it is self-contained like dialDistances: no
 * imports, no closures, no inner functions (its source text is shipped to the workers). For each
 * source g, the kept paths to the stations h > g, re-evaluated on this snapshot, bound the search
 * from above; the answer is min(bound, search) (exact: dialDistances says why), and a path
 * the search found shorter replaces the kept one.
 */
export function searchRound(
  search: typeof dialDistances,
  value: typeof pathValue,
  store: typeof walkPath,
  control: Int32Array,
  params: Float64Array,
  rowStart: Int32Array,
  target: Int32Array,
  delayMs: Float64Array,
  out: Float64Array,
  pos: Float64Array,
  paths: Int32Array,
  pathLen: Int32Array,
  maxPathNodes: number,
  ws: PairWorkspace,
): void {
  const n = params[0]!;
  const firstStation = params[1]!;
  const G = params[2]!;
  const width = params[4]!;
  const ring = params[5]!;
  const lbPerKm = params[6]!;
  const keep = params[7] === 1;
  const ub = ws.ub;
  const hop = ws.firstHop;
  for (;;) {
    const g = Atomics.add(control, 1, 1);
    // The last station has no station after it: every pair (g, h > g) is done by then.
    if (g >= G - 1) return;
    const source = firstStation + g;
    // Pair (g, h)'s slot in the triangular pair index.
    const k0 = g * G - (g * (g + 1)) / 2 - g - 1;
    const r0 = rowStart[source]!;
    const r1 = rowStart[source + 1]!;
    if (keep)
      for (let j = r0; j < r1; j++) {
        const v = target[j]!;
        if (delayMs[j]! < hop[v]!) hop[v] = delayMs[j]!;
      }
    for (let h = g + 1; h < G; h++) {
      const k = k0 + h;
      ub[h] = keep
        ? value(
            rowStart,
            target,
            delayMs,
            n,
            firstStation,
            hop,
            paths,
            k * maxPathNodes,
            pathLen[k]!,
            source,
            firstStation + h,
          )
        : Number.POSITIVE_INFINITY;
    }
    // Back to all-Infinity for the next source.
    if (keep) for (let j = r0; j < r1; j++) hop[target[j]!] = Number.POSITIVE_INFINITY;
    search(
      rowStart,
      target,
      delayMs,
      n,
      firstStation,
      source,
      source + 1,
      width,
      ring,
      ws,
      ub,
      lbPerKm > 0 ? pos : null,
      lbPerKm,
      ws.tlist,
      ws.tpack,
      ws.tslot,
    );
    const dist = ws.dist;
    for (let h = g + 1; h < G; h++) {
      const d = dist[firstStation + h]!;
      const u = ub[h]!;
      out[g * G + h] = d < u ? d : u;
      if (keep && d < u) {
        const k = k0 + h;
        pathLen[k] = store(
          rowStart,
          target,
          delayMs,
          firstStation,
          dist,
          paths,
          k * maxPathNodes,
          maxPathNodes,
          source,
          firstStation + h,
        );
      }
    }
  }
}

/** A worker's whole program: wait for a round, run it, report, until told to stop. */
function workerMain(
  wt: typeof import("node:worker_threads"),
  search: typeof dialDistances,
  value: typeof pathValue,
  store: typeof walkPath,
  round: typeof searchRound,
  maxPathNodes: number,
): void {
  const data = wt.workerData as { control: SharedArrayBuffer; params: SharedArrayBuffer; port: MessagePort };
  const control = new Int32Array(data.control);
  const params = new Float64Array(data.params);
  const port = data.port;
  let bufs: {
    rowStart: Int32Array;
    target: Int32Array;
    delayMs: Float64Array;
    out: Float64Array;
    pos: Float64Array;
    paths: Int32Array;
    pathLen: Int32Array;
  } | null = null;
  let ws: PairWorkspace | null = null;
  let gen = 0;
  for (;;) {
    Atomics.wait(control, 0, gen);
    gen = Atomics.load(control, 0);
    if (Atomics.load(control, 3) === 1) return;
    try {
      // New or grown buffers come as a message before the round that needs them.
      for (let m = wt.receiveMessageOnPort(port); m !== undefined; m = wt.receiveMessageOnPort(port)) {
        const b = m.message as Record<string, SharedArrayBuffer>;
        bufs = {
          rowStart: new Int32Array(b.rowStart!),
          target: new Int32Array(b.target!),
          delayMs: new Float64Array(b.delayMs!),
          out: new Float64Array(b.out!),
          pos: new Float64Array(b.pos!),
          paths: new Int32Array(b.paths!),
          pathLen: new Int32Array(b.pathLen!),
        };
      }
      const n = params[0]!;
      const G = params[2]!;
      const links = bufs!.target.length;
      const ring = params[5]!;
      if (
        ws === null ||
        ws.dist.length < n ||
        ws.entryNode.length < links + 1 ||
        ws.head.length < ring ||
        ws.ub.length < G
      )
        ws = {
          dist: new Float64Array(n),
          prev: new Int32Array(0), // no search here keeps predecessors
          done: new Uint8Array(0),
          head: new Int32Array(ring),
          entryNode: new Int32Array(links + 1),
          entryNext: new Int32Array(links + 1),
          ub: new Float64Array(G),
          tlist: new Int32Array(G),
          tpack: new Float64Array(4 * G),
          tslot: new Int32Array(G),
          firstHop: new Float64Array(n).fill(Number.POSITIVE_INFINITY),
        };
      const b = bufs!;
      round(
        search,
        value,
        store,
        control,
        params,
        b.rowStart,
        b.target,
        b.delayMs,
        b.out,
        b.pos,
        b.paths,
        b.pathLen,
        maxPathNodes,
        ws,
      );
    } catch (e) {
      Atomics.store(control, 4, 1);
      port.postMessage(String(e instanceof Error ? e.stack : e));
    }
    Atomics.add(control, 2, 1);
    Atomics.notify(control, 2);
  }
}

/** Source text of a worker: the functions above, verbatim, and a call. */
function workerSource(): string {
  // tsx/esbuild may wrap named functions in __name(...) to keep names; make that a no-op here.
  return `const __name = (f) => f;
const dialDistances = ${dialDistances.toString()};
const pathValue = ${pathValue.toString()};
const walkPath = ${walkPath.toString()};
const searchRound = ${searchRound.toString()};
(${workerMain.toString()})(require("node:worker_threads"), dialDistances, pathValue, walkPath, searchRound, ${MAX_PATH_NODES});`;
}

export class StationDelays implements Disposable {
  readonly threads: number;
  private readonly control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_WORDS));
  private readonly params = new Float64Array(new SharedArrayBuffer(8 * 8));
  private readonly workers: Worker[] = [];
  private readonly ports: MessagePort[] = [];
  private bufs: SharedBuffers | null = null;
  private ws: PairWorkspace | null = null;
  /** Fallback for snapshots whose delays need the heap (bucket count too large). */
  private router: Router | null = null;
  private closed = false;

  private constructor(
    threads: number,
    private readonly stallTimeoutMs: number,
    private readonly boundsFromNodes: number,
  ) {
    this.threads = threads;
  }

  /** Start the worker threads (threads - 1 of them) and wait until they run. */
  static async create(opts: StationDelaysOptions = {}): Promise<StationDelays> {
    const threads = Math.max(1, Math.floor(opts.threads ?? defaultSearchThreads()));
    const sd = new StationDelays(
      threads,
      opts.stallTimeoutMs ?? 30_000,
      opts.pathBoundsFromNodes ?? PATH_BOUNDS_MIN_NODES,
    );
    const online: Promise<void>[] = [];
    const source = workerSource();
    for (let i = 1; i < threads; i++) {
      const { port1, port2 } = new MessageChannel();
      const w = new Worker(source, {
        eval: true,
        workerData: { control: sd.control.buffer, params: sd.params.buffer, port: port2 },
        transferList: [port2],
      });
      sd.workers.push(w);
      sd.ports.push(port1);
      online.push(
        new Promise((resolve, reject) => {
          w.once("online", () => resolve());
          w.once("error", reject);
        }),
      );
    }
    try {
      await Promise.all(online);
    } catch (e) {
      sd.close();
      throw e;
    }
    // Only now: an unref'd worker would let the process exit while we wait for it to come online.
    for (const w of sd.workers) w.unref();
    for (const p of sd.ports) p.unref();
    return sd;
  }

  private ensureBuffers(s: TopologySnapshot, G: number): SharedBuffers {
    const b = this.bufs;
    const n = s.nodeCount;
    const pairs = (G * (G - 1)) / 2;
    const keep = pairs * MAX_PATH_NODES <= MAX_KEPT_PATH_IDS;
    if (
      b &&
      b.rowStart.length >= n + 1 &&
      b.target.length >= s.linkCount &&
      b.out.length >= G * G &&
      b.pos.length >= 3 * n &&
      b.pathLen.length === (keep ? pairs : 0)
    )
      return b;
    // Headroom so a few more ground links next step do not reallocate (and re-post) every time.
    const links = Math.ceil(Math.max(s.linkCount, 16) * 1.25);
    const nb: SharedBuffers = {
      rowStart: new Int32Array(new SharedArrayBuffer(4 * (n + 1))),
      target: new Int32Array(new SharedArrayBuffer(4 * links)),
      delayMs: new Float64Array(new SharedArrayBuffer(8 * links)),
      out: new Float64Array(new SharedArrayBuffer(8 * Math.max(1, G * G))),
      pos: new Float64Array(new SharedArrayBuffer(8 * 3 * n)),
      // Zeroed: no path kept yet (new buffers forget the old paths; they were only bounds).
      paths: new Int32Array(new SharedArrayBuffer(4 * (keep ? pairs * MAX_PATH_NODES : 0))),
      pathLen: new Int32Array(new SharedArrayBuffer(4 * (keep ? pairs : 0))),
    };
    this.bufs = nb;
    for (const p of this.ports)
      p.postMessage({
        rowStart: nb.rowStart.buffer,
        target: nb.target.buffer,
        delayMs: nb.delayMs.buffer,
        out: nb.out.buffer,
        pos: nb.pos.buffer,
        paths: nb.paths.buffer,
        pathLen: nb.pathLen.buffer,
      });
    return nb;
  }

  /**
   * Copy the snapshot's node positions and return the lower bound's delay per km: the smallest
   * delay / straight-line length over its links (so every path's delay is at least this times the
   * straight distance between its ends), shrunk by LB_MARGIN; 0 (no pruning) without positions or
   * if any link's length is not a number.
   */
  private lowerBoundPerKm(s: TopologySnapshot, pos: Float64Array): number {
    const p = s.nodeEcefKm;
    const n = s.nodeCount;
    if (p === undefined || p.length < 3 * n) return 0;
    pos.set(p.subarray(0, 3 * n));
    let rho = Number.POSITIVE_INFINITY;
    const { rowStart, target, delayMs } = s;
    for (let u = 0; u < n; u++) {
      const ux = pos[3 * u]!;
      const uy = pos[3 * u + 1]!;
      const uz = pos[3 * u + 2]!;
      for (let j = rowStart[u]!, end = rowStart[u + 1]!; j < end; j++) {
        const v = target[j]!;
        const dx = pos[3 * v]! - ux;
        const dy = pos[3 * v + 1]! - uy;
        const dz = pos[3 * v + 2]! - uz;
        const km = Math.sqrt(dx * dx + dy * dy + dz * dz);
        if (Number.isNaN(km)) return 0;
        if (km > 0) {
          const r = delayMs[j]! / km;
          if (r < rho) rho = r;
        }
      }
    }
    return rho === Number.POSITIVE_INFINITY ? 0 : rho * (1 - LB_MARGIN);
  }

  /**
   * One-way delays between the snapshot's stations, ms: out[g * G + h] (G = stationCount), Infinity
   * when there is no route (the reason: `noRoute` in src/mesh/route.ts), 0 on the diagonal. Pair
   * (g, h) and (h, g) hold the same value: the search from min(g, h), as `Router.run` from it gives.
   */
  compute(s: TopologySnapshot, opts: RouteOptions = {}, out?: Float64Array): Float64Array {
    if (this.closed) throw new Error("StationDelays.compute after close()");
    const G = s.stationCount;
    const S = s.satelliteCount;
    const res = out ?? new Float64Array(G * G);
    if (res.length < G * G) throw new RangeError(`output holds ${res.length} values, needs ${G * G}`);
    const relay = opts.relayThroughStations === true;
    const plan = opts.queue === "heap" ? null : bucketPlanOf(s);
    if (plan === null || relay) {
      // Relaying stations or a heap-only snapshot: the router, one full search per source (rare).
      this.router ??= new Router(s.nodeCount);
      for (let g = 0; g < G - 1; g++) {
        this.router.run(s, S + g, opts);
        for (let h = g + 1; h < G; h++) res[g * G + h] = this.router.dist[S + h]!;
      }
    } else {
      const b = this.ensureBuffers(s, G);
      b.rowStart.set(s.rowStart.subarray(0, s.nodeCount + 1));
      b.target.set(s.target.subarray(0, s.linkCount));
      b.delayMs.set(s.delayMs.subarray(0, s.linkCount));
      const ring = bucketRing(plan.buckets);
      const p = this.params;
      p[P_NODES] = s.nodeCount;
      p[P_FIRST_STATION] = S;
      p[P_STATIONS] = G;
      p[P_RELAY] = 0;
      p[P_WIDTH] = plan.width;
      p[P_RING] = ring;
      const bounded = s.nodeCount >= this.boundsFromNodes;
      p[P_LB_PER_KM] = bounded ? this.lowerBoundPerKm(s, b.pos) : 0;
      p[P_KEEP_PATHS] = bounded && b.pathLen.length > 0 ? 1 : 0;
      this.ensureWorkspace(s.nodeCount, s.linkCount, ring, G);
      const c = this.control;
      Atomics.store(c, NEXT, 0);
      Atomics.store(c, DONE, 0);
      Atomics.add(c, GEN, 1);
      Atomics.notify(c, GEN);
      searchRound(
        dialDistances,
        pathValue,
        walkPath,
        c,
        p,
        b.rowStart,
        b.target,
        b.delayMs,
        b.out,
        b.pos,
        b.paths,
        b.pathLen,
        MAX_PATH_NODES,
        this.ws!,
      );
      const W = this.workers.length;
      let lastChange = performance.now();
      for (let d = Atomics.load(c, DONE); d < W; ) {
        Atomics.wait(c, DONE, d, Math.min(1000, this.stallTimeoutMs));
        const now = performance.now();
        const d2 = Atomics.load(c, DONE);
        if (d2 !== d) lastChange = now;
        else if (now - lastChange > this.stallTimeoutMs) {
          this.close();
          throw new Error(
            `station-delay workers stopped answering (${W - d} of ${W} silent for ${this.stallTimeoutMs} ms)`,
          );
        }
        d = d2;
      }
      if (Atomics.load(c, FAILED) === 1) {
        const msg = this.ports
          .map((port) => `: ${String(receiveMessageOnPort(port)?.message ?? "")}`)
          .join("");
        this.close();
        throw new Error(`a station-delay worker failed${msg}`);
      }
      for (let g = 0; g < G - 1; g++) res.set(b.out.subarray(g * G + g + 1, g * G + G), g * G + g + 1);
    }
    for (let g = 0; g < G; g++) {
      res[g * G + g] = 0;
      for (let h = g + 1; h < G; h++) res[h * G + g] = res[g * G + h]!;
    }
    return res;
  }

  private ensureWorkspace(n: number, links: number, ring: number, G: number): void {
    const ws = this.ws;
    if (
      ws &&
      ws.dist.length >= n &&
      ws.entryNode.length >= links + 1 &&
      ws.head.length >= ring &&
      ws.ub.length >= G
    )
      return;
    this.ws = {
      dist: new Float64Array(n),
      prev: new Int32Array(0), // no search here keeps predecessors
      done: new Uint8Array(0),
      head: new Int32Array(ring),
      entryNode: new Int32Array(links + 1),
      entryNext: new Int32Array(links + 1),
      ub: new Float64Array(G),
      tlist: new Int32Array(G),
      tpack: new Float64Array(4 * G),
      tslot: new Int32Array(G),
      firstHop: new Float64Array(n).fill(Number.POSITIVE_INFINITY),
    };
  }

  /** Stop and terminate the workers. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    Atomics.store(this.control, STOP, 1);
    Atomics.add(this.control, GEN, 1);
    Atomics.notify(this.control, GEN);
    for (const w of this.workers) void w.terminate();
    for (const p of this.ports) p.close();
  }

  [Symbol.dispose](): void {
    this.close();
  }
}
