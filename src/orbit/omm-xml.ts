/**
 * CCSDS Orbit Mean-elements Message in XML (NDM/XML, the normative encoding: CCSDS 505.0-B-2 "XML
 * Specification for Navigation Data Messages"; keywords per CCSDS 502.0-B-3), as CelesTrak
 * (gp.php?FORMAT=xml) and Space-Track serve it:
 *
 *   <ndm><omm id="CCSDS_OMM_VERS" version="2.0">
 *     <header>...</header>
 *     <body><segment>
 *       <metadata><OBJECT_NAME/>, <OBJECT_ID/>, CENTER_NAME, REF_FRAME, TIME_SYSTEM, MEAN_ELEMENT_THEORY</metadata>
 *       <data><meanElements>EPOCH, MEAN_MOTION, ECCENTRICITY, ...</meanElements>
 *             <tleParameters>NORAD_CAT_ID, BSTAR, MEAN_MOTION_DOT, ...</tleParameters></data>
 *     </segment></body></omm>...</ndm>
 *
 * A bare <omm> root (one message) is accepted too. Parsed with fast-xml-parser (attributes such as
 * units="rev/day" ignored, namespace prefixes removed); each message's metadata, meanElements and
 * tleParameters are merged into one keyword record and validated by the same code as OMM JSON
 * (src/orbit/omm.ts). Errors name the file, the line of the element and its path (omm[i].section.KEY).
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { InputError } from "../util/input-error.js";
import type { SatelliteElements } from "./elements.js";
import { type OmmParseOptions, ommRecordToElements } from "./omm.js";

/** The OMM sections holding keywords we read, in document order. */
const SECTIONS = ["metadata", "meanElements", "tleParameters"] as const;
type Section = (typeof SECTIONS)[number];

/** Section a required keyword belongs to (CCSDS 502.0-B-3, table 4-2), to locate a missing one. */
const SECTION_OF: Record<string, Section> = {
  OBJECT_NAME: "metadata",
  OBJECT_ID: "metadata",
  EPOCH: "meanElements",
  MEAN_MOTION: "meanElements",
  ECCENTRICITY: "meanElements",
  INCLINATION: "meanElements",
  RA_OF_ASC_NODE: "meanElements",
  ARG_OF_PERICENTER: "meanElements",
  MEAN_ANOMALY: "meanElements",
};

type XmlNode = Record<string | symbol, unknown>;
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

const asNode = (v: unknown): XmlNode | undefined =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as XmlNode) : undefined;

/** Character offset of an element's start tag (fast-xml-parser's captureMetaData). */
const startOf = (n: XmlNode | undefined): number | undefined =>
  (n?.[META] as { startIndex?: number } | undefined)?.startIndex;

/** Parse OMM XML text (an <ndm> of several <omm>, or one <omm>). */
export function parseOmmXml(text: string, opts: OmmParseOptions): SatelliteElements[] {
  const { file } = opts;
  // OMM XML is validated by XSD, never by a DTD; refusing DOCTYPE rules out entity-expansion bombs.
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype)
    throw new InputError("a DOCTYPE is not allowed in OMM XML (NDM/XML uses an XML Schema, not a DTD)", {
      file,
      line: text.slice(0, doctype.index).split("\n").length,
    });
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    throw new InputError(`not well-formed XML: ${valid.err.msg}`, {
      file,
      line: valid.err.line,
      column: valid.err.col,
    });
  const newlines: number[] = [];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) newlines.push(i);
  const lineAt = (offset: number): number => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlines[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
  const doc = new XMLParser({
    ignoreAttributes: true,
    removeNSPrefix: true,
    parseTagValue: false,
    captureMetaData: true,
    isArray: (name) => name === "omm" || name === "segment",
  }).parse(text) as XmlNode;
  const root = asNode(doc["ndm"]) ?? doc;
  const omms = (root["omm"] as unknown[] | undefined) ?? [];
  if (omms.length === 0)
    throw new InputError("no <omm> element (expected <ndm><omm>...</omm></ndm>): is this OMM XML?", {
      file,
      line: 1,
    });
  const out: SatelliteElements[] = [];
  omms.forEach((o, k) => {
    const omm = asNode(o);
    const ommPath = `omm[${k}]`;
    const ommLine = lineAt(startOf(omm) ?? 0);
    const segments = (asNode(omm?.["body"])?.["segment"] as unknown[] | undefined) ?? [];
    if (segments.length !== 1)
      throw new InputError(`an OMM has one <body><segment>, this one has ${segments.length}`, {
        file,
        line: ommLine,
        field: `${ommPath}.body.segment`,
      });
    const segment = asNode(segments[0]);
    const data = asNode(segment?.["data"]);
    const sections: Record<Section, XmlNode | undefined> = {
      metadata: asNode(segment?.["metadata"]),
      meanElements: asNode(data?.["meanElements"]),
      tleParameters: asNode(data?.["tleParameters"]),
    };
    const values: Record<string, string> = {};
    const foundIn = new Map<string, Section>();
    for (const sec of SECTIONS) {
      const node = sections[sec];
      if (!node) continue;
      for (const [key, v] of Object.entries(node)) {
        if (typeof v !== "string") continue;
        foundIn.set(key, sec);
        if (v !== "") values[key] = v;
      }
    }
    const locate = (key: string) => {
      const sec = foundIn.get(key) ?? SECTION_OF[key];
      const node = sec ? sections[sec] : undefined;
      const secStart = startOf(node);
      let line = secStart === undefined ? ommLine : lineAt(secStart);
      if (secStart !== undefined && foundIn.has(key)) {
        // The keyword's own start tag (not a longer one: MEAN_MOTION vs MEAN_MOTION_DOT), any prefix.
        const tag = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${key}[\\s>/]`, "g");
        tag.lastIndex = secStart;
        const at = tag.exec(text);
        if (at) line = lineAt(at.index);
      }
      return { file, line, field: `${ommPath}.${sec ?? "body.segment"}.${key}` };
    };
    out.push(ommRecordToElements(values, opts, k, locate));
  });
  return out;
}
