/**
 * `launch --metrics [host:]port`: parse the listen address and serve the emulation's Prometheus
 * metrics there (src/report/emu-metrics.ts, src/report/metrics-http.ts). Host defaults to
 * 127.0.0.1, port 0 picks a free one; the URL is printed on stderr. Scrapes need the run's secret
 * as a bearer token (src/report/metrics-http.ts).
 */
import type { Emulation } from "../emu/emulation.js";
import { emulationMetrics } from "../report/emu-metrics.js";
import { type MetricsServer, startMetricsServer } from "../report/metrics-http.js";
import { InputError } from "../util/input-error.js";

export interface ListenAddress {
  host: string;
  port: number;
}

/**
 * "9464", "0", "127.0.0.1:9464", "[::1]:0", "0.0.0.0:9464" (only when asked: all interfaces);
 * `true` (the flag without a value) is "0".
 */
export function parseListen(value: string | true, flag = "--metrics"): ListenAddress {
  const text = value === true ? "0" : value;
  const m = /^(?:(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):)?(\d{1,5})$/.exec(text.trim());
  const port = m ? Number(m[2]) : Number.NaN;
  if (!m || !(port >= 0 && port <= 65535))
    throw new InputError("expected [host:]port with port 0..65535 (0: any free port)", {
      field: flag,
      value: text,
    });
  const host = m[1] ? m[1].replace(/^\[|\]$/g, "") : "127.0.0.1";
  return { host, port };
}

export interface LaunchMetrics {
  url: string;
  close(): Promise<void>;
}

/** Serve the metrics and print the URL; if the address is taken, stop the emulation and say so. */
export async function serveLaunchMetrics(emu: Emulation, at: ListenAddress): Promise<LaunchMetrics> {
  const metrics = emulationMetrics(emu);
  let server: MetricsServer;
  try {
    server = await startMetricsServer({
      ...at,
      contentType: metrics.contentType,
      text: () => metrics.text(),
      // A scrape observes the run: it needs the run's secret, as every RPC does (docs/metrics.md).
      auth: emu.auth,
      log: emu.controller.log,
    });
  } catch (e) {
    metrics.dispose();
    await emu.stop();
    const err = e as NodeJS.ErrnoException;
    throw new InputError(`cannot listen there (${err.code ?? err.message})`, {
      field: "--metrics",
      value: `${at.host}:${at.port}`,
    });
  }
  process.stderr.write(`constellate: metrics ${server.url}\n`);
  return {
    url: server.url,
    async close() {
      await server.close();
      metrics.dispose();
    },
  };
}
