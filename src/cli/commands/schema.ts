/**
 * `constellate schema [--out file] [--kind constellation|stations]`: the JSON Schema of the catalog
 * YAML (zod 4 `z.toJSONSchema` of src/config/schema.ts) for editors. Shipped YAML files point at
 * constellations/constellation.schema.json with a `# yaml-language-server: $schema=...` modeline.
 */
import type { Command } from "commander";
import { z } from "zod";
import { constellationFileSchema, stationSetFileSchema } from "../../config/schema.js";
import { writeFileAtomic } from "../../util/atomic-write.js";
import { InputError } from "../../util/input-error.js";

const KINDS = { constellation: constellationFileSchema, stations: stationSetFileSchema } as const;

/** The editor schema as JSON text. `io: "input"` describes what users write (optional fields stay optional). */
export function catalogJsonSchema(kind: keyof typeof KINDS = "constellation"): string {
  const schema = z.toJSONSchema(KINDS[kind], {
    io: "input",
    target: "draft-2020-12",
    unrepresentable: "any",
  });
  return `${JSON.stringify(schema, null, 2)}\n`;
}

export function schemaCommand(program: Command): void {
  program
    .command("schema")
    .description("write the JSON Schema of constellation (or ground-station set) YAML files, for editors")
    .option("--out <file>", "write to this file instead of stdout")
    .option("--kind <kind>", "constellation | stations", "constellation")
    .action((opts: { out?: string; kind: string }) => {
      if (!(opts.kind in KINDS))
        throw new InputError("expected constellation or stations", { field: "--kind", value: opts.kind });
      const text = catalogJsonSchema(opts.kind as keyof typeof KINDS);
      if (opts.out) writeFileAtomic(opts.out, text);
      else process.stdout.write(text);
    });
}
