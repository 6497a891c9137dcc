/**
 * Read a YAML file keeping positions, and validate it with a zod schema so that every error names
 * file:line:column, the field path and the offending value (engineering.md, "Bad input").
 */
import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { z } from "zod";
import { readTextBounded } from "../util/bounded-read.js";
import { InputError } from "../util/input-error.js";
import { MAX_YAML_ALIASES, MAX_YAML_FILE_BYTES } from "../util/limits.js";
import { didYouMean } from "../util/suggest.js";

export type PathKey = string | number;

export class YamlFile {
  private constructor(
    /** The file as the user (or the including file) named it. */
    readonly file: string,
    readonly doc: Document,
    private readonly lines: LineCounter,
    /** The plain JS value of the document. */
    readonly data: unknown,
    /** Named by another file rather than by the user: never quote its content in errors. */
    readonly named = false,
  ) {}

  /**
   * Read and parse; I/O and syntax errors become InputErrors. `from` locates a failed include. A file
   * named by another (an include) may be anything a YAML can name (`/etc/shadow`): errors about it
   * never quote its content, only positions and yaml's error codes.
   */
  static read(file: string, from?: { yaml: YamlFile; path: PathKey[] }): YamlFile {
    const r = readTextBounded(file, MAX_YAML_FILE_BYTES);
    if (!r.ok) {
      if (from) throw from.yaml.error(`cannot read ${file}: ${r.problem}`, from.path);
      throw new InputError(`cannot read: ${r.problem}`, { file });
    }
    return YamlFile.parse(r.text, file, from !== undefined);
  }

  static parse(text: string, file: string, named = false): YamlFile {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
    const err = doc.errors[0];
    if (err) {
      const pos = lines.linePos(err.pos[0]);
      const what = named ? err.code : err.message.split("\n")[0];
      throw new InputError(`YAML syntax error: ${what}`, { file, line: pos.line, column: pos.col });
    }
    let data: unknown;
    try {
      // An alias bomb (a billion laughs) expands exponentially: yaml stops it at maxAliasCount.
      data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (e) {
      if (e instanceof ReferenceError || e instanceof RangeError)
        throw new InputError(
          `YAML aliases expand too far (more than ${MAX_YAML_ALIASES} alias expansions, or nested too deep)`,
          { file },
        );
      throw e;
    }
    return new YamlFile(file, doc, lines, data, named);
  }

  /** 1-based line and column of the node at `path` (or of its deepest existing ancestor). */
  position(path: readonly PathKey[]): { line: number; column: number } {
    let node: unknown = this.doc.contents;
    let offset = (node as Node | null)?.range?.[0] ?? 0;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
        if (!pair) break;
        const keyNode = pair.key as Node;
        offset = keyNode.range?.[0] ?? offset;
        node = pair.value;
        // Point at the value when there is one, else at its key.
        if (node && (node as Node).range) offset = (node as Node).range![0];
      } else if (isSeq(node) && typeof key === "number") {
        const item = node.items[key] as Node | undefined;
        if (!item) break;
        node = item;
        if (item.range) offset = item.range[0];
      } else break;
    }
    const p = this.lines.linePos(offset);
    return { line: p.line, column: p.col };
  }

  /** Position of a map key itself (e.g. an unknown key) rather than its value. */
  keyPosition(path: readonly PathKey[], key: string): { line: number; column: number } {
    const parent = path.length === 0 ? this.doc.contents : this.doc.getIn(path, true);
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === key);
      const r = (pair?.key as Node | undefined)?.range;
      if (r) {
        const p = this.lines.linePos(r[0]);
        return { line: p.line, column: p.col };
      }
    }
    return this.position(path);
  }

  /** The plain value at `path` in the document, undefined when absent. */
  valueAt(path: readonly PathKey[]): unknown {
    let v: unknown = this.data;
    for (const k of path) {
      if (v === null || typeof v !== "object") return undefined;
      v = (v as Record<PathKey, unknown>)[k];
    }
    return v;
  }

  /** An InputError located at `path` (with the value found there). */
  error(problem: string, path: readonly PathKey[], value: unknown = this.valueAt(path)): InputError {
    const pos = this.position(path);
    return new InputError(problem, { file: this.file, ...pos, field: formatPath(path), value });
  }

  /** Validate the whole document (or the value at `base`) with a schema; the first issue is thrown. */
  validate<S extends z.ZodType>(schema: S, base: readonly PathKey[] = []): z.output<S> {
    const r = schema.safeParse(this.valueAt(base));
    if (r.success) return r.data;
    if (this.named && base.length === 0) {
      // Not even the right kind of document (no known top-level key): say so, show nothing of it.
      const known = objectKeysAt(schema, []);
      const top = this.data;
      const isOurs =
        top !== null &&
        typeof top === "object" &&
        !Array.isArray(top) &&
        Object.keys(top).some((k) => known.includes(k));
      if (!isOurs)
        throw new InputError(
          `not a file of the expected kind (a YAML mapping with ${known.join(", ")}); its content is not shown`,
          { file: this.file },
        );
    }
    // An unknown key is most often a typo of a required one: report it before the "missing" issue.
    const issue = r.error.issues.find((i) => i.code === "unrecognized_keys") ?? r.error.issues[0]!;
    const path = [...base, ...issue.path.map((k) => (typeof k === "symbol" ? String(k) : k))];
    if (issue.code === "unrecognized_keys") {
      const key = issue.keys[0]!;
      const pos = this.keyPosition(path, key);
      const hint = didYouMean(key, objectKeysAt(schema, issue.path));
      throw new InputError(
        `unknown key${issue.keys.length > 1 ? `s ${issue.keys.join(", ")}` : ""}${hint || " (see constellations/constellation.schema.json for the layout)"}`,
        { file: this.file, ...pos, field: formatPath([...path, key]), value: this.valueAt([...path, key]) },
      );
    }
    const value = this.valueAt(path);
    if (value === undefined && issue.code === "invalid_type") {
      // Missing: point at the key of the object that lacks it (e.g. the `walker:` line).
      const parent = path.slice(0, -1);
      const last = parent[parent.length - 1];
      const pos =
        typeof last === "string" ? this.keyPosition(parent.slice(0, -1), last) : this.position(parent);
      throw new InputError(`required field is missing (${issue.message.replace(/^Invalid input: /, "")})`, {
        file: this.file,
        ...pos,
        field: formatPath(path),
      });
    }
    throw this.error(issue.message, path, value);
  }
}

