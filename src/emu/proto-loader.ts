/**
 * Loads the wire contract (proto/constellate/v1/*.proto) at run time with @grpc/proto-loader.
 * The proto directory is found by walking up from this file to the package root (the directory
 * holding package.json with our name), so the same code works from src/ (vitest, tsx) and from
 * dist/src/ (built).
 */
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { packageRoot } from "../util/package-root.js";

export const PROTO_FILES = [
  "constellate/v1/bundle.proto",
  "constellate/v1/node.proto",
  "constellate/v1/controller.proto",
  "constellate/v1/control.proto",
] as const;

/** Fully qualified service names (for health checking and grpcurl). */
export const NODE_SERVICE = "constellate.v1.Node";
export const CONTROLLER_SERVICE = "constellate.v1.Controller";
export const HOST_SERVICE = "constellate.v1.Host";
export const RUN_CONTROL_SERVICE = "constellate.v1.RunControl";

export function protoDir(): string {
  return join(packageRoot(), "proto");
}

export interface LoadedProtos {
  packageDefinition: protoLoader.PackageDefinition;
  // Service constructors as grpc-js builds them from the package definition.
  Node: grpc.ServiceClientConstructor;
  Controller: grpc.ServiceClientConstructor;
  Host: grpc.ServiceClientConstructor;
  RunControl: grpc.ServiceClientConstructor;
}

/**
 * The one set of loader options: the run-time loader (here and apps-proto.ts) and the type
 * generator (scripts/wire-types.ts, whose output is src/emu/wire-types/) both take these, so the
 * generated types describe exactly the objects grpc-js hands over. Why camelCase: docs/wire.md.
 */
export const LOADER_OPTIONS = {
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
} as const satisfies protoLoader.Options;

/** Every .proto of the contract, apps.proto included (loaded apart by apps-proto.ts). */
export const ALL_PROTO_FILES = [...PROTO_FILES, "constellate/v1/apps.proto"] as const;

let cached: LoadedProtos | null = null;

/** Load once per process; the definitions are immutable. */
export function loadProtos(): LoadedProtos {
  if (cached) return cached;
  const packageDefinition = protoLoader.loadSync([...PROTO_FILES], {
    includeDirs: [protoDir()],
    ...LOADER_OPTIONS,
  });
  const root = grpc.loadPackageDefinition(packageDefinition) as unknown as {
    constellate: { v1: Record<string, grpc.ServiceClientConstructor> };
  };
  const v1 = root.constellate.v1;
  cached = {
    packageDefinition,
    Node: v1.Node!,
    Controller: v1.Controller!,
    Host: v1.Host!,
    RunControl: v1.RunControl!,
  };
  return cached;
}
