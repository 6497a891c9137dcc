/**
 * TLE / 3LE text -> SatelliteElements[].
 *
 * satellite.js `twoline2satrec` parses by fixed columns and validates nothing: a shifted column or a
 * typo silently becomes a wrong orbit. So every field is checked here against the column layout of
 * the NORAD two-line element format (Space-Track "Basic Description of the Two Line Element Set
 * Format"; CelesTrak "NORAD Two-Line Element Set Format", T.S. Kelso) before satellite.js sees it.
 *
 * Accepted input: TLE (pairs of lines) or 3LE (a name line before each pair; Space-Track's "0 NAME"
 * form too), blank lines and lines starting with '#' anywhere. Lines are exactly 69 characters after
 * trailing whitespace (and CR) is removed.
 */
import { twoline2satrec } from "satellite.js";
import { InputError } from "../util/input-error.js";
import { type SatelliteElements, satrecEpochUnixMs } from "./elements.js";
import { SGP4_ERROR_TEXT } from "./propagate.js";

export interface TleParseOptions {
  /** The file the text came from, as the user named it (for error messages). */
  file: string;
  /** Shell name given to every satellite read. */
  shell: string;
  /** Constellation index of the first satellite read. */
  firstIndex: number;
}

/** TLE line length, characters (column 69 holds the checksum). */
export const TLE_LINE_LENGTH = 69;

/** One fixed-column field: 1-based inclusive columns as in the format's documentation. */
interface Field {
  name: string;
  from: number;
  to: number;
  pattern: RegExp;
  what: string;
}

// Alpha-5 catalogue numbers (first character A-Z without I and O) extend the 5-digit range past 99999.
const CATNUM = /^[0-9A-HJ-NP-Z][0-9]{4}$/;
const ANGLE = /^ {0,2}[0-9]{1,3}\.[0-9]{4}$/;

const LINE1_FIELDS: Field[] = [
  { name: "catalog number", from: 3, to: 7, pattern: CATNUM, what: "5 digits (or Alpha-5)" },
  { name: "classification", from: 8, to: 8, pattern: /^[UCS ]$/, what: "U, C or S" },
  {
    name: "international designator",
    from: 10,
    to: 17,
    pattern: /^[0-9A-Z ]{8}$/,
    what: "YYNNNPPP (digits, letters, spaces)",
  },
  { name: "epoch year", from: 19, to: 20, pattern: /^[0-9]{2}$/, what: "2 digits" },
  { name: "epoch day", from: 21, to: 32, pattern: /^[ 0-9]{3}\.[0-9]{8}$/, what: "DDD.DDDDDDDD" },
  {
    name: "first derivative of mean motion",
    from: 34,
    to: 43,
    pattern: /^[ +-]\.[0-9]{8}$/,
    what: "sign or space, then .NNNNNNNN",
  },
  {
    name: "second derivative of mean motion",
    from: 45,
    to: 52,
    pattern: /^[ +-][0-9]{5}[+-][0-9]$/,
    what: "implied-decimal mantissa and exponent, e.g. ' 00000-0'",
  },
  {
    name: "BSTAR drag term",
    from: 54,
    to: 61,
    pattern: /^[ +-][0-9]{5}[+-][0-9]$/,
    what: "implied-decimal mantissa and exponent, e.g. ' 10270-3'",
  },
  { name: "ephemeris type", from: 63, to: 63, pattern: /^[0-9 ]$/, what: "a digit" },
  { name: "element set number", from: 65, to: 68, pattern: /^ *[0-9]{1,4}$/, what: "up to 4 digits" },
];

