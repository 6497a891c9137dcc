/**
 * OMM XML, KVN and CSV readers: round trips against the TLEs of real objects (a few Starlink
 * satellites of ../shared/catalogs/starlink-2023-07-18.3le, converted into each format HERE, from
 * the TLE columns, by code independent of the readers), field by field and in propagated position;
 * the YAML loader on each format; one bad-input case (or more) per format.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type SatRec, sgp4, twoline2satrec } from "satellite.js";
import { afterAll, describe, expect, it } from "vitest";
import { loadConstellationText } from "../src/config/load.js";
import { parseElements } from "../src/orbit/element-formats.js";
import { parseOmmCsv } from "../src/orbit/omm-csv.js";
import { parseOmmKvn } from "../src/orbit/omm-kvn.js";
import { parseOmmXml } from "../src/orbit/omm-xml.js";
import { expectInputError } from "./expect-input-error.js";

const SNAPSHOT = fileURLToPath(new URL("../../shared/catalogs/starlink-2023-07-18.3le", import.meta.url));
const present = existsSync(SNAPSHOT);
if (!present) console.warn(`skipping OMM round trips: ${SNAPSHOT} (../shared/catalogs) is absent`);

const tmp: string[] = [];
afterAll(() => {
  for (const d of tmp) rmSync(d, { recursive: true, force: true });
});

interface Tle {
  name: string;
  l1: string;
  l2: string;
}

/** Every 1,000th object of the snapshot (5 objects, from several launches and shells). */
function sampleTles(): Tle[] {
  const lines = readFileSync(SNAPSHOT, "utf8").split(/\r?\n/);
  const out: Tle[] = [];
  for (let i = 0; i + 2 < lines.length; i += 3000)
    out.push({ name: lines[i]!.trim(), l1: lines[i + 1]!, l2: lines[i + 2]! });
  return out;
}

/** TLE implied-decimal exponent field " 58057-4" = 0.58057e-4. */
const expField = (s: string) => {
  const t = s.trim();
  const m = /^([+-]?)(\d{5})([+-]\d)$/.exec(t)!;
  return Number(`${m[1]}0.${m[2]}e${m[3]}`);
};

/**
 * The OMM keywords of a TLE, from the format's columns (CelesTrak "NORAD Two-Line Element Set
 * Format"): written out as text exactly as CelesTrak's OMM writes them.
 */
function ommKeywords(t: Tle): Record<string, string> {
  const yy = Number(t.l1.slice(18, 20));
  const day = Number(t.l1.slice(20, 32));
  const year = yy < 57 ? 2000 + yy : 1900 + yy;
  const epochMs = Date.UTC(year, 0, 1) + (day - 1) * 86_400_000;
  // Microsecond text: TLE epochs resolve 1e-8 day = 0.864 ms, so 6 decimals of seconds lose nothing.
  const whole = Math.floor(epochMs);
  const us = Math.round((epochMs - whole) * 1000);
  const iso = `${new Date(whole).toISOString().slice(0, 19)}.${String((whole % 1000) * 1000 + us).padStart(6, "0")}`;
  const intl = t.l1.slice(9, 17).trim();
  const launchYear = Number(intl.slice(0, 2));
  return {
    OBJECT_NAME: t.name,
    OBJECT_ID: `${launchYear < 57 ? 2000 + launchYear : 1900 + launchYear}-${intl.slice(2)}`,
    EPOCH: iso,
    MEAN_MOTION: t.l2.slice(52, 63).trim(),
    ECCENTRICITY: `.${t.l2.slice(26, 33)}`,
    INCLINATION: t.l2.slice(8, 16).trim(),
    RA_OF_ASC_NODE: t.l2.slice(17, 25).trim(),
    ARG_OF_PERICENTER: t.l2.slice(34, 42).trim(),
    MEAN_ANOMALY: t.l2.slice(43, 51).trim(),
    EPHEMERIS_TYPE: "0",
    CLASSIFICATION_TYPE: t.l1.charAt(7),
    NORAD_CAT_ID: String(Number(t.l1.slice(2, 7))),
    ELEMENT_SET_NO: t.l1.slice(64, 68).trim(),
    REV_AT_EPOCH: t.l2.slice(63, 68).trim(),
    BSTAR: String(expField(t.l1.slice(53, 61))),
    MEAN_MOTION_DOT: String(Number(t.l1.slice(33, 43).trim())),
    MEAN_MOTION_DDOT: String(expField(t.l1.slice(44, 52))),
  };
}

