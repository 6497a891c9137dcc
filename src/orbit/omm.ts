/**
 * CCSDS Orbit Mean-elements Message (OMM) in JSON, as CelesTrak and Space-Track serve it
 * (CelesTrak "A New Way to Obtain GP Data", gp.php?FORMAT=json; CCSDS 502.0-B-3 for the keywords):
 * an array of objects, or one object. Numbers may be JSON numbers (CelesTrak) or numeric strings
 * (Space-Track); both are accepted. satellite.js `json2satrec` checks nothing, so each required
 * keyword is validated here with zod first.
 */
import { json2satrec, type OMMJsonObject } from "satellite.js";
import { z } from "zod";
import { InputError, type InputErrorLocation } from "../util/input-error.js";
import { type SatelliteElements, satrecEpochUnixMs } from "./elements.js";
import { SGP4_ERROR_TEXT } from "./propagate.js";

export interface OmmParseOptions {
  /** The file the JSON came from, as the user named it. */
  file: string;
  /** Shell name given to every satellite read. */
  shell: string;
  /** Constellation index of the first satellite read. */
  firstIndex: number;
}

const NUMERIC = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
/** A number, or a string holding one (Space-Track style). */
const num = z
  .union([z.number(), z.string().regex(NUMERIC, "not a number")])
  .transform((v) => Number(v))
  .pipe(z.number().refine(Number.isFinite, "must be finite"));

const range = (lo: number, hi: number, hiInclusive: boolean) =>
  num.pipe(
    z
      .number()
      .refine(
        (v) => v >= lo && (hiInclusive ? v <= hi : v < hi),
        `must be in [${lo}, ${hi}${hiInclusive ? "]" : ")"}`,
      ),
  );

/** EPOCH: ISO 8601 without zone (UTC implied, as CCSDS writes it) or with a trailing Z. */
const epoch = z
  .string()
  .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?$/, "expected ISO 8601 UTC, e.g. 2026-01-01T12:00:00.000")
  .refine((s) => Number.isFinite(Date.parse(s.endsWith("Z") ? s : `${s}Z`)), "not a valid date");

export const ommRecordSchema = z.looseObject({
  OBJECT_NAME: z.string().min(1),
  OBJECT_ID: z.string().optional(),
  NORAD_CAT_ID: num.pipe(z.number().int().min(0).max(999_999_999)),
  EPOCH: epoch,
  MEAN_MOTION: num.pipe(z.number().positive("must be positive (revolutions per day)")),
  ECCENTRICITY: range(0, 1, false),
  INCLINATION: range(0, 180, true),
  RA_OF_ASC_NODE: range(0, 360, true),
  ARG_OF_PERICENTER: range(0, 360, true),
  MEAN_ANOMALY: range(0, 360, true),
  BSTAR: num,
  MEAN_MOTION_DOT: num,
  MEAN_MOTION_DDOT: num,
  ELEMENT_SET_NO: num.optional(),
  REV_AT_EPOCH: num.optional(),
  EPHEMERIS_TYPE: z.union([z.literal(0), z.literal("0")]).optional(),
  CENTER_NAME: z.literal("EARTH").optional(),
  REF_FRAME: z.literal("TEME").optional(),
  TIME_SYSTEM: z.literal("UTC").optional(),
  MEAN_ELEMENT_THEORY: z.literal("SGP4").optional(),
});
export type OmmRecord = z.infer<typeof ommRecordSchema>;

/** Parse OMM JSON text (array or single object). Errors name file, array index, field and value. */
export function parseOmmJson(text: string, opts: OmmParseOptions): SatelliteElements[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new InputError(`not valid JSON: ${(e as Error).message}`, { file: opts.file });
  }
  return parseOmmRecords(doc, opts);
}

/** Validate already-parsed OMM JSON (array or single object) and build element sets. */
export function parseOmmRecords(doc: unknown, opts: OmmParseOptions): SatelliteElements[] {
  const { file } = opts;
  const records = Array.isArray(doc) ? doc : [doc];
  const out: SatelliteElements[] = [];
  records.forEach((raw, i) => {
    const prefix = Array.isArray(doc) ? `[${i}]` : "";
    if (typeof raw !== "object" || raw === null || Array.isArray(raw))
      throw new InputError("an OMM record must be a JSON object", {
        file,
        field: prefix || "(root)",
        value: raw,
      });
    out.push(
      ommRecordToElements(raw as Record<string, unknown>, opts, out.length, (key) => ({
        file,
        field: `${prefix}${prefix && key ? "." : ""}${key}`,
      })),
    );
  });
  return out;
}

/**
 * Where a keyword of one OMM record sits in its file, for error messages: JSON gives an array index,
 * KVN and CSV a line, XML a line and an element path. `key` is the OMM keyword (e.g. MEAN_MOTION).
 */
export type OmmKeywordLocator = (key: string) => InputErrorLocation;

/**
 * One OMM record (keyword -> value, values as numbers or numeric strings) -> element set number
 * `ordinal` of the file. Shared by every OMM encoding (JSON, XML, KVN, CSV) so they validate alike.
 */
export function ommRecordToElements(
  raw: Record<string, unknown>,
  opts: OmmParseOptions,
  ordinal: number,
  locate: OmmKeywordLocator,
): SatelliteElements {
  const r = ommRecordSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const key = issue.path.map(String).join(".");
    const value = raw[String(issue.path[0])];
    throw new InputError(
      value === undefined ? `required OMM keyword ${key} is missing` : `${key}: ${issue.message}`,
      { ...locate(key), value },
    );
  }
  const rec = r.data;
  const obj = {
    ...raw,
    OBJECT_NAME: rec.OBJECT_NAME,
    OBJECT_ID: rec.OBJECT_ID ?? "",
    EPOCH: rec.EPOCH,
    MEAN_MOTION: rec.MEAN_MOTION,
    ECCENTRICITY: rec.ECCENTRICITY,
    INCLINATION: rec.INCLINATION,
    RA_OF_ASC_NODE: rec.RA_OF_ASC_NODE,
    ARG_OF_PERICENTER: rec.ARG_OF_PERICENTER,
    MEAN_ANOMALY: rec.MEAN_ANOMALY,
    NORAD_CAT_ID: rec.NORAD_CAT_ID,
    ELEMENT_SET_NO: rec.ELEMENT_SET_NO ?? 999,
    BSTAR: rec.BSTAR,
    MEAN_MOTION_DOT: rec.MEAN_MOTION_DOT,
    MEAN_MOTION_DDOT: rec.MEAN_MOTION_DDOT,
  } as OMMJsonObject;
  const satrec = json2satrec(obj);
  const err = satrec.error as number;
  if (err !== 0)
    throw new InputError(`SGP4 rejects this element set: ${SGP4_ERROR_TEXT[err] ?? `error ${err}`}`, {
      ...locate("OBJECT_NAME"),
      value: rec.OBJECT_NAME,
    });
  return {
    index: opts.firstIndex + ordinal,
    name: rec.OBJECT_NAME,
    noradId: rec.NORAD_CAT_ID,
    shell: opts.shell,
    plane: -1,
    slot: -1,
    satrec,
    epochUnixMs: satrecEpochUnixMs(satrec),
    source: "omm",
  };
}
