/**
 * CZML (Cesium's time-dynamic scene format, https://github.com/AnalyticalGraphicsInc/czml-writer/wiki)
 * from a sampled window (src/report/czml-window.ts). Pure: packets in, no I/O.
 *
 * The document is a JSON array: the "document" packet first (version 1.0 and the playback clock),
 * then one packet per satellite (sampled `position.cartesian`: epoch + [t s, x m, y m, z m, ...]),
 * one per ground station (a fixed cartesian), one per link up at any time in the window (a polyline
 * between the two entities' positions, shown only over the link's up intervals), and per route pair
 * a packet whose description says the path per period plus a highlighted polyline per route link.
 *
 * Frame: positions are in referenceFrame FIXED, Cesium's Earth-fixed frame (ITRF). Ours are
 * pseudo-Earth-fixed (TEME rotated by GMST, no polar motion; src/orbit/frames.ts), which differs from
 * ITRF by under 15 m at LEO altitude: far below a pixel at any zoom that shows a constellation.
 */
import type { UnixMs } from "../orbit/units.js";
import type { CzmlWindow, SampledLink } from "./czml-window.js";

/** One CZML packet; only the fields this exporter writes are typed. */
export interface CzmlPacket {
  id: string;
  [property: string]: unknown;
}

/**
 * Lagrange interpolation of degree 5 between samples. At 60 s steps its error on a 550 km circular
 * orbit is below a metre (measured in docs/czml.md), so the default step keeps files small without
 * visible error.
 */
export const CZML_INTERPOLATION_DEGREE = 5;
/** Playback: the whole window plays in this many wall seconds at the document clock's multiplier. */
export const CZML_PLAYBACK_WALL_S = 60;

type Rgba = [number, number, number, number];
const SATELLITE_RGBA: Rgba = [255, 255, 255, 255];
const STATION_RGBA: Rgba = [255, 200, 0, 255];
const ISL_RGBA: Rgba = [0, 200, 255, 110];
const GROUND_RGBA: Rgba = [255, 200, 0, 170];
const ROUTE_RGBA: Rgba = [255, 40, 40, 255];

/** ISO 8601 UTC; whole seconds without the ".000" (8 bytes per instant, two per interval). */
export const isoInstant = (tUnixMs: UnixMs): string => new Date(tUnixMs).toISOString().replace(".000Z", "Z");
export const isoInterval = (a: UnixMs, b: UnixMs): string => `${isoInstant(a)}/${isoInstant(b)}`;

/** Metres with 1 dm resolution: well inside the frame's 15 m, and a third shorter than full floats. */
const metres = (km: number): number => Math.round(km * 10_000) / 10;
/** Seconds since the epoch with 1 ms resolution (the propagator resolves instants to 1 ms). */
const seconds = (ms: number): number => Math.round(ms) / 1000;

