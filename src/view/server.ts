/**
 * The globe's HTTP server (node:http): the built page, CesiumJS's static files, and a small JSON and
 * binary API over a ViewSource. It binds 127.0.0.1 (an ephemeral port unless told) and answers only
 * under a per-run random token, http://127.0.0.1:<port>/<token>/ : every relative URL the page and
 * Cesium's workers build stays under it, so no cookie or header is needed, and any request without
 * it (another local user, a web page probing localhost) gets 401.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { InputError } from "../util/input-error.js";
import { packageRoot } from "../util/package-root.js";
import type { ViewSource } from "./source.js";
import { sendFile } from "./static-files.js";

export interface ViewServerOptions {
  source: ViewSource;
  /** TCP port on 127.0.0.1; 0 (default): an ephemeral port. */
  port?: number;
  /** The built page (default: <package>/dist/view, written by scripts/build-view.mjs). */
  pageDir?: string;
}

export interface ViewServer {
  /** http://127.0.0.1:<port>/<token>/ */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** The page's files as `npm run build` writes them. */
export function defaultPageDir(): string {
  return join(packageRoot(), "dist", "view");
}

/** CesiumJS's static build, served at run time from the installed package (not copied into dist/). */
export function cesiumBuildDir(): string {
  const pkg = createRequire(import.meta.url).resolve("cesium/package.json");
  return join(dirname(pkg), "Build", "Cesium");
}

/**
 * Same-origin only; 'unsafe-eval' and blob: because Cesium compiles some workers and shaders at run
 * time. connect-src 'self' means the browser itself refuses any request to the internet.
 */
const PAGE_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-eval' blob:; worker-src 'self' blob:; " +
  "img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self' data: blob:";

export async function startViewServer(opts: ViewServerOptions): Promise<ViewServer> {
  const pageDir = opts.pageDir ?? defaultPageDir();
  if (!existsSync(join(pageDir, "index.html")))
    throw new InputError("the globe's page is not built: run `npm run build` first", { file: pageDir });
  const cesiumDir = cesiumBuildDir();
  const token = randomBytes(16).toString("hex");
  const tokenBytes = Buffer.from(token);
  const src = opts.source;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const [, first = "", ...rest] = url.pathname.split("/");
    const given = Buffer.from(first);
    if (given.length !== tokenBytes.length || !timingSafeEqual(given, tokenBytes)) {
      res
        .writeHead(401, { "content-type": "text/plain" })
        .end("unauthorized: open the URL constellate view printed\n");
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    const path = rest.join("/");
    if (path === "" || path === "index.html") {
      res.setHeader("content-security-policy", PAGE_CSP);
      sendFile(res, pageDir, "index.html", false);
      return;
    }
    if (path.startsWith("cesium/")) {
      sendFile(res, cesiumDir, path.slice("cesium/".length), true);
      return;
    }
    if (path.startsWith("api/")) {
      await api(path.slice(4), url.searchParams, res);
      return;
    }
    sendFile(res, pageDir, path, false);
  };

  // The description does not change while the server runs (~0.3 MB of JSON at starlink-gen1).
  const meta = src.meta();
  const metaJson = JSON.stringify(meta);
  const nodes = meta.satellites.length + meta.stations.length;

  const api = async (name: string, q: URLSearchParams, res: ServerResponse): Promise<void> => {
    const num = (k: string): number => {
      const v = Number(q.get(k));
      if (q.get(k) === null || !Number.isFinite(v)) throw new BadRequest(`${k} must be a finite number`);
      return v;
    };
    const nodeId = (k: string): number => {
      const v = num(k);
      if (!Number.isInteger(v) || v < 0 || v >= nodes)
        throw new BadRequest(`${k} must be a node id 0..${nodes - 1}`);
      return v;
    };
    try {
      switch (name) {
        case "meta":
          res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
          res.end(metaJson);
          return;
        case "clock":
          return json(res, src.clock());
        case "status":
          return json(res, src.status());
        case "sample": {
          const body = src.sample(num("t"));
          res.writeHead(200, { "content-type": "application/octet-stream", "cache-control": "no-store" });
          res.end(body);
          return;
        }
        case "links": {
          // Live mode only: the run's own links (Controller.WatchTopology, via the source).
          const body = src.runLinks?.() ?? null;
          if (!body) {
            res.writeHead(404, { "content-type": "text/plain" }).end("no run links (yet, or not live)\n");
            return;
          }
          res.writeHead(200, { "content-type": "application/octet-stream", "cache-control": "no-store" });
          res.end(body);
          return;
        }
        case "node":
          return json(res, await src.node(nodeId("id"), num("t")));
        case "route":
          return json(res, await src.route(nodeId("from"), nodeId("to"), num("t")));
        case "bundles":
          return json(res, src.bundles(nodeId("from"), nodeId("to")));
        default:
          res.writeHead(404, { "content-type": "text/plain" }).end("no such api\n");
      }
    } catch (e) {
      if (e instanceof BadRequest) {
        res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: e.message }));
        return;
      }
      throw e;
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(`internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  }).catch((e: unknown) => {
    const code = (e as NodeJS.ErrnoException).code;
    throw code === "EADDRINUSE" || code === "EACCES"
      ? new InputError(`cannot listen there (${code})`, { field: "--port", value: opts.port })
      : e;
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/${token}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Browsers keep connections alive: end them so close() does not wait for their timeout.
        server.closeAllConnections();
      }),
  };
}

class BadRequest extends Error {}

function json(res: ServerResponse, value: unknown): void {
  res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(value));
}
