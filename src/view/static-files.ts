/**
 * Files under a root directory, served read-only: the built page (dist/view/) and CesiumJS's static
 * build (node_modules/cesium/Build/Cesium: Workers, Assets, ThirdParty, Widgets). A request path
 * that would leave its root (.., encoded slashes, NUL) is refused.
 */
import { createReadStream, statSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { extname, resolve, sep } from "node:path";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".svg": "image/svg+xml",
  ".wasm": "application/wasm",
  ".ktx2": "image/ktx2",
  ".map": "application/json",
  ".glb": "model/gltf-binary",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
};

/** The file at `relPath` under `root`, or null when it is outside root or not a regular file. */
export function resolveUnder(root: string, relPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return null;
  const base = resolve(root);
  const full = resolve(base, `.${decoded.startsWith("/") ? "" : "/"}${decoded}`);
  if (full !== base && !full.startsWith(base + sep)) return null;
  try {
    return statSync(full).isFile() ? full : null;
  } catch {
    return null;
  }
}

/** Stream a file with its content type; 404 when absent. Static assets may be cached by the browser. */
export function sendFile(res: ServerResponse, root: string, relPath: string, cache: boolean): void {
  const file = resolveUnder(root, relPath);
  if (!file) {
    res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    return;
  }
  res.writeHead(200, {
    "content-type": CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
    "cache-control": cache ? "max-age=3600" : "no-store",
    "x-content-type-options": "nosniff",
  });
  createReadStream(file).pipe(res);
}
