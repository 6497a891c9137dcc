/**
 * gRPC plumbing shared by controller, hosts and nodes: servers on 127.0.0.1:0 with health checking
 * (grpc-health-check) and reflection (@grpc/reflection) so grpcurl works, and insecure loopback clients.
 */
import * as grpc from "@grpc/grpc-js";
import { ReflectionService } from "@grpc/reflection";
import { HealthImplementation } from "grpc-health-check";
import { loadProtos } from "./proto-loader.js";

let reflection: ReflectionService | null = null;

/** One reflection service per process: it holds the parsed descriptors, shared by every server. */
function sharedReflection(): ReflectionService {
  reflection ??= new ReflectionService(loadProtos().packageDefinition);
  return reflection;
}

export interface StartedServer {
  server: grpc.Server;
  address: string;
  port: number;
  health: HealthImplementation;
}

export const SERVER_OPTIONS: grpc.ServerOptions = {
  "grpc.max_receive_message_length": 64 * 1024 * 1024,
};

export const CLIENT_OPTIONS: grpc.ChannelOptions = {
  "grpc.max_receive_message_length": 64 * 1024 * 1024,
  "grpc.max_send_message_length": 64 * 1024 * 1024,
};

export async function startServer(
  services: { name: string; def: grpc.ServiceDefinition; impl: grpc.UntypedServiceImplementation }[],
): Promise<StartedServer> {
  const server = new grpc.Server(SERVER_OPTIONS);
  const status: Record<string, "SERVING"> = { "": "SERVING" };
  for (const s of services) {
    server.addService(s.def, s.impl);
    status[s.name] = "SERVING";
  }
  const health = new HealthImplementation(status);
  health.addToServer(server);
  sharedReflection().addToServer(server);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return { server, address: `127.0.0.1:${port}`, port, health };
}

/** Stop accepting, give in-flight calls `graceMs`, then force. */
export function stopServer(server: grpc.Server, graceMs = 500): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, graceMs);
    server.tryShutdown(() => {
      clearTimeout(t);
      resolve();
    });
  });
}

export function client<T extends grpc.Client = grpc.Client>(
  ctor: grpc.ServiceClientConstructor,
  address: string,
): T {
  return new ctor(address, grpc.credentials.createInsecure(), CLIENT_OPTIONS) as unknown as T;
}

/** Promise wrapper for a unary call on a dynamically loaded client. */
export function unary<Req, Res>(c: grpc.Client, method: string, req: Req, timeoutMs = 30_000): Promise<Res> {
  return new Promise<Res>((resolve, reject) => {
    const fn = (c as unknown as Record<string, (...a: unknown[]) => unknown>)[method];
    if (!fn) {
      reject(new Error(`no method ${method}`));
      return;
    }
    fn.call(c, req, { deadline: Date.now() + timeoutMs }, (err: grpc.ServiceError | null, res: Res) =>
      err ? reject(err) : resolve(res),
    );
  });
}

export function service(ctor: grpc.ServiceClientConstructor): grpc.ServiceDefinition {
  return ctor.service;
}
