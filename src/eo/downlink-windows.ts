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
  const pos = new Float64Array(3);
  const ecef = new Float64Array(3) as unknown as EcefKmArray;
  for (const [station, list] of byStation) {
    const n = antennasOf(station);
    list.sort((a, b) => a.k0 - b.k0 || a.p.sat - b.p.sat);
    // Steps where more passes overlap than there are antennas.
    const crowded = new Set<number>();
    if (Number.isFinite(n)) {
      const ev: [number, number][] = [];
      for (const r of list) ev.push([r.k0, 1], [r.k1 + 1, -1]);
      ev.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      let count = 0;
      for (let i = 0; i < ev.length; i++) {
        count += ev[i]![1];
        const next = ev[i + 1]?.[0];
        if (count > n && next !== undefined) for (let k = ev[i]![0]; k < next; k++) crowded.add(k);
      }
    }
    if (crowded.size === 0) {
      for (const r of list) win(r.p.sat, station, r.k0, r.k1);
      continue;
    }
    const g = c.groundStations[station]!;
    const obs = makeObserver({ latDeg: g.latDeg, lonDeg: g.lonDeg, altKm: g.altM / 1000 });
    const elevationSin = (sat: number, k: number) => {
      const s = c.satellites[sat]!;
      const t = startUnixMs + k * stepMs;
      if (sgp4Into(s.satrec, (t - s.epochUnixMs) / MS_PER_MIN, pos, null, 0) !== SGP4_OK) return -2;
      temeToEcefInto(pos as unknown as TemeKmArray, gmstRad(t), ecef, 1);
      return sinElevation(obs, ecef[0]!, ecef[1]!, ecef[2]!);
    };
    // At each crowded step, the passes in view beyond the n highest lose the antenna. Elevations are
    // computed once per (pass, step), not once per pair.
    const dropped = list.map(() => new Set<number>());
    for (const k of crowded) {
      const inView: { i: number; sat: number; e: number }[] = [];
      list.forEach((r, i) => {
        if (r.k0 <= k && k <= r.k1) inView.push({ i, sat: r.p.sat, e: elevationSin(r.p.sat, k) });
      });
      inView.sort((x, y) => y.e - x.e || x.sat - y.sat);
      for (let j = n; j < inView.length; j++) dropped[inView[j]!.i]!.add(k);
    }
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
  }
  out.sort((a, b) => a.startUnixMs - b.startUnixMs || a.sat - b.sat || a.station - b.station);
  return out;
}
