/**
 * The CZML export against values computed here, not by the exporter: satellite positions from
 * satellite.js called directly (propagate + eciToEcf at the sample instant), station positions from
 * the WGS-84 constants by hand, ground-link pass lengths from circular-orbit geometry, and the
 * document's structure against the CZML packet rules (czml-writer wiki, "Packet" and
 * "InterpolatableProperty": id on every packet, the document packet first with version "1.0",
 * sampled cartesians as [t, x, y, z] repeated after an ISO 8601 epoch, intervals as "start/stop").
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eciToEcf, gstime, propagate } from "satellite.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConstellationText } from "../src/config/load.js";
import { writeControllerInfo } from "../src/emu/run-dir.js";
import { meshSettingsOf } from "../src/mesh/config.js";
import type { Constellation } from "../src/orbit/constellation.js";
import { buildCzml, type CzmlPacket } from "../src/report/czml.js";
import { sampleCzmlWindow } from "../src/report/czml-window.js";
import { runCli, STACK_LINE } from "./cli-helpers.js";

/** WGS-84 semi-major axis, m, and flattening (NIMA TR8350.2, 3rd ed., Table 3.1). */
const A_M = 6_378_137;
const F = 1 / 298.257223563;
/** WGS-72 Earth radius (km) and mu (km^3/s^2), the values SGP4 uses (Vallado et al. 2006, getgravconst). */
const R72_KM = 6378.135;
const MU72 = 398_600.8;
/** Earth rotation, rad/s (IERS Conventions 2010, TN36, Table 1.1). */
const OMEGA_E = 7.292115e-5;

// Twelve satellites in one equatorial circular plane at 550 km: neighbours 30 deg apart, a chord of
// 2 r sin 15 deg = 3,586 km (inside the 4,000 km laser range, line of sight >= r cos 15 deg = 6,692 km
// from the centre, above the 6,458 km grazing sphere), so the ring's 12 lasers never break.
const YAML = `name: ring12
epoch: "2026-01-01T00:00:00Z"
shells:
  - name: ring
    walker: { altitudeKm: 550, inclinationDeg: 0, planes: 1, satsPerPlane: 12, phasing: 0, raanSpreadDeg: 360, eccentricity: 0 }
groundLinks: { policy: all-visible }
groundStations:
  defaults: { minElevationDeg: 25 }
  stations:
    - { name: "Gulf of Guinea", latDeg: 0, lonDeg: 0, altM: 0 }
    - { name: "Sumatra", latDeg: 0, lonDeg: 100, altM: 0 }
    - { name: "North Pole", latDeg: 90, lonDeg: 0, altM: 0 }
    - { name: "Equator 90E", latDeg: 0, lonDeg: 90, altM: 1000 }
`;

const T0 = Date.parse("2026-01-01T00:00:00Z");
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

function parseInterval(s: unknown): [number, number] {
  expect(typeof s).toBe("string");
  const parts = (s as string).split("/");
  expect(parts).toHaveLength(2);
  for (const p of parts) expect(p).toMatch(ISO);
  const a = Date.parse(parts[0]!);
  const b = Date.parse(parts[1]!);
  expect(b).toBeGreaterThan(a);
  return [a, b];
}

