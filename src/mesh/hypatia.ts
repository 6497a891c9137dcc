/**
 * Hypatia interoperability (snkas/hypatia, Kassing et al., IMC 2020; format documented in its
 * satgenpy README): the satellite-network-state directory with
 *   tles.txt              "<orbits> <satellites per orbit>", then name + two TLE lines per satellite
 *   isls.txt              "<a> <b>" per laser link (fixed for the whole run)
 *   ground_stations.txt   "id,name,lat,lon,elevation_m,x_m,y_m,z_m"
 *   description.txt       "max_gsl_length_m=..." and "max_isl_length_m=..."
 *   gsl_interfaces_info.txt "node_id,interfaces,aggregate_bandwidth"
 *
 * Reading gives a Constellation whose one shell has a fixed ISL list (isl.extraLinks, range-checked
 * against max_isl_length) and whose stations see satellites by slant range (max_gsl_length) instead
 * of an elevation mask, as Hypatia decides visibility. Writing emits ours in the same format.
 * Hypatia's TLEs are 2-line sets with checksums; src/orbit/tle.ts validates them (the epoch day
 * 00001.00000000 of year 00 is 2000-01-01T00:00:00Z).
 */
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { WGS72_MU_KM3_S2, WGS72_RADIUS_KM } from "../orbit/constants.js";
import type { Constellation, GroundStation } from "../orbit/constellation.js";
import { geodeticToEcef } from "../orbit/frames.js";
import { parseTleText, tleChecksum } from "../orbit/tle.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import { InputError } from "../util/input-error.js";
import { stageOutputDir } from "../util/output-dir.js";
import type { MeshSettings } from "./config.js";
import { maxLineOfSightKm, slantRangeKm } from "./geometry.js";
import { islCandidatesOf } from "./grid.js";

export interface HypatiaNetwork {
  constellation: Constellation;
  orbits: number;
  satsPerOrbit: number;
  /** Laser links as read from isls.txt. */
  isls: [number, number][];
  maxGslLengthKm: number;
  maxIslLengthKm: number;
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw new InputError(`cannot read: ${(e as Error).message}`, { file: path });
  }
}

function parseDescription(path: string): { maxGslKm: number; maxIslKm: number } {
  const values = new Map<string, number>();
  readText(path)
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = raw.trim();
      if (line === "") return;
      const m = /^([a-z_]+)=(.+)$/.exec(line);
      const v = m ? Number(m[2]) : Number.NaN;
      if (!m || !Number.isFinite(v) || v <= 0)
        throw new InputError("expected key=positive number", { file: path, line: i + 1, value: line });
      values.set(m[1]!, v);
    });
  const need = (k: string) => {
    const v = values.get(k);
    if (v === undefined) throw new InputError(`missing ${k}`, { file: path, field: k });
    return v / 1000;
  };
  return { maxGslKm: need("max_gsl_length_m"), maxIslKm: need("max_isl_length_m") };
}

