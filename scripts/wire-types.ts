/**
 * Generates src/emu/wire-types/ from proto/ with proto-loader-gen-types (shipped in
 * @grpc/proto-loader), under the run-time loader's own options (LOADER_OPTIONS), so the types say
 * what grpc-js really hands over: camelCase fields, enums as strings, defaults filled, oneofs
 * named. `npm run wire-types` rewrites the committed output; test/wire-types.test.ts regenerates
 * into a temporary directory and fails when the two differ.
 *
 *   npx tsx scripts/wire-types.ts [outDir]
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { ALL_PROTO_FILES, LOADER_OPTIONS, protoDir } from "../src/emu/proto-loader.js";
import { packageRoot } from "../src/util/package-root.js";

export const WIRE_TYPES_DIR = join(packageRoot(), "src", "emu", "wire-types");

/** The generator's flags for LOADER_OPTIONS (one flag per option: a new option fails here). */
export function generatorArgs(outDir: string): string[] {
  const o = LOADER_OPTIONS;
  return [
    `--keepCase=${o.keepCase}`,
    `--longs=${o.longs.name}`,
    `--enums=${o.enums.name}`,
    `--defaults=${o.defaults}`,
    `--oneofs=${o.oneofs}`,
    "--grpcLib=@grpc/grpc-js",
    // The .proto's comments (units, time bases) on the generated fields.
    "--includeComments",
    // NodeNext ESM: relative imports name their .js file.
    "--importFileExtension=.js",
    // Relative to the package root (the generator's cwd): the files' "Original file" comments then
    // read the same in every checkout.
    "-I",
    relative(packageRoot(), protoDir()),
    "-O",
    outDir,
    ...ALL_PROTO_FILES,
  ];
}

/** Writes the types into outDir (emptied first, so a removed message leaves no stale file). */
export function generateWireTypes(outDir: string): void {
  rmSync(outDir, { recursive: true, force: true });
  const bin = join(packageRoot(), "node_modules", ".bin", "proto-loader-gen-types");
  const r = spawnSync(bin, generatorArgs(outDir), { encoding: "utf8", cwd: packageRoot() });
  if (r.status !== 0) throw new Error(`proto-loader-gen-types failed (${r.status}): ${r.stderr}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? WIRE_TYPES_DIR;
  generateWireTypes(out);
  console.log(`wire types written to ${out}`);
}
