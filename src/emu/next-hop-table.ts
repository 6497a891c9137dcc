/**
 * The controller's routing table: one column per tracked destination (every node's next hop toward
 * it, or why it has none), each solved on every step's snapshot by NextHopSolver (the mesh's Dial
 * search over the reversed graph) straight into the column, with the list of the nodes whose entry
 * changed, so the controller sends route diffs without comparing the whole table itself.
 *
 * Why every column is searched from scratch each step: every link's delay moves between two steps,
 * so a tree kept from the step before has to be re-valued and every link re-examined to prove it
 * still shortest. That pass (tried: an exact repair from the kept tree, with a full search on float
 * ties) cost as much CPU as Dial's search itself, at starlink-shell1 and gen1 alike
 * (docs/step-cpu.md). What the table saves is the per-entry work around the searches: the
 * controller walks only the changed entries (~54 of 168,400 per step at shell1) instead of all.
 *
 * Columns are added when a node first asks for routes toward a destination (the controller's
 * default, `routeColumns: on-demand`): `solveOne` answers that column at once on the step's own
 * snapshot, so the asking node need not wait for the next step, and the later steps update it with
 * the rest.
 */
import type { TopologySnapshot } from "../mesh/types.js";
import { NextHopSolver } from "./next-hops.js";

/** One destination's column: what the controller reads after each update. */
export interface NextHopColumn {
  readonly dest: number;
  /** next[u]: u's next hop toward dest (-1: none, and for dest itself; -2 before the first update). */
  readonly next: Int32Array;
  /** reason[u]: a REASON_CODES index when next[u] < 0 (0 otherwise). */
  readonly reason: Uint8Array;
  /** Nodes (dest excluded, ascending) whose next or reason changed in the last update: changed[0 .. changedCount). */
  readonly changed: Int32Array;
  readonly changedCount: number;
}

interface ColumnState extends NextHopColumn {
  changedCount: number;
}

export class NextHopTable {
  private readonly solver = new NextHopSolver();
  private readonly cols: ColumnState[] = [];
  private readonly byDest = new Map<number, ColumnState>();

  constructor(readonly nodeCount: number) {}

  /** The column toward dest (empty until the next update). */
  add(dest: number): NextHopColumn {
    const had = this.byDest.get(dest);
    if (had) return had;
    const n = this.nodeCount;
    const c: ColumnState = {
      dest,
      // -2: nothing told yet, so the first update lists every node as changed.
      next: new Int32Array(n).fill(-2),
      reason: new Uint8Array(n),
      changed: new Int32Array(n),
      changedCount: 0,
    };
    this.cols.push(c);
    this.byDest.set(dest, c);
    return c;
  }

  column(dest: number): NextHopColumn | undefined {
    return this.byDest.get(dest);
  }

  /**
   * Solve one column now on snapshot s (the current step's) with the nodes up[] up: what update()
   * would have given it on s, so a column asked for mid-step is the one tracked from the step's start.
   */
  solveOne(dest: number, s: TopologySnapshot, up: Uint8Array): NextHopColumn {
    if (s.nodeCount !== this.nodeCount)
      throw new Error(`snapshot of ${s.nodeCount} nodes, table of ${this.nodeCount}`);
    const c = this.byDest.get(dest);
    if (!c) throw new Error(`no column toward ${dest}: add() it first`);
    // The reversed graph again: up[] may have changed since the step prepared it (a node lost).
    this.solver.prepare(s, up);
    c.changedCount = this.solver.update(s, up, c.dest, c.next, c.reason, c.changed);
    return c;
  }

  /** Solve every column on snapshot s with the nodes up[] up. */
  update(s: TopologySnapshot, up: Uint8Array): void {
    if (s.nodeCount !== this.nodeCount)
      throw new Error(`snapshot of ${s.nodeCount} nodes, table of ${this.nodeCount}`);
    if (this.cols.length === 0) return;
    this.solver.prepare(s, up);
    for (const c of this.cols)
      c.changedCount = this.solver.update(s, up, c.dest, c.next, c.reason, c.changed);
  }
}
