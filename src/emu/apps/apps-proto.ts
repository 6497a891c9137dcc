/**
 * proto/constellate/v1/apps.proto, loaded at run time like the rest of the wire contract, and the
 * project's names for its generated message types (src/emu/wire-types/, docs/wire.md). Loaded apart from proto-loader.ts's set so processes without apps never parse it.
 */
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { LOADER_OPTIONS, protoDir } from "../proto-loader.js";
import type { AppDown, AppDown__Output } from "../wire-types/constellate/v1/AppDown.js";
import type { AppEvent } from "../wire-types/constellate/v1/AppEvent.js";
import type { AppSend__Output } from "../wire-types/constellate/v1/AppSend.js";
import type { AppUp__Output } from "../wire-types/constellate/v1/AppUp.js";
import type { AppYield__Output } from "../wire-types/constellate/v1/AppYield.js";

export const APPS_SERVICE = "constellate.v1.Apps";
export const APP_BRIDGE_SERVICE = "constellate.v1.AppBridge";

export type AppSendMsg = AppSend__Output;
export type AppYieldMsg = AppYield__Output;
/** As received (every field present; the oneof named by `msg`). */
export type AppUpMsg = AppUp__Output;
/** As the gateway or a host sends it: fields it leaves out take proto3's defaults. */
export type AppDownMsg = AppDown;
/** AppDown as the gateway receives it from a host (every field present). */
export type AppDownRead = AppDown__Output;
export type AppEventMsg = AppEvent;

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
