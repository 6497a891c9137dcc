/**
 * The constellation catalog loader: constellations/*.yaml -> Constellation (src/orbit/constellation.ts).
 *
 * - Shells are generated (walker), read from element files (TLE/3LE, OMM JSON/XML/KVN/CSV), or
 *   imported from a Hypatia directory (src/config/hypatia-import.ts); element files and
 *   ground-station includes are resolved relative to the YAML file that names them.
 * - Satellite indices are global across shells, in shell order (plane-major within a Walker shell).
 * - Generated shells get synthetic NORAD ids: shell at position s (0-based, in file order) gets the
 *   base 1,000,000 * (s + 1), so plane j slot k of that shell is base + j * satsPerPlane + k. These lie
 *   above every real catalogue number (Alpha-5 ends at 339,999), so they never collide with element files.
 * - Ground stations: included sets first, in include order, then the inline `stations`. A station's
 *   elevation mask / range limit is, first found: its own value, the constellation's
 *   `groundStations.defaults`, the set file's `defaults`, DEFAULT_MIN_ELEVATION_DEG. (The constellation
 *   decides the terminals of its experiment, so its defaults override a shared set's.)
 * - A station's `capacityGbps` is its own only: there is no station default for it, because the
 *   constellation-wide default is the mesh layer's `groundLinks.capacityGbps` (one name, one place).
 * - Station names are unique, case-insensitively (findStation looks them up that way).
 */
import { dirname, isAbsolute, join } from "node:path";
import type { Constellation, GroundStation, ShellInfo, WalkerParams } from "../orbit/constellation.js";
import { type ElementFormat, parseElements } from "../orbit/element-formats.js";
import type { SatelliteElements } from "../orbit/elements.js";
import { inferStructure } from "../orbit/structure.js";
import { shellsFromStructure } from "../orbit/structure-shells.js";
import { generateWalkerShell } from "../orbit/walker.js";
import { InputError } from "../util/input-error.js";
import { readElementText } from "./element-file.js";
import { type HypatiaShellImport, importHypatiaShell } from "./hypatia-import.js";
import { checkCount, normaliseEpoch } from "./input-limits.js";
import {
  type ConstellationFileInput,
  constellationFileSchema,
  DEFAULT_MIN_ELEVATION_DEG,
  DEFAULT_WALKER_ARG_OF_PERIGEE_DEG,
  DEFAULT_WALKER_ECCENTRICITY,
  DEFAULT_WALKER_RAAN_OFFSET_DEG,
  LAYER_SECTIONS,
  SHELL_LAYER_SECTIONS,
  type StationInput,
  stationSetFileSchema,
} from "./schema.js";
import { type PathKey, YamlFile } from "./yaml-file.js";

/** Synthetic NORAD id base of the generated shell at position `shellPosition` (0-based). */
export const noradBaseForShell = (shellPosition: number): number => 1_000_000 * (shellPosition + 1);

/** Load and validate a constellation YAML file. Every user error is an InputError. */
export function loadConstellation(path: string): Constellation {
  const yaml = YamlFile.read(path);
  return buildConstellation(yaml);
}

/** Same, from YAML text (paths inside resolve relative to `file`). */
export function loadConstellationText(text: string, file: string): Constellation {
  return buildConstellation(YamlFile.parse(text, file));
}