const META_KEYS = ["OBJECT_NAME", "OBJECT_ID"];
const MEAN_KEYS = [
  "EPOCH",
  "MEAN_MOTION",
  "ECCENTRICITY",
  "INCLINATION",
  "RA_OF_ASC_NODE",
  "ARG_OF_PERICENTER",
  "MEAN_ANOMALY",
];
const TLE_KEYS = [
  "EPHEMERIS_TYPE",
  "CLASSIFICATION_TYPE",
  "NORAD_CAT_ID",
  "ELEMENT_SET_NO",
  "REV_AT_EPOCH",
  "BSTAR",
  "MEAN_MOTION_DOT",
  "MEAN_MOTION_DDOT",
];
const CSV_COLUMNS = [...META_KEYS, ...MEAN_KEYS, ...TLE_KEYS];

const xmlEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** NDM/XML as CelesTrak's gp.php?FORMAT=xml writes it (CCSDS 505.0-B-2 layout). */
function toXml(records: Record<string, string>[]): string {
  const tags = (keys: string[], r: Record<string, string>) =>
    keys
      .filter((k) => r[k] !== undefined)
      .map((k) => `<${k}>${xmlEscape(r[k]!)}</${k}>`)
      .join("");
  const omms = records.map(
    (r) =>
      `<omm id="CCSDS_OMM_VERS" version="2.0">\n<header><CREATION_DATE/><ORIGINATOR/></header>\n<body><segment>\n` +
      `<metadata>${tags(META_KEYS, r)}<CENTER_NAME>EARTH</CENTER_NAME><REF_FRAME>TEME</REF_FRAME><TIME_SYSTEM>UTC</TIME_SYSTEM><MEAN_ELEMENT_THEORY>SGP4</MEAN_ELEMENT_THEORY></metadata>\n` +
      `<data>\n<meanElements>${tags(MEAN_KEYS, r)}</meanElements>\n<tleParameters>${tags(TLE_KEYS, r)}</tleParameters>\n</data>\n</segment></body></omm>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ndm xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="https://sanaregistry.org/r/ndmxml_unqualified/ndmxml-2.0.0-master-2.0.xsd">\n${omms.join("\n")}\n</ndm>\n`;
}

/** KVN (CCSDS 502.0-B-3 ch. 7): concatenated messages, units in brackets on some lines. */
function toKvn(records: Record<string, string>[]): string {
  const units: Record<string, string> = { MEAN_MOTION: " [rev/day]", INCLINATION: " [deg]" };
  return records
    .map(
      (r) =>
        `CCSDS_OMM_VERS = 2.0\nCOMMENT GENERATED FOR A TEST\nCREATION_DATE = 2023-07-18T00:00:00\nORIGINATOR = 18 SPCS\n\n` +
        `${META_KEYS.map((k) => `${k.padEnd(18)} = ${r[k]}`).join("\n")}\nCENTER_NAME = EARTH\nREF_FRAME = TEME\nTIME_SYSTEM = UTC\nMEAN_ELEMENT_THEORY = SGP4\n` +
        `${[...MEAN_KEYS, ...TLE_KEYS].map((k) => `${k.padEnd(18)} = ${r[k]}${units[k] ?? ""}`).join("\n")}\n`,
    )
    .join("\n");
}

/** CelesTrak's CSV: header of the 17 keywords, CRLF, quoted when a value holds a comma. */
function toCsv(records: Record<string, string>[]): string {
  const q = (v: string) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [CSV_COLUMNS.join(","), ...records.map((r) => CSV_COLUMNS.map((k) => q(r[k]!)).join(","))]
    .map((l) => `${l}\r\n`)
    .join("");
}

const opts = (file: string) => ({ file, shell: "starlink", firstIndex: 3 });

/** Satrec fields SGP4 initialises from, and the tolerance each must agree to. */
const FIELDS: [keyof SatRec, number][] = [
  ["inclo", 1e-12],
  ["nodeo", 1e-12],
  ["ecco", 1e-12],
  ["argpo", 1e-12],
  ["mo", 1e-12],
  ["nokozai", 1e-14],
  ["bstar", 1e-15],
  ["ndot", 1e-18],
  ["nddot", 1e-22],
  ["satnum", 0],
];

describe.skipIf(!present)("OMM XML, KVN and CSV: round trips against the same objects' TLEs", () => {
  const tles = present ? sampleTles() : [];
  const records = tles.map(ommKeywords);
  type Reader = (t: string, o: ReturnType<typeof opts>) => ReturnType<typeof parseOmmXml>;
  const texts: { format: "omm-xml" | "omm-kvn" | "omm-csv"; text: string; parse: Reader }[] = [
    { format: "omm-xml", text: toXml(records), parse: parseOmmXml },
    { format: "omm-kvn", text: toKvn(records), parse: parseOmmKvn },
    { format: "omm-csv", text: toCsv(records), parse: parseOmmCsv },
  ];

  it.each(
    texts,
  )("$format: satrecs agree with twoline2satrec field by field; positions within 1 mm for 3 days", ({
    text,
    parse,
  }) => {
    expect(tles.length).toBe(5);
    const sats = parse(text, opts("gp"));
    expect(sats.map((s) => s.name)).toEqual(tles.map((t) => t.name));
    expect(sats.map((s) => s.index)).toEqual([3, 4, 5, 6, 7]);
    tles.forEach((t, k) => {
      const ref = twoline2satrec(t.l1, t.l2);
      const got = sats[k]!.satrec;
      for (const [f, tol] of FIELDS)
        expect(Math.abs(Number(got[f]) - Number(ref[f])), String(f)).toBeLessThanOrEqual(tol);
      // The epoch: TLE day fraction (1e-8 d) against ISO microseconds, both as one Julian-date double
      // (resolution ~46 us at JD 2.46e6): within 1 ms.
      const refMs = (ref.jdsatepoch - 2_440_587.5) * 86_400_000;
      const gotMs = (got.jdsatepoch - 2_440_587.5) * 86_400_000;
      expect(Math.abs(gotMs - refMs)).toBeLessThan(1);
      expect(sats[k]!.noradId).toBe(Number(t.l1.slice(2, 7)));
      for (const tMin of [0, 90, 1440, 4320]) {
        const a = sgp4(ref, tMin)!.position;
        const b = sgp4(got, tMin)!.position;
        expect(Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z)).toBeLessThan(0.001);
      }
    });
  });

  it.each(texts)("$format: a constellation YAML loads it as a shell (elements: { file, format: $format })", ({
    format,
    text,
  }) => {
    const dir = mkdtempSync(join(tmpdir(), "constellate-omm-"));
    tmp.push(dir);
    writeFileSync(join(dir, "gp.dat"), text);
    const yaml = `name: t\nepoch: "2023-07-18T00:00:00Z"\nshells:\n  - name: real\n    elements: { file: gp.dat, format: ${format} }\n`;
    const c = loadConstellationText(yaml, join(dir, "c.yaml"));
    expect(c.satellites.map((s) => s.noradId)).toEqual(tles.map((t) => Number(t.l1.slice(2, 7))));
    expect(c.shells[0]!.count).toBe(5);
  });

  it("parseElements dispatches by format name to the same readers", () => {
    const viaTle = parseElements(tles.map((t) => `${t.name}\n${t.l1}\n${t.l2}`).join("\n"), "tle", opts("x"));
    const viaXml = parseElements(texts[0]!.text, "omm-xml", opts("x"));
    expect(viaXml.map((s) => s.satrec.inclo)).toEqual(viaTle.map((s) => s.satrec.inclo));
  });
});

