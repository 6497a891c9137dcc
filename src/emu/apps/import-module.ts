/**
 * Import an app module by absolute path. JavaScript imports as is; TypeScript needs a loader, since
 * Node 20 cannot strip types: under tsx (tests, `node --import tsx`) it just works, otherwise tsx's
 * ESM loader is registered on first need if the project has tsx installed (`npx constellate` runs
 * compiled JS, and its child hosts too). Without tsx, the error says to compile the app to .js.
 */
import { extname } from "node:path";
import { pathToFileURL } from "node:url";

let tsLoader: Promise<void> | null = null;

function isUnknownExtension(e: unknown): boolean {
  return (e as { code?: string } | null)?.code === "ERR_UNKNOWN_FILE_EXTENSION";
}

export async function importModule(path: string): Promise<unknown> {
  const url = pathToFileURL(path).href;
  try {
    return await import(url);
  } catch (e) {
    if (!isUnknownExtension(e) || ![".ts", ".mts"].includes(extname(path))) throw e;
  }
  tsLoader ??= import("tsx/esm/api").then(
    (m: { register(): unknown }) => {
      m.register();
    },
    () => {
      throw new Error("a TypeScript app needs tsx installed (npm i -D tsx), or compile the app to .js");
    },
  );
  await tsLoader;
  // Node caches the failed import of `url`: a query makes it a new module for the loader.
  return import(`${url}?ts`);
}
