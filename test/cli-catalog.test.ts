/**
 * `constellate catalog` and `info` on inferred structure: the fixed JSON shapes, CSV and table
 * output, the Command others attach `fetch` to, and bad input as one line with exit status 2.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { afterAll, describe, expect, it, vi } from "vitest";
import { catalogCommand } from "../src/cli/commands/catalog.js";
import { main } from "../src/cli/main.js";
import { runCli, STACK_LINE } from "./cli-helpers.js";

const STARLINK_3LE = fileURLToPath(new URL("../../shared/catalogs/starlink-2023-07-18.3le", import.meta.url));
const haveCatalog = existsSync(STARLINK_3LE);
const tmp = mkdtempSync(join(tmpdir(), "constellate-cli-catalog-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Run the CLI in this process, returning exit code, stdout and stderr. */
async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const e = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  try {
    const code = await main(["node", "constellate", ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe.skipIf(!haveCatalog)("catalog and info on the 2023 Starlink snapshot", () => {
  // Skipped only when ../shared/catalogs is absent (a checkout without the shared reference data).
  const yamlFile = join(tmp, "sl.yaml");
  writeFileSync(
    yamlFile,
    [
      "name: starlink-2023",
      "epoch: 2023-07-18T00:00:00Z",
      "shells:",
      "  - name: starlink",
      `    elements: { file: ${JSON.stringify(STARLINK_3LE)}, format: tle }`,
      "    structure: infer",
      "groundStations:",
      "  stations:",
      "    - { name: London, latDeg: 51.5074, lonDeg: -0.1278 }",
      "    - { name: New-York, latDeg: 40.7128, lonDeg: -74.006 }",
      // User terminals in Hypatia's model: a station links to every satellite in range (Kassing et
      // al., "Exploring the "Internet from space" with Hypatia", IMC 2020), not the 1-antenna default.
      "groundLinks: { antennas: unlimited }",
      "",
    ].join("\n"),
  );

  it("catalog <3le file> --format json has exactly the fixed shape", async () => {
    const r = await run(["catalog", STARLINK_3LE, "--format", "json"]);
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out);
    expect(Object.keys(doc).sort()).toEqual(["shells", "unassigned", "warnings"]);
    expect(doc.shells).toHaveLength(5);
    for (const s of doc.shells) {
      expect(Object.keys(s).sort()).toEqual(
        ["altitudeKm", "inclinationDeg", "name", "perPlane", "planes", "satellites"].sort(),
      );
      expect(Object.keys(s.perPlane).sort()).toEqual(["max", "median", "min"]);
      expect(s.perPlane.min).toBeLessThanOrEqual(s.perPlane.median);
      expect(s.perPlane.median).toBeLessThanOrEqual(s.perPlane.max);
    }
    // Mean altitude over an orbit of the 53.2 deg shell: FCC 21-48's 540 km, within 10 km.
    const s532 = doc.shells.find((s: { inclinationDeg: number }) => Math.abs(s.inclinationDeg - 53.2) < 0.1);
    expect(Math.abs(s532.altitudeKm - 540)).toBeLessThan(10);
    expect(s532.planes).toBe(72);
    const total = doc.shells.reduce((n: number, s: { satellites: number }) => n + s.satellites, 0);
    expect(total + doc.unassigned.length).toBe(4428);
    for (const u of doc.unassigned) expect(Object.keys(u).sort()).toEqual(["reason", "satellite"]);
    expect(doc.unassigned.some((u: { satellite: string }) => u.satellite.startsWith("FALCON 9 DEB"))).toBe(
      true,
    );
    expect(Array.isArray(doc.warnings)).toBe(true);
  });

  it("catalog <yaml> as a table and as CSV (shells, or --unassigned)", async () => {
    const t = await run(["catalog", yamlFile]);
    expect(t.code, t.err).toBe(0);
    expect(t.out).toMatch(/^starlink-2023: 4428 satellites, \d{4} in 5 shell\(s\), \d+ unassigned/);
    expect(t.out).toContain("starlink-53.22deg-540km");
    const csv = await run(["catalog", yamlFile, "--format", "csv"]);
    const lines = csv.out.trim().split("\n");
    expect(lines[0]).toBe(
      "shell,satellites,planes,perPlaneMin,perPlaneMedian,perPlaneMax,inclinationDeg,altitudeKm",
    );
    expect(lines).toHaveLength(6);
    const un = await run(["catalog", yamlFile, "--format", "csv", "--unassigned"]);
    expect(un.out.split("\n")[0]).toBe("satellite,reason");
  });

  it("info <yaml> --format json lists the inferred shells with name, satellites, planes, inclination, altitude", async () => {
    const r = await run(["info", yamlFile, "--format", "json"]);
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out);
    const inferred = doc.shells.filter((s: { name: string }) => s.name !== "starlink-unassigned");
    expect(inferred).toHaveLength(5);
    for (const s of inferred) {
      expect(typeof s.name).toBe("string");
      expect(s.satellites).toBeGreaterThan(100);
      expect(s.planes).toBeGreaterThanOrEqual(5);
      expect(typeof s.inclinationDeg).toBe("number");
      expect(typeof s.meanAltitudeKm).toBe("number");
    }
    expect(inferred.map((s: { planes: number }) => s.planes)).toContain(72);
  });

  it("latency on the real catalog no longer needs a plane and slot the user never set", async () => {
    const r = await run([
      "latency",
      yamlFile,
      "--pair",
      "London:New-York",
      "--duration",
      "10s",
      "--step",
      "10s",
      "--format",
      "json",
    ]);
    expect(r.code, r.err).toBe(0);
    const pair = JSON.parse(r.out).pairs[0];
    expect(pair.summary.unreachable).toBe(0);
    // The path crosses the Atlantic over laser links: more than station-sat-station.
    for (const s of pair.samples) expect(s.hops).toBeGreaterThan(3);
  });
});

describe("the catalog Command", () => {
  it("a Walker YAML reports its generated shell as the YAML defines it", async () => {
    const r = await run(["catalog", "constellations/starlink-shell1.yaml", "--format", "json"]);
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out);
    // constellations/starlink-shell1.yaml: 72 planes x 22 at 53 deg, 550 km (FCC DA 19-342).
    expect(doc.shells).toEqual([
      {
        name: doc.shells[0].name,
        satellites: 1584,
        planes: 72,
        perPlane: { min: 22, median: 22, max: 22 },
        inclinationDeg: 53,
        altitudeKm: 550,
      },
    ]);
    expect(doc.unassigned).toEqual([]);
  });

  it("is returned so a subcommand (e.g. fetch) can be attached and dispatched", async () => {
    const program = new Command().exitOverride();
    const catalog = catalogCommand(program);
    let called = "";
    catalog
      .command("fetch")
      .option("--group <g>")
      .action((o: { group: string }) => {
        called = o.group;
      });
    await program.parseAsync(["node", "x", "catalog", "fetch", "--group", "starlink"]);
    expect(called).toBe("starlink");
  });

  it("a missing file is one line, exit 2, no stack trace", () => {
    const r = runCli(["catalog", join(tmp, "nope.tle")]);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("nope.tle");
  });

  it("a bad --format names the flag", async () => {
    writeFileSync(join(tmp, "one.tle"), "");
    const r = await run(["catalog", join(tmp, "one.tle"), "--format", "xml"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("--format");
  });
});
