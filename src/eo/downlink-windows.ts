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
  // Stations where more passes overlap than there are antennas at some step, with those steps.
  const cut: {
    station: number;
    n: number;
    list: typeof runs;
    crowded: number[];
    at: number;
    next: number;
    live: number[];
    dropped: Set<number>[];
    obs: ReturnType<typeof makeObserver>;
  }[] = [];
  for (const [station, list] of byStation) {
    const n = antennasOf(station);
    list.sort((a, b) => a.k0 - b.k0 || a.p.sat - b.p.sat);
    const crowded: number[] = [];
    if (Number.isFinite(n)) {
      const ev: [number, number][] = [];
      for (const r of list) ev.push([r.k0, 1], [r.k1 + 1, -1]);
      ev.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      let count = 0;
      for (let i = 0; i < ev.length; i++) {
        count += ev[i]![1];
        const next = ev[i + 1]?.[0];
        if (count > n && next !== undefined) for (let k = ev[i]![0]; k < next; k++) crowded.push(k);
      }
    }
    if (crowded.length === 0) {
      for (const r of list) win(r.p.sat, station, r.k0, r.k1);
      continue;
    }
    const g = c.groundStations[station]!;
    cut.push({
      station,
      n,
      list,
      crowded,
      at: 0,
      next: 0,
      live: [],
      dropped: list.map(() => new Set<number>()),
      obs: makeObserver({ latDeg: g.latDeg, lonDeg: g.lonDeg, altKm: g.altM / 1000 }),
    });
  }
  // At each crowded step, the passes in view beyond the n highest lose the antenna. Why this shape
  // (it was most of a day's geometry time): the steps are visited in time order for all stations at
  // once, so a satellite's position at a step is propagated once however many crowded stations see
  // it; and each station's passes in view are kept as a sweep (enter at k0, leave after k1) instead of
  // a scan of its whole day per step. Same passes, same ranking, same cut.
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
  const steps = [...new Set(cut.flatMap((st) => st.crowded))].sort((a, b) => a - b);
  for (const k of steps)
    for (const st of cut) {
      if (st.crowded[st.at] !== k) continue;
      st.at++;
      const { list, live } = st;
      while (st.next < list.length && list[st.next]!.k0 <= k) live.push(st.next++);
      let w = 0;
      for (const i of live) if (list[i]!.k1 >= k) live[w++] = i;
      live.length = w;
      const inView = live.map((i) => ({
        i,
        sat: list[i]!.p.sat,
        e: elevationSin(st.obs, list[i]!.p.sat, k),
      }));
      inView.sort((x, y) => y.e - x.e || x.sat - y.sat);
      for (let j = st.n; j < inView.length; j++) st.dropped[inView[j]!.i]!.add(k);
    }
  for (const { station, list, dropped } of cut)
    list.forEach((r, i) => {
      let open = -1;
      for (let k = r.k0; k <= r.k1 + 1; k++) {
        const holds = k <= r.k1 && !dropped[i]!.has(k);
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
