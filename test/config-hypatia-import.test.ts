/**
 * A shell `elements: { file: <dir>, format: hypatia }` in a constellation YAML, against ../shared/hypatia-format (starlink_550,
 * kuiper_630): counts, the ISL list, stations and the GSL range as the directory states them
 * (its README and files), YAML shells and stations after Hypatia's, and the documented one-line
 * recipe (`latency` on a 3-line YAML) against an RTT computed here from Hypatia's own definitions:
 * satellite positions by satellite.js SGP4 from tles.txt, stations at ground_stations.txt's ECEF,
 * ISLs from isls.txt, a ground link to every satellite within max_gsl_length, shortest path with no
 * station relays (satgenpy fstate_calculation.py), RTT = (there + back) / c (print_routes_and_rtt.py).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { eciToEcf, gstime, sgp4, twoline2satrec } from "satellite.js";
import { afterAll, describe, expect, it } from "vitest";
import { loadConstellation, loadConstellationText } from "../src/config/load.js";
import { meshSettingsOf } from "../src/mesh/config.js";
import { runLatencyExperiment } from "../src/mesh/latency-experiment.js";
import { TopologyBuilder } from "../src/mesh/topology.js";
import { findStation } from "../src/orbit/constellation.js";
import { ConstellationPropagator } from "../src/orbit/propagate.js";
import { runCli } from "./cli-helpers.js";
import { expectInputError } from "./expect-input-error.js";

const DIR = fileURLToPath(new URL("../../shared/hypatia-format/", import.meta.url));
const present =
  existsSync(join(DIR, "starlink_550", "tles.txt")) && existsSync(join(DIR, "kuiper_630", "tles.txt"));
if (!present) console.warn(`skipping Hypatia import tests: ${DIR} (../shared/hypatia-format) is absent`);

const tmp = mkdtempSync(join(tmpdir(), "constellate-hypatia-import-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The documented 3-line YAML. */
function threeLines(name: string): string {
  const f = join(tmp, `${name}.yaml`);
  writeFileSync(
    f,
    `name: ${name}\nepoch: "2000-01-01T00:00:00Z"\nshells: [{ name: ${name}, elements: { file: ${join(DIR, name)}, format: hypatia } }]\n`,
  );
  return f;
}

/** Speed of light, m/s (exact, SI), as Hypatia's print_routes_and_rtt.py uses it. */
const C_M_S = 299_792_458;

/** Hypatia's RTT between two stations at the TLE epoch, computed from the directory alone. */
function hypatiaRttMs(name: string, from: string, to: string): { rttMs: number; sats: number[] } {
  const dir = join(DIR, name);
  const tles = readFileSync(join(dir, "tles.txt"), "utf8").trim().split("\n").slice(1);
  const pos: [number, number, number][] = [];
  const epoch = new Date(Date.UTC(2000, 0, 1));
  const gmst = gstime(epoch);
  for (let i = 0; i < tles.length; i += 3) {
    const rec = twoline2satrec(tles[i + 1]!.trim(), tles[i + 2]!.trim());
    const p = eciToEcf(sgp4(rec, 0)!.position, gmst);
    pos.push([p.x * 1000, p.y * 1000, p.z * 1000]);
  }
  const N = pos.length;
  const desc = Object.fromEntries(
    readFileSync(join(dir, "description.txt"), "utf8")
      .trim()
      .split("\n")
      .map((l) => l.split("=") as [string, string]),
  );
  const maxGsl = Number(desc["max_gsl_length_m"]);
  const maxIsl = Number(desc["max_isl_length_m"]);
  const gs = readFileSync(join(dir, "ground_stations.txt"), "utf8")
    .trim()
    .split("\n")
    .map((l) => l.split(","));
  const station = (n: string) => {
    const row = gs.find((r) => r[1] === n)!;
    return [Number(row[5]), Number(row[6]), Number(row[7])] as [number, number, number];
  };
  const d = (a: readonly number[], b: readonly number[]) =>
    Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
  const adj: [number, number][][] = Array.from({ length: N }, () => []);
  for (const line of readFileSync(join(dir, "isls.txt"), "utf8").trim().split("\n")) {
    const [a, b] = line.split(" ").map(Number) as [number, number];
    const len = d(pos[a]!, pos[b]!);
    expect(len).toBeLessThanOrEqual(maxIsl);
    adj[a]!.push([b, len]);
    adj[b]!.push([a, len]);
  }
  // Dijkstra (O(N^2), N = 1,584) from the source station over satellites only; the destination is a sink.
  const src = station(from);
  const dst = station(to);
  const dist = new Float64Array(N).fill(Number.POSITIVE_INFINITY);
  const prev = new Int32Array(N).fill(-1);
  const done = new Uint8Array(N);
  for (let i = 0; i < N; i++) if (d(src, pos[i]!) <= maxGsl) dist[i] = d(src, pos[i]!);
  for (;;) {
    let u = -1;
    for (let i = 0; i < N; i++)
      if (!done[i] && dist[i]! < Number.POSITIVE_INFINITY && (u < 0 || dist[i]! < dist[u]!)) u = i;
    if (u < 0) break;
    done[u] = 1;
    for (const [v, w] of adj[u]!)
      if (dist[u]! + w < dist[v]!) {
        dist[v] = dist[u]! + w;
        prev[v] = u;
      }
  }
  let best = Number.POSITIVE_INFINITY;
  let last = -1;
  for (let i = 0; i < N; i++) {
    const g = d(dst, pos[i]!);
    if (g <= maxGsl && dist[i]! + g < best) {
      best = dist[i]! + g;
      last = i;
    }
  }
  const sats: number[] = [];
  for (let v = last; v >= 0; v = prev[v]!) sats.unshift(v);
  return { rttMs: ((2 * best) / C_M_S) * 1000, sats };
}

