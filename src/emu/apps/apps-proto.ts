/**
 * proto/constellate/v1/apps.proto, loaded at run time like the rest of the wire contract, and the
 * TypeScript shapes of its messages as @grpc/proto-loader hands them over (camelCase, oneofs named
 * by `msg` / `kind`). Loaded apart from proto-loader.ts's set so processes without apps never parse it.
 */
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { LOADER_OPTIONS, protoDir } from "../proto-loader.js";
import type { ViaName } from "../wire.js";

export const APPS_SERVICE = "constellate.v1.Apps";
export const APP_BRIDGE_SERVICE = "constellate.v1.AppBridge";
/** Call metadata of a host's bridge stream (the run secret goes in run-auth.ts's SECRET_HEADER). */
export const HOST_HEADER = "x-constellate-host";

export interface AppSendMsg {
  node: number;
  seq: number;
  to: string;
  payload: Buffer;
  sizeBytes: number;
  metadata: Record<string, string>;
  via: ViaName;
  ttlMs: number;
  atUnixMs: number;
  toApp: string;
}

export interface AppYieldMsg {
  node: number;
  eventTUnixMs: number;
  wakeAtUnixMs: number;
}

export interface AppUpMsg {
  app: string;
  msg?: "hello" | "send" | "yield" | "modelRoute" | "claim" | "release";
  hello?: { token: string; app: string; nodes: string[] };
  send?: AppSendMsg;
  yield?: AppYieldMsg;
  modelRoute?: { seq: number; from: string; to: string; via: ViaName };
  claim?: { nodes: number[] };
  release?: { nodes: number[] };
}

export interface AppEventMsg {
  node: number;
  tUnixMs: number;
  start?: Record<string, never>;
  delivery?: {
    id: string;
    from: number;
    fromName: string;
    metadata: Record<string, string>;
    payload: Uint8Array;
    sizeBytes: number;
    createdUnixMs: number;
    arrivalUnixMs: number;
    hops: number;
    via: ViaName;
  };
  timer?: Record<string, never>;
  linkChange?: {
    up: { peer: number; peerName: string; kind: string; delayMs: number; capacityBps: number }[];
    down: number[];
  };
  stop?: Record<string, never>;
}

export interface AppDownMsg {
  app: string;
  welcome?: {
    nodes: { id: number; name: string; kind: string }[];
    tUnixMs: number;
    optionsJson: string;
    error: string;
  };
  event?: AppEventMsg;
  sendResult?: {
    node: number;
    seq: number;
    ok: boolean;
    id: string;
    reason: string;
    createdUnixMs: number;
    leftUnixMs: number;
  };
  modelRoute?: { seq: number; ok: boolean; reason: string; oneWayMs: number; path: number[] };
}

export interface AppsProtos {
  Apps: grpc.ServiceClientConstructor;
  AppBridge: grpc.ServiceClientConstructor;
}

let cached: AppsProtos | null = null;

export function loadAppsProtos(): AppsProtos {
  if (cached) return cached;
  const def = protoLoader.loadSync(["constellate/v1/apps.proto"], {
    includeDirs: [protoDir()],
    ...LOADER_OPTIONS,
  });
  const v1 = (
    grpc.loadPackageDefinition(def) as unknown as {
      constellate: { v1: Record<string, grpc.ServiceClientConstructor> };
    }
  ).constellate.v1;
  cached = { Apps: v1.Apps!, AppBridge: v1.AppBridge! };
  return cached;
}