/** The structural rules a CZML document must satisfy to load in Cesium; returns packets by id. */
function validateCzml(doc: unknown): Map<string, CzmlPacket> {
  expect(Array.isArray(doc)).toBe(true);
  const packets = doc as CzmlPacket[];
  const doc0 = packets[0] as Record<string, unknown>;
  expect(doc0.id).toBe("document");
  expect(doc0.version).toBe("1.0");
  const clock = doc0.clock as { interval: string; currentTime: string; multiplier: number };
  const [c0, c1] = parseInterval(clock.interval);
  expect(clock.currentTime).toMatch(ISO);
  expect(Date.parse(clock.currentTime)).toBeGreaterThanOrEqual(c0);
  expect(clock.multiplier).toBeGreaterThan(0);
  const byId = new Map<string, CzmlPacket>();
  packets.forEach((p, i) => {
    expect(typeof p.id, `packet ${i} has an id`).toBe("string");
    expect(byId.has(p.id), `id ${p.id} is unique`).toBe(false);
    if (i > 0) expect(p.id).not.toBe("document");
    byId.set(p.id, p);
  });
  for (const p of packets) {
    if (p.parent !== undefined) expect(byId.has(p.parent as string), `parent of ${p.id}`).toBe(true);
    const pos = p.position as { epoch?: string; cartesian: number[]; referenceFrame?: string } | undefined;
    if (pos) {
      expect(pos.referenceFrame).toBe("FIXED");
      if (pos.epoch !== undefined) {
        expect(pos.epoch).toMatch(ISO);
        expect(pos.cartesian.length % 4).toBe(0);
        for (let k = 4; k < pos.cartesian.length; k += 4)
          expect(pos.cartesian[k]!).toBeGreaterThan(pos.cartesian[k - 4]!);
      } else expect(pos.cartesian).toHaveLength(3);
      for (const v of pos.cartesian) expect(Number.isFinite(v)).toBe(true);
    }
    const avail = p.availability;
    if (avail !== undefined) {
      const list = (Array.isArray(avail) ? avail : [avail]).map(parseInterval);
      for (let k = 0; k < list.length; k++) {
        expect(list[k]![0]).toBeGreaterThanOrEqual(c0);
        expect(list[k]![1]).toBeLessThanOrEqual(c1);
        if (k > 0) expect(list[k]![0]).toBeGreaterThanOrEqual(list[k - 1]![1]);
      }
    }
    const line = p.polyline as
      | { positions: { references: string[] }; show: { interval: string }[] }
      | undefined;
    if (line) {
      expect(line.positions.references).toHaveLength(2);
      for (const r of line.positions.references) {
        const [id, prop] = r.split("#");
        expect(prop).toBe("position");
        expect(byId.has(id!), `reference ${r}`).toBe(true);
      }
      for (const s of line.show) parseInterval(s.interval);
    }
  }
  return byId;
}

/** Position of a sampled packet at sample k, metres. */
function sampleAt(p: CzmlPacket, k: number): { t: number; x: number; y: number; z: number } {
  const pos = p.position as { epoch: string; cartesian: number[] };
  const c = pos.cartesian;
  return {
    t: Date.parse(pos.epoch) + c[4 * k]! * 1000,
    x: c[4 * k + 1]!,
    y: c[4 * k + 2]!,
    z: c[4 * k + 3]!,
  };
}

/** ECEF (m) of a satellite straight from satellite.js: SGP4 in TEME, rotated by GMST. */
function satelliteJsEcefM(c: Constellation, i: number, tUnixMs: number): [number, number, number] {
  const d = new Date(tUnixMs);
  const pv = propagate(c.satellites[i]!.satrec, d);
  if (!pv) throw new Error("SGP4 failed in the test");
  const r = eciToEcf(pv.position, gstime(d));
  return [r.x * 1000, r.y * 1000, r.z * 1000];
}

