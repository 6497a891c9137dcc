/**
 * When each satellite holds one of a station's antennas: the ground passes (exact AOS/LOS from
 * src/orbit/passes.ts) put on the emulator's topology step grid and, where more satellites are in
 * view of a station than it has antennas, cut to the ones the mesh keeps (the highest elevation, ties
 * to the lower satellite id: the rule of the mesh's antenna limit, docs/mesh.md).
 *
 * Why on the step grid: the emulator's links are those of the topology step at `startUnixMs + k x
 * stepMs`, held until the next step. A satellite visible at step k has its ground link over
 * [t_k, t_k+1), so a pass [AOS, LOS] is a link over [ceil(AOS) , floor(LOS) + 1 step) on the grid.
 * The onboard app plans each downlink to end inside such a window, so the link it plans for is the
 * link the emulator has.
 */

import type { Constellation } from "../orbit/constellation.js";
import { gmstRad, makeObserver, sinElevation, temeToEcefInto } from "../orbit/frames.js";
import { SGP4_OK, sgp4Into } from "../orbit/propagate.js";
import { type EcefKmArray, MS_PER_MIN, type TemeKmArray } from "../orbit/units.js";

/** A pass as the replay's geometry finds it: ms since the run start. */
export interface PassWindow {
  sat: number;
  station: number;
  aosMs: number;
  losMs: number;
}

/** A satellite's hold on one of a station's antennas, on the step grid, Unix ms. */
export interface DownlinkWindow {
  sat: number;
  station: number;
  startUnixMs: number;
  endUnixMs: number;
}

/**
 * Windows of every pass, cut by each station's antenna count (`antennasOf(station)`, Infinity for no
 * limit), sorted by start then satellite.
 */