describe.skipIf(!present)("a Hypatia directory as a shell (format: hypatia)", () => {
  // Counts: the README (72 x 22, 34 x 34), isls.txt's line counts, ground_stations.txt's 100 rows,
  // description.txt's max_gsl_length_m.
  it.each([
    ["starlink_550", 1584, 3168, 1089.68641819562],
    ["kuiper_630", 1156, 2312, 1260],
  ])("%s: %i satellites, %i ISLs, 100 stations seeing by slant range <= max_gsl_length", (name, sats, isls, gslKm) => {
    const c = loadConstellation(threeLines(name));
    expect(c.satellites.length).toBe(sats);
    expect(c.shells.map((s) => [s.name, s.firstIndex, s.count])).toEqual([[name, 0, sats]]);
    const isl = c.shells[0]!.settings["isl"] as { pattern: string; extraLinks: [number, number][] };
    expect(isl.pattern).toBe("none");
    expect(isl.extraLinks).toHaveLength(isls);
    expect(c.groundStations).toHaveLength(100);
    expect(c.groundStations[0]).toMatchObject({ index: 0, name: "Tokyo", minElevationDeg: 0 });
    for (const g of c.groundStations) expect(g.maxRangeKm).toBeCloseTo(gslKm, 9);
    const settings = meshSettingsOf(c);
    expect(settings.groundLinks.maxRangeKm).toBeCloseTo(gslKm, 9);
    // Hypatia routes only over ISLs: stations are not relays.
    expect(settings.routing.relayThroughStations).toBe(false);
  });

  it("starlink_550 at t = 0: every listed ISL is a link of the snapshot, no other ISL", async () => {
    const c = loadConstellation(threeLines("starlink_550"));
    using prop = await ConstellationPropagator.create(c.satellites, { engine: "js" });
    const t0 = Date.parse(c.epoch);
    const snap = TopologyBuilder.forConstellation(c, meshSettingsOf(c)).build(t0, prop.at(t0).ecef);
    let isl = 0;
    for (let j = 0; j < snap.linkCount; j++) if (snap.kind[j] === 0) isl++;
    expect(isl).toBe(2 * 3168);
  });

  it("after a Walker shell: ids and ISLs shift; YAML stations follow Hypatia's; the YAML's isl and groundLinks keys win", () => {
    const walker =
      "  - name: first\n    walker: { altitudeKm: 550, inclinationDeg: 53, planes: 2, satsPerPlane: 3, phasing: 0, raanSpreadDeg: 360 }\n";
    const hyp = (isl = "") =>
      `  - name: kuiper\n    elements: { file: ${join(DIR, "kuiper_630")}, format: hypatia }\n${isl}`;
    const yaml = (shells: string, extra = "") =>
      `name: mixed\nepoch: "2000-01-01T00:00:00Z"\nshells:\n${shells}${extra}`;
    const c = loadConstellationText(
      yaml(
        walker + hyp("    isl: { capacityGbps: 10 }\n"),
        "groundStations:\n  stations:\n    - { name: Zurich-Lab, latDeg: 47.37, lonDeg: 8.54 }\ngroundLinks: { maxRangeKm: 900 }\n",
      ),
      join(tmp, "mixed.yaml"),
    );
    expect(c.shells.map((s) => [s.name, s.firstIndex, s.count])).toEqual([
      ["first", 0, 6],
      ["kuiper", 6, 1156],
    ]);
    expect(c.satellites.map((s) => s.index)).toEqual(c.satellites.map((_, i) => i));
    expect(c.satellites[6]!.shell).toBe("kuiper");
    // kuiper_630/isls.txt starts "0 1": satellite ids shifted by the 6 Walker satellites before them.
    const settings = meshSettingsOf(c);
    expect(settings.isl[1]!.extraLinks[0]).toEqual([6, 7]);
    expect(settings.isl[1]!.pattern).toBe("none");
    expect(settings.isl[1]!.capacityBps).toBe(10e9);
    expect(settings.isl[0]!.pattern).toBe("plus-grid");
    expect(c.groundStations[0]).toMatchObject({ index: 0, name: "Tokyo" });
    expect(c.groundStations.at(-1)).toMatchObject({ index: 100, name: "Zurich-Lab", minElevationDeg: 25 });
    expect(settings.groundLinks.maxRangeKm).toBe(900);
    expectInputError(
      () =>
        loadConstellationText(
          yaml(hyp(), "groundStations:\n  stations:\n    - { name: tokyo, latDeg: 35.7, lonDeg: 139.7 }\n"),
          join(tmp, "dup.yaml"),
        ),
      "field groundStations",
      'value "tokyo"',
      /already defined by the Hypatia directory/,
    );
    expectInputError(
      () => loadConstellationText(yaml(hyp() + hyp().replace("kuiper", "again")), join(tmp, "two.yaml")),
      "two.yaml:7",
      /only one shell may be a Hypatia directory/,
    );
    expectInputError(
      () =>
        loadConstellationText(
          yaml(`  - name: h\n    elements: { file: ${join(tmp, "nowhere")}, format: hypatia }\n`),
          join(tmp, "x.yaml"),
        ),
      "x.yaml:5",
      "field shells[0].elements.file",
      /not a directory/,
    );
  });

  it("the recipe: `latency` on the 3-line YAML gives Hypatia's RTT London - New-York-Newark at t = 0", () => {
    const ref = hypatiaRttMs("starlink_550", "London", "New-York-Newark");
    // Sanity of the hand computation: more than the straight line (5,570 km chord: 37 ms), under fiber's 55 ms.
    expect(ref.rttMs).toBeGreaterThan(37);
    expect(ref.rttMs).toBeLessThan(54.7);
    const r = runCli([
      "latency",
      threeLines("starlink_550"),
      "--pair",
      "London:New-York-Newark",
      "--duration",
      "1s",
      "--step",
      "1s",
      "--format",
      "json",
    ]);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      pairs: { samples: { t: string; rttMs: number; path: string[] }[] }[];
    };
    const s0 = out.pairs[0]!.samples[0]!;
    expect(s0.t).toBe("2000-01-01T00:00:00.000Z");
    // Station ECEF: ours WGS-84 from lat/lon, Hypatia's file WGS-72: metres apart, < 1 us of RTT.
    expect(Math.abs(s0.rttMs - ref.rttMs)).toBeLessThan(0.001);
    expect(s0.path.slice(1, -1)).toEqual(ref.sats.map((i) => `Starlink-550 ${i}`));
  }, 60_000);

  it("kuiper_630 through the API: Paris - Moskva-(Moscow) and Istanbul - Nairobi at t = 0 match Hypatia's RTT", async () => {
    const c = loadConstellation(threeLines("kuiper_630"));
    const pairs: [string, string][] = [
      ["Paris", "Moskva-(Moscow)"],
      ["Istanbul", "Nairobi"],
    ];
    const exp = await runLatencyExperiment(
      c,
      meshSettingsOf(c),
      pairs.map(([a, b]) => [findStation(c, a)!, findStation(c, b)!] as const),
      { startUnixMs: Date.parse(c.epoch), durationMs: 0, stepMs: 1000, engine: "js" },
    );
    pairs.forEach(([a, b], k) => {
      const ref = hypatiaRttMs("kuiper_630", a, b);
      const s0 = exp.pairs[k]!.samples[0]!;
      expect(Math.abs(s0.rttMs! - ref.rttMs), `${a} - ${b}`).toBeLessThan(0.001);
      expect(s0.path!.slice(1, -1)).toEqual(ref.sats);
    });
  });
});
