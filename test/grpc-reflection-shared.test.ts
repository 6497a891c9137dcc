/**
 * Every server of a process serves reflection from one shared pair of services (grpc-util.ts
 * sharedReflection: the library's v1 and v1alpha services taken once, instead of the library parsing
 * its reflection.proto again for every server). Checked from outside, as grpcurl would: two servers
 * started one after the other each answer `list services` on both reflection versions (the library
 * lists the contract's services, whichever a server hosts) and a file descriptor for a symbol they
 * serve. The expected names are the .proto's (proto/constellate/v1/*.proto).
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { afterAll, describe, expect, it } from "vitest";
import { channelCredentials, clientOptions, service, startServer, stopServer } from "../src/emu/grpc-util.js";
import { loadProtos } from "../src/emu/proto-loader.js";
import { RunAuth } from "../src/emu/run-auth.js";

const auth = RunAuth.generate();
const servers: grpc.Server[] = [];
const clients: grpc.Client[] = [];
afterAll(async () => {
  for (const c of clients) c.close();
  await Promise.all(servers.map((s) => stopServer(s, 100)));
});

/** The reflection client of one version, from the library's own .proto (as a standard client has it). */
function reflectionClient(version: "v1" | "v1alpha", address: string): grpc.Client {
  const dir = dirname(createRequire(import.meta.url).resolve("@grpc/reflection"));
  const def = protoLoader.loadSync(
    join(dir, "..", "proto", "grpc", "reflection", version, "reflection.proto"),
    {
      longs: String,
      enums: String,
      defaults: true,
      oneofs: true,
    },
  );
  const pkg = grpc.loadPackageDefinition(def) as unknown as {
    grpc: { reflection: Record<string, { ServerReflection: grpc.ServiceClientConstructor }> };
  };
  const Ctor = pkg.grpc.reflection[version]!.ServerReflection;
  const c = new Ctor(address, channelCredentials(auth), clientOptions(auth));
  clients.push(c);
  return c;
}

interface ReflectionReply {
  listServicesResponse?: { service: { name: string }[] };
  fileDescriptorResponse?: { fileDescriptorProto: Buffer[] };
  errorResponse?: { errorCode: number; errorMessage: string };
}

/** One request on a ServerReflectionInfo stream, its one reply. */
function ask(c: grpc.Client, req: Record<string, string>): Promise<ReflectionReply> {
  return new Promise((resolve, reject) => {
    const call = (
      c as unknown as { ServerReflectionInfo(): grpc.ClientDuplexStream<unknown, ReflectionReply> }
    ).ServerReflectionInfo();
    call.on("data", (r: ReflectionReply) => {
      resolve(r);
      call.end();
    });
    call.on("error", reject);
    call.write(req);
  });
}

describe("reflection shared by every server of a process", () => {
  it("two servers each list the contract's services and describe the symbols they serve, on v1 and v1alpha", async () => {
    const p = loadProtos();
    const noop = {};
    const a = await startServer(
      [{ name: "constellate.v1.Controller", def: service(p.Controller), impl: noop }],
      auth,
    );
    servers.push(a.server);
    const b = await startServer([{ name: "constellate.v1.Node", def: service(p.Node), impl: noop }], auth);
    servers.push(b.server);
    // The contract's services (proto/constellate/v1/).
    const contract = [
      "constellate.v1.Controller",
      "constellate.v1.Host",
      "constellate.v1.Node",
      "constellate.v1.RunControl",
    ];
    for (const version of ["v1", "v1alpha"] as const) {
      for (const [srv, own] of [
        [a, "constellate.v1.Controller"],
        [b, "constellate.v1.Node"],
      ] as const) {
        const c = reflectionClient(version, srv.address);
        const listed = await ask(c, { listServices: "" });
        const names = (listed.listServicesResponse?.service ?? []).map((s) => s.name);
        for (const name of contract) expect(names).toContain(name);
        const file = await ask(c, { fileContainingSymbol: own });
        expect(file.errorResponse).toBeUndefined();
        expect(file.fileDescriptorResponse?.fileDescriptorProto.length).toBeGreaterThan(0);
        const missing = await ask(c, { fileContainingSymbol: "constellate.v1.NoSuchService" });
        expect(missing.errorResponse?.errorCode).toBe(grpc.status.NOT_FOUND);
      }
    }
  });
});
