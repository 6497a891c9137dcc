/**
 * Seeded workload generators: global land coverage, shipping lanes, wildfire hotspots, and a mix.
 * The same (kind, seed, count, horizon) always gives the same workload (mulberry32, see prng.ts).
 *
 * The geography is deliberately coarse (hand-listed boxes, waypoints and centres below, a few
 * degrees accurate): it shapes where demand falls, which is what the replay needs, without shipping
 * a land mask.
 */
import { InputError } from "../util/input-error.js";
import { MAX_WORKLOAD_REQUESTS } from "../util/limits.js";
import { mulberry32, normal, pickWeighted, type Rng, uniform } from "./prng.js";
import type { CaptureRequest } from "./workload.js";

export const WORKLOAD_KINDS = ["land", "shipping", "wildfire", "mixed"] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

export interface GeneratorOptions {
  kind: WorkloadKind;
  seed: number;
  count: number;
  /** Requests open within [0, horizonMs) after the run start (times are written as offsets). */
  horizonMs: number;
}

/** Mostly-land boxes [minLon, minLat, maxLon, maxLat], deg. */
const LAND_BOXES: readonly (readonly [number, number, number, number])[] = [
  [-120, 32, -85, 50], // contiguous US west/centre
  [-85, 33, -75, 45], // US east
  [-115, 52, -95, 62], // Canadian prairies/shield
  [-70, -35, -40, -5], // Brazil / Southern Cone interior
  [-75, -15, -55, 5], // Amazon
  [-8, 37, 3, 43], // Iberia
  [0, 44, 25, 54], // western/central Europe
  [25, 48, 60, 60], // eastern Europe / western Russia
  [60, 50, 120, 65], // Siberia
  [-10, 10, 30, 30], // Sahara / Sahel
  [15, -30, 35, -5], // southern Africa
  [35, 15, 55, 30], // Arabia
  [70, 10, 88, 30], // India
  [100, 25, 120, 40], // eastern China
  [120, -30, 150, -18], // Australia
];

/** Shipping lanes as waypoint polylines [lon, lat], deg (no segment crosses 180 deg). */
const SHIPPING_LANES: readonly (readonly (readonly [number, number])[])[] = [
  // Asia - Europe via Malacca and Suez
  [
    [122.5, 30.8],
    [120.0, 24.8],
    [114.3, 22.0],
    [109.5, 12.0],
    [103.8, 1.2],
    [98.5, 4.5],
    [80.5, 5.8],
    [52.0, 12.8],
    [43.3, 12.6],
    [32.5, 29.9],
    [32.3, 31.3],
    [24.0, 34.0],
    [-5.6, 36.0],
    [-9.5, 43.0],
    [-1.5, 50.0],
    [4.0, 52.0],
  ],
  // North Atlantic
  [
    [-5.0, 49.5],
    [-40.0, 45.0],
    [-74.0, 40.5],
  ],
  // US east coast - Panama - US west coast
  [
    [-74.0, 40.5],
    [-80.0, 25.0],
    [-79.9, 9.3],
    [-79.5, 8.9],
    [-105.0, 20.0],
    [-118.3, 33.7],
  ],
  // North Pacific, Asian side and American side
  [
    [121.8, 31.0],
    [140.0, 35.0],
    [179.0, 44.0],
  ],
  [
    [-179.0, 44.0],
    [-140.0, 42.0],
    [-118.3, 33.7],
  ],
  // Cape route
  [
    [103.8, 1.2],
    [60.0, -20.0],
    [18.5, -34.5],
    [0.0, -10.0],
    [-17.0, 15.0],
    [-9.5, 43.0],
  ],
];

/** Fire-prone regions [lon, lat, spreadDeg, weight]. */
const FIRE_REGIONS: readonly (readonly [number, number, number, number])[] = [
  [-121.0, 38.5, 2.0, 3], // California
  [-121.0, 50.5, 3.0, 2], // British Columbia
  [22.0, 38.5, 2.0, 2], // Greece
  [-8.0, 40.0, 1.5, 1], // Portugal
  [147.0, -36.0, 2.5, 2], // south-east Australia
  [-60.0, -10.0, 5.0, 3], // southern Amazon
  [125.0, 60.0, 6.0, 2], // Siberia
  [22.0, -8.0, 6.0, 2], // central African savanna
];

const H = 3_600_000;

function clampLat(x: number): number {
  return Math.max(-89.9, Math.min(89.9, x));
}

function wrapLon(x: number): number {
  let l = ((((x + 180) % 360) + 360) % 360) - 180;
  if (l === -180) l = 180;
  return l;
}