/** Read a Hypatia satellite-network-state directory. */
export function readHypatiaDir(dir: string): HypatiaNetwork {
  const tlesPath = join(dir, "tles.txt");
  const text = readText(tlesPath);
  const nl = text.indexOf("\n");
  const header = (nl < 0 ? text : text.slice(0, nl)).trim();
  const hm = /^(\d+)\s+(\d+)$/.exec(header);
  if (!hm)
    throw new InputError('first line must be "<orbits> <satellites per orbit>"', {
      file: tlesPath,
      line: 1,
      value: header,
    });
  const orbits = Number(hm[1]);
  const satsPerOrbit = Number(hm[2]);
  // Comment the header out so tle.ts keeps line numbers.
  const shellName = basename(dir.replace(/[/\\]+$/, ""));
  const sats = parseTleText(`#${text}`, { file: tlesPath, shell: shellName, firstIndex: 0 });
  if (sats.length !== orbits * satsPerOrbit)
    throw new InputError(
      `header says ${orbits} x ${satsPerOrbit} = ${orbits * satsPerOrbit} satellites, file has ${sats.length}`,
      { file: tlesPath, line: 1, value: header },
    );
  for (const s of sats) {
    s.plane = Math.floor(s.index / satsPerOrbit);
    s.slot = s.index % satsPerOrbit;
    s.source = "hypatia";
  }
  const N = sats.length;

  const islPath = join(dir, "isls.txt");
  const isls: [number, number][] = [];
  readText(islPath)
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = raw.trim();
      if (line === "") return;
      const m = /^(\d+)\s+(\d+)$/.exec(line);
      const a = m ? Number(m[1]) : -1;
      const b = m ? Number(m[2]) : -1;
      if (!m || a >= N || b >= N || a === b)
        throw new InputError(`expected two distinct satellite ids in 0..${N - 1}`, {
          file: islPath,
          line: i + 1,
          value: line,
        });
      isls.push([a, b]);
    });

  const { maxGslKm, maxIslKm } = parseDescription(join(dir, "description.txt"));

  const gsPath = join(dir, "ground_stations.txt");
  const groundStations: GroundStation[] = [];
  readText(gsPath)
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = raw.trim();
      if (line === "") return;
      const f = line.split(",");
      const [id, lat, lon, elev] = [Number(f[0]), Number(f[2]), Number(f[3]), Number(f[4])];
      if (
        f.length !== 8 ||
        id !== groundStations.length ||
        !(Math.abs(lat) <= 90) ||
        !(Math.abs(lon) <= 180) ||
        !Number.isFinite(elev)
      )
        throw new InputError("expected id,name,lat,lon,elevation_m,x_m,y_m,z_m with ids 0, 1, 2, ...", {
          file: gsPath,
          line: i + 1,
          value: line,
        });
      groundStations.push({
        index: id,
        name: f[1]!.trim(),
        latDeg: lat,
        lonDeg: lon,
        altM: elev,
        // Hypatia decides visibility by slant range only; the horizon is implied by that range.
        minElevationDeg: 0,
        maxRangeKm: maxGslKm,
      });
    });

  const maxDegree = isls.reduce((deg, [a, b]) => {
    deg[a]!++;
    deg[b]!++;
    return deg;
  }, new Int32Array(N));
  const terminals = Math.max(0, ...maxDegree);
  const epoch = new Date(sats[0]?.epochUnixMs ?? Date.UTC(2000, 0, 1)).toISOString();
  const constellation: Constellation = {
    name: shellName,
    description: `Hypatia satellite-network-state ${dir} (${orbits} x ${satsPerOrbit})`,
    sourceFile: dir,
    epoch,
    shells: [
      {
        name: shellName,
        firstIndex: 0,
        count: N,
        elementsFile: tlesPath,
        settings: {
          isl: {
            pattern: "none",
            extraLinks: isls,
            maxRangeKm: maxIslKm,
            terminals: Math.min(16, terminals),
          },
        },
      },
    ],
    satellites: sats,
    groundStations,
    // Hypatia lets a ground station link to every satellite in range (Kassing et al., "Exploring the
    // Internet from space with Hypatia", IMC 2020): no antenna limit, so results match its model.
    settings: { groundLinks: { maxRangeKm: maxGslKm, antennas: "unlimited" } },
  };
  return { constellation, orbits, satsPerOrbit, isls, maxGslLengthKm: maxGslKm, maxIslLengthKm: maxIslKm };
}

const RAD2DEG = 180 / Math.PI;
const REV_PER_DAY_PER_RAD_PER_MIN = 1440 / (2 * Math.PI);

/**
 * A TLE exponent field (" 12345-3" = 0.12345e-3), as in BSTAR and the second derivative. Zero is
 * written as Hypatia (and most catalogues) write it: " 00000-0" for the derivative, " 00000+0" for BSTAR.
 */
