/**
 * What the run secret costs per call (docs/security.md): unary round trips on loopback through
 * (1) a bare grpc-js server and client, the path before issue 13, (2) startServer/client with the
 * secret checked by the interceptor, plaintext, (3) the same over TLS with a pinned certificate.
 * Rounds alternate between the three in one process so machine load hits them alike; CPU time
 * (process.cpuUsage, client and server together in this process) per call is the robust figure on
 * a loaded machine, wall per call the one a caller sees. Hops travel on long-lived streams, where
 * the check runs once per stream, not per bundle: unary is the worst case.
 */
import * as grpc from "@grpc/grpc-js";
import {
  CLIENT_OPTIONS,
  client,
  SERVER_OPTIONS,
  service,
  startServer,
  stopServer,
  unary,
} from "../src/emu/grpc-util.js";
import { loadProtos, RUN_CONTROL_SERVICE } from "../src/emu/proto-loader.js";
import { RunAuth } from "../src/emu/run-auth.js";
import { generateRunTls } from "../src/emu/run-tls.js";
import { percentileSorted } from "../src/util/percentile.js";
import type { BenchContext, BenchReport } from "./run.js";

const impl = {
  Stop: (_c: unknown, cb: grpc.sendUnaryData<unknown>) => cb(null, { pid: 1 }),
};

interface Mode {
  name: string;
  c: grpc.Client;
  close(): Promise<void>;
}

async function bare(): Promise<Mode> {
  const server = new grpc.Server(SERVER_OPTIONS);
  server.addService(service(loadProtos().RunControl), impl);
  const port = await new Promise<number>((res, rej) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? rej(e) : res(p))),
  );
  const c = new (loadProtos().RunControl)(
    `127.0.0.1:${port}`,
    grpc.credentials.createInsecure(),
    CLIENT_OPTIONS,
  );
  return {
    name: "bare (before)",
    c,
    close: () => {
      c.close();
      return stopServer(server);
    },
  };
}

async function authed(name: string, auth: RunAuth): Promise<Mode> {
  const s = await startServer(
    [{ name: RUN_CONTROL_SERVICE, def: service(loadProtos().RunControl), impl }],
    auth,
  );
  const c = client(loadProtos().RunControl, s.address, auth.forClient());
  return {
    name,
    c,
    close: () => {
      c.close();
      return stopServer(s.server);
    },
  };
}

async function round(m: Mode, calls: number): Promise<{ cpuUs: number; wallMs: number[] }> {
  const wallMs: number[] = [];
  const u0 = process.cpuUsage();
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    await unary(m.c, "Stop", { reason: "" });
    wallMs.push(performance.now() - t0);
  }
  const u = process.cpuUsage(u0);
  return { cpuUs: u.user + u.system, wallMs };
}

export async function run(ctx: BenchContext): Promise<BenchReport> {
  const calls = ctx.quick ? 300 : 2000;
  const rounds = ctx.quick ? 2 : 5;
  const modes = [
    await bare(),
    await authed("secret, plaintext", RunAuth.generate()),
    await authed("secret, TLS", RunAuth.generate(await generateRunTls("bench"))),
  ];
  const acc = modes.map(() => ({ cpuUs: 0, wall: [] as number[] }));
  try {
    for (const m of modes) await round(m, 100); // warm-up: connections, JIT
    for (let r = 0; r < rounds; r++)
      for (let i = 0; i < modes.length; i++) {
        const x = await round(modes[i]!, calls);
        acc[i]!.cpuUs += x.cpuUs;
        acc[i]!.wall.push(...x.wallMs);
      }
  } finally {
    for (const m of modes) await m.close();
  }
  const n = calls * rounds;
  const base = acc[0]!.cpuUs / n;
  const summary = modes.map((m, i) => {
    const a = acc[i]!;
    const w = a.wall.sort((p, q) => p - q);
    const cpu = a.cpuUs / n;
    return `${m.name}: ${cpu.toFixed(1)} us CPU/call (${(cpu / base).toFixed(2)}x bare), wall p50 ${percentileSorted(w, 50).toFixed(3)} ms, p99 ${percentileSorted(w, 99).toFixed(3)} ms (${n} calls)`;
  });
  for (const l of summary) ctx.log(l);
  return { summary };
}
