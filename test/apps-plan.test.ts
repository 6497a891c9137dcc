/**
 * Planning apps: options declared by the app and set from --app-config or YAML, unknown keys and
 * names as InputErrors with a did-you-mean, assignment selectors, and the launch CLI's one-line errors.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConstellationText } from "../src/config/load.js";
import {
  nodeInfosOf,
  nodeInfosOfNames,
  parseAppArg,
  parseAppConfig,
  planApps,
} from "../src/emu/apps/plan.js";
import { InputError } from "../src/util/input-error.js";
import { example, LINE_NAMES, tempRunDir } from "./apps-helpers.js";
import { runCli, STACK_LINE } from "./cli-helpers.js";

const nodes = nodeInfosOfNames(LINE_NAMES, 3);

async function planError(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error("expected an InputError");
}

const YAML = (apps: string) => `name: two
epoch: "2026-01-01T00:00:00Z"
shells:
  - name: p
    walker: { altitudeKm: 550, inclinationDeg: 53, planes: 1, satsPerPlane: 4, phasing: 0, raanSpreadDeg: 360, eccentricity: 0.0001 }
groundStations:
  stations:
    - { name: "Quito", latDeg: -0.18, lonDeg: -78.47, altM: 0 }
    - { name: "Nairobi", latDeg: -1.29, lonDeg: 36.82, altM: 0 }
${apps}`;

describe("apps plan", () => {
  it("parses --app-config values as YAML scalars and names apps by file name", () => {
    const m = parseAppConfig(["ping.everyS=2.5", "ping.to=New York", "relay.nodes=s0,s1", "x.flag=true"]);
    expect(m.get("ping")?.get("everyS")).toBe(2.5);
    expect(m.get("ping")?.get("to")).toBe("New York");
    expect(m.get("relay")?.get("nodes")).toEqual(["s0", "s1"]);
    expect(m.get("x")?.get("flag")).toBe(true);
    expect(() => parseAppConfig(["everyS=2"])).toThrow(InputError);
    expect(parseAppArg(example("ping.ts")).name).toBe("ping");
    expect(parseAppArg("python3 examples/apps/python/ping.py")).toMatchObject({ name: "ping" });
  });

  it("rejects an unknown option with the key and a did-you-mean, and a bad value with the field", async () => {
    const run = (config: string[]) =>
      planApps({ apps: [example("ping.ts")], config, nodes, runDir: tempRunDir() });
    const e = await planError(run(["ping.from=A", "ping.to=B", "ping.evryS=1"]));
    expect(e.message).toMatch(/field --app-config ping\.evryS/);
    expect(e.message).toMatch(/no option "evryS" \(did you mean "everyS"\?\)/);
    const bad = await planError(run(["ping.from=A", "ping.to=B", "ping.everyS=-1"]));
    expect(bad.message).toMatch(/ping\.everyS.*value -1/);
    const missing = await planError(run(["ping.from=A"]));
    expect(missing.message).toMatch(/option to/);
    const node = await planError(run(["ping.from=A", "ping.to=Bb"]));
    expect(node.message).toMatch(/no node named "Bb" \(did you mean "B"\?\)/);
    const app = await planError(run(["pnig.from=A"]));
    expect(app.message).toMatch(/no app named "pnig" \(did you mean "ping"\?\)/);
  });

  it("takes options and the assignment from the YAML's apps: section, the CLI overriding it", async () => {
    const dir = tempRunDir();
    const file = join(dir, "two.yaml");
    const text = YAML(`apps:
  relay:
    module: ${JSON.stringify(example("relay.ts"))}
    nodes: { shell: p }
    options: { to: Nairobi, horizonS: 600 }
`);
    writeFileSync(file, text);
    const c = loadConstellationText(text, file);
    const plan = await planApps({
      apps: [],
      config: ["relay.resolutionS=5"],
      yaml: c.settings["apps"] as never,
      yamlFile: file,
      nodes: nodeInfosOf(c),
      runDir: dir,
    });
    expect(plan.apps).toHaveLength(1);
    expect(plan.apps[0]).toMatchObject({ name: "relay", nodes: [0, 1, 2, 3] });
    expect(plan.apps[0]!.options).toEqual({ to: "Nairobi", horizonS: 600, resolutionS: 5 });
    // A typo in the YAML names the file and the field.
    const typo = YAML(`apps:
  relay:
    module: ${JSON.stringify(example("relay.ts"))}
    options: { too: Nairobi }
`);
    const c2 = loadConstellationText(typo, file);
    const e = await planError(
      planApps({
        apps: [],
        config: [],
        yaml: c2.settings["apps"] as never,
        yamlFile: file,
        nodes: nodeInfosOf(c2),
        runDir: dir,
      }),
    );
    expect(e.message).toMatch(/two\.yaml.*field apps\.relay\.options\.too.*did you mean "to"/);
  });

  it("launch prints an app error as one line and exits 2", () => {
    const dir = tempRunDir();
    const file = join(dir, "two.yaml");
    writeFileSync(file, YAML(""));
    const r = runCli([
      "launch",
      file,
      "--isolation",
      "sim",
      "--duration",
      "1s",
      "--run-dir",
      join(dir, "run"),
      "--app",
      example("ping.ts"),
      "--app-config",
      "ping.from=Quito",
      "--app-config",
      "ping.to=Nairobi",
      "--app-config",
      "ping.evrys=1",
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/did you mean "everyS"/);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});
