/**
 * `constellate schema`: the editor JSON Schema is generated from the zod schema, is strict like the
 * loader, and the committed copies in constellations/ are current.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { catalogJsonSchema } from "../src/cli/commands/schema.js";
import { main } from "../src/cli/main.js";

const CAT = join(import.meta.dirname, "..", "constellations");
const dir = mkdtempSync(join(tmpdir(), "constellate-schema-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("constellate schema", () => {
  it("writes a draft 2020-12 JSON Schema with --out; strict objects; required top-level keys", async () => {
    const out = join(dir, "s.json");
    expect(await main(["node", "constellate", "schema", "--out", out])).toBe(0);
    const s = JSON.parse(readFileSync(out, "utf8"));
    expect(s.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(s.additionalProperties).toBe(false);
    expect(s.required).toEqual(["name", "epoch", "shells"]);
    const walker = s.properties.shells.items.properties.walker;
    expect(walker.required).toEqual([
      "altitudeKm",
      "inclinationDeg",
      "planes",
      "satsPerPlane",
      "phasing",
      "raanSpreadDeg",
    ]);
    expect(walker.properties.inclinationDeg).toMatchObject({ minimum: 0, maximum: 180 });
  });

  it("rejects an unknown --kind with exit status 2", async () => {
    const write = process.stderr.write;
    process.stderr.write = () => true;
    try {
      expect(await main(["node", "constellate", "schema", "--kind", "nope"])).toBe(2);
    } finally {
      process.stderr.write = write;
    }
  });

  it("the committed schemas are current (regenerate with `npm run schema`)", () => {
    expect(readFileSync(join(CAT, "constellation.schema.json"), "utf8")).toBe(
      catalogJsonSchema("constellation"),
    );
    expect(readFileSync(join(CAT, "ground-stations", "station-set.schema.json"), "utf8")).toBe(
      catalogJsonSchema("stations"),
    );
  });
});
