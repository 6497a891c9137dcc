/**
 * Calls between the controller and a host that lives in the controller's own process (`inproc`
 * isolation), without the network: the virtual clock's rounds (`Host.Advance`) and the apps' route
 * queries (`Controller.ModelRoute`) are function calls instead of loopback gRPC.
 *
 * Why: under the virtual clock a replay is a long series of short rounds (docs/eo-replay.md, "Speed"):
 * a loopback call costs ~1 ms of grpc-js, HTTP/2 and scheduling per direction, far more than the
 * round's own work. What comes back (a round's reply with its events, a route) still goes through
 * the method's own protobuf serializer and deserializer, so the receiver sees exactly what the wire
 * would give it (the same defaults, key order and no shared objects): event logs stay byte-identical
 * with pooled or process hosts (test/emu-virtual.test.ts).
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

/** A unary method's messages, as the wire would carry them: serialized, then decoded afresh. */
function wireCopy<Req, Res>(
  m: grpc.MethodDefinition<Req, Res>,
): { request(r: Req): Req; response(r: Res): Res } {
  return {
    request: (r) => m.requestDeserialize(m.requestSerialize(r)),
    response: (r) => m.responseDeserialize(m.responseSerialize(r)),
  };
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
  const w = wireCopy(m);
  return async (req) => w.response(await advance(req));
}

/** The controller's ModelRoute behind the Controller.ModelRoute method's own (de)serializers. */
export function modelRouteAsOverWire(
  c: InProcessController,
): (from: number, to: number, via: ViaName) => Promise<ModelRouteReply> {
  const m = loadProtos().Controller.service["ModelRoute"] as grpc.MethodDefinition<
    { from: number; to: number; via: ViaName },
    ModelRouteReply
  >;
  const w = wireCopy(m);
  return (from, to, via) => {
    try {
      return Promise.resolve(w.response(c.modelRoute(w.request({ from, to, via }))));
    } catch (e) {
      return Promise.reject(e);
    }
  };
}
