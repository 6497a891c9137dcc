/**
 * gRPC reflection that a standard client can use (docs/wire.md): examples/python/reflect.py, with
 * Debian's python3-grpcio and no constellate stubs, lists a running launch's services, builds a
 * descriptor_pool from the file descriptors reflection serves, and calls Controller.GetStatus and
 * Node.GetStatus with the run's secret. Before the map-entry fix (src/emu/reflection-descriptors.ts)
 * the pool refused the descriptors ("map_entry should not be set explicitly"). The unit tests below
 * check the fix itself against protobuf's naming rule, without Python.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import descriptorExt from "protobufjs/ext/descriptor/index.js";
import { afterAll, describe, expect, it } from "vitest";
import { mapEntryName, reflectionPackageDefinition } from "../src/emu/reflection-descriptors.js";
import { tempRunDir } from "./apps-helpers.js";
import { repoRoot, runCli } from "./cli-helpers.js";

/** Debian's interpreter: python3-grpcio installs for it, not for a python3 from pyenv or a venv. */
const PYTHON = ["/usr/bin/python3"].find(
  (p) => spawnSync(p, ["-c", "import grpc, grpc_tools"], { encoding: "utf8" }).status === 0,
);

// Ten satellites of one plane and one station (as test/apps-external.test.ts).
const YAML = readFileSync(new URL("./fixtures/plane10.yaml", import.meta.url), "utf8");

describe("reflection descriptors", () => {
  it("names map entries as protobuf does: the field in UpperCamelCase plus Entry", () => {
    // descriptor.proto: "map<KeyType, ValueType> map_field = 1;" is "repeated MapFieldEntry map_field".
    expect(mapEntryName("map_field")).toBe("MapFieldEntry");
    expect(mapEntryName("dropped_by_reason")).toBe("DroppedByReasonEntry");
    expect(mapEntryName("metadata")).toBe("MetadataEntry");
  });

  it("serves .proto field names and valid map entries, with the .proto's field numbers", () => {
    const def = reflectionPackageDefinition();
    const files = (def["constellate.v1.Totals"] as { fileDescriptorProtos: Buffer[] }).fileDescriptorProtos;
    const messages = files.flatMap(
      (b) =>
        (descriptorExt.FileDescriptorProto.decode(b) as descriptorExt.IFileDescriptorProto).messageType ?? [],
    );
    const totals = messages.find((m) => m.name === "Totals")!;
    const field = totals.field!.find((f) => f.number === 5)!;
    // controller.proto: map<string, double> dropped_by_reason = 5;
    expect(field.name).toBe("dropped_by_reason");
    expect(field.typeName).toBe("DroppedByReasonEntry");
    const entry = totals.nestedType!.find((n) => n.name === "DroppedByReasonEntry")!;
    expect(entry.options?.mapEntry).toBe(true);
    expect(entry.field!.map((f) => [f.name, f.number])).toEqual([
      ["key", 1],
      ["value", 2],
    ]);
  });
});

const launches: ChildProcess[] = [];
afterAll(() => {
  for (const c of launches) if (c.exitCode === null && c.pid) process.kill(-c.pid, "SIGKILL");
});

describe.skipIf(!PYTHON)("reflection from Python (Debian python3-grpcio, no constellate stubs)", () => {
  it("lists the services, builds a descriptor pool, calls Controller.GetStatus and Node.GetStatus", async () => {
    const dir = tempRunDir();
    writeFileSync(join(dir, "plane10.yaml"), YAML);
    const runDir = join(dir, "run");
    const log = join(dir, "launch.log");
    // Realtime, long enough to be queried; ended by `constellate stop` below. Its output goes to a
    // file, so this process may block on the Python client without leaving pipes undrained.
    const fd = openSync(log, "w");
    const cli = spawn(
      process.execPath,
      ["--import", "tsx", join(repoRoot, "src/cli/main.ts"), "launch", join(dir, "plane10.yaml")]
        .concat(["--isolation", "pooled", "--hosts", "1", "--clock", "realtime", "--duration", "10m"])
        .concat(["--run-dir", runDir]),
      {
        cwd: repoRoot,
        detached: true,
        stdio: ["ignore", fd, fd],
        env: { ...process.env, CONSTELLATE_LOG_LEVEL: "info" },
      },
    );
    launches.push(cli);
    const t0 = Date.now();
    while (!/nodes up/.test(existsSync(log) ? readFileSync(log, "utf8") : "")) {
      if (Date.now() - t0 > 120_000 || cli.exitCode !== null)
        throw new Error(`launch not up: ${readFileSync(log, "utf8")}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const py = spawnSync(PYTHON!, [join(repoRoot, "examples/python/reflect.py"), runDir], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(py.status, py.stderr).toBe(0);
    const out = JSON.parse(py.stdout) as {
      services: string[];
      controller: {
        name: string;
        satellites: number;
        stations: number;
        nodes: { node: number; name: string }[];
      };
      node: { node: number; name: string };
    };
    expect(out.services).toEqual(
      expect.arrayContaining([
        "constellate.v1.Node",
        "constellate.v1.Controller",
        "constellate.v1.Host",
        "constellate.v1.RunControl",
      ]),
    );
    // From the YAML above: its name, 10 satellites (1 plane x 10), 1 station.
    expect(out.controller).toMatchObject({ name: "plane10", satellites: 10, stations: 1 });
    // The node the client called answers with its own identity, as the controller listed it.
    const listed = out.controller.nodes.find((n) => n.name === out.node.name);
    expect(listed).toBeDefined();
    expect(out.node.node ?? 0).toBe(listed!.node ?? 0);
    const stop = runCli(["stop", "--run-dir", runDir], { timeoutMs: 90_000 });
    expect(stop.status, stop.stderr).toBe(0);
  }, 240_000);
});