function expField(x: number, zero: string): string {
  if (x === 0) return zero;
  const sign = x < 0 ? "-" : " ";
  let e = Math.floor(Math.log10(Math.abs(x))) + 1;
  let mant = Math.round((Math.abs(x) / 10 ** e) * 1e5);
  if (mant >= 1e5) {
    mant /= 10;
    e += 1;
  }
  return `${sign}${String(Math.round(mant)).padStart(5, "0")}${e < 0 ? "-" : "+"}${Math.abs(e)}`;
}

const fixed = (x: number, width: number, decimals: number) => x.toFixed(decimals).padStart(width, " ");
const withChecksum = (line68: string) => `${line68}${tleChecksum(`${line68}0`)}`;

/** Two TLE lines for a satrec, catalogue number `catnum` (1..99999). */
export function formatTle(satrec: import("satellite.js").SatRec, catnum: number): [string, string] {
  const id = String(catnum).padStart(5, "0");
  const ndotRevDay2 = (satrec.ndot * 1440 * 1440) / (2 * Math.PI);
  const ndotText = `${ndotRevDay2 < 0 ? "-" : " "}${Math.abs(ndotRevDay2).toFixed(8).replace(/^0/, "")}`;
  const nddotRevDay3 = (satrec.nddot * 1440 * 1440 * 1440) / (2 * Math.PI);
  const epoch = `${String(satrec.epochyr % 100).padStart(2, "0")}${satrec.epochdays.toFixed(8).padStart(12, "0")}`;
  const l1 = `1 ${id}U 00000ABC ${epoch} ${ndotText} ${expField(nddotRevDay3, " 00000-0")} ${expField(satrec.bstar, " 00000+0")} 0    0`;
  const ecc = satrec.ecco.toFixed(7).slice(2);
  const l2 =
    `2 ${id} ${fixed(satrec.inclo * RAD2DEG, 8, 4)} ${fixed(wrap360(satrec.nodeo * RAD2DEG), 8, 4)} ${ecc} ` +
    `${fixed(wrap360(satrec.argpo * RAD2DEG), 8, 4)} ${fixed(wrap360(satrec.mo * RAD2DEG), 8, 4)} ` +
    `${fixed(satrec.nokozai * REV_PER_DAY_PER_RAD_PER_MIN, 11, 8)}    0`;
  return [withChecksum(l1), withChecksum(l2)];
}

function wrap360(d: number): number {
  const r = d % 360;
  const w = r < 0 ? r + 360 : r;
  // 359.99996 would print as 360.0000, which the format forbids.
  return w >= 359.99995 ? 0 : w;
}

/** Mean altitude of a satellite from its Kozai mean motion (Kepler's third law, WGS-72), km. */
function altitudeOfKm(satrec: import("satellite.js").SatRec): number {
  const n = satrec.nokozai / 60; // rad/s
  return Math.cbrt(WGS72_MU_KM3_S2 / (n * n)) - WGS72_RADIUS_KM;
}

export interface HypatiaWriteSummary {
  dir: string;
  satellites: number;
  isls: number;
  groundStations: number;
  maxGslLengthKm: number;
  maxIslLengthKm: number;
}

/**
 * Hypatia's "<orbits> <satellites per orbit>" header: the plane grid when the satellites are numbered
 * plane-major (index = plane x S + slot, as Walker shells and Hypatia are), else one orbit of N.
 */
function hypatiaHeader(c: Constellation): string {
  const N = c.satellites.length;
  const S = Math.max(0, ...c.satellites.map((s) => s.slot + 1));
  const planeMajor =
    S > 0 &&
    N % S === 0 &&
    c.satellites.every((s, i) => s.plane >= 0 && s.slot >= 0 && s.plane * S + s.slot === i);
  return planeMajor ? `${N / S} ${S}` : `1 ${N}`;
}

