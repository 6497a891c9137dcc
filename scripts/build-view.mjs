// Builds the globe page (web/view/*.ts, with CesiumJS from its npm package) into dist/view/ with
// esbuild: app.js (one minified bundle), index.html, app.css. Cesium's static build (workers,
// assets, widgets CSS) is not copied: the view server serves it from node_modules/cesium at run
// time (docs/view.md has the sizes). `npm run build` runs this after tsc.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export async function buildView(outDir = join(root, "dist", "view")) {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [join(root, "web", "view", "main.ts")],
    bundle: true,
    minify: true,
    // No source map: it would be 18 MB (mostly Cesium) in the package.
    sourcemap: false,
    format: "iife",
    target: "es2022",
    outfile: join(outDir, "app.js"),
    logLevel: "warning",
    legalComments: "linked",
  });
  for (const f of ["index.html", "app.css"]) copyFileSync(join(root, "web", "view", f), join(outDir, f));
  return outDir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildView();
