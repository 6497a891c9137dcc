/**
 * Calls between the controller and a host that lives in the controller's own process (`inproc`
 * isolation), without the network: the virtual clock's rounds (`Host.Advance`) and the apps' route
 * queries (`Controller.ModelRoute`) are function calls instead of loopback gRPC.
 *
 * Why: under the virtual clock a replay is a long series of short rounds (docs/eo-replay.md, "Speed"):
 * a loopback call costs ~1 ms of grpc-js, HTTP/2 and scheduling per direction, far more than the
 * round's own work. A round's reply (its events) still goes through the method's own protobuf
 * serializer and deserializer, so the controller records exactly what the wire would give it (the
 * same defaults and key order, no shared objects): event logs stay byte-identical with pooled or
 * process hosts (test/emu-virtual.test.ts).
 */
import type * as grpc from "@grpc/grpc-js";
import { loadProtos } from "./proto-loader.js";
import type { AdvanceReply, AdvanceRequest, ModelRouteReply, ViaName } from "./wire.js";

/** What an in-process host may call on its controller directly. */
export interface InProcessController {
  /** The controller's ModelRoute handler (throws on a bad request, as the RPC answers INVALID_ARGUMENT). */
  modelRoute(req: { from: number; to: number; via: ViaName }): ModelRouteReply;
  /** Rounds of the virtual clock for this (registered) host go to `advance` instead of its Host service. */
  attachHost(hostId: string, advance: (req: AdvanceRequest) => Promise<AdvanceReply>): void;
}

/**
 * `advance` with its reply behind the Host.Advance method's own (de)serializers: the events it carries
 * are recorded as the controller would decode them from any other host. The request is handed over
 * as it is: the controller builds every round's updates afresh and never touches them again, and
 * encoding them was a sixth of a replay's CPU time.
 */
export function advanceAsOverWire(
  advance: (req: AdvanceRequest) => Promise<AdvanceReply>,
): (req: AdvanceRequest) => Promise<AdvanceReply> {
  const m = loadProtos().Host.service["Advance"] as grpc.MethodDefinition<AdvanceRequest, AdvanceReply>;
  return async (req) => m.responseDeserialize(m.responseSerialize(await advance(req)));
}

/**
 * The controller's ModelRoute, answered as the RPC would: a bad request rejects, and the reply is
 * the app's own copy (its arrays are not the router's). Not through protobuf: the reply is not
 * recorded anywhere, and encoding it cost three times the route itself (a relay asks one route per
 * served station).
 */
export function modelRouteInProcess(
  c: InProcessController,
): (from: number, to: number, via: ViaName) => Promise<ModelRouteReply> {
  return (from, to, via) => {
    try {
      const r = c.modelRoute({ from, to, via });
      return Promise.resolve({ ...r, path: [...r.path], hopDelayMs: [...r.hopDelayMs] });
    } catch (e) {
      return Promise.reject(e);
    }
  };
}