describe("CZML export", () => {
  let c: Constellation;
  let packets: CzmlPacket[];
  let byId: Map<string, CzmlPacket>;
  const stepMs = 10_000;
  const durationMs = 2 * 3_600_000;

  beforeAll(async () => {
    c = loadConstellationText(YAML, "/tmp/ring12.yaml");
    const w = await sampleCzmlWindow(c, meshSettingsOf(c), {
      startUnixMs: T0,
      durationMs,
      stepMs,
      pairs: [[c.groundStations[0]!, c.groundStations[1]!]],
    });
    // Through JSON, as Cesium would read it.
    packets = JSON.parse(JSON.stringify(buildCzml(w))) as CzmlPacket[];
    byId = validateCzml(packets);
  });

  it("has the document packet first, one packet per satellite and one per station", () => {
    expect(packets[0]!.id).toBe("document");
    const clock = packets[0]!.clock as { interval: string };
    expect(parseInterval(clock.interval)).toEqual([T0, T0 + durationMs]);
    const sats = packets.filter((p) => (p.position as { epoch?: string } | undefined)?.epoch !== undefined);
    expect(sats).toHaveLength(12);
    const steps = durationMs / stepMs + 1;
    for (const p of sats) expect((p.position as { cartesian: number[] }).cartesian).toHaveLength(4 * steps);
    const stations = packets.filter(
      (p) => (p.position as { cartesian: number[] } | undefined)?.cartesian.length === 3,
    );
    expect(stations.map((p) => p.name)).toEqual(["Gulf of Guinea", "Sumatra", "North Pole", "Equator 90E"]);
  });

  it("puts every satellite where satellite.js puts it at the sample instants (to 0.2 m)", () => {
    for (let i = 0; i < 12; i++) {
      const p = byId.get(`satellite/${i}`)!;
      expect(p.name).toBe(c.satellites[i]!.name);
      for (const k of [0, 1, 7, 360, 720]) {
        const s = sampleAt(p, k);
        expect(s.t).toBe(T0 + k * stepMs);
        const [x, y, z] = satelliteJsEcefM(c, i, s.t);
        // dm rounding (0.05 m per axis) plus the WASM engine's 1 ms instants (~7.6 m/s x 0.5 ms).
        expect(Math.hypot(s.x - x, s.y - y, s.z - z)).toBeLessThan(0.2);
      }
    }
  });

  it("keeps an equatorial circular orbit in the equator plane at the Kepler radius", () => {
    // Mean semi-major axis 550 km above the WGS-72 radius; SGP4's short-period J2 terms move the
    // osculating radius by a few km, so 15 km bounds it; an equatorial orbit has z = 0 exactly.
    const a = (R72_KM + 550) * 1000;
    for (let k = 0; k < 721; k += 37) {
      const s = sampleAt(byId.get("satellite/5")!, k);
      expect(Math.abs(s.z)).toBeLessThan(1);
      expect(Math.abs(Math.hypot(s.x, s.y) - a)).toBeLessThan(15_000);
    }
  });

  it("places ground stations at their WGS-84 cartesian (hand formula)", () => {
    const b = A_M * (1 - F);
    const e2 = F * (2 - F);
    const cart = (id: string) => (byId.get(id)!.position as { cartesian: number[] }).cartesian;
    expect(cart("station/0")).toEqual([A_M, 0, 0]);
    // Pole: the semi-minor axis, 6,356,752.3 m.
    const pole = cart("station/2");
    expect(Math.abs(pole[0]!)).toBeLessThan(0.1);
    expect(pole[2]).toBeCloseTo(b, 0);
    // On the equator at 90 E, 1 km up: (0, a + h, 0).
    const e90 = cart("station/3");
    expect(e90[1]).toBeCloseTo(A_M + 1000, 0);
    // Sumatra (0 N, 100 E): N = a on the equator, x = a cos 100, y = a sin 100.
    const su = cart("station/1");
    const n = A_M / Math.sqrt(1 - e2 * 0);
    expect(su[0]).toBeCloseTo(n * Math.cos((100 * Math.PI) / 180), 0);
    expect(su[1]).toBeCloseTo(n * Math.sin((100 * Math.PI) / 180), 0);
  });

  it("shows the 12 ring lasers over the whole window and nothing else between satellites", () => {
    const lasers = packets.filter((p) => p.parent === "links/isl");
    const pairs = lasers.map(
      (p) => (p.polyline as { positions: { references: string[] } }).positions.references,
    );
    const expected = Array.from({ length: 12 }, (_, i) => {
      const j = (i + 1) % 12;
      return [Math.min(i, j), Math.max(i, j)];
    }).map(([a, b]) => [`satellite/${a}#position`, `satellite/${b}#position`]);
    expect(pairs.sort()).toEqual(expected.sort());
    for (const p of lasers)
      expect((p.availability as string[]).map(parseInterval)).toEqual([[T0, T0 + durationMs]]);
  });

  it("shows ground links for as long as a pass above the 25 deg mask lasts (circular geometry)", () => {
    // Earth central angle at elevation e: lambda = acos(R cos e / r) - e. The station on the equator
    // sees a satellite of the equatorial plane while it is within +-lambda, at the relative angular
    // rate n - omega_E, so a pass lasts 2 lambda / (n - omega_E).
    const r = R72_KM + 550;
    const e = (25 * Math.PI) / 180;
    const lambda = Math.acos(((A_M / 1000) * Math.cos(e)) / r) - e;
    const n = Math.sqrt(MU72 / r ** 3);
    const passMs = ((2 * lambda) / (n - OMEGA_E)) * 1000;
    expect(passMs / 60_000).toBeGreaterThan(4.5); // ~4.8 min: the formula is what we think it is
    const ground = packets.filter((p) => p.parent === "links/ground");
    expect(ground.length).toBeGreaterThan(0);
    let full = 0;
    for (const p of ground)
      for (const [a, b] of (p.availability as string[]).map(parseInterval)) {
        if (a === T0 || b === T0 + durationMs) continue; // clipped by the window
        full++;
        // Step-sampled edges (+-1 step each) and the osculating radius (+-15 km: ~1.5% of lambda).
        expect(Math.abs(b - a - passMs)).toBeLessThan(2 * stepMs + 0.03 * passMs);
      }
    // 12 satellites pass each equatorial station every ~8.5 min: about 14 per station in 2 h.
    expect(full).toBeGreaterThan(20);
    // Nobody links to the pole: an equatorial orbit is never above its horizon.
    for (const p of ground)
      expect((p.polyline as { positions: { references: string[] } }).positions.references).not.toContain(
        "station/2#position",
      );
  });

  it("highlights the pair's route: at any instant its shown links chain station A to station B", () => {
    const route = byId.get("route/0-1")!;
    expect(route.name).toBe("route Gulf of Guinea - Sumatra");
    const periods = (route.description as { interval: string; string: string }[]).map((d) => ({
      span: parseInterval(d.interval),
      text: d.string,
    }));
    expect(periods[0]!.span[0]).toBe(T0);
    expect(periods[periods.length - 1]!.span[1]).toBe(T0 + durationMs);
    const routeLinks = packets.filter((p) => p.parent === "route/0-1");
    expect(routeLinks.length).toBeGreaterThan(0);
    const shownAt = (p: CzmlPacket, t: number) =>
      (p.availability as string[]).map(parseInterval).some(([a, b]) => a <= t && t < b);
    for (const { span, text } of periods) {
      const t = span[0];
      const edges = routeLinks
        .filter((p) => shownAt(p, t))
        .map((p) => (p.polyline as { positions: { references: string[] } }).positions.references);
      if (text.startsWith("no route")) {
        expect(edges).toHaveLength(0);
        continue;
      }
      // Walk the chain from station A: every node has degree <= 2 and it ends at station B.
      const hops = Number(/^(\d+) hops/.exec(text)![1]);
      expect(edges).toHaveLength(hops);
      let at = "station/0#position";
      const left = [...edges];
      while (left.length > 0) {
        const k = left.findIndex((e) => e.includes(at));
        expect(k, `chain continues from ${at} at ${new Date(t).toISOString()}`).toBeGreaterThanOrEqual(0);
        const [e] = left.splice(k, 1);
        at = e![0] === at ? e![1]! : e![0]!;
      }
      expect(at).toBe("station/1#position");
      // Every route link is a link of the scene that is up then.
      for (const e of edges) {
        const a = Number(e[0]!.split("/")[1]!.split("#")[0]);
        const b = Number(e[1]!.split("/")[1]!.split("#")[0]);
        const na = e[0]!.startsWith("station") ? 12 + a : a;
        const nb = e[1]!.startsWith("station") ? 12 + b : b;
        const link = byId.get(`link/${Math.min(na, nb)}-${Math.max(na, nb)}`);
        expect(link && shownAt(link, t)).toBe(true);
      }
    }
  });

  it("loads in Cesium's own CZML reader with the positions, availability and references we meant", async () => {
    // CzmlDataSource compares property types against the DOM's Image constructor, which Node lacks;
    // a placeholder class that matches nothing lets the reader run headless.
    (globalThis as { Image?: unknown }).Image ??= class {};
    const Cesium = await import("cesium");
    const ds = await Cesium.CzmlDataSource.load(packets);
    expect(ds.name).toBe("ring12");
    expect(ds.entities.values.length).toBe(packets.length - 1); // every packet but the document
    expect(Cesium.JulianDate.toDate(ds.clock.startTime).getTime()).toBe(T0);
    expect(Cesium.JulianDate.toDate(ds.clock.stopTime).getTime()).toBe(T0 + durationMs);
    const at = (ms: number) => Cesium.JulianDate.fromDate(new Date(ms));
    // Between samples Cesium interpolates; satellite.js directly is the truth.
    for (const i of [0, 7]) {
      const e = ds.entities.getById(`satellite/${i}`)!;
      expect(e.position!.referenceFrame).toBe(Cesium.ReferenceFrame.FIXED);
      for (const ms of [T0 + 5_000, T0 + 3_601_234]) {
        const p = e.position!.getValue(at(ms))!;
        const [x, y, z] = satelliteJsEcefM(c, i, ms);
        expect(Math.hypot(p.x - x, p.y - y, p.z - z)).toBeLessThan(1);
      }
    }
    // Cesium's own geodetic -> cartesian (WGS-84) for a station.
    const su = ds.entities.getById("station/1")!.position!.getValue(at(T0))!;
    const want = Cesium.Cartesian3.fromDegrees(100, 0, 0);
    expect(Cesium.Cartesian3.distance(su, want)).toBeLessThan(0.1);
    // A ground link: shown inside its pass, not outside; its ends are the two entities' positions.
    const link = packets.find(
      (p) => p.parent === "links/ground" && (p.availability as string[]).length >= 1,
    )!;
    const [a, b] = parseInterval((link.availability as string[])[0]);
    const e = ds.entities.getById(link.id)!;
    expect(e.isAvailable(at((a + b) / 2))).toBe(true);
    if (a > T0) expect(e.isAvailable(at(a - 1000))).toBe(false);
    expect(e.polyline!.show!.getValue(at((a + b) / 2))).toBe(true);
    const ends = e.polyline!.positions!.getValue(at((a + b) / 2)) as InstanceType<typeof Cesium.Cartesian3>[];
    const refs = (link.polyline as { positions: { references: string[] } }).positions.references;
    refs.forEach((r, k) => {
      const target = ds.entities.getById(r.split("#")[0]!)!.position!.getValue(at((a + b) / 2))!;
      expect(Cesium.Cartesian3.distance(ends[k]!, target)).toBeLessThan(1e-6);
    });
  });

  it("samples often enough that Cesium's Lagrange interpolation stays within 1 m of SGP4 between samples", async () => {
    // The default step (60 s) and the document's own interpolation degree, with Lagrange's formula
    // written here; the truth is satellite.js at the midpoints of sample intervals.
    const w = await sampleCzmlWindow(c, meshSettingsOf(c), {
      startUnixMs: T0,
      durationMs: 3_600_000,
      stepMs: 60_000,
      links: "none",
    });
    const p = JSON.parse(JSON.stringify(buildCzml(w)))[1] as CzmlPacket;
    const pos = p.position as { interpolationDegree: number; cartesian: number[] };
    const deg = pos.interpolationDegree;
    const pts = Array.from({ length: pos.cartesian.length / 4 }, (_, k) => sampleAt(p, k));
    let worst = 0;
    for (let k0 = 0; k0 + deg < pts.length; k0 += 3) {
      const win = pts.slice(k0, k0 + deg + 1);
      const mid = (win[Math.floor(deg / 2)]!.t + win[Math.floor(deg / 2) + 1]!.t) / 2;
      const interp = (["x", "y", "z"] as const).map((axis) =>
        win.reduce((sum, pi, i) => {
          let l = 1;
          win.forEach((pj, j) => {
            if (j !== i) l *= (mid - pj.t) / (pi.t - pj.t);
          });
          return sum + l * pi[axis];
        }, 0),
      );
      const truth = satelliteJsEcefM(c, 0, mid);
      worst = Math.max(
        worst,
        Math.hypot(interp[0]! - truth[0], interp[1]! - truth[1], interp[2]! - truth[2]),
      );
    }
    expect(worst).toBeLessThan(1);
  });
});

