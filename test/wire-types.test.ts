/**
 * Drift check of the generated wire types (src/emu/wire-types/, docs/wire.md): regenerating them
 * from proto/ with the run-time loader's options must give the committed files byte for byte.
 * When it fails, a .proto changed without `npm run wire-types` (or the generator's version did).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateWireTypes, WIRE_TYPES_DIR } from "../scripts/wire-types.js";

function filesUnder(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    out.set(relative(dir, path), readFileSync(path, "utf8"));
  }
  return out;
}

const tmp = mkdtempSync(join(tmpdir(), "constellate-wire-types-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("generated wire types", () => {
  it("are what proto-loader-gen-types makes of proto/ today (npm run wire-types)", () => {
    const out = join(tmp, "gen");
    generateWireTypes(out);
    const fresh = filesUnder(out);
    const committed = filesUnder(WIRE_TYPES_DIR);
    expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [name, text] of fresh) expect(committed.get(name), name).toBe(text);
    // One type file per message and enum of the contract: Bundle, its enums, a nested enum.
    expect(fresh.has("constellate/v1/Bundle.ts")).toBe(true);
    expect(fresh.has("constellate/v1/Via.ts")).toBe(true);
  }, 60_000);
});
