/**
 * CCSDS Orbit Mean-elements Message in Keyword = Value Notation (KVN), as Space-Track and CelesTrak
 * (gp.php?FORMAT=kvn) serve it. Layout per CCSDS 502.0-B-3 (Orbit Data Messages), section 4 and
 * chapter 7 (KVN): one `KEYWORD = value` per line, optional units in square brackets after the value
 * (`MEAN_MOTION = 15.5 [rev/day]`), COMMENT lines and blank lines anywhere; every message starts with
 * `CCSDS_OMM_VERS`, so a file of several concatenated messages is split there.
 *
 * The keywords are those of the JSON/XML forms; each message is validated by the same code as OMM
 * JSON (src/orbit/omm.ts), with errors naming the file, the keyword's line and the keyword.
 */
import { InputError } from "../util/input-error.js";
import type { SatelliteElements } from "./elements.js";
import { type OmmParseOptions, ommRecordToElements } from "./omm.js";

const KVN_LINE = /^([A-Z][A-Z0-9_]*)\s*=\s*(.*?)\s*(\[[^\]]*\])?\s*$/;

interface KvnMessage {
  /** Line of its CCSDS_OMM_VERS keyword. */
  line: number;
  values: Record<string, string>;
  lines: Map<string, number>;
}

/** Parse OMM KVN text (one message or several concatenated). */
export function parseOmmKvn(text: string, opts: OmmParseOptions): SatelliteElements[] {
  const { file } = opts;
  const messages: KvnMessage[] = [];
  let cur: KvnMessage | undefined;
  text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = i + 1;
      const t = raw.trim();
      if (t === "" || t === "COMMENT" || t.startsWith("COMMENT ")) return;
      const m = KVN_LINE.exec(t);
      if (!m) throw new InputError("expected KEYWORD = value (CCSDS KVN)", { file, line, value: t });
      const key = m[1]!;
      const value = m[2]!;
      if (key === "CCSDS_OMM_VERS") {
        cur = { line, values: {}, lines: new Map() };
        messages.push(cur);
      } else if (cur === undefined)
        throw new InputError("an OMM in KVN starts with CCSDS_OMM_VERS", {
          file,
          line,
          field: key,
          value: t,
        });
      const prev = cur.lines.get(key);
      if (prev !== undefined)
        throw new InputError(`keyword repeated in one message (first on line ${prev})`, {
          file,
          line,
          field: key,
          value,
        });
      cur.lines.set(key, line);
      if (value !== "") cur.values[key] = value;
    });
  if (messages.length === 0)
    throw new InputError("no OMM message (no CCSDS_OMM_VERS line): is this KVN?", { file, line: 1 });
  return messages.map((msg, k) =>
    ommRecordToElements(msg.values, opts, k, (key) => ({
      file,
      line: msg.lines.get(key) ?? msg.line,
      field: key,
    })),
  );
}