const LINE2_FIELDS: Field[] = [
  { name: "catalog number", from: 3, to: 7, pattern: CATNUM, what: "5 digits (or Alpha-5)" },
  { name: "inclination", from: 9, to: 16, pattern: ANGLE, what: "degrees, ddd.dddd" },
  { name: "right ascension of the ascending node", from: 18, to: 25, pattern: ANGLE, what: "ddd.dddd" },
  {
    name: "eccentricity",
    from: 27,
    to: 33,
    pattern: /^[0-9]{7}$/,
    what: "7 digits with implied leading decimal point",
  },
  { name: "argument of perigee", from: 35, to: 42, pattern: ANGLE, what: "degrees, ddd.dddd" },
  { name: "mean anomaly", from: 44, to: 51, pattern: ANGLE, what: "degrees, ddd.dddd" },
  {
    name: "mean motion",
    from: 53,
    to: 63,
    pattern: /^ ?[0-9]{1,2}\.[0-9]{8}$/,
    what: "revolutions per day, dd.dddddddd",
  },
  { name: "revolution number", from: 64, to: 68, pattern: /^ *[0-9]{1,5}$/, what: "up to 5 digits" },
];

/** Columns that separate fields and must be blank. */
const LINE1_BLANKS = [2, 9, 18, 33, 44, 53, 62, 64];
const LINE2_BLANKS = [2, 8, 17, 26, 34, 43, 52];

/** TLE checksum: sum of the digits of columns 1-68, each '-' counting 1, modulo 10. */
export function tleChecksum(line: string): number {
  let sum = 0;
  for (let i = 0; i < 68 && i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57) sum += c - 48;
    else if (c === 45) sum += 1;
  }
  return sum % 10;
}

/** NORAD catalogue number of a 5-character field, decoding Alpha-5 (A=10 ... Z=33, skipping I, O). */
export function decodeCatalogNumber(text: string): number {
  const first = text.charAt(0);
  const rest = Number(text.slice(1));
  if (first >= "0" && first <= "9") return Number(text);
  const letters = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  return (letters.indexOf(first) + 10) * 10_000 + rest;
}

interface Located {
  text: string;
  /** 1-based line number in the file. */
  line: number;
}

/** Validate one TLE line's layout; throws InputError naming file, line, column, field and value. */
function checkLine(file: string, l: Located, which: 1 | 2): void {
  const where = { file, line: l.line };
  const s = l.text;
  if (s.charAt(0) !== String(which))
    throw new InputError(`expected TLE line ${which} (starting '${which} ')`, {
      ...where,
      column: 1,
      field: "line number",
      value: s.charAt(0),
    });
  if (s.length !== TLE_LINE_LENGTH)
    throw new InputError(`a TLE line has ${TLE_LINE_LENGTH} characters, this one has ${s.length}`, {
      ...where,
      field: `line ${which} length`,
      value: s,
    });
  for (const col of which === 1 ? LINE1_BLANKS : LINE2_BLANKS) {
    if (s.charAt(col - 1) !== " ")
      throw new InputError(`column ${col} separates fields and must be blank (is a column shifted?)`, {
        ...where,
        column: col,
        field: `line ${which} column ${col}`,
        value: s.charAt(col - 1),
      });
  }
  for (const f of which === 1 ? LINE1_FIELDS : LINE2_FIELDS) {
    const v = s.slice(f.from - 1, f.to);
    if (!f.pattern.test(v))
      throw new InputError(`malformed ${f.name} (columns ${f.from}-${f.to}): expected ${f.what}`, {
        ...where,
        column: f.from,
        field: `line ${which} ${f.name}`,
        value: v,
      });
  }
  const cs = s.charAt(68);
  if (!/^[0-9]$/.test(cs))
    throw new InputError("checksum (column 69) must be a digit", {
      ...where,
      column: 69,
      field: `line ${which} checksum`,
      value: cs,
    });
  const expected = tleChecksum(s);
  if (Number(cs) !== expected)
    throw new InputError(`checksum mismatch: column 69 says ${cs}, the line sums to ${expected}`, {
      ...where,
      column: 69,
      field: `line ${which} checksum`,
      value: cs,
    });
}

