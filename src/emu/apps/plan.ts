/**
 * The apps plan: which app runs on which nodes with which options, decided once in the launching
 * process (where the constellation and the user's flags are) and handed to every host as plain JSON
 * (apps-plan.json in the run dir), so hosts import the app modules by absolute path and need nothing
 * else. Errors here are the user's: InputError naming the flag or YAML field, with a "did you mean".
 */
import { existsSync } from "node:fs";
import { basename, extname, isAbsolute, resolve } from "node:path";
import { closest, distance } from "fastest-levenshtein";
import { parse as parseYamlScalar } from "yaml";
import { z } from "zod";
import type { Constellation } from "../../orbit/constellation.js";
import { InputError } from "../../util/input-error.js";
import type { AppDefinition, NodeInfo, NodeSelector } from "./define.js";
import { importModule } from "./import-module.js";

/** One app in the plan. `module`: absolute path of a TS/JS module; `command`: an external process. */
export interface AppSpec {
  name: string;
  module?: string;
  command?: string[];
  /** Validated options (module apps), or the raw values given (external apps check their own). */
  options: Record<string, unknown>;
  /** Node ids it runs on (module apps); external apps claim theirs when they attach. */
  nodes: number[];
}

export interface AppsPlan {
  apps: AppSpec[];
  /** Every node of the constellation, by id (peers are looked up by name in it). */
  nodes: NodeInfo[];
  /** `<run-dir>`: each app writes under `<run-dir>/apps/<app name>/`. */
  runDir: string;
  /** Where external apps attach (set by the launcher once its gateway listens). */
  gateway?: { address: string };
}

/** Reserved key in `apps.<app>` (YAML) and `--app-config <app>.nodes=...`: the assignment, not an option. */
export const NODES_KEY = "nodes";

const selectorSchema = z.union([
  z.enum(["satellites", "stations", "all"]),
  z.array(z.union([z.string().min(1), z.number().int().min(0)])).min(1),
  z.strictObject({ shell: z.string().min(1) }),
]);

/** `apps:` in a constellation YAML: per app, where it runs, its options, and (optionally) its module. */
export const appsSectionSchema = z.record(
  z.string().min(1),
  z.strictObject({
    module: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "App module (.ts/.js), relative to this YAML; or pass it with --app" }),
    nodes: selectorSchema
      .optional()
      .meta({ description: "satellites | stations | all | [names] | { shell: name }" }),
    options: z.record(z.string(), z.unknown()).optional().meta({ description: "The app's declared options" }),
  }),
);
export type AppsSection = z.infer<typeof appsSectionSchema>;

/** An app's name: its file name without extension (`examples/apps/ping.ts` -> `ping`). */
export function appNameOf(path: string): string {
  const b = basename(path);
  const e = extname(b);
  return e ? b.slice(0, -e.length) : b;
}

const MODULE_EXT = new Set([".ts", ".mts", ".js", ".mjs"]);

/** `--app` value: a module when it ends in .ts/.js (and has no spaces), else a command line. */
export function parseAppArg(arg: string): { module?: string; command?: string[]; name: string } {
  const words = arg.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0)
    throw new InputError("expected a module or an executable", { field: "--app", value: arg });
  if (words.length === 1 && MODULE_EXT.has(extname(words[0]!))) {
    const abs = resolve(words[0]!);
    if (!existsSync(abs)) throw new InputError("no such app module", { field: "--app", value: arg });
    return { module: abs, name: appNameOf(abs) };
  }
  // The app's name comes from its script when run through an interpreter (`python3 ping.py` -> ping).
  const script = [...words].reverse().find((w) => !w.startsWith("-") && extname(w) !== "") ?? words[0]!;
  const paths = words.map((w, i) => (i > 0 && existsSync(w) ? resolve(w) : w));
  return { command: paths, name: appNameOf(script) };
}

/** `--app-config <app>.<key>=<value>` entries, values parsed as YAML scalars (10 -> number). */
export function parseAppConfig(entries: readonly string[]): Map<string, Map<string, unknown>> {
  const out = new Map<string, Map<string, unknown>>();
  for (const e of entries) {
    const m = /^([^.=\s]+)\.([^=\s]+)=(.*)$/s.exec(e);
    if (!m) throw new InputError("expected <app>.<key>=<value>", { field: "--app-config", value: e });
    const [, app, key, raw] = m as unknown as [string, string, string, string];
    let v: unknown;
    try {
      v = parseYamlScalar(raw);
    } catch {
      v = raw;
    }
    // A list of names for the assignment: `ping.nodes=London,Tokyo`.
    if (key === NODES_KEY && typeof v === "string" && !["satellites", "stations", "all"].includes(v))
      v = v.split(",").map((s) => s.trim());
    const per = out.get(app) ?? new Map<string, unknown>();
    out.set(app, per);
    per.set(key, v);
  }
  return out;
}