export const satelliteId = (i: number): string => `satellite/${i}`;
export const stationId = (g: number): string => `station/${g}`;

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function buildCzml(w: CzmlWindow): CzmlPacket[] {
  const S = w.satellites.length;
  const whole = isoInterval(w.startUnixMs, w.endUnixMs);
  const durationS = (w.endUnixMs - w.startUnixMs) / 1000;
  const nodeId = (n: number) => (n < S ? satelliteId(n) : stationId(n - S));
  const nodeName = (n: number) => (n < S ? w.satellites[n]!.name : w.stations[n - S]!.station.name);
  const packets: CzmlPacket[] = [
    {
      id: "document",
      name: w.name,
      version: "1.0",
      clock: {
        interval: whole,
        currentTime: isoInstant(w.startUnixMs),
        multiplier: Math.max(1, Math.round(durationS / CZML_PLAYBACK_WALL_S)),
        range: "LOOP_STOP",
        step: "SYSTEM_CLOCK_MULTIPLIER",
      },
    },
  ];

  const steps = w.timesUnixMs.length;
  const degree = Math.min(CZML_INTERPOLATION_DEGREE, steps - 1);
  for (let i = 0; i < S; i++) {
    const cartesian: number[] = [];
    for (let k = 0; k < steps; k++) {
      const o = (k * S + i) * 3;
      const x = w.ecefKm[o]!;
      const y = w.ecefKm[o + 1]!;
      const z = w.ecefKm[o + 2]!;
      // SGP4 failed at this instant (decayed, bad elements): leave the sample out.
      if (!Number.isFinite(x + y + z)) continue;
      cartesian.push(seconds(w.timesUnixMs[k]! - w.startUnixMs), metres(x), metres(y), metres(z));
    }
    const sat = w.satellites[i]!;
    packets.push({
      id: satelliteId(i),
      name: sat.name,
      description: `satellite ${i} (${escapeHtml(sat.name)}), shell ${escapeHtml(sat.shell)}${
        cartesian.length < 4 * steps
          ? `; SGP4 failed at ${steps - cartesian.length / 4} of ${steps} steps`
          : ""
      }`,
      availability: whole,
      position: {
        epoch: isoInstant(w.startUnixMs),
        referenceFrame: "FIXED",
        ...(degree >= 1 ? { interpolationAlgorithm: "LAGRANGE", interpolationDegree: degree } : {}),
        cartesian,
      },
      point: { pixelSize: 4, color: nodeColor(w, i, SATELLITE_RGBA) },
    });
  }

  w.stations.forEach(({ station: g, ecef }, k) => {
    packets.push({
      id: stationId(k),
      name: g.name,
      description: `ground station ${S + k} (${escapeHtml(g.name)}): ${g.latDeg} deg, ${g.lonDeg} deg, ${g.altM} m; mask ${g.minElevationDeg} deg`,
      position: { referenceFrame: "FIXED", cartesian: [metres(ecef.x), metres(ecef.y), metres(ecef.z)] },
      point: { pixelSize: 7, color: nodeColor(w, S + k, STATION_RGBA) },
      label: {
        text: g.name,
        font: "11px sans-serif",
        pixelOffset: { cartesian2: [8, 0] },
        horizontalOrigin: "LEFT",
        fillColor: { rgba: STATION_RGBA },
      },
    });
  });

  const linkPacket = (id: string, parent: string, l: SampledLink, rgba: Rgba, width: number): CzmlPacket => ({
    id,
    parent,
    name: `${nodeName(l.a)} - ${nodeName(l.b)}`,
    availability: l.intervals.map(([a, b]) => isoInterval(a, b)),
    polyline: {
      positions: { references: [`${nodeId(l.a)}#position`, `${nodeId(l.b)}#position`] },
      arcType: "NONE",
      width,
      material: { solidColor: { color: { rgba } } },
      // Outside these the packet's availability already hides the link; the same intervals as
      // values of `show` serve viewers that go by the property (explicit false gaps would add a
      // third to a file dominated by ground-link intervals).
      show: l.intervals.map(([a, b]) => ({ interval: isoInterval(a, b), boolean: true })),
    },
  });

  if (w.links.some((l) => l.kind === "isl")) packets.push({ id: "links/isl", name: "laser links" });
  if (w.links.some((l) => l.kind === "ground")) packets.push({ id: "links/ground", name: "ground links" });
  for (const l of w.links)
    packets.push(
      l.kind === "isl"
        ? linkPacket(`link/${l.a}-${l.b}`, "links/isl", l, ISL_RGBA, 1)
        : linkPacket(`link/${l.a}-${l.b}`, "links/ground", l, GROUND_RGBA, 1),
    );

  for (const r of w.routes) {
    const rid = `route/${r.from.index}-${r.to.index}`;
    packets.push({
      id: rid,
      name: `route ${r.from.name} - ${r.to.name}`,
      description: r.periods.map((p) => ({
        interval: isoInterval(p.startUnixMs, p.endUnixMs),
        string:
          p.path.length > 0
            ? `${p.path.length - 1} hops, one-way ${p.delayMs!.toFixed(2)} ms: ${p.path.map((n) => escapeHtml(nodeName(n))).join(" &gt; ")}`
            : `no route (${p.reason})`,
      })),
    });
    for (const l of r.links) packets.push(linkPacket(`${rid}/link/${l.a}-${l.b}`, rid, l, ROUTE_RGBA, 3));
  }
  return packets;
}

/** Grey while a node was down in the run (run dirs only); otherwise its colour throughout. */
const DOWN_RGBA: Rgba = [110, 110, 110, 255];

function nodeColor(w: CzmlWindow, node: number, rgba: Rgba): unknown {
  const up = w.nodesUp?.[node];
  if (!up) return { rgba };
  // Intervals over the whole window: down (grey) in the gaps between up intervals.
  const out: { interval: string; rgba: Rgba }[] = [];
  let t = w.startUnixMs;
  for (const [from, to] of up) {
    const a = Math.max(from, w.startUnixMs);
    const b = Math.min(to, w.endUnixMs);
    if (!(b > a)) continue;
    if (a > t) out.push({ interval: isoInterval(t, a), rgba: DOWN_RGBA });
    out.push({ interval: isoInterval(a, b), rgba });
    t = b;
  }
  if (t < w.endUnixMs) out.push({ interval: isoInterval(t, w.endUnixMs), rgba: DOWN_RGBA });
  return out;
}

/** The document as text: one packet per line, so a diff or `head` shows whole packets. */
export function czmlText(packets: readonly CzmlPacket[]): string {
  return `[\n${packets.map((p) => JSON.stringify(p)).join(",\n")}\n]\n`;
}