function buildConstellation(yaml: YamlFile): Constellation {
  const cfg: ConstellationFileInput = yaml.validate(constellationFileSchema);
  const baseDir = dirname(yaml.file);
  const epoch = normaliseEpoch(yaml, cfg.epoch, ["epoch"]);

  const shells: ShellInfo[] = [];
  const satellites: SatelliteElements[] = [];
  const shellNames = new Map<string, number>();
  let hyp: HypatiaShellImport | undefined;
  cfg.shells.forEach((s, si) => {
    const prev = shellNames.get(s.name.toLowerCase());
    if (prev !== undefined)
      throw yaml.error(
        `duplicate shell name (first used by shells[${prev}], line ${yaml.position(["shells", prev, "name"]).line})`,
        ["shells", si, "name"],
      );
    shellNames.set(s.name.toLowerCase(), si);
    const firstIndex = satellites.length;
    const settings: Record<string, unknown> = {};
    for (const key of SHELL_LAYER_SECTIONS) if (s[key] !== undefined) settings[key] = s[key];
    let sats: SatelliteElements[];
    const info: ShellInfo = { name: s.name, firstIndex, count: 0, settings };
    if (s.walker) {
      const w = s.walker;
      checkCount(yaml, "satellites", satellites.length + w.planes * w.satsPerPlane, ["shells", si, "walker"]);
      const walker: WalkerParams = {
        altitudeKm: w.altitudeKm,
        inclinationDeg: w.inclinationDeg,
        planes: w.planes,
        satsPerPlane: w.satsPerPlane,
        phasing: w.phasing,
        raanSpreadDeg: w.raanSpreadDeg,
        eccentricity: w.eccentricity ?? DEFAULT_WALKER_ECCENTRICITY,
        argOfPerigeeDeg: w.argOfPerigeeDeg ?? DEFAULT_WALKER_ARG_OF_PERIGEE_DEG,
        raanOffsetDeg: w.raanOffsetDeg ?? DEFAULT_WALKER_RAAN_OFFSET_DEG,
        epoch:
          w.epoch === undefined ? epoch : normaliseEpoch(yaml, w.epoch, ["shells", si, "walker", "epoch"]),
      };
      sats = generateWalkerShell(walker, { shellName: s.name, firstIndex, noradBase: noradBaseForShell(si) });
      info.walker = walker;
    } else if (s.elements!.format === "hypatia") {
      const path = ["shells", si, "elements", "file"];
      if (hyp) throw yaml.error("only one shell may be a Hypatia directory (each brings its stations)", path);
      // The user's own isl keys, as written (the parsed section carries defaults for every key).
      const rawShell = (yaml.data as { shells?: Record<string, unknown>[] }).shells?.[si];
      const rawIsl = rawShell?.["isl"] as Record<string, unknown> | undefined;
      hyp = importHypatiaShell(
        yaml,
        relativeTo(baseDir, s.elements!.file),
        { shell: s.name, firstIndex, path },
        rawIsl,
      );
      sats = hyp.satellites;
      settings["isl"] = hyp.isl;
      info.elementsFile = s.elements!.file;
    } else {
      const el = s.elements!;
      const file = relativeTo(baseDir, el.file);
      const text = readElementText(yaml, file, el.format, ["shells", si, "elements", "file"]);
      const opts = { file, shell: s.name, firstIndex };
      sats = parseElements(text, el.format as ElementFormat, opts);
      if (sats.length === 0)
        throw yaml.error("element file holds no element sets", ["shells", si, "elements", "file"]);
      info.elementsFile = el.file;
      if (s.structure === "infer") {
        // One YAML shell becomes the shells found in it (plus its unassigned satellites).
        const parts = shellsFromStructure(sats, inferStructure(sats), info);
        for (const sat of parts.satellites) satellites.push(sat);
        for (const sh of parts.shells) {
          // Inferred names share the namespace of YAML shell names.
          const key = sh.name.toLowerCase();
          const clash = shellNames.get(key);
          if (clash !== undefined && clash !== si)
            throw yaml.error(`inferred shell ${sh.name} has the name of shells[${clash}]`, [
              "shells",
              si,
              "name",
            ]);
          shellNames.set(key, si);
          shells.push(sh);
        }
        return;
      }
    }
    checkCount(yaml, "satellites", satellites.length + sats.length, ["shells", si]);
    info.count = sats.length;
    for (const sat of sats) satellites.push(sat);
    shells.push(info);
  });

  const settings: Record<string, unknown> = {};
  for (const key of LAYER_SECTIONS) if (cfg[key] !== undefined) settings[key] = cfg[key];
  let groundStations = loadStations(yaml, cfg, baseDir);
  if (hyp) {
    // A Hypatia shell's stations come first, its GSL length is the default range limit, and its
    // stations link to every satellite in range by default, as in Hypatia (no antenna limit;
    // src/mesh/hypatia.ts readHypatiaDir does the same).
    const gl = (cfg.groundLinks ?? {}) as Record<string, unknown>;
    settings["groundLinks"] = {
      ...gl,
      maxRangeKm: gl["maxRangeKm"] ?? hyp.maxGslLengthKm,
      antennas: gl["antennas"] ?? "unlimited",
    };
    const taken = new Set(hyp.groundStations.map((g) => g.name.trim().toLowerCase()));
    for (const g of groundStations)
      if (taken.has(g.name.trim().toLowerCase()))
        throw new InputError(
          "ground station already defined by the Hypatia directory; names must be unique",
          {
            file: yaml.file,
            field: "groundStations",
            value: g.name,
          },
        );
    const n = hyp.groundStations.length;
    groundStations = [...hyp.groundStations, ...groundStations.map((g) => ({ ...g, index: g.index + n }))];
  }

  const c: Constellation = {
    name: cfg.name,
    sourceFile: yaml.file,
    epoch,
    shells,
    satellites,
    groundStations,
    settings,
  };
  if (cfg.description !== undefined) c.description = cfg.description;
  return c;
}