export async function loadAppDefinition(modulePath: string, field = "--app"): Promise<AppDefinition> {
  let mod: { default?: unknown };
  try {
    mod = (await importModule(modulePath)) as { default?: unknown };
  } catch (e) {
    throw new InputError(`cannot load app module: ${e instanceof Error ? e.message : String(e)}`, {
      field,
      value: modulePath,
    });
  }
  const def = mod.default as AppDefinition | undefined;
  if (!def || typeof def.setup !== "function")
    throw new InputError("the module's default export is not an app (use export default defineApp({...}))", {
      field,
      value: modulePath,
    });
  const shape = def.options?.shape as Record<string, unknown> | undefined;
  if (shape && NODES_KEY in shape)
    throw new InputError(`"${NODES_KEY}" is reserved for the app's assignment; rename the option`, {
      field,
      value: modulePath,
    });
  return def;
}

/** "did you mean" for a misspelt name, when one is close enough to be a typo. */
export function didYouMean(given: string, known: readonly string[]): string {
  if (known.length === 0) return "";
  const c = closest(given, [...known]);
  return c && levenshteinClose(given, c) ? ` (did you mean "${c}"?)` : "";
}

function levenshteinClose(a: string, b: string): boolean {
  // Close: two edits (a swap of two letters), or a third of the longer name (closest() always answers).
  return (
    distance(a.toLowerCase(), b.toLowerCase()) <= Math.max(2, Math.floor(Math.max(a.length, b.length) / 3))
  );
}

/** Validate an app's options against its declaration; unknown keys name the key and a near one. */
export function resolveOptions(
  def: AppDefinition,
  app: string,
  given: ReadonlyMap<string, { value: unknown; where: { file?: string; field: string } }>,
): Record<string, unknown> {
  const schema = def.options;
  const known = schema ? Object.keys(schema.shape as object) : [];
  const raw: Record<string, unknown> = {};
  for (const [key, { value, where }] of given) {
    if (!known.includes(key))
      throw new InputError(
        `app ${app} has no option "${key}"${didYouMean(key, known)}; its options: ${known.join(", ") || "(none)"}`,
        { file: where.file, field: where.field, value },
      );
    raw[key] = value;
  }
  if (!schema) return {};
  const r = schema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const key = String(issue.path[0] ?? "");
    const where = given.get(key)?.where ?? { field: `apps.${app}.options.${key}` };
    throw new InputError(`app ${app} option ${key}: ${issue.message}`, {
      file: where.file,
      field: where.field,
      value: raw[key],
    });
  }
  return r.data as Record<string, unknown>;
}

/** Node ids of a selector, or an InputError naming the unknown node/shell. */
export function resolveSelector(
  sel: NodeSelector,
  nodes: readonly NodeInfo[],
  where: { file?: string; field: string },
): number[] {
  if (sel === "all") return nodes.map((n) => n.id);
  if (sel === "satellites") return nodes.filter((n) => n.kind === "satellite").map((n) => n.id);
  if (sel === "stations") return nodes.filter((n) => n.kind === "station").map((n) => n.id);
  if (Array.isArray(sel)) {
    const ids = new Set<number>();
    for (const x of sel) ids.add(findNode(nodes, x, where).id);
    return [...ids].sort((a, b) => a - b);
  }
  const shell = (sel as { shell: string }).shell;
  const ids = nodes.filter((n) => n.shell === shell).map((n) => n.id);
  if (ids.length === 0) {
    const shells = [...new Set(nodes.flatMap((n) => (n.shell ? [n.shell] : [])))];
    throw new InputError(`no shell "${shell}"${didYouMean(shell, shells)}`, { ...where, value: shell });
  }
  return ids;
}

/** A node by name (case-insensitive) or id. */
export function findNode(
  nodes: readonly NodeInfo[],
  x: string | number,
  where: { file?: string; field: string },
): NodeInfo {
  if (typeof x === "number" || /^\d+$/.test(x)) {
    const n = nodes[Number(x)];
    if (n) return n;
    throw new InputError(`no node ${x} (0..${nodes.length - 1})`, { ...where, value: x });
  }
  const key = x.trim().toLowerCase();
  const n = nodes.find((m) => m.name.toLowerCase() === key);
  if (n) return n;
  const stations = nodes.filter((m) => m.kind === "station").map((m) => m.name);
  throw new InputError(`no node named "${x}"${didYouMean(x, stations)}`, { ...where, value: x });
}

