/**
 * The app gateway's bridge streams (src/emu/apps/gateway.ts) take a host's key, as the controller's
 * host RPCs do (docs/security.md): the run secret alone, which every attached app holds, does not
 * make a host. A bridge under a host's id with a wrong key, no key, another host's key or an id
 * the launch never started gets UNAUTHENTICATED, and the real host's bridge keeps receiving the
 * claims for its nodes (an impostor that got in would have taken them: the gateway keeps one
 * bridge per host id, the latest).
 */
import type * as grpc from "@grpc/grpc-js";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppDownMsg, type AppUpMsg, loadAppsProtos } from "../src/emu/apps/apps-proto.js";
import { AppGateway } from "../src/emu/apps/gateway.js";
import type { AppsPlan } from "../src/emu/apps/plan.js";
import type { Controller } from "../src/emu/controller.js";
import { client } from "../src/emu/grpc-util.js";
import { HOST_ID_HEADER, HOST_KEY_HEADER, newHostKey, RunAuth } from "../src/emu/run-auth.js";

type Bridge = grpc.ClientDuplexStream<AppDownMsg, AppUpMsg>;
type Attach = grpc.ClientDuplexStream<AppUpMsg, AppDownMsg>;

const auth = RunAuth.generate();
const keys = { h0: newHostKey(), h1: newHostKey() };
const plan: AppsPlan = {
  apps: [
    { name: "ext", command: ["ext"], options: {}, nodes: [] },
    { name: "ext2", command: ["ext2"], options: {}, nodes: [] },
  ],
  nodes: [
    { id: 0, name: "SAT-0", kind: "satellite" },
    { id: 1, name: "Station", kind: "station" },
  ],
  runDir: "/nonexistent",
};
const refusals: string[] = [];
const log = pino(
  { level: "warn" },
  {
    write: (line: string) => {
      refusals.push(line);
    },
  },
);
const gateway = new AppGateway(plan, log, auth);
const clients: grpc.Client[] = [];

function bridgeClient(extra: Record<string, string>): Bridge {
  const c = client(loadAppsProtos().AppBridge, gateway.address, auth, extra);
  clients.push(c);
  return (c as unknown as { Serve(): Bridge }).Serve();
}

/** The stream's end: its status code (0 OK) once the server closes it. */
function statusOf(s: Bridge): Promise<number> {
  return new Promise((resolve) => {
    s.on("error", (e: grpc.ServiceError) => resolve(e.code));
    s.on("status", (st: grpc.StatusObject) => resolve(st.code));
    s.on("data", () => {});
  });
}

beforeAll(async () => {
  gateway.expectHost("h0", keys.h0);
  gateway.expectHost("h1", keys.h1);
  await gateway.start();
  // The part of the controller the gateway reads: who hosts which node, and virtual now.
  gateway.bind({
    nodes: [{ hostId: "h0" }, { hostId: "h1" }],
    clock: { now: () => 0 },
  } as unknown as Controller);
});
afterAll(async () => {
  await gateway.stop();
  for (const c of clients) c.close();
});

/** An app attaches (the run secret in its hello) and claims node 0, hosted by h0. */
async function attachClaiming0(name: string): Promise<Attach> {
  const ac = client(loadAppsProtos().Apps, gateway.address, auth);
  clients.push(ac);
  const attach = (ac as unknown as { Attach(): Attach }).Attach();
  const welcome = new Promise<AppDownMsg>((resolve) => attach.once("data", resolve));
  attach.write({ app: "", hello: { token: auth.secretHex(), app: name, nodes: ["0"] } });
  expect((await welcome).welcome?.error).toBe("");
  return attach;
}

async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe("app gateway bridge streams", () => {
  it("refuse a wrong, missing or another host's key, and an unknown host id, with UNAUTHENTICATED", async () => {
    const real = bridgeClient({ [HOST_ID_HEADER]: "h0", [HOST_KEY_HEADER]: keys.h0 });
    const claims: { app: string; nodes: number[] }[] = [];
    real.on("data", (m: AppUpMsg) => {
      if (m.claim) claims.push({ app: m.app, nodes: m.claim.nodes });
    });
    // The real h0's bridge is in: an app's claim of node 0 reaches it.
    const a1 = await attachClaiming0("ext");
    await until(() => claims.length === 1);
    expect(claims).toEqual([{ app: "ext", nodes: [0] }]);

    // Then impostors under h0's id (or none of the launch's ids), as an attached app could try.
    const impostors = (
      [
        { [HOST_ID_HEADER]: "h0", [HOST_KEY_HEADER]: newHostKey() },
        { [HOST_ID_HEADER]: "h0" },
        { [HOST_ID_HEADER]: "h0", [HOST_KEY_HEADER]: keys.h1 },
        { [HOST_ID_HEADER]: "h9", [HOST_KEY_HEADER]: keys.h0 },
        { [HOST_ID_HEADER]: "h0", [HOST_KEY_HEADER]: auth.secretHex() },
      ] as Record<string, string>[]
    ).map(bridgeClient);
    const codes = await Promise.all(impostors.map(statusOf));
    expect(codes).toEqual(impostors.map(() => 16)); // grpc.status.UNAUTHENTICATED
    expect(refusals.filter((l) => /bridge without a host's key refused/.test(l))).toHaveLength(5);
    for (const l of refusals) {
      expect(l).not.toContain(keys.h0);
      expect(l).not.toContain(auth.secretHex());
    }

    // None of them took h0's place: the next app's claim still reaches the real bridge.
    const a2 = await attachClaiming0("ext2");
    await until(() => claims.length === 2);
    expect(claims[1]).toEqual({ app: "ext2", nodes: [0] });
    a1.end();
    a2.end();
    real.end();
  });
});