describe("constellate export-czml", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "czml-"));
    writeFileSync(join(dir, "ring12.yaml"), YAML);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes a document Cesium can load and prints its summary", () => {
    const yaml = join(dir, "ring12.yaml");
    const out = join(dir, "ring.czml");
    const r = runCli([
      "export-czml",
      yaml,
      "--duration",
      "30m",
      "--step",
      "30s",
      "--pair",
      "Gulf of Guinea:Sumatra",
      "--out",
      out,
      "--format",
      "json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout) as {
      satellites: number;
      stations: number;
      steps: number;
      bytes: number;
    };
    expect(summary).toMatchObject({ satellites: 12, stations: 4, steps: 61 });
    const text = readFileSync(out, "utf8");
    expect(Buffer.byteLength(text)).toBe(summary.bytes);
    const byId = validateCzml(JSON.parse(text));
    expect(byId.has("route/0-1")).toBe(true);
  });

  it("refuses bad flags and oversize documents with one line and exit 2, writing nothing", () => {
    const yaml = join(dir, "ring12.yaml");
    const out = join(dir, "never.czml");
    for (const [args, needle] of [
      [["--links", "lasers"], "--links"],
      [["--pair", "Gulf of Guinea:Atlantis"], "unknown ground station"],
      [["--step", "0s"], "--step"],
      [["--max-mb", "0.001"], "--max-mb"],
      [["--step", "1ms", "--duration", "2h"], "too many"],
    ] as const) {
      const r = runCli(["export-czml", yaml, "--duration", "10m", "--out", out, ...args]);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toContain(needle);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).not.toMatch(STACK_LINE);
    }
    expect(() => readFileSync(out)).toThrow();
  });
});

