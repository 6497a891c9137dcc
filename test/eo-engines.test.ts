/**
 * Inference engines as modules (issue 10): estimate(job) against hand computation from the
 * accelerator data, the example module (examples/engines/blob-detector.ts) finding exactly the
 * objects planted in its scenes, loaded from a YAML `module:` path and from `--engine`, and the
 * one-line InputErrors for modules and options that are wrong.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConstellationText } from "../src/config/load.js";
import { ACCELERATORS, REFERENCE_MODEL } from "../src/eo/accelerators.js";
import { type SatelliteEoConfig, withEngine } from "../src/eo/config.js";
import {
  type Detection,
  type EngineConfig,
  engineRefFromFlag,
  type InferenceJob,
  loadInferenceEngine,
  sceneDetections,
  summaryText,
} from "../src/eo/inference.js";
import { satelliteConfigsOf } from "../src/eo/scenario.js";
import { InputError } from "../src/util/input-error.js";
import { runCli, STACK_LINE } from "./cli-helpers.js";

const EXAMPLE = fileURLToPath(new URL("../examples/engines/blob-detector.ts", import.meta.url));
/** A YAML file in test/ (not written: only its directory matters, for relative module paths). */
const YAML_FILE = fileURLToPath(new URL("./engines.yaml", import.meta.url));

const yaml = (eo: string) => `
name: t
epoch: "2026-01-01T00:00:00Z"
shells:
  - name: a
    walker: { altitudeKm: 525, inclinationDeg: 97.5, planes: 1, satsPerPlane: 2, phasing: 0, raanSpreadDeg: 360 }
    eo: ${eo}
`;

/** A Dove scene (6,649 x 4,432 px; 512 px tiles: ceil(29,468,368 / 262,144) = 113). */
const job = (tag: string, sceneSeed: number): InferenceJob => ({
  imageId: `img-${tag}-${sceneSeed}`,
  requestId: "r",
  tag,
  priority: 3,
  sceneSeed,
  widthPx: 6649,
  heightPx: 4432,
  tiles: 113,
  satellite: 0,
  captureUnixMs: Date.parse("2026-01-01T00:00:00Z"),
  latDeg: 10,
  lonDeg: 20,
  areaKm2: 403.44,
});

const configOf = (eo: SatelliteEoConfig): EngineConfig => ({
  accelerator: eo.accelerator,
  model: eo.model,
  options: eo.engineOptions,
});

async function inputError(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).message).not.toContain("\n");
    return e as InputError;
  }
  throw new Error("expected an InputError");
}

type Box = Detection["box"];

/** Gap between two boxes along x or y, px (negative: they overlap along that axis). */
const gap = (a: Box, b: Box, k: 0 | 1) => Math.max(b[k] - (a[k] + a[k + 2]!), a[k] - (b[k] + b[k + 2]!));

/**
 * Planted objects grouped by nearness: two objects `scale` px or more apart along x or y cannot
 * share a raster pixel or touch (a raster pixel is `scale` px), so each stays its own blob; closer
 * ones may merge into one. Groups are the connected sets of "closer than scale".
 */
function groups(planted: Detection[], scale: number): Detection[][] {
  const parent = planted.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : root(parent[i]!));
  for (let a = 0; a < planted.length; a++)
    for (let b = a + 1; b < planted.length; b++)
      if (
        gap(planted[a]!.box, planted[b]!.box, 0) < scale &&
        gap(planted[a]!.box, planted[b]!.box, 1) < scale
      )
        parent[root(a)] = root(b);
  const by = new Map<number, Detection[]>();
  planted.forEach((d, i) => {
    const g = by.get(root(i)) ?? [];
    g.push(d);
    by.set(root(i), g);
  });
  return [...by.values()];
}

/**
 * Check detections against the planted objects. The detector samples the scene at raster pixel
 * centres, `scale` px apart, so each box edge it reports lies within half a raster pixel (scale / 2
 * px) of the planted edge: the tolerance. An isolated object must be found once, with its class;
 * a group of near objects as 1..n blobs within the group's extent (same tolerance); nothing else.
 * Returns how many objects were isolated.
 */
