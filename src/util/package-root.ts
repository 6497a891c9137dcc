/**
 * The installed package's root (the directory holding our package.json and proto/), found by walking
 * up from this file, so the same code works from src/ (vitest, tsx) and from dist/src/ (built), and
 * bundled files (proto/, constellations/, workloads/) resolve wherever the command is run from.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && existsSync(join(dir, "proto"))) {
      try {
        if ((JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "constellate") return dir;
      } catch {
        // not ours; keep walking
      }
    }
    const up = dirname(dir);
    if (up === dir)
      throw new Error(`constellate package root not found above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}
