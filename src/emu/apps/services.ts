/**
 * The services an app runtime needs from the controller, over gRPC: every host, in its own process
 * or in the controller's, reaches it the same way.
 */
import type * as grpc from "@grpc/grpc-js";
import type { Logger } from "pino";
import { unary } from "../grpc-util.js";
import type { ContactPlan, ModelRouteReply } from "../wire.js";
import type { AppServices } from "./node-apps.js";

type Defaults = ReturnType<AppServices["defaults"]>;

/** Contact plans sample SGP4 over the horizon: allow them longer than an ordinary call (as host.ts does). */
const CONTACT_PLAN_DEADLINE_MS = 120_000;

export function grpcAppServices(controller: grpc.Client, log: Logger, defaults: () => Defaults): AppServices {
  return {
    modelRoute: (from, to, via) =>
      unary<unknown, ModelRouteReply>(controller, "ModelRoute", { from, to, via }),
    contactPlan: (node, horizonMs, resolutionMs) =>
      unary<unknown, ContactPlan>(
        controller,
        "GetContactPlan",
        { node, horizonMs, resolutionMs },
        CONTACT_PLAN_DEADLINE_MS,
      ),
    defaults,
    log,
  };
}