function expectPlanted(found: Detection[], planted: Detection[], scale: number): number {
  const tol = scale / 2;
  const within = (d: Box, p: Box) =>
    Math.abs(d[0] - p[0]) <= tol &&
    Math.abs(d[1] - p[1]) <= tol &&
    Math.abs(d[0] + d[2] - (p[0] + p[2])) <= tol &&
    Math.abs(d[1] + d[3] - (p[1] + p[3])) <= tol;
  const inside = (d: Box, p: Box) =>
    d[0] >= p[0] - tol &&
    d[1] >= p[1] - tol &&
    d[0] + d[2] <= p[0] + p[2] + tol &&
    d[1] + d[3] <= p[1] + p[3] + tol;
  // Found in the raster, not copied from the scene: boxes are whole raster pixels.
  for (const d of found) expect(d.box.map((v) => v % scale)).toEqual([0, 0, 0, 0]);
  const unclaimed = new Set(found);
  let isolated = 0;
  for (const g of groups(planted, scale)) {
    if (g.length === 1) {
      isolated++;
      const p = g[0]!;
      const hits = [...unclaimed].filter((d) => within(d.box, p.box));
      expect(hits, `planted ${p.cls} at ${p.box}`).toHaveLength(1);
      expect(hits[0]!.cls).toBe(p.cls);
      expect(hits[0]!.confidence).toBe(1); // a lone rectangle fills its box
      unclaimed.delete(hits[0]!);
      continue;
    }
    const x0 = Math.min(...g.map((d) => d.box[0]));
    const y0 = Math.min(...g.map((d) => d.box[1]));
    const x1 = Math.max(...g.map((d) => d.box[0] + d.box[2]));
    const y1 = Math.max(...g.map((d) => d.box[1] + d.box[3]));
    const hits = [...unclaimed].filter((d) => inside(d.box, [x0, y0, x1 - x0, y1 - y0]));
    expect(hits.length).toBeGreaterThanOrEqual(1);
    expect(hits.length).toBeLessThanOrEqual(g.length);
    for (const h of hits) unclaimed.delete(h);
  }
  expect([...unclaimed], "detections with nothing planted there").toEqual([]);
  return isolated;
}

describe("estimate(job)", () => {
  it("cost model: tiles x latency per tile, at the accelerator's data-sheet power", async () => {
    const tx2 = await loadInferenceEngine(
      { name: "cost-model" },
      {
        accelerator: ACCELERATORS["jetson-tx2"],
        model: REFERENCE_MODEL,
        options: {},
      },
    );
    // 113 tiles x 44.86 ms (TX2 calibration, Denby & Lucia ASPLOS 2020 artifact) = 5.06918 s at 11.3 W.
    const e = tx2.estimate(job("shipping", 1));
    expect(e.durationS).toBeCloseTo(5.06918, 9);
    expect(e.powerW).toBe(11.3);
    const h100 = await loadInferenceEngine(
      { name: "cost-model" },
      {
        accelerator: ACCELERATORS.h100,
        model: REFERENCE_MODEL,
        options: {},
      },
    );
    // H100 SXM: 1,979 TOPS INT8 dense vs the TX2's 1.33 TFLOPS, 700 W TDP (NVIDIA data sheets).
    const eh = h100.estimate(job("shipping", 1));
    expect(eh.durationS).toBeCloseTo((113 * 0.04486 * 1.33) / 1979, 12);
    expect(eh.powerW).toBe(700);
  });

  it("cost model: run resolves to the seeded scene's detections and summary, as before", async () => {
    const engine = await loadInferenceEngine(
      { name: "cost-model" },
      {
        accelerator: ACCELERATORS["jetson-tx2"],
        model: REFERENCE_MODEL,
        options: {},
      },
    );
    const j = job("wildfire", 77);
    const r = await engine.run(j);
    expect(r.detections).toEqual(sceneDetections(j));
    expect(r.summary).toBe(summaryText(j, "oec-tile", sceneDetections(j)));
    expect(r.summaryBytes).toBe(Buffer.byteLength(r.summary));
  });

  it("the example engine charges the same accelerator time: Orin Nano 15 W mode", async () => {
    const c = loadConstellationText(
      yaml("{ engine: { module: ../examples/engines/blob-detector.ts }, accelerator: jetson-orin-15w }"),
      YAML_FILE,
    );
    const eo = satelliteConfigsOf(c)[0]!;
    const engine = await loadInferenceEngine(eo.engine, configOf(eo));
    const e = engine.estimate(job("land", 3));
    // 113 tiles x 44.86 ms x 1.33 / 20 (20 TOPS INT8 dense, NVIDIA Orin Nano data sheet) at 15 W.
    expect(e.durationS).toBeCloseTo((113 * 0.04486 * 1.33) / 20, 12);
    expect(e.powerW).toBe(15);
  });
});