function window(rng: Rng, horizonMs: number, minMs: number, maxMs: number): [number, number] {
  const len = Math.min(horizonMs, uniform(rng, minMs, maxMs));
  const start = uniform(rng, 0, Math.max(0, horizonMs - len));
  return [Math.round(start / 1000) * 1000, Math.round((start + len) / 1000) * 1000];
}

function land(rng: Rng, i: number, horizonMs: number): CaptureRequest {
  const areas = LAND_BOXES.map(
    ([a, b, c, d]) => (c - a) * (Math.sin((d * Math.PI) / 180) - Math.sin((b * Math.PI) / 180)),
  );
  const [minLon, minLat, maxLon, maxLat] = LAND_BOXES[pickWeighted(rng, areas)]!;
  // Uniform by area on the sphere within the box: uniform in sin(latitude).
  const s = uniform(rng, Math.sin((minLat * Math.PI) / 180), Math.sin((maxLat * Math.PI) / 180));
  const lat = (Math.asin(s) * 180) / Math.PI;
  const lon = uniform(rng, minLon, maxLon);
  const [t0, t1] = window(rng, horizonMs, 6 * H, 24 * H);
  const priority = rng() < 0.1 ? 2 : 1;
  return req(`land-${i}`, t0, t1, lat, lon, priority, "land");
}

function shipping(rng: Rng, i: number, horizonMs: number): CaptureRequest {
  const segs: [number, number, number, number][] = [];
  for (const lane of SHIPPING_LANES)
    for (let k = 0; k + 1 < lane.length; k++) {
      const [a, b] = lane[k]!;
      const [c, d] = lane[k + 1]!;
      segs.push([a, b, c, d]);
    }
  const lengths = segs.map(([a, b, c, d]) =>
    Math.hypot((c - a) * Math.cos(((b + d) * Math.PI) / 360), d - b),
  );
  const [a, b, c, d] = segs[pickWeighted(rng, lengths)]!;
  const f = rng();
  const lat = clampLat(b + f * (d - b) + 0.3 * normal(rng));
  const lon = wrapLon(a + f * (c - a) + 0.3 * normal(rng));
  const [t0, t1] = window(rng, horizonMs, 2 * H, 8 * H);
  const priority = 2 + Math.floor(rng() * 3); // 2..4
  return req(`ship-${i}`, t0, t1, lat, lon, priority, "shipping");
}

function wildfire(rng: Rng, i: number, horizonMs: number): CaptureRequest {
  const [lon0, lat0, spread] =
    FIRE_REGIONS[
      pickWeighted(
        rng,
        FIRE_REGIONS.map((r) => r[3]),
      )
    ]!;
  const lat = clampLat(lat0 + spread * normal(rng));
  const lon = wrapLon(lon0 + spread * normal(rng));
  const [t0, t1] = window(rng, horizonMs, 3 * H, 12 * H);
  const priority = 5 + Math.floor(rng() * 5); // 5..9
  return req(`fire-${i}`, t0, t1, lat, lon, priority, "wildfire");
}

function req(id: string, t0: number, t1: number, lat: number, lon: number, priority: number, tag: string) {
  const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
  return {
    id,
    start: { offsetMs: t0 },
    end: { offsetMs: t1 },
    target: { kind: "point" as const, latDeg: r6(lat), lonDeg: r6(lon) },
    priority,
    tag,
  };
}

export function generateWorkload(o: GeneratorOptions): CaptureRequest[] {
  if (!WORKLOAD_KINDS.includes(o.kind))
    throw new InputError(`expected one of ${WORKLOAD_KINDS.join(", ")}`, { field: "kind", value: o.kind });
  if (!Number.isInteger(o.count) || o.count < 0 || o.count > MAX_WORKLOAD_REQUESTS)
    throw new InputError(`expected an integer in 0..${MAX_WORKLOAD_REQUESTS}`, {
      field: "count",
      value: o.count,
    });
  if (!(o.horizonMs > 0))
    throw new InputError("expected a positive horizon", { field: "horizon", value: o.horizonMs });
  const rng = mulberry32(o.seed);
  const out: CaptureRequest[] = [];
  for (let i = 0; i < o.count; i++) {
    const kind =
      o.kind === "mixed"
        ? (["land", "shipping", "wildfire"] as const)[pickWeighted(rng, [5, 3, 2])]!
        : o.kind;
    const gen = kind === "land" ? land : kind === "shipping" ? shipping : wildfire;
    out.push(gen(rng, i, o.horizonMs));
  }
  return out;
}
