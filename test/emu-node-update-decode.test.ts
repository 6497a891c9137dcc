/**
 * The hosts' NodeUpdate decoder (src/emu/node-update-decode.ts) against the reference it replaces:
 * proto-loader's own deserializer of Controller.Register's stream (protobufjs decode + toObject with
 * the project's loader options). Every message here is encoded by proto-loader's serializer, and the
 * two decodings must be equal, field for field: defaults, an unset clock (null), each member of the
 * `update` oneof and neither, enum names, doubles that are not integers, -0, negative int32s,
 * non-ASCII strings, and 500 random updates of the soak's shape.
 */

import { describe, expect, it } from "vitest";
import { decodeNodeUpdate, hostControllerClient } from "../src/emu/node-update-decode.js";
import { loadProtos } from "../src/emu/proto-loader.js";
import type { LinkEntry, NodeUpdate, RouteEntry } from "../src/emu/wire.js";
import { mulberry32 } from "../src/eo/prng.js";

const register = loadProtos().Controller.service["Register"]!;
const encode = (u: unknown) => register.responseSerialize(u) as Buffer;
const reference = (b: Buffer) => register.responseDeserialize(b) as NodeUpdate;

const KINDS: LinkEntry["kind"][] = [
  "LINK_KIND_UNSPECIFIED",
  "LINK_KIND_ISL",
  "LINK_KIND_GSL_UP",
  "LINK_KIND_GSL_DOWN",
  "LINK_KIND_FIBER",
];

function same(u: unknown): void {
  const b = encode(u);
  expect(decodeNodeUpdate(b)).toStrictEqual(reference(b));
}

describe("NodeUpdate decoder", () => {
  it("equals proto-loader's decoding on hand-picked cases", () => {
    same({});
    same({
      tUnixMs: 1_767_225_600_123.25,
      clock: { virtualEpochUnixMs: 1.5, wallEpochMonoMs: -0, speed: 30 },
    });
    same({
      tUnixMs: 0,
      update: "config",
      config: {
        name: "STARLINK-1007 ü",
        queueLimitBytes: 1e7,
        leadWallMs: 20,
        satellites: 1584,
        stations: 100,
        defaultTtlMs: 60_000,
        maxPayloadBytes: 1 << 20,
        pingSizeBytes: 64,
        stepMs: 100,
        stepOriginUnixMs: 1_767_225_600_000,
        incarnation: 2,
      },
    });
    same({ update: "diff", diff: { links: [], routes: [] } });
    // An enum value this contract does not name (a newer peer's): the number, as protobufjs gives it.
    same({
      update: "diff",
      diff: { links: [{ target: 1, kind: 99 }], routes: [{ destination: 2, reason: 42 }] },
    });
    same({
      update: "diff",
      diff: {
        links: [
          {
            target: 1583,
            up: true,
            delayMs: 2.7181,
            capacityBps: 10e9,
            kind: "LINK_KIND_GSL_DOWN",
            address: "127.0.0.1:40321",
          },
          { target: 7, up: false, delayMs: 0, capacityBps: 0, kind: "LINK_KIND_ISL", address: "" },
        ],
        routes: [
          { destination: 1600, nextHop: -1, reason: "NO_ROUTE_REASON_MESH_PARTITIONED" },
          { destination: 3, nextHop: 12, reason: "NO_ROUTE_REASON_UNSPECIFIED" },
        ],
      },
    });
  });

  it("equals proto-loader's decoding on 500 random updates", () => {
    const names = (
      loadProtos().packageDefinition["constellate.v1.NoRouteReason"] as {
        type: { value: { name: string }[] };
      }
    ).type.value.map((v) => v.name as RouteEntry["reason"]);
    expect(names.length).toBeGreaterThan(1);
    const r = mulberry32(13);
    const int = (n: number) => Math.floor(r() * n);
    for (let i = 0; i < 500; i++) {
      const links: LinkEntry[] = Array.from({ length: int(20) }, () => ({
        target: int(1684),
        up: r() < 0.9,
        delayMs: r() * 40,
        capacityBps: r() < 0.5 ? 10e9 : r() * 1e10,
        kind: KINDS[int(KINDS.length)]!,
        address: r() < 0.2 ? "" : `127.0.0.1:${int(65536)}`,
      }));
      const routes: RouteEntry[] = Array.from({ length: int(5) }, () => ({
        destination: int(1684),
        nextHop: int(1700) - 1,
        reason: names[int(names.length)]!,
      }));
      const clock =
        r() < 0.3 ? { virtualEpochUnixMs: r() * 2e12, wallEpochMonoMs: r() * 1e7, speed: 1 } : null;
      same(
        r() < 0.05
          ? {
              tUnixMs: r() * 2e12,
              clock,
              update: "config",
              config: { name: `n${i}`, satellites: int(2000), incarnation: int(3) },
            }
          : { tUnixMs: r() * 2e12, clock, update: "diff", diff: { links, routes } },
      );
    }
  });

  it("the hosts' Controller client decodes Register with it, and every other method as proto-loader does", () => {
    const def = hostControllerClient().service;
    const original = loadProtos().Controller.service;
    expect(Object.keys(def).sort()).toEqual(Object.keys(original).sort());
    expect(def["Register"]!.responseDeserialize).not.toBe(original["Register"]!.responseDeserialize);
    const b = encode({
      tUnixMs: 5,
      update: "diff",
      diff: { links: [{ target: 2, up: true, kind: "LINK_KIND_FIBER" }] },
    });
    expect(def["Register"]!.responseDeserialize(b)).toStrictEqual(reference(b));
    for (const k of Object.keys(original))
      if (k !== "Register") expect(def[k]!.responseDeserialize).toBe(original[k]!.responseDeserialize);
  });
});