describe("the example engine (examples/engines/blob-detector.ts)", () => {
  it("loaded from a YAML module path, finds exactly the planted objects on fixed seeds", async () => {
    const c = loadConstellationText(
      yaml("{ engine: { module: ../examples/engines/blob-detector.ts } }"),
      YAML_FILE,
    );
    const eo = satelliteConfigsOf(c)[0]!;
    expect(eo.engine).toEqual({ module: EXAMPLE });
    const engine = await loadInferenceEngine(eo.engine, configOf(eo));
    expect(engine.name).toBe("blob-detector");
    let planted = 0;
    let isolated = 0;
    let wholeScenes = 0;
    for (const tag of ["shipping", "wildfire", "land"])
      for (let seed = 1; seed <= 8; seed++) {
        const j = job(tag, seed);
        const want = sceneDetections(j);
        const r = await engine.run(j);
        const n = expectPlanted(r.detections, want, 8); // rasterScale 8, the default
        planted += want.length;
        isolated += n;
        if (n === want.length) {
          wholeScenes++;
          expect(r.detections).toHaveLength(want.length);
        }
        expect(r.summaryBytes).toBe(Buffer.byteLength(r.summary));
        expect(JSON.parse(r.summary).detections).toHaveLength(r.detections.length);
      }
    // The check has teeth: most objects stand alone and most scenes are all-alone.
    expect(planted).toBeGreaterThan(100);
    expect(isolated / planted).toBeGreaterThan(0.8);
    expect(wholeScenes).toBeGreaterThan(12);
  });

  it("loaded with --engine (a path from the working directory) and engineOptions: finer raster, same objects", async () => {
    const ref = engineRefFromFlag(relative(process.cwd(), EXAMPLE));
    expect(ref).toEqual({ module: EXAMPLE });
    const engine = await loadInferenceEngine(
      ref,
      { accelerator: ACCELERATORS["jetson-tx2"], model: REFERENCE_MODEL, options: { rasterScale: 4 } },
      "--engine",
    );
    for (let seed = 100; seed < 104; seed++) {
      const j = job("shipping", seed);
      expectPlanted((await engine.run(j)).detections, sceneDetections(j), 4);
    }
  });

  it("yields to the event loop between tiles while it runs", async () => {
    const engine = await loadInferenceEngine(
      { module: EXAMPLE },
      {
        accelerator: ACCELERATORS["jetson-tx2"],
        model: REFERENCE_MODEL,
        options: {},
      },
    );
    let turns = 0;
    let done = false;
    const spin = () => {
      if (done) return;
      turns++;
      setImmediate(spin);
    };
    setImmediate(spin);
    await engine.run(job("land", 5));
    done = true;
    // 6,649 x 4,432 px at 8 px per raster pixel: 832 x 554 pixels in 64 px tiles = 13 x 9 = 117 tiles.
    expect(turns).toBeGreaterThanOrEqual(117 / 2);
  });
});

describe("--engine overrides every shell's engine", () => {
  it("keeps one config per shell, so engines are still created once per shell", () => {
    const c = loadConstellationText(
      `${yaml("{ accelerator: h100 }")}  - name: b
    walker: { altitudeKm: 600, inclinationDeg: 53, planes: 1, satsPerPlane: 3, phasing: 0, raanSpreadDeg: 360 }
`,
      YAML_FILE,
    );
    const configs = withEngine(satelliteConfigsOf(c), { module: EXAMPLE });
    expect(configs).toHaveLength(5);
    expect(new Set(configs).size).toBe(2);
    for (const cfg of configs) expect(cfg.engine).toEqual({ module: EXAMPLE });
    expect(configs[0]!.accelerator.name).toBe("h100");
    expect(configs[4]!.accelerator.name).toBe("jetson-tx2");
  });
});

