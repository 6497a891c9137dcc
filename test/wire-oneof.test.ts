/**
 * `oneof` for a whole state first and changes after (docs/wire.md), over real gRPC: a node's
 * WatchLinks stream sends LinkTableUpdate.full (every link and route of the node) and then a
 * LinkTableUpdate.diff for each change. Hand-made line topology (test/apps-helpers.ts):
 * A(3) -2 ms- s0 -3 ms- s1 -3 ms- s2 -2 ms- B(4).
 */
import type * as grpc from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulation, startEmulationOn } from "../src/emu/emulation.js";
import { client } from "../src/emu/grpc-util.js";
import { loadProtos } from "../src/emu/proto-loader.js";
import type { LinkTableUpdate } from "../src/emu/wire.js";
import { lineProvider, T0 } from "./apps-helpers.js";

describe("WatchLinks: the whole table, then diffs", () => {
  let emu: Emulation;
  const calls: grpc.ClientReadableStream<LinkTableUpdate>[] = [];
  const clients: grpc.Client[] = [];

  beforeAll(async () => {
    emu = await startEmulationOn(lineProvider(), {
      clock: "realtime",
      isolation: "inproc",
      stepMs: 100,
      startMs: T0,
    });
    await emu.waitAllUp(30_000);
    emu.resume();
  }, 60_000);

  afterAll(async () => {
    for (const c of calls) c.cancel();
    for (const c of clients) c.close();
    await emu?.stop();
  });

  it("sends update 'full' with s0's two links first, then 'diff' with s1's link down", async () => {
    const s0 = emu.nodeId("s0");
    const s1 = emu.nodeId("s1");
    const c = client(loadProtos().Node, emu.nodeAddress(s0), emu.auth);
    clients.push(c);
    const got: LinkTableUpdate[] = [];
    const call = (
      c as unknown as { WatchLinks(req: object): grpc.ClientReadableStream<LinkTableUpdate> }
    ).WatchLinks({});
    calls.push(call);
    call.on("data", (u: LinkTableUpdate) => got.push(u));
    call.on("error", () => {}); // cancelled at the end
    const until = async (pred: () => boolean) => {
      const t0 = Date.now();
      while (!pred()) {
        if (Date.now() - t0 > 30_000) throw new Error(`no such update: ${JSON.stringify(got)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await until(() => got.length >= 1);
    const first = got[0]!;
    expect(first.update).toBe("full");
    expect(first.diff ?? null).toBeNull();
    const links = [...first.full!.links].sort((a, b) => a.target - b.target);
    // s0's links from the hand-made topology: to s1 (ISL, 3 ms) and to A (station 3, 2 ms).
    expect(links.map((l) => [l.target, l.up, l.delayMs, l.kind])).toEqual([
      [s1, true, 3, "LINK_KIND_ISL"],
      [emu.nodeId("A"), true, 2, "LINK_KIND_GSL_DOWN"],
    ]);
    await emu.killNode(s1, "stop");
    await until(() => got.some((u) => u.update === "diff" && u.diff!.links.some((l) => l.target === s1)));
    const down = got.find((u) => u.update === "diff" && u.diff!.links.some((l) => l.target === s1))!;
    expect(down.full ?? null).toBeNull();
    expect(down.diff!.links.find((l) => l.target === s1)!.up).toBe(false);
  }, 60_000);
});
