/**
 * The Prometheus scrape endpoint: GET /metrics on a plain node:http server, bound to 127.0.0.1 on
 * an ephemeral port unless told otherwise. One job; the exposition text comes from the caller.
 * The metrics observe the run, so a scrape needs the run's secret like every RPC does
 * (docs/security.md): `Authorization: Bearer <secret>` (Prometheus: `authorization.credentials_file`
 * naming the run dir's `secret`), compared in constant time (RunAuth.matches); anything else is
 * 401, logged with the peer, never with what was offered.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type { RunAuth } from "../emu/run-auth.js";

export interface MetricsServer {
  /** e.g. http://127.0.0.1:40123/metrics */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface MetricsServerOptions {
  host?: string;
  port?: number;
  contentType: string;
  text: () => Promise<string>;
  /** The run's credentials: a scrape must offer its secret as a bearer token. */
  auth: RunAuth;
  /** Where refused scrapes are logged (the launch's controller.log). */
  log?: Logger;
}

/** RFC 6750 section 2.1: `Bearer <token>`, the scheme case-insensitive, one token. */
const BEARER = /^Bearer +(\S+) *$/i;

/** Whether the request carries the run's secret as its one bearer token (constant-time compare). */
export function offersRunSecret(req: IncomingMessage, auth: RunAuth): boolean {
  const header = req.headers.authorization;
  const token = header === undefined ? undefined : BEARER.exec(header)?.[1];
  return token !== undefined && auth.matches(token);
}

export async function startMetricsServer(opts: MetricsServerOptions): Promise<MetricsServer> {
  const host = opts.host ?? "127.0.0.1";
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    if (!offersRunSecret(req, opts.auth)) {
      opts.log?.warn(
        {
          path,
          peer: `${req.socket.remoteAddress}:${req.socket.remotePort}`,
          offered: "authorization" in req.headers,
        },
        "unauthenticated metrics scrape refused",
      );
      res
        .writeHead(401, {
          "content-type": "text/plain; charset=utf-8",
          "www-authenticate": 'Bearer realm="constellate"',
        })
        .end(
          "this run's metrics need its secret: Authorization: Bearer $(cat <run-dir>/secret) (docs/metrics.md)\n",
        );
      return;
    }
    if (path !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("see /metrics\n");
      return;
    }
    opts.text().then(
      (body) => {
        res.writeHead(200, { "content-type": opts.contentType });
        res.end(req.method === "HEAD" ? undefined : body);
      },
      (e: unknown) => {
        res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        res.end(`${e instanceof Error ? e.message : String(e)}\n`);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const shown = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${shown}:${addr.port}/metrics`,
    port: addr.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Scrapers keep connections alive: do not wait for them.
        server.closeAllConnections();
      }),
  };
}
