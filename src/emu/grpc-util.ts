/**
 * gRPC plumbing shared by controller, hosts, nodes and the app gateway: servers on 127.0.0.1:0 with
 * health checking (grpc-health-check) and reflection (@grpc/reflection) so grpcurl works, and
 * loopback clients. Authentication lives here once, for every service (docs/security.md): each
 * server refuses a call without the run's secret (UNAUTHENTICATED, logged without the offered
 * value), health checks excepted; each client sends the secret as call metadata; with TLS the
 * server presents the run's certificate and clients trust only it.
 */
import * as grpc from "@grpc/grpc-js";
import { ReflectionService } from "@grpc/reflection";
import { HealthImplementation } from "grpc-health-check";
import type { Logger } from "pino";
import { reflectionPackageDefinition } from "./reflection-descriptors.js";
import { type RunAuth, SECRET_HEADER } from "./run-auth.js";

type ReflectionServices = [grpc.ServiceDefinition, grpc.UntypedServiceImplementation][];
let reflection: ReflectionServices | null = null;

/**
 * One reflection service per process: it holds the parsed descriptors, shared by every server.
 * Descriptors a standard client accepts (.proto names, valid map entries): reflection-descriptors.ts.
 *
 * Its services (v1 and v1alpha) are taken once and added as they are to every server: the
 * library's addToServer parses its own reflection.proto twice per call (protoLoader.loadSync), which
 * cost ~25 ms of CPU per server, most of a replay mode's start (61 node servers, docs/eo-replay.md).
 * The handlers close over the service and the call's stream only, never the server, so one pair
 * serves every server.
 */
function sharedReflection(): ReflectionServices {
  if (reflection) return reflection;
  const services: ReflectionServices = [];
  new ReflectionService(reflectionPackageDefinition()).addToServer({
    addService: (def, impl) => {
      services.push([def, impl]);
    },
  });
  reflection = services;
  return services;
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

/** Health checks stay open (load balancers and probes know no secret; they reveal only SERVING). */
const OPEN_PREFIX = "/grpc.health.v1.Health/";

/**
 * The one server interceptor: the secret in the call's metadata, compared in constant time
 * (RunAuth.matches), before any handler sees the call. A refusal is logged with the method and the
 * peer, never with what was offered.
 */
export function authInterceptor(auth: RunAuth, log?: Logger): grpc.ServerInterceptor {
  return (method, call) => {
    if (method.path.startsWith(OPEN_PREFIX)) return new grpc.ServerInterceptingCall(call);
    return new grpc.ServerInterceptingCall(call, {
      start: (next) =>
        next({
          onReceiveMetadata: (md, nextMd) => {
            const offered = md.get(SECRET_HEADER);
            if (offered.length === 1 && auth.matches(offered[0])) {
              nextMd(md);
              return;
            }
            log?.warn(
              { method: method.path, peer: call.getPeer(), offered: offered.length > 0 },
              "unauthenticated call refused",
            );
            call.sendStatus({
              code: grpc.status.UNAUTHENTICATED,
              details: `this run's RPCs need its secret in the ${SECRET_HEADER} metadata (docs/security.md)`,
            });
          },
        }),
    });
  };
}

function serverCredentials(auth: RunAuth): grpc.ServerCredentials {
  const tls = auth.tls;
  if (!tls) return grpc.ServerCredentials.createInsecure();
  if (!tls.keyPem) throw new Error("a TLS server needs the run's private key");
  return grpc.ServerCredentials.createSsl(
    null,
    [{ cert_chain: Buffer.from(tls.certPem), private_key: Buffer.from(tls.keyPem) }],
    false,
  );
}

export async function startServer(
  services: { name: string; def: grpc.ServiceDefinition; impl: grpc.UntypedServiceImplementation }[],
  auth: RunAuth,
  log?: Logger,
): Promise<StartedServer> {
  const server = new grpc.Server({ ...SERVER_OPTIONS, interceptors: [authInterceptor(auth, log)] });
  const status: Record<string, "SERVING"> = { "": "SERVING" };
  for (const s of services) {
    server.addService(s.def, s.impl);
    status[s.name] = "SERVING";
  }
  const health = new HealthImplementation(status);
  health.addToServer(server);
  for (const [def, impl] of sharedReflection()) server.addService(def, impl);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", serverCredentials(auth), (err, p) => (err ? reject(err) : resolve(p))),
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

/**
 * A client of one of the run's servers: every call carries the secret (and `extra` metadata: a
 * host's identity, controller.ts). An interceptor rather than call credentials, because grpc-js
 * composes call credentials with TLS channels only, and the loopback default is plaintext.
 */
export function client<T extends grpc.Client = grpc.Client>(
  ctor: grpc.ServiceClientConstructor,
  address: string,
  auth: RunAuth,
  extra: Record<string, string> = {},
): T {
  return new ctor(address, channelCredentials(auth), clientOptions(auth, extra)) as unknown as T;
}

/** TLS pinned to the run's own certificate (the only root trusted), or plaintext loopback. */
export function channelCredentials(auth: RunAuth): grpc.ChannelCredentials {
  return auth.tls
    ? grpc.credentials.createSsl(Buffer.from(auth.tls.certPem))
    : grpc.credentials.createInsecure();
}

/** CLIENT_OPTIONS plus the interceptor that adds the secret to every call. */
export function clientOptions(auth: RunAuth, extra: Record<string, string> = {}): grpc.ClientOptions {
  const secret = auth.secretHex();
  const interceptor: grpc.Interceptor = (options, nextCall) =>
    new grpc.InterceptingCall(nextCall(options), {
      start: (md, listener, next) => {
        md.set(SECRET_HEADER, secret);
        for (const [k, v] of Object.entries(extra)) md.set(k, v);
        next(md, listener);
      },
    });
  // TLS: verify the certificate's DNS name (run-tls.ts puts "localhost" beside 127.0.0.1), since
  // Node warns (DEP0123) when the server name it sends is an IP address.
  const tls: grpc.ClientOptions = auth.tls ? { "grpc.ssl_target_name_override": "localhost" } : {};
  return { ...CLIENT_OPTIONS, ...tls, interceptors: [interceptor] };
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