/** A path named in a YAML file, resolved against that file's directory (kept relative if it was). */
function relativeTo(baseDir: string, p: string): string {
  return isAbsolute(p) ? p : join(baseDir, p);
}

interface PlacedStation {
  input: StationInput;
  setDefaults: { minElevationDeg?: number | undefined; maxRangeKm?: number | undefined } | undefined;
  yaml: YamlFile;
  path: PathKey[];
}

function loadStations(yaml: YamlFile, cfg: ConstellationFileInput, baseDir: string): GroundStation[] {
  const gs = cfg.groundStations;
  if (!gs) return [];
  const placed: PlacedStation[] = [];
  const seenIncludes = new Set<string>();
  (gs.include ?? []).forEach((inc, ii) => {
    const file = relativeTo(baseDir, inc);
    if (seenIncludes.has(file))
      throw yaml.error("ground-station set included twice", ["groundStations", "include", ii]);
    seenIncludes.add(file);
    const set = YamlFile.read(file, { yaml, path: ["groundStations", "include", ii] });
    const parsed = set.validate(stationSetFileSchema);
    parsed.stations.forEach((st, i) => {
      placed.push({ input: st, setDefaults: parsed.defaults, yaml: set, path: ["stations", i] });
    });
  });
  (gs.stations ?? []).forEach((st, i) => {
    placed.push({ input: st, setDefaults: undefined, yaml, path: ["groundStations", "stations", i] });
  });

  checkCount(yaml, "ground stations", placed.length, ["groundStations"]);
  const byName = new Map<string, PlacedStation>();
  return placed.map((p, index) => {
    const key = p.input.name.trim().toLowerCase();
    const first = byName.get(key);
    if (first) {
      const at = first.yaml.position([...first.path, "name"]);
      throw p.yaml.error(
        `duplicate ground-station name (first defined at ${first.yaml.file}:${at.line}); names must be unique`,
        [...p.path, "name"],
      );
    }
    byName.set(key, p);
    const st = p.input;
    const minElevationDeg =
      st.minElevationDeg ??
      gs.defaults?.minElevationDeg ??
      p.setDefaults?.minElevationDeg ??
      DEFAULT_MIN_ELEVATION_DEG;
    const maxRangeKm = st.maxRangeKm ?? gs.defaults?.maxRangeKm ?? p.setDefaults?.maxRangeKm;
    const g: GroundStation = {
      index,
      name: st.name,
      latDeg: st.latDeg,
      lonDeg: st.lonDeg,
      altM: st.altM ?? 0,
      minElevationDeg,
    };
    if (maxRangeKm !== undefined) g.maxRangeKm = maxRangeKm;
    if (st.capacityGbps !== undefined) g.capacityGbps = st.capacityGbps;
    if (st.antennas !== undefined) g.antennas = st.antennas;
    return g;
  });
}