export function downlinkWindows(
  c: Constellation,
  passes: readonly PassWindow[],
  startUnixMs: number,
  stepMs: number,
  antennasOf: (station: number) => number,
): DownlinkWindow[] {
  // Steps [k0, k1] of each pass at which the satellite is in view.
  const runs = passes
    .map((p) => ({ p, k0: Math.ceil(p.aosMs / stepMs), k1: Math.floor(p.losMs / stepMs) }))
    .filter((r) => r.k1 >= r.k0);
  const out: DownlinkWindow[] = [];
  const byStation = new Map<number, typeof runs>();
  for (const r of runs) {
    const l = byStation.get(r.p.station) ?? [];
    l.push(r);
    byStation.set(r.p.station, l);
  }
  const win = (sat: number, station: number, k0: number, k1: number) =>
    out.push({
      sat,
      station,
      startUnixMs: startUnixMs + k0 * stepMs,
      endUnixMs: startUnixMs + (k1 + 1) * stepMs,
    });
  // Stations where more passes overlap than there are antennas at some step, with those steps (runs
  // of steps [from, to), in time order).
  const cut: {
    station: number;
    n: number;
    list: typeof runs;
    crowded: [number, number][];
    at: number;
    next: number;
    live: number[];
    /** Per pass, its steps k0..k1 at which it loses the antenna (1). */
    dropped: Uint8Array[];
    obs: ReturnType<typeof makeObserver>;
  }[] = [];
  let firstCrowded = Number.POSITIVE_INFINITY;
  let lastCrowded = Number.NEGATIVE_INFINITY;
  for (const [station, list] of byStation) {
    const n = antennasOf(station);
    list.sort((a, b) => a.k0 - b.k0 || a.p.sat - b.p.sat);
    const crowded: [number, number][] = [];
    if (Number.isFinite(n)) {
      const ev: [number, number][] = [];
      for (const r of list) ev.push([r.k0, 1], [r.k1 + 1, -1]);
      ev.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      let count = 0;
      for (let i = 0; i < ev.length; i++) {
        count += ev[i]![1];
        const next = ev[i + 1]?.[0];
        if (count > n && next !== undefined && next > ev[i]![0]) {
          const last = crowded[crowded.length - 1];
          if (last && last[1] === ev[i]![0]) last[1] = next;
          else crowded.push([ev[i]![0], next]);
        }
      }
    }
    if (crowded.length === 0) {
      for (const r of list) win(r.p.sat, station, r.k0, r.k1);
      continue;
    }
    firstCrowded = Math.min(firstCrowded, crowded[0]![0]);
    lastCrowded = Math.max(lastCrowded, crowded[crowded.length - 1]![1] - 1);
    const g = c.groundStations[station]!;
    cut.push({
      station,
      n,
      list,
      crowded,
      at: 0,
      next: 0,
      live: [],
      dropped: list.map((r) => new Uint8Array(r.k1 - r.k0 + 1)),
      obs: makeObserver({ latDeg: g.latDeg, lonDeg: g.lonDeg, altKm: g.altM / 1000 }),
    });
  }
  // At each crowded step, the passes in view beyond the n highest lose the antenna. Why this shape
  // (it was most of a day's geometry time): the steps are visited in time order for all stations at
  // once, so a satellite's position at a step is propagated once however many crowded stations see
  // it; each station's passes in view are kept as a sweep (enter at k0, leave after k1) instead of
  // a scan of its whole day per step; and a station's crowded steps are runs, its losses flags per
  // pass step, not sets of step numbers. Same passes, same ranking, same cut.
  const S = c.satellites.length;
  const posStep = new Float64Array(S).fill(Number.NaN);
  const posOk = new Uint8Array(S);
  const posEcef = new Float64Array(3 * S);
  const pos = new Float64Array(3);
  const ecef = new Float64Array(3) as unknown as EcefKmArray;
  const elevationSin = (obs: ReturnType<typeof makeObserver>, sat: number, k: number) => {
    if (posStep[sat] !== k) {
      const s = c.satellites[sat]!;
      const t = startUnixMs + k * stepMs;
      posStep[sat] = k;
      posOk[sat] = sgp4Into(s.satrec, (t - s.epochUnixMs) / MS_PER_MIN, pos, null, 0) === SGP4_OK ? 1 : 0;
      if (posOk[sat]) {
        temeToEcefInto(pos as unknown as TemeKmArray, gmstRad(t), ecef, 1);
        posEcef.set(ecef, 3 * sat);
      }
    }
    if (!posOk[sat]) return -2;
    return sinElevation(obs, posEcef[3 * sat]!, posEcef[3 * sat + 1]!, posEcef[3 * sat + 2]!);
  };
  // The passes in view at a step, ranked: highest first, ties to the lower satellite id.
  const rankI: number[] = [];
  const rankSat: number[] = [];
  const rankE: number[] = [];
  const order: number[] = [];
  for (let k = firstCrowded; k <= lastCrowded; k++)
    for (const st of cut) {
      // Runs are in time order: skip those that ended, then is k in the next one?
      while (st.at < st.crowded.length && st.crowded[st.at]![1] <= k) st.at++;
      const run = st.crowded[st.at];
      if (run === undefined || run[0] > k) continue;
      const { list, live } = st;
      while (st.next < list.length && list[st.next]!.k0 <= k) live.push(st.next++);
      let w = 0;
      for (const i of live) if (list[i]!.k1 >= k) live[w++] = i;
      live.length = w;
      rankI.length = rankSat.length = rankE.length = order.length = 0;
      for (const i of live) {
        const sat = list[i]!.p.sat;
        order.push(rankI.length);
        rankI.push(i);
        rankSat.push(sat);
        rankE.push(elevationSin(st.obs, sat, k));
      }
      // Insertion sort: a handful of passes, where Array#sort's comparator calls cost more.
      for (let a = 1; a < order.length; a++) {
        const x = order[a]!;
        let b = a - 1;
        while (
          b >= 0 &&
          (rankE[order[b]!]! < rankE[x]! ||
            (rankE[order[b]!]! === rankE[x]! && rankSat[order[b]!]! > rankSat[x]!))
        ) {
          order[b + 1] = order[b]!;
          b--;
        }
        order[b + 1] = x;
      }
      for (let j = st.n; j < order.length; j++) {
        const i = rankI[order[j]!]!;
        st.dropped[i]![k - list[i]!.k0] = 1;
      }
    }
  for (const { station, list, dropped } of cut)
    list.forEach((r, i) => {
      const lost = dropped[i]!;
      let open = -1;
      for (let k = r.k0; k <= r.k1 + 1; k++) {
        const holds = k <= r.k1 && lost[k - r.k0] === 0;
        if (holds && open < 0) open = k;
        if (!holds && open >= 0) {
          win(r.p.sat, station, open, k - 1);
          open = -1;
        }
      }
    });
  out.sort((a, b) => a.startUnixMs - b.startUnixMs || a.sat - b.sat || a.station - b.station);
  return out;
}
