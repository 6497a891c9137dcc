/**
 * The files the bad-input corpus points at, made fresh in a temp dir: a small valid constellation
 * (from which bad variants are one text edit away), element files, workloads, output dirs that must
 * stay untouched, a FIFO, a sparse 65 MiB file, and a read-only directory.
 */
import { spawnSync } from "node:child_process";
import {
  closeSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A valid constellation: 16 satellites, 3 stations. Cases edit this text. */
export const BASE_YAML = `name: tiny
epoch: 2026-01-01T00:00:00Z
shells:
  - name: s1
    walker: { altitudeKm: 550, inclinationDeg: 53, planes: 4, satsPerPlane: 4, phasing: 1, raanSpreadDeg: 360 }
groundStations:
  stations:
    - { name: London, latDeg: 51.5074, lonDeg: -0.1278 }
    - { name: New York, latDeg: 40.7128, lonDeg: -74.006 }
    - { name: Tokyo, latDeg: 35.6762, lonDeg: 139.6503 }
`;

/** The ISS TLE printed in Wikipedia's "Two-line element set" article (checksums valid: 7, 7). */
export const ISS_TLE = `ISS (ZARYA)
1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927
2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537
`;

/** Content that must never appear in an error: it stands for /etc/shadow. */
export const SECRET = "SECRETHASH";

export const GOOD_JSONL_LINE =
  '{"id":"a","start":"+0s","end":"+6h","lat":37.7,"lon":-122.4,"priority":3,"tag":"land"}';
export const GOOD_CSV = "id,start,end,lat,lon,priority,tag\na,+0s,+6h,37.7,-122.4,3,land\n";

export interface Sandbox {
  dir: string;
  /** Absolute path of a sandbox file. */
  p: (name: string) => string;
  /** Write a constellation YAML variant of BASE_YAML and return its path. */
  yaml: (name: string, edit: (base: string) => string) => string;
  /** Write a file and return its path. */
  file: (name: string, text: string) => string;
  readOnlyDir: string;
  cleanup: () => void;
}

export function makeSandbox(): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), "constellate-bad-inputs-"));
  const p = (name: string) => join(dir, name);
  const file = (name: string, text: string) => {
    writeFileSync(p(name), text);
    return p(name);
  };
  const yaml = (name: string, edit: (base: string) => string) => file(`${name}.yaml`, edit(BASE_YAML));
  file("good.yaml", BASE_YAML);
  file("iss.tle", ISS_TLE);
  file("secret.txt", `root:$6$${SECRET}:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n`);
  file("good.jsonl", `${GOOD_JSONL_LINE}\n`);
  file("set.yaml", "name: set\nstations:\n  - { name: Paris, latDeg: 48.8566, lonDeg: 2.3522 }\n");
  file("good.csv", GOOD_CSV);
  mkdirSync(p("a-directory"));
  // Outputs that must stay untouched: a file, a foreign dir, and a previous constellate output.
  file("out-file", "not a directory\n");
  mkdirSync(p("foreign"));
  file("foreign/holiday.jpg", "someone's photo\n");
  mkdirSync(p("prev-out"));
  file("prev-out/.constellate-output", '{"by":"constellate"}\n');
  file("prev-out/summary.csv", "from,to\nLondon,New York\n");
  // 65 and 600 MiB without writing them: above the YAML and element limits, and the workload limit.
  for (const mib of [65, 600]) {
    const fd = openSync(p(`sparse-${mib}mib`), "w");
    ftruncateSync(fd, mib * 1024 * 1024);
    closeSync(fd);
  }
  spawnSync("mkfifo", [p("fifo")]);
  const readOnlyDir = p("read-only");
  mkdirSync(readOnlyDir);
  let mounted = false;
  if (process.getuid?.() === 0)
    mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "ro,size=16k", "tmpfs", readOnlyDir]).status === 0;
  if (!mounted) spawnSync("chmod", ["0555", readOnlyDir]);
  return {
    dir,
    p,
    yaml,
    file,
    readOnlyDir,
    cleanup() {
      if (mounted) spawnSync("umount", [readOnlyDir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every path under `dir` with its size and mtime: equal before and after means untouched. */
export function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(d, e.name);
      const st = statSync(full);
      out.push(`${rel}${e.name} ${e.isDirectory() ? "dir" : st.size} ${st.mtimeMs}`);
      if (e.isDirectory()) walk(full, `${rel}${e.name}/`);
    }
  };
  walk(dir, "");
  return out;
}