describe("bad engines and options: one-line InputErrors naming the field and value", () => {
  // Made in beforeAll, not at collection: a filtered run (-t) skips this block's hooks.
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "constellate-engines-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const mod = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const cfg: EngineConfig = { accelerator: ACCELERATORS["jetson-tx2"], model: REFERENCE_MODEL, options: {} };
  const load = (ref: Parameters<typeof loadInferenceEngine>[0], options = {}, field?: string) =>
    loadInferenceEngine(ref, { ...cfg, options }, field, "my.yaml");

  it("a missing module, in YAML (relative to the file) and with --engine", async () => {
    const e = (() => {
      try {
        satelliteConfigsOf(loadConstellationText(yaml("{ engine: { module: ./nope.ts } }"), YAML_FILE));
      } catch (err) {
        return err as InputError;
      }
      throw new Error("expected an InputError");
    })();
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toBe(`${YAML_FILE}, field eo.engine.module, value "./nope.ts": no such engine module`);
    expect(() => engineRefFromFlag("engines/nope.ts")).toThrow(
      'field --engine, value "engines/nope.ts": no such engine module',
    );
    const m = await inputError(load({ module: join(dir, "gone.mjs") }, {}, "--engine"));
    expect(m.message).toBe(
      `field --engine, value ${JSON.stringify(join(dir, "gone.mjs"))}: no such engine module`,
    );
  });

  it("no default export, a default that is not an engine, create() returning something else, a broken module", async () => {
    const noDefault = mod("no-default.mjs", "export const engine = 1;\n");
    let e = await inputError(load({ module: noDefault }));
    expect(e.message).toContain("my.yaml, field eo.engine");
    expect(e.message).toContain(JSON.stringify(noDefault));
    expect(e.message).toContain("has no default export");

    const notEngine = mod("not-engine.mjs", "export default { name: 'x', run() {} };\n");
    e = await inputError(load({ module: notEngine }));
    expect(e.location).toMatchObject({ field: "eo.engine", value: notEngine });
    expect(e.message).toContain("default export is not an engine");

    const badCreate = mod(
      "bad-create.mjs",
      "export default { create: () => ({ name: 'half', run: async () => ({}) }) };\n",
    );
    e = await inputError(load({ module: badCreate }, {}, "--engine"));
    expect(e.location).toEqual({ field: "--engine", value: badCreate });
    expect(e.message).toContain("did not return an engine");

    const broken = mod("broken.mjs", "export default {\n");
    e = await inputError(load({ module: broken }));
    expect(e.message).toContain("cannot load engine module");
  });

  it("unknown built-in names and option keys get a did-you-mean; bad values name the option", async () => {
    let e = await inputError(load({ name: "cost-modle" }));
    expect(e.message).toContain('did you mean "cost-model"');
    expect(e.location).toMatchObject({ field: "eo.engine", value: "cost-modle" });

    expect(() => engineRefFromFlag("blob")).toThrow(/field --engine, value "blob": unknown inference engine/);
    expect(() => engineRefFromFlag("cost-mode")).toThrow('did you mean "cost-model"');
    expect(engineRefFromFlag("cost-model")).toEqual({ name: "cost-model" });

    e = await inputError(load({ module: EXAMPLE }, { rasterscale: 4 }));
    expect(e.message).toContain('did you mean "rasterScale"');
    expect(e.location).toEqual({ file: "my.yaml", field: "eo.engineOptions.rasterscale", value: 4 });

    e = await inputError(load({ module: EXAMPLE }, { rasterScale: 16 }));
    expect(e.location).toEqual({ file: "my.yaml", field: "eo.engineOptions.rasterScale", value: 16 });

    e = await inputError(load({ name: "cost-model" }, { threshold: 0.5 }));
    expect(e.message).toContain("engine cost-model has no option");
  });

  it("the CLI prints one line and exits 2 for a missing --engine module", () => {
    const r = runCli([
      "replay",
      "constellations/eo-sso.yaml",
      "gen:land:3",
      "--duration",
      "10m",
      "--engine",
      "./no-such-engine.ts",
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/--engine.*no-such-engine\.ts.*no such engine module/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});