/**
 * Write a constellation in Hypatia's format. TLE catalogue numbers are index + 1 (as Hypatia's own
 * generator numbers them; ours may exceed 5 digits); the epoch is the satellites' own. Station ECEF
 * is WGS-84 (Hypatia's generator uses WGS-72: ~2 m apart); commas in station names become spaces.
 * Hypatia has one GSL length for all stations: we write the longest any station allows (slant range
 * at its mask to the highest satellite, or its range limit if shorter). max_isl_length is
 * min(max range, grazing line of sight at the shell's altitude), the largest over shells.
 */
export function writeHypatiaDir(c: Constellation, settings: MeshSettings, dir: string): HypatiaWriteSummary {
  const N = c.satellites.length;
  if (N > 99_999)
    throw new InputError("Hypatia's TLE ids have 5 digits: at most 99,999 satellites", { value: N });
  const tles: string[] = [hypatiaHeader(c)];
  for (const s of c.satellites) {
    const [l1, l2] = formatTle(s.satrec, s.index + 1);
    tles.push(s.name, l1, l2);
  }
  const cand = islCandidatesOf(c, settings.isl);
  const isls: string[] = [];
  for (let k = 0; k < cand.count; k++) isls.push(`${cand.a[k]} ${cand.b[k]}`);

  const gs: string[] = [];
  for (const g of c.groundStations) {
    // The file is comma-separated and has no quoting: "Washington, D.C." is written "Washington D.C.".
    const name = g.name.replace(/\s*,\s*/g, " ").trim();
    const e = geodeticToEcef({ latDeg: g.latDeg, lonDeg: g.lonDeg, altKm: g.altM / 1000 });
    gs.push(
      [g.index, name, g.latDeg.toFixed(6), g.lonDeg.toFixed(6), g.altM.toFixed(6)]
        .concat([e.x, e.y, e.z].map((v) => (v * 1000).toFixed(6)))
        .join(","),
    );
  }
  let maxAltKm = 0;
  for (const s of c.satellites) maxAltKm = Math.max(maxAltKm, altitudeOfKm(s.satrec));
  let maxGslKm = 0;
  for (const g of c.groundStations) {
    const limit = Math.min(
      g.maxRangeKm ?? Infinity,
      settings.groundLinks.maxRangeKm ?? Infinity,
      slantRangeKm(maxAltKm, g.minElevationDeg),
    );
    maxGslKm = Math.max(maxGslKm, limit);
  }
  let maxIslKm = 0;
  c.shells.forEach((shell, i) => {
    const st = settings.isl[i]!;
    let alt = 0;
    for (let k = shell.firstIndex; k < shell.firstIndex + shell.count; k++)
      alt = Math.max(alt, altitudeOfKm(c.satellites[k]!.satrec));
    maxIslKm = Math.max(maxIslKm, Math.min(st.maxRangeKm, maxLineOfSightKm(alt, alt, st.grazingAltitudeKm)));
  });
  const interfaces: string[] = [];
  for (let i = 0; i < N + c.groundStations.length; i++) interfaces.push(`${i},1,1.000000`);

  // The five files land together (or not at all): a half-exported Hypatia dir would read as valid.
  const staged = stageOutputDir(dir);
  try {
    const d = staged.path;
    writeFileAtomic(join(d, "tles.txt"), `${tles.join("\n")}\n`);
    writeFileAtomic(join(d, "isls.txt"), `${isls.join("\n")}\n`);
    writeFileAtomic(join(d, "ground_stations.txt"), gs.length ? `${gs.join("\n")}\n` : "");
    writeFileAtomic(
      join(d, "description.txt"),
      `max_gsl_length_m=${(maxGslKm * 1000).toFixed(10)}\nmax_isl_length_m=${(maxIslKm * 1000).toFixed(10)}\n`,
    );
    writeFileAtomic(join(d, "gsl_interfaces_info.txt"), `${interfaces.join("\n")}\n`);
    staged.commit();
  } catch (e) {
    staged.abort();
    throw e;
  }
  return {
    dir,
    satellites: N,
    isls: cand.count,
    groundStations: c.groundStations.length,
    maxGslLengthKm: maxGslKm,
    maxIslLengthKm: maxIslKm,
  };
}