describe("constellate export-czml --run-dir: what happened in a run", () => {
  let dir: string;
  const MIN = 60_000;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "czml-run-"));
    const yaml = join(dir, "ring12.yaml");
    writeFileSync(yaml, YAML);
    // A run of ring12 from T0 to T0 + 30 min in which satellite 3 was down from 10 to 20 min (a
    // stop and a restart), written as a launch writes its run dir.
    const run = join(dir, "run");
    mkdirSync(run);
    writeControllerInfo(run, {
      address: "127.0.0.1:1",
      pid: 1,
      name: "ring12",
      isolation: "inproc",
      startedAtUnixMs: 0,
      virtualStartMs: T0,
      speed: 1,
      nodes: 16,
      constellationFile: yaml,
    });
    writeFileSync(join(run, "summary.json"), JSON.stringify({ tMs: T0 + 30 * MIN }));
    const lines = Array.from({ length: 16 }, (_, node) => ({ tMs: T0, node, up: true }));
    lines.push({ tMs: T0 + 10 * MIN, node: 3, up: false }, { tMs: T0 + 20 * MIN, node: 3, up: true });
    writeFileSync(join(run, "nodes.ndjson"), lines.map((l) => `${JSON.stringify(l)}\n`).join(""));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("spans the run's window, greys a node while it was down and withdraws its links, routes around it", () => {
    const out = join(dir, "run.czml");
    const r = runCli([
      "export-czml",
      "--run-dir",
      join(dir, "run"),
      "--step",
      "30s",
      "--pair",
      "Gulf of Guinea:Sumatra",
      "--out",
      out,
      "--format",
      "json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout) as { steps: number; nodesDownAtSomePoint: number };
    // 30 min at 30 s: 61 samples; one node was down at some point.
    expect(summary).toMatchObject({ steps: 61, nodesDownAtSomePoint: 1 });
    const byId = validateCzml(JSON.parse(readFileSync(out, "utf8")));
    const clock = (byId.get("document") as unknown as { clock: { interval: string } }).clock;
    expect(parseInterval(clock.interval)).toEqual([T0, T0 + 30 * MIN]);
    // Same structure as from the YAML: 12 sampled satellites, 4 stations.
    for (let i = 0; i < 12; i++) expect(byId.get(`satellite/${i}`)!.position).toBeDefined();
    for (let g = 0; g < 4; g++) expect(byId.has(`station/${g}`)).toBe(true);

    const color = (id: string) =>
      (byId.get(id)!.point as { color: { interval: string; rgba: number[] }[] }).color.map((c) => ({
        at: parseInterval(c.interval),
        rgba: c.rgba,
      }));
    const sat3 = color("satellite/3");
    expect(sat3.map((c) => c.at)).toEqual([
      [T0, T0 + 10 * MIN],
      [T0 + 10 * MIN, T0 + 20 * MIN],
      [T0 + 20 * MIN, T0 + 30 * MIN],
    ]);
    expect(sat3[0]!.rgba).toEqual(sat3[2]!.rgba);
    expect(sat3[1]!.rgba).not.toEqual(sat3[0]!.rgba);
    expect(color("satellite/0").map((c) => c.at)).toEqual([[T0, T0 + 30 * MIN]]);

    // Step-after: satellite 3 is down at the 10 min sample and up again at the 20 min one, so its two
    // ring lasers are shown over [0, 10) and [20, 30] min; a laser between two up satellites throughout.
    const avail = (id: string) => {
      const a = byId.get(id)!.availability;
      return (Array.isArray(a) ? a : [a]).map(parseInterval);
    };
    for (const id of ["link/2-3", "link/3-4"])
      expect(avail(id)).toEqual([
        [T0, T0 + 10 * MIN],
        [T0 + 20 * MIN, T0 + 30 * MIN],
      ]);
    expect(avail("link/0-1")).toEqual([[T0, T0 + 30 * MIN]]);

    // The route never passes satellite 3 while it was down.
    const name3 = byId.get("satellite/3")!.name as string;
    const periods = byId.get("route/0-1")!.description as { interval: string; string: string }[];
    expect(periods.length).toBeGreaterThan(0);
    for (const p of periods) {
      const [a, b] = parseInterval(p.interval);
      const hops = p.string.slice(p.string.indexOf(": ") + 2).split(" &gt; ");
      if (a < T0 + 20 * MIN && b > T0 + 10 * MIN) expect(hops).not.toContain(name3);
      else if (p.string.includes("hops")) expect(hops[0]).toBe("Gulf of Guinea");
    }
  });

  it("a run's window is its own: --from or --duration with --run-dir is one line and exit 2", () => {
    const r = runCli([
      "export-czml",
      "--run-dir",
      join(dir, "run"),
      "--duration",
      "1h",
      "--out",
      join(dir, "x.czml"),
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--duration");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});
