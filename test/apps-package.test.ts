/**
 * `import { defineApp, z } from "constellate"` in a user's project: pack the package as npm would
 * publish it (`npm pack`), unpack it into a temporary project, type-check examples/apps/ping.ts
 * against the packed declarations (importing "constellate"), compile it, and run it with the
 * packed CLI. A second app with a type error must fail to compile, so the types are real, not any.
 *
 * Why not `npm install <tarball> --offline`: npm then needs the registry metadata (packuments) of
 * every dependency, and the shared npm cache here holds only tarballs (ENOTCACHED for
 * @grpc/grpc-js), so the project gets the packed package unpacked into node_modules/constellate
 * and our installed dependencies linked as its node_modules.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "./cli-helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "constellate-pack-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function newestMtimeMs(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtimeMs(p) : statSync(p).mtimeMs);
  }
  return t;
}

function mtimeOr0(p: string): number {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return 0;
  }
}

const YAML = `name: plane10
epoch: "2026-01-01T00:00:00Z"
shells:
  - name: p
    walker: { altitudeKm: 550, inclinationDeg: 53, planes: 1, satsPerPlane: 10, phasing: 0, raanSpreadDeg: 360, eccentricity: 0.0001 }
    isl: { maxRangeKm: 5000 }
`;

describe("the constellate package", () => {
  it("packs, type-checks an app importing it, and runs the app with the packed CLI", {
    timeout: 180_000,
  }, () => {
    // What `prepare` does on npm ci; only when the sources changed since the last build.
    if (newestMtimeMs(join(repoRoot, "src")) > mtimeOr0(join(repoRoot, "dist/src/index.d.ts")))
      execFileSync(
        process.execPath,
        [join(repoRoot, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
        {
          cwd: repoRoot,
        },
      );
    const packed = execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", tmp], {
      cwd: repoRoot,
      encoding: "utf8",
    });
    const tarball = join(tmp, (JSON.parse(packed) as { filename: string }[])[0]!.filename);
    const files = (JSON.parse(packed) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    expect(files).toContain("dist/src/index.d.ts");
    expect(files).toContain("proto/constellate/v1/apps.proto");

    const proj = join(tmp, "my-apps");
    const pkgDir = join(proj, "node_modules/constellate");
    mkdirSync(pkgDir, { recursive: true });
    execFileSync("tar", ["-xzf", tarball, "-C", pkgDir, "--strip-components=1"]);
    symlinkSync(resolve(repoRoot, "node_modules"), join(pkgDir, "node_modules"));
    writeFileSync(
      join(proj, "package.json"),
      JSON.stringify({ name: "my-apps", private: true, type: "module" }),
    );
    writeFileSync(
      join(proj, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          skipLibCheck: true,
          outDir: "out",
          types: ["node"],
          typeRoots: [join(repoRoot, "node_modules/@types")],
        },
        include: ["ping.ts"],
      }),
    );
    const app = readFileSync(join(repoRoot, "examples/apps/ping.ts"), "utf8").replace(
      /from "\.\.\/\.\.\/src\/index\.js"/,
      'from "constellate"',
    );
    expect(app).toContain('from "constellate"');
    writeFileSync(join(proj, "ping.ts"), app);
    const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");
    const ok = spawnSync(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: proj, encoding: "utf8" });
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);

    // The declarations carry the option types: a misuse must not compile (bad.ts, checked alone).
    writeFileSync(
      join(proj, "bad.ts"),
      `import { defineApp, z } from "constellate";
export default defineApp({
  options: z.object({ everyS: z.number() }),
  setup(ctx) { ctx.options.everyS.toUpperCase(); ctx.send("x", { sizeBytes: "big" }); },
});
`,
    );
    const bad2 = spawnSync(
      process.execPath,
      [
        tsc,
        "--noEmit",
        "--strict",
        "--skipLibCheck",
        "--module",
        "NodeNext",
        "--moduleResolution",
        "NodeNext",
        "--target",
        "ES2022",
        "--types",
        "node",
        "--typeRoots",
        join(repoRoot, "node_modules/@types"),
        "bad.ts",
      ],
      { cwd: proj, encoding: "utf8" },
    );
    expect(bad2.status).not.toBe(0);
    expect(bad2.stdout).toMatch(/bad\.ts.*TS2339: Property 'toUpperCase' does not exist on type 'number'/);
    expect(bad2.stdout).toMatch(/bad\.ts.*TS2322: Type 'string' is not assignable to type 'number'/);

    // Run the compiled app with the packed CLI (discrete-event clock: exact and quick).
    writeFileSync(join(proj, "plane10.yaml"), YAML);
    const run = spawnSync(
      process.execPath,
      [
        join(pkgDir, "dist/src/cli/main.js"),
        "launch",
        "plane10.yaml",
        "--isolation",
        "sim",
        "--duration",
        "35s",
        "--run-dir",
        "run",
        "--app",
        "out/ping.js",
        "--app-config",
        "ping.from=p-P0-S0",
        "--app-config",
        "ping.to=p-P0-S2",
      ],
      { cwd: proj, encoding: "utf8", timeout: 90_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    const rows = readFileSync(join(proj, "run/apps/ping/pings.csv"), "utf8").trim().split("\n");
    expect(rows[0]).toBe("sentUnixMs,rttMs,modelRttMs");
    // everyS defaults to 10: pings at 10, 20, 30 s. The first may wait for its route: the controller
    // tracks routes to satellites on demand.
    expect(rows.length).toBe(4);
    for (const r of rows.slice(2)) {
      const [, rtt, model] = r.split(",").map(Number);
      // Two ISL hops each way (~57.1 ms by light time, emu-cli.test.ts); the emulated RTT adds only
      // serialization of 64 B per hop and the 1 us delay tolerance.
      expect(model).toBeGreaterThan(56.8);
      expect(model).toBeLessThan(57.5);
      expect(Math.abs(rtt! - model!)).toBeLessThan(0.01);
    }
  });
});