/** Range checks on values whose column format was already checked. */
function checkValues(file: string, l1: Located, l2: Located): void {
  const s1 = l1.text;
  const s2 = l2.text;
  const cat1 = s1.slice(2, 7);
  const cat2 = s2.slice(2, 7);
  if (cat1 !== cat2)
    throw new InputError(`catalog number differs from line 1's (${cat1}) on line ${l1.line}`, {
      file,
      line: l2.line,
      column: 3,
      field: "line 2 catalog number",
      value: cat2,
    });
  const day = Number(s1.slice(20, 32));
  const yy = Number(s1.slice(18, 20));
  const year = yy < 57 ? 2000 + yy : 1900 + yy;
  const daysInYear = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
  // Day 1.0 is 1 January 00:00; the last valid instant is before day daysInYear + 1.
  if (!(day >= 1 && day < daysInYear + 1))
    throw new InputError(`epoch day must be in [1, ${daysInYear + 1}) for ${year}`, {
      file,
      line: l1.line,
      column: 21,
      field: "line 1 epoch day",
      value: s1.slice(20, 32),
    });
  const angle = (from: number, to: number, name: string, max: number, inclusive: boolean) => {
    const text = s2.slice(from - 1, to);
    const v = Number(text);
    if (!(v >= 0 && (inclusive ? v <= max : v < max)))
      throw new InputError(`${name} must be in [0, ${max}${inclusive ? "]" : ")"} degrees`, {
        file,
        line: l2.line,
        column: from,
        field: `line 2 ${name}`,
        value: text,
      });
  };
  angle(9, 16, "inclination", 180, true);
  angle(18, 25, "right ascension of the ascending node", 360, false);
  angle(35, 42, "argument of perigee", 360, false);
  angle(44, 51, "mean anomaly", 360, false);
  const mmText = s2.slice(52, 63);
  if (!(Number(mmText) > 0))
    throw new InputError("mean motion must be positive (revolutions per day)", {
      file,
      line: l2.line,
      column: 53,
      field: "line 2 mean motion",
      value: mmText,
    });
}

const isTleLine = (s: string, which: 1 | 2) => s.startsWith(`${which} `);

/**
 * Parse TLE or 3LE text. Satellites get indices firstIndex, firstIndex+1, ...; the name is the 3LE
 * name line (without Space-Track's "0 " prefix) or, for bare TLEs, `<shell>-<catalog number>`.
 */
export function parseTleText(text: string, opts: TleParseOptions): SatelliteElements[] {
  const { file, shell, firstIndex } = opts;
  const lines: Located[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const t = raw.replace(/\s+$/, "");
    if (t.length === 0 || t.startsWith("#")) return;
    lines.push({ text: t, line: i + 1 });
  });
  const out: SatelliteElements[] = [];
  let i = 0;
  while (i < lines.length) {
    let name: string | undefined;
    let cur = lines[i]!;
    if (!isTleLine(cur.text, 1) && !isTleLine(cur.text, 2)) {
      // A name line (3LE). Space-Track writes it as "0 NAME".
      name = cur.text.replace(/^0 /, "").trim();
      i++;
      const next = lines[i];
      if (next === undefined)
        throw new InputError("name line is not followed by TLE line 1", {
          file,
          line: cur.line,
          field: "line 1",
          value: cur.text,
        });
      cur = next;
    }
    const l1 = cur;
    checkLine(file, l1, 1);
    const l2 = lines[i + 1];
    if (l2 === undefined)
      throw new InputError("TLE line 1 is not followed by line 2", {
        file,
        line: l1.line,
        field: "line 2",
        value: l1.text,
      });
    checkLine(file, l2, 2);
    checkValues(file, l1, l2);
    i += 2;
    const satrec = twoline2satrec(l1.text, l2.text);
    const err = satrec.error as number;
    if (err !== 0)
      throw new InputError(`SGP4 rejects this element set: ${SGP4_ERROR_TEXT[err] ?? `error ${err}`}`, {
        file,
        line: l1.line,
        field: "elements",
        value: l2.text,
      });
    const noradId = decodeCatalogNumber(l1.text.slice(2, 7));
    out.push({
      index: firstIndex + out.length,
      name: name && name.length > 0 ? name : `${shell}-${noradId}`,
      noradId,
      shell,
      plane: -1,
      slot: -1,
      satrec,
      epochUnixMs: satrecEpochUnixMs(satrec),
      source: "tle",
    });
  }
  return out;
}
