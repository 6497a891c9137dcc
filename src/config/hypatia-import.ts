/**
 * A shell `elements: { file: <dir>, format: hypatia }` in a constellation YAML: a Hypatia
 * satellite-network-state directory (tles.txt, isls.txt, ground_stations.txt, description.txt), read
 * by src/mesh/hypatia.ts readHypatiaDir and merged into the constellation the YAML describes.
 *
 * - The shell's satellites are the directory's, in its order (plane-major, planes and slots from the
 *   tles.txt header). As the first shell they keep Hypatia's ids 0..N-1 exactly.
 * - Its laser links are isls.txt (`isl.pattern: none`, `isl.extraLinks` shifted by the shell's first
 *   index), range-limited by max_isl_length; keys the YAML sets in the shell's own `isl` override these.
 * - The directory's ground stations come before the YAML's own (station ids follow Hypatia's order),
 *   seeing satellites by slant range up to max_gsl_length at elevation 0 (Hypatia's visibility rule).
 * - max_gsl_length becomes `groundLinks.maxRangeKm` unless the YAML's groundLinks sets one.
 * - Routing: stations relay nothing unless `routing.relayThroughStations` is set (the mesh default),
 *   which is Hypatia's routing "only over ISLs" (satgenpy dynamic_state/fstate_calculation.py,
 *   calculate_fstate_shortest_path_without_gs_relaying).
 * One Hypatia shell per constellation: a second one's stations would duplicate the first's.
 */
import { existsSync, statSync } from "node:fs";
import type { IslSettingsInput } from "../mesh/config.js";
import { readHypatiaDir } from "../mesh/hypatia.js";
import type { GroundStation } from "../orbit/constellation.js";
import type { SatelliteElements } from "../orbit/elements.js";
import type { PathKey, YamlFile } from "./yaml-file.js";

export interface HypatiaShellImport {
  satellites: SatelliteElements[];
  /** The shell's `isl` settings: Hypatia's ISL list and range, then the YAML's own keys over them. */
  isl: IslSettingsInput;
  groundStations: GroundStation[];
  /** max_gsl_length_m / 1000: the default ground-link slant-range limit, km. */
  maxGslLengthKm: number;
}

export function importHypatiaShell(
  yaml: YamlFile,
  dir: string,
  at: { shell: string; firstIndex: number; path: PathKey[] },
  yamlIsl: Record<string, unknown> | undefined,
): HypatiaShellImport {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw yaml.error(`cannot read Hypatia directory ${dir}: not a directory`, at.path);
  const net = readHypatiaDir(dir);
  const c = net.constellation;
  const satellites = c.satellites.map((s) => ({
    ...s,
    index: at.firstIndex + s.index,
    shell: at.shell,
  }));
  const hypIsl = c.shells[0]!.settings["isl"] as IslSettingsInput;
  const isl: IslSettingsInput = {
    ...hypIsl,
    extraLinks: net.isls.map(([a, b]) => [a + at.firstIndex, b + at.firstIndex]),
    ...(yamlIsl ?? {}),
  };
  return { satellites, isl, groundStations: c.groundStations, maxGslLengthKm: net.maxGslLengthKm };
}
