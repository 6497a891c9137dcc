/**
 * The hosts' decoder of `Controller.Register`'s stream (NodeUpdate), straight from the wire bytes
 * into the plain objects proto-loader would hand over (the same shape, field for field: defaults,
 * null for an unset message, enum names, the `update` oneof's name).
 *
 * Why: on the realtime clock a host receives one NodeUpdate per node of its with changes, every
 * step (~800 nodes, 10 steps a second in the soak), and proto-loader decodes each twice over, into
 * protobufjs message objects and then into plain ones (`toObject`). In the pinging host's allocation
 * profile those two trees were a quarter of everything allocated (docs/soak.md). This builds the
 * plain tree once, with protobufjs's own Reader for the wire format; the enum names come from the
 * loaded .proto, and test/emu-node-update-decode.test.ts holds it to proto-loader's output.
 */
import * as grpc from "@grpc/grpc-js";
import type { EnumTypeDefinition } from "@grpc/proto-loader";
import protobuf from "protobufjs";
import { loadProtos } from "./proto-loader.js";
import type { ClockSync, LinkEntry, NodeConfig, NodeUpdate, RouteEntry } from "./wire.js";

type Names = readonly (string | undefined)[];

/** Value -> name of an enum of the loaded contract (proto-loader's EnumDescriptorProto). */
function enumNames(fullName: string): Names {
  const def = loadProtos().packageDefinition[fullName] as EnumTypeDefinition | undefined;
  const values = (def?.type as { value?: { name: string; number: number }[] } | undefined)?.value;
  if (!values) throw new Error(`enum ${fullName} not in the loaded protos`);
  const out: (string | undefined)[] = [];
  for (const v of values) out[v.number] = v.name;
  return out;
}

let linkKinds: Names | null = null;
let noRouteReasons: Names | null = null;

/** As protobufjs's toObject with enums: String: the name, or the number when the value is unknown. */
const enumOf = <T>(names: Names, v: number): T => (names[v] ?? v) as T;

function linkEntry(r: protobuf.Reader, end: number): LinkEntry {
  const e: LinkEntry = {
    target: 0,
    up: false,
    delayMs: 0,
    capacityBps: 0,
    kind: "LINK_KIND_UNSPECIFIED",
    address: "",
  };
  let kind = 0;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        e.target = r.int32();
        break;
      case 2:
        e.up = r.bool();
        break;
      case 3:
        e.delayMs = r.double();
        break;
      case 4:
        e.capacityBps = r.double();
        break;
      case 5:
        kind = r.int32();
        e.kind = enumOf(linkKinds!, kind);
        break;
      case 6:
        e.address = r.string();
        break;
      default:
        r.skipType(tag & 7);
    }
  }
  return e;
}

function routeEntry(r: protobuf.Reader, end: number): RouteEntry {
  const e: RouteEntry = { destination: 0, nextHop: 0, reason: "NO_ROUTE_REASON_UNSPECIFIED" };
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        e.destination = r.int32();
        break;
      case 2:
        e.nextHop = r.int32();
        break;
      case 3:
        e.reason = enumOf(noRouteReasons!, r.int32());
        break;
      default:
        r.skipType(tag & 7);
    }
  }
  return e;
}

function clockSync(r: protobuf.Reader, end: number): ClockSync {
  const c: ClockSync = { virtualEpochUnixMs: 0, wallEpochMonoMs: 0, speed: 0 };
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        c.virtualEpochUnixMs = r.double();
        break;
      case 2:
        c.wallEpochMonoMs = r.double();
        break;
      case 3:
        c.speed = r.double();
        break;
      default:
        r.skipType(tag & 7);
    }
  }
  return c;
}

function nodeConfig(r: protobuf.Reader, end: number): NodeConfig {
  const c: NodeConfig = {
    name: "",
    queueLimitBytes: 0,
    leadWallMs: 0,
    satellites: 0,
    stations: 0,
    defaultTtlMs: 0,
    maxPayloadBytes: 0,
    pingSizeBytes: 0,
    stepMs: 0,
    stepOriginUnixMs: 0,
    incarnation: 0,
  };
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        c.name = r.string();
        break;
      case 2:
        c.queueLimitBytes = r.double();
        break;
      case 3:
        c.leadWallMs = r.double();
        break;
      case 4:
        c.satellites = r.int32();
        break;
      case 5:
        c.stations = r.int32();
        break;
      case 6:
        c.defaultTtlMs = r.double();
        break;
      case 7:
        c.maxPayloadBytes = r.double();
        break;
      case 8:
        c.pingSizeBytes = r.double();
        break;
      case 9:
        c.stepMs = r.double();
        break;
      case 10:
        c.stepOriginUnixMs = r.double();
        break;
      case 11:
        c.incarnation = r.int32();
        break;
      default:
        r.skipType(tag & 7);
    }
  }
  return c;
}

/** Decode one NodeUpdate (throws on malformed bytes, as protobufjs does). */
export function decodeNodeUpdate(buf: Uint8Array): NodeUpdate {
  linkKinds ??= enumNames("constellate.v1.LinkKind");
  noRouteReasons ??= enumNames("constellate.v1.NoRouteReason");
  const r = protobuf.Reader.create(buf);
  const u: NodeUpdate = { tUnixMs: 0, clock: null };
  // The `update` oneof: the last member on the wire wins, as in protobufjs. A diff seen twice merges
  // (repeated fields concatenate); the controller sends each field once.
  while (r.pos < r.len) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        u.tUnixMs = r.double();
        break;
      case 2: {
        const end = r.uint32() + r.pos;
        u.clock = clockSync(r, end);
        break;
      }
      case 3: {
        const end = r.uint32() + r.pos;
        if (u.diff) delete u.diff;
        u.config = nodeConfig(r, end);
        u.update = "config";
        break;
      }
      case 4: {
        const end = r.uint32() + r.pos;
        if (u.config) delete u.config;
        if (!u.diff) u.diff = { links: [], routes: [] };
        const d = u.diff;
        u.update = "diff";
        while (r.pos < end) {
          const t = r.uint32();
          const field = t >>> 3;
          if (field === 1 || field === 2) {
            const e = r.uint32() + r.pos;
            if (field === 1) d.links.push(linkEntry(r, e));
            else d.routes.push(routeEntry(r, e));
          } else r.skipType(t & 7);
        }
        break;
      }
      default:
        r.skipType(tag & 7);
    }
  }
  return u;
}

let hostController: grpc.ServiceClientConstructor | null = null;

/** The Controller client for hosts: proto-loader's, but Register's stream decoded by decodeNodeUpdate. */
export function hostControllerClient(): grpc.ServiceClientConstructor {
  if (hostController) return hostController;
  const def = loadProtos().Controller.service;
  const register = def["Register"];
  if (!register) throw new Error("Controller.Register not in the loaded protos");
  hostController = grpc.makeGenericClientConstructor(
    { ...def, Register: { ...register, responseDeserialize: (b: Buffer) => decodeNodeUpdate(b) } },
    "Controller",
  );
  return hostController;
}
