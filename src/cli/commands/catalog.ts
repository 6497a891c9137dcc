/**
 * `constellate catalog ...`. Minimal in this branch: it only creates the command and adds
 * `catalog fetch` (src/cli/commands/catalog-fetch.ts). The `catalog <file|yaml>` report of issue 11
 * is another branch's; the two merge here.
 */
import type { Command } from "commander";
import { registerCatalogFetch } from "./catalog-fetch.js";

export function catalogCommand(program: Command): void {
  const catalog = program.command("catalog").description("element-set catalogs: fetch from a GP endpoint");
  registerCatalogFetch(catalog);
}