// Vallado's case 00005 (SGP4-VER.TLE) as OMM keywords, hand-converted (see test/orbit-omm.test.ts):
// epoch 2000 day 179.78495062 = 2000-06-27T18:50:19.733568.
const V = {
  OBJECT_NAME: "VANGUARD 1",
  OBJECT_ID: "1958-002B",
  EPOCH: "2000-06-27T18:50:19.733568",
  MEAN_MOTION: "10.82419157",
  ECCENTRICITY: ".1859667",
  INCLINATION: "34.2682",
  RA_OF_ASC_NODE: "348.7242",
  ARG_OF_PERICENTER: "331.7664",
  MEAN_ANOMALY: "19.3264",
  EPHEMERIS_TYPE: "0",
  CLASSIFICATION_TYPE: "U",
  NORAD_CAT_ID: "5",
  ELEMENT_SET_NO: "475",
  REV_AT_EPOCH: "41366",
  BSTAR: ".28098E-4",
  MEAN_MOTION_DOT: ".00000023",
  MEAN_MOTION_DDOT: "0",
};

describe("OMM XML: bad input", () => {
  it("not well-formed: names file, line and column", () => {
    const text = `<?xml version="1.0"?>\n<ndm>\n<omm><body>\n</omm></ndm>\n`;
    const e = expectInputError(() => parseOmmXml(text, opts("gp.xml")), /^gp\.xml:4:/, /not well-formed XML/);
    expect(e.location.line).toBe(4);
  });

  it("a bad value names the line of its element and its path", () => {
    const text = toXml([V, { ...V, NORAD_CAT_ID: "6", INCLINATION: "abc" }]);
    const line = text.split("\n").findIndex((l) => l.includes("<INCLINATION>abc")) + 1;
    expect(line).toBeGreaterThan(8);
    expectInputError(
      () => parseOmmXml(text, opts("gp.xml")),
      `gp.xml:${line}`,
      "field omm[1].meanElements.INCLINATION",
      'value "abc"',
    );
  });

  it("a bad tleParameters value names its own line (MEAN_MOTION_DOT, not MEAN_MOTION's)", () => {
    const text = toXml([{ ...V, MEAN_MOTION_DOT: "fast" }]);
    const line = text.split("\n").findIndex((l) => l.includes("<MEAN_MOTION_DOT>fast")) + 1;
    const meanLine = text.split("\n").findIndex((l) => l.includes("<MEAN_MOTION>")) + 1;
    expect(line).not.toBe(meanLine);
    expectInputError(
      () => parseOmmXml(text, opts("gp.xml")),
      `gp.xml:${line},`,
      "field omm[0].tleParameters.MEAN_MOTION_DOT",
    );
  });

  it("a DOCTYPE (entity expansion) is refused before parsing", () => {
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE ndm [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n<ndm/>`;
    expectInputError(() => parseOmmXml(bomb, opts("gp.xml")), /^gp\.xml:2:/, /DOCTYPE is not allowed/);
  });

  it("a missing keyword names its section; no <omm> at all is refused", () => {
    const { MEAN_MOTION: _, ...noMm } = V;
    expectInputError(
      () => parseOmmXml(toXml([noMm as typeof V]), opts("gp.xml")),
      "field omm[0].meanElements.MEAN_MOTION",
      /missing/,
    );
    expectInputError(() => parseOmmXml("<html><body/></html>", opts("gp.xml")), /no <omm> element/);
  });
});

describe("OMM KVN: bad input", () => {
  it("a bad value names the file, the keyword's line and the keyword", () => {
    const text = toKvn([V, { ...V, ECCENTRICITY: "1.5" }]);
    const line = text.split("\n").findIndex((l) => /^ECCENTRICITY\s+= 1\.5/.test(l)) + 1;
    expectInputError(
      () => parseOmmKvn(text, opts("gp.kvn")),
      `gp.kvn:${line}`,
      "field ECCENTRICITY",
      /\[0, 1\)/,
    );
  });

  it("a line that is not KEYWORD = value, a file with no CCSDS_OMM_VERS, a repeated keyword", () => {
    const text = toKvn([V]).replace("BSTAR", "BSTAR:");
    const line = text.split("\n").findIndex((l) => l.startsWith("BSTAR:")) + 1;
    expectInputError(() => parseOmmKvn(text, opts("gp.kvn")), `gp.kvn:${line}`, /KEYWORD = value/);
    expectInputError(() => parseOmmKvn("OBJECT_NAME = X\n", opts("gp.kvn")), "gp.kvn:1", /CCSDS_OMM_VERS/);
    expectInputError(
      () => parseOmmKvn(`${toKvn([V])}MEAN_MOTION = 15\n`, opts("gp.kvn")),
      "field MEAN_MOTION",
      /repeated/,
    );
  });
});

describe("OMM CSV: bad input", () => {
  it("a bad value names the file, the row's line and the column", () => {
    const text = toCsv([V, V, { ...V, RA_OF_ASC_NODE: "400" }]);
    expectInputError(
      () => parseOmmCsv(text, opts("gp.csv")),
      "gp.csv:4",
      "field RA_OF_ASC_NODE (column 7)",
      'value "400"',
    );
  });

  it("a row with too many cells, and a file that is not OMM CSV", () => {
    const text = `${toCsv([V])}A,B\r\n`;
    expectInputError(() => parseOmmCsv(text, opts("gp.csv")), "gp.csv:3", /not valid CSV/);
    expectInputError(() => parseOmmCsv("a,b\n1,2\n", opts("gp.csv")), "gp.csv:1", /names no OMM keywords/);
  });
});