/** Node identities from a constellation (satellites then stations, as the mesh numbers them). */
export function nodeInfosOf(c: Constellation): NodeInfo[] {
  const S = c.satellites.length;
  const sats: NodeInfo[] = c.satellites.map((s) => ({
    id: s.index,
    name: s.name,
    kind: "satellite",
    shell: s.shell,
    plane: s.plane,
    slot: s.slot,
  }));
  const stations: NodeInfo[] = c.groundStations.map((g) => ({
    id: S + g.index,
    name: g.name,
    kind: "station",
    latDeg: g.latDeg,
    lonDeg: g.lonDeg,
    altM: g.altM,
  }));
  return [...sats, ...stations];
}

/** Node identities from names alone (hand-made topologies in tests and the API). */
export function nodeInfosOfNames(names: readonly string[], satelliteCount: number): NodeInfo[] {
  return names.map((name, id) => ({ id, name, kind: id < satelliteCount ? "satellite" : "station" }));
}

export interface PlanInput {
  /** `--app` values, in order. */
  apps: readonly string[];
  /** `--app-config` values. */
  config: readonly string[];
  /** The YAML's `apps:` section, if any, and the file it came from (module paths are relative to it). */
  yaml?: AppsSection;
  yamlFile?: string;
  nodes: NodeInfo[];
  runDir: string;
}

/** Load every app, validate its options and assignment: all user errors surface here, before launch. */
export async function planApps(input: PlanInput): Promise<AppsPlan> {
  const yaml = input.yaml ?? {};
  const baseDir = input.yamlFile ? resolve(input.yamlFile, "..") : process.cwd();
  const given: { module?: string; command?: string[]; name: string; field: string }[] = input.apps.map(
    (a) => ({
      ...parseAppArg(a),
      field: "--app",
    }),
  );
  for (const [name, entry] of Object.entries(yaml)) {
    if (!entry.module || given.some((g) => g.name === name)) continue;
    const abs = isAbsolute(entry.module) ? entry.module : resolve(baseDir, entry.module);
    if (!existsSync(abs))
      throw new InputError("no such app module", {
        file: input.yamlFile,
        field: `apps.${name}.module`,
        value: entry.module,
      });
    given.push({ module: abs, name, field: `apps.${name}.module` });
  }
  const names = given.map((g) => g.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup)
    throw new InputError(`two apps are named "${dup}" (an app's name is its file name)`, { field: "--app" });
  const cli = parseAppConfig(input.config);
  for (const app of cli.keys())
    if (!names.includes(app))
      throw new InputError(
        `no app named "${app}"${didYouMean(app, names)}; apps: ${names.join(", ") || "(none)"}`,
        {
          field: "--app-config",
          value: app,
        },
      );
  for (const app of Object.keys(yaml))
    if (!names.includes(app))
      throw new InputError(
        `no app named "${app}" (give it with --app, or set apps.${app}.module)${didYouMean(app, names)}`,
        {
          file: input.yamlFile,
          field: `apps.${app}`,
        },
      );

  const specs: AppSpec[] = [];
  for (const g of given) {
    const y = yaml[g.name];
    const values = new Map<string, { value: unknown; where: { file?: string; field: string } }>();
    for (const [k, v] of Object.entries(y?.options ?? {}))
      values.set(k, { value: v, where: { file: input.yamlFile, field: `apps.${g.name}.options.${k}` } });
    let nodesSel: unknown = y?.nodes;
    let nodesWhere: { file?: string; field: string } = {
      file: input.yamlFile,
      field: `apps.${g.name}.nodes`,
    };
    for (const [k, v] of cli.get(g.name) ?? []) {
      if (k === NODES_KEY) {
        nodesSel = v;
        nodesWhere = { field: "--app-config" };
      } else values.set(k, { value: v, where: { field: `--app-config ${g.name}.${k}` } });
    }
    if (g.command) {
      // External: it declares and checks its own options (docs/apps.md); it claims nodes on attach.
      specs.push({
        name: g.name,
        command: g.command,
        options: Object.fromEntries([...values].map(([k, v]) => [k, v.value])),
        nodes: [],
      });
      continue;
    }
    const def = await loadAppDefinition(g.module!, g.field);
    const options = resolveOptions(def, g.name, values);
    let sel: NodeSelector;
    if (nodesSel !== undefined) {
      const r = selectorSchema.safeParse(nodesSel);
      if (!r.success)
        throw new InputError("expected satellites, stations, all, a list of node names, or { shell: name }", {
          ...nodesWhere,
          value: nodesSel,
        });
      sel = r.data as NodeSelector;
    } else if (typeof def.nodes === "function") sel = def.nodes(options);
    else sel = def.nodes ?? "all";
    const where = nodesSel !== undefined ? nodesWhere : { field: `app ${g.name} (its default nodes)` };
    specs.push({ name: g.name, module: g.module!, options, nodes: resolveSelector(sel, input.nodes, where) });
  }
  return { apps: specs, nodes: input.nodes, runDir: resolve(input.runDir) };
}