/** `shells[0].walker.altitudeKm` from ["shells", 0, "walker", "altitudeKm"]. */
export function formatPath(path: readonly PathKey[]): string {
  let s = "";
  for (const k of path) s += typeof k === "number" ? `[${k}]` : s.length === 0 ? k : `.${k}`;
  return s.length === 0 ? "(document)" : s;
}

/**
 * The keys an object schema allows at `path` (through arrays, optionals, defaults, pipes and unions),
 * to suggest the nearest for an unknown key. Reads zod 4's `_zod.def`, which its own tooling uses.
 */
function objectKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  interface Def {
    type: string;
    shape?: Record<string, { _zod: { def: Def } }>;
    element?: { _zod: { def: Def } };
    innerType?: { _zod: { def: Def } };
    in?: { _zod: { def: Def } };
    options?: { _zod: { def: Def } }[];
  }
  const walk = (def: Def, rest: readonly PropertyKey[]): string[] => {
    for (const inner of [def.innerType, def.in]) if (inner) return walk(inner._zod.def, rest);
    if (def.options) return def.options.flatMap((o) => walk(o._zod.def, rest));
    if (rest.length === 0) return def.shape ? Object.keys(def.shape) : [];
    const [head, ...tail] = rest;
    if (def.type === "array" && def.element && typeof head === "number")
      return walk(def.element._zod.def, tail);
    const next = typeof head === "string" ? def.shape?.[head] : undefined;
    return next ? walk(next._zod.def, tail) : [];
  };
  return walk((schema as unknown as { _zod: { def: Def } })._zod.def, path);
}
