/**
 * The mesh layer's tunables: laser links (per shell), ground links, routing and the fiber baseline.
 * Defaults live HERE and nowhere else; the YAML schema (src/config/schema.ts) embeds these zod
 * schemas, the CLI overrides single fields by the same names, and the API takes the resolved objects.
 *
 * YAML carries human units (Gbps, seconds); resolved settings carry the units the hot paths use
 * (bps, ms), visible in their names.
 */
import { z } from "zod";
import type { GroundStation } from "../orbit/constellation.js";
import { InputError } from "../util/input-error.js";

/**
 * Starlink's "Mini laser" as SpaceX sells it to other operators: 25 Gbps at ranges up to 4,000 km.
 * Source: SpaceX, starlink.com "Starlink Mini Lasers" (2024) product page, as quoted in issue B.
 */
export const DEFAULT_ISL_CAPACITY_GBPS = 25;
export const DEFAULT_ISL_MAX_RANGE_KM = 4000;
/**
 * Lowest altitude the laser's line of sight may graze, km. 80 km keeps the beam above the densest
 * atmosphere (and above the mesosphere clouds); Hypatia uses the same value (Kassing et al., IMC 2020,
 * Sec. 3.2; its description.txt max ISL lengths follow from it).
 */
export const DEFAULT_GRAZING_ALTITUDE_KM = 80;
/**
 * RF capacity of one ground station, Gbps: 20 is our assumption, not a published figure. For scale
 * only: del Portillo, Cameron, Crawley, "A technical comparison of three low earth orbit satellite
 * constellation systems to provide global broadband", Acta Astronautica 159 (2019) 123-135, estimate
 * an average data rate of 5.36 Gbps per SpaceX satellite (Telesat 22.74, OneWeb 2.17) and 23.7 Tbps
 * of sellable system capacity reached with 123 ground stations (figures as tabulated from the paper
 * in a secondary summary; the paper itself not re-read in this audit). An earlier version of this
 * comment cited "21.36 Gbps per Starlink satellite", which is not a figure of that paper.
 */
export const DEFAULT_STATION_CAPACITY_GBPS = 20;
/**
 * Antennas of a ground station when neither the station nor `groundLinks.antennas` sets a number:
 * 1, as issue 10 decides ("default 1"; the EO runner modelled one antenna per station). A station
 * then links to one satellite at a time, the highest in its sky (stationAntennaSelection below).
 */
export const DEFAULT_STATION_ANTENNAS = 1;
/**
 * Group index of Corning SMF-28 Ultra single-mode fiber at 1550 nm: 1.4682, value as commonly cited
 * from Corning's SMF-28 Ultra product information sheet ("Effective Group Index of Refraction");
 * neither the value nor the sheet number (PI1424) was verified against the sheet in this audit.
 * Independent sanity check: OTDR and fiber tools commonly default single-mode fiber to ~1.467-1.468.
 */
export const FIBER_GROUP_INDEX_SMF28_1550 = 1.4682;
/**
 * Realistic fiber route stretch over the geodesic. Bozkurt, Aqeel, Bhattacherjee, Chandrasekaran,
 * Godfrey, Laughlin, Maggs, Singla, "Dissecting Latency in the Internet's Fiber Infrastructure"
 * (arXiv:1811.10737, 2018), abstract: previous measurement campaigns suggest the rule of thumb
 * "multiply line-of-sight distance by 2.1, then divide by the speed of light in fiber" (shortest
 * conduit paths in the US InterTubes map would give 1.3 in the median). Default 2.0 is that 2.1
 * rounded down (our choice). The same group's "Why Is the Internet so Slow?!" (Bozkurt et al., PAM
 * 2017, LNCS 10176, pp. 173-187) motivates it; its exact inflation figures were not re-read here.
 */
export const DEFAULT_REALISTIC_STRETCH = 2.0;

const positive = z.number().positive();
const nonNegative = z.number().nonnegative();

/** Antenna count of one station: an integer of at least 1 (the YAML `antennas` of a station entry). */
export const stationAntennasSchema = z
  .int({ error: "expected an integer >= 1" })
  .min(1, { error: "expected an integer >= 1" });
/** `groundLinks.antennas`: a count, or "unlimited" (no limit). */
const antennasSchema = z.union([stationAntennasSchema, z.literal("unlimited")], {
  error: 'expected an integer >= 1 or "unlimited"',
});

/** Per-shell laser links (YAML: `shells[i].isl`). */
export const islSchema = z
  .object({
    /**
     * "plus-grid": two in-plane (ahead, behind) and two cross-plane links (on a `structure: infer`
     * shell by slot order and nearest argument of latitude, src/mesh/grid-inferred.ts); "nearest":
     * each satellite's nearest neighbours within range, at most `k` links, needing no plane or slot
     * (src/mesh/nearest.ts); "none": no lasers.
     */
    pattern: z.enum(["plus-grid", "nearest", "none"]).default("plus-grid"),
    /** Pattern "nearest": at most this many links per satellite (and never more than `terminals`). */
    k: z.number().int().min(1).max(16).default(4),
    /** Slot offset of the cross-plane partner: (plane p, slot s) links to (p+1, s+offset). */
    interPlaneOffset: z.number().int().default(0),
    /** Link only while the line of sight stays above this altitude, km. */
    grazingAltitudeKm: nonNegative.default(DEFAULT_GRAZING_ALTITUDE_KM),
    /** Link only within this range, km. */
    maxRangeKm: positive.default(DEFAULT_ISL_MAX_RANGE_KM),
    capacityGbps: positive.default(DEFAULT_ISL_CAPACITY_GBPS),
    /** Laser terminals per satellite; +Grid needs 4 (in-plane links are kept first when fewer). */
    terminals: z.number().int().min(0).max(16).default(4),
    /**
     * Time a re-formed link needs before it carries traffic, s. Default 0 (instant). Published
     * pointing-acquisition-tracking delays of optical terminals are of the order of tens of seconds
     * for LEO links (Gerard, Fraire, Cespedes, arXiv:2511.16063, 2025); see the comments in
     * constellations/starlink-shell1-mesh.yaml.
     */
    reacquisitionS: nonNegative.default(0),
    /**
     * Extra links by satellite index, [a, b], e.g. between shells (links are only within a shell
     * otherwise). Subject to the same range and grazing checks.
     */
    extraLinks: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)])).default([]),
  })
  .strict();
export type IslSettingsInput = z.input<typeof islSchema>;

/** Top-level `groundLinks`. */
export const groundLinksSchema = z
  .object({
    /** "all-visible": a station links to every satellite in view; "nearest": only the closest one. */
    policy: z.enum(["all-visible", "nearest"]).default("all-visible"),
    /**
     * RF capacity per station, Gbps (each direction): the default of every station; a station entry
     * may set its own (`capacityGbps` in src/config/schema.ts stationSchema; see stationCapacityBps).
     */
    capacityGbps: positive.default(DEFAULT_STATION_CAPACITY_GBPS),
    /** Slant-range limit for every station, km (Hypatia-style configs); stations may set their own. */
    maxRangeKm: positive.optional(),
    /**
     * Antennas per station (satellites it links to at once): the default of every station; a station
     * entry may set its own (`antennas` in src/config/schema.ts stationSchema). "unlimited": every
     * satellite the policy allows, as Hypatia models ground stations (Kassing et al., IMC 2020).
     */
    antennas: antennasSchema.default(DEFAULT_STATION_ANTENNAS),
  })
  .strict();

/** Top-level `routing`. */
export const routingSchema = z
  .object({
    /** Let paths relay through ground stations (sat -> station -> sat). Off: stations are endpoints only. */
    relayThroughStations: z.boolean().default(false),
  })
  .strict();

/** Top-level `fiber`: the terrestrial baseline of latency experiments. */
export const fiberSchema = z
  .object({
    groupIndex: positive.default(FIBER_GROUP_INDEX_SMF28_1550),
    /** Route length / geodesic length of real fiber paths (1.0 is the ideal great-circle fiber). */
    realisticStretch: z.number().min(1).default(DEFAULT_REALISTIC_STRETCH),
  })
  .strict();

export interface IslSettings {
  pattern: "plus-grid" | "nearest" | "none";
  /** Pattern "nearest": links per satellite, at most. */
  k: number;
  interPlaneOffset: number;
  grazingAltitudeKm: number;
  maxRangeKm: number;
  capacityBps: number;
  terminals: number;
  reacquisitionMs: number;
  extraLinks: [number, number][];
}

export interface GroundLinkSettings {
  policy: "all-visible" | "nearest";
  capacityBps: number;
  maxRangeKm: number | undefined;
  /** Antennas of a station without its own `antennas`: a count >= 1, Infinity for "unlimited". */
  antennas: number;
}

export interface RoutingSettings {
  relayThroughStations: boolean;
}

export interface FiberSettings {
  groupIndex: number;
  realisticStretch: number;
}

export interface MeshSettings {
  /** Per shell, in the constellation's shell order. */
  isl: IslSettings[];
  groundLinks: GroundLinkSettings;
  routing: RoutingSettings;
  fiber: FiberSettings;
}

const GBPS = 1e9;

/** Validate and default one shell's raw `isl` section (undefined -> all defaults). */
export function resolveIsl(raw: unknown): IslSettings {
  const v = islSchema.parse(raw ?? {});
  return {
    pattern: v.pattern,
    k: v.k,
    interPlaneOffset: v.interPlaneOffset,
    grazingAltitudeKm: v.grazingAltitudeKm,
    maxRangeKm: v.maxRangeKm,
    capacityBps: v.capacityGbps * GBPS,
    terminals: v.terminals,
    reacquisitionMs: v.reacquisitionS * 1000,
    extraLinks: v.extraLinks.map(([a, b]) => [a, b]),
  };
}

export function resolveGroundLinks(raw: unknown): GroundLinkSettings {
  const v = groundLinksSchema.parse(raw ?? {});
  return {
    policy: v.policy,
    capacityBps: v.capacityGbps * GBPS,
    maxRangeKm: v.maxRangeKm,
    antennas: v.antennas === "unlimited" ? Number.POSITIVE_INFINITY : v.antennas,
  };
}

/**
 * Antennas of one station: its own `antennas` when its YAML entry sets one, else the
 * constellation-wide `groundLinks.antennas` (Infinity: unlimited).
 */
export function stationAntennas(g: Pick<GroundStation, "antennas">, gsl: GroundLinkSettings): number {
  return g.antennas ?? gsl.antennas;
}

/**
 * RF capacity of one station's ground links, bps, each direction: the station's own `capacityGbps`
 * when its YAML entry sets one, else the constellation-wide `groundLinks.capacityGbps`. The one
 * resolution of this rate: snapshots (and so the live emulator) and the EO replay both use it.
 */
export function stationCapacityBps(g: Pick<GroundStation, "capacityGbps">, gsl: GroundLinkSettings): number {
  return g.capacityGbps === undefined ? gsl.capacityBps : g.capacityGbps * GBPS;
}

export function resolveRouting(raw: unknown): RoutingSettings {
  return routingSchema.parse(raw ?? {});
}

export function resolveFiber(raw: unknown): FiberSettings {
  return fiberSchema.parse(raw ?? {});
}

const SECTIONS = ["isl", "groundLinks", "routing", "fiber"] as const;

/** A YAML-style scalar from the command line: number, true/false, JSON array/object, else string. */
function parseScalar(text: string): unknown {
  if (/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text)) return Number(text);
  if (text === "true" || text === "false") return text === "true";
  if (/^[[{]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * Settings with command-line overrides `section.key=value` by the YAML names (`isl.maxRangeKm=5000`
 * applies to every shell; `groundLinks.policy=nearest`, `fiber.realisticStretch=1.5`, ...).
 * Validated by the same schemas; a bad override is an input error naming the flag.
 */
export function meshSettingsWithOverrides(
  c: { shells: { settings: Record<string, unknown> }[]; settings: Record<string, unknown> },
  overrides: readonly string[],
  flag = "--mesh",
): MeshSettings {
  const shells = c.shells.map((s) => ({ settings: { isl: { ...((s.settings["isl"] as object) ?? {}) } } }));
  const top: Record<string, Record<string, unknown>> = {};
  for (const k of SECTIONS) if (k !== "isl") top[k] = { ...((c.settings[k] as object) ?? {}) };
  for (const o of overrides) {
    const m = /^(isl|groundLinks|routing|fiber)\.([A-Za-z]+)=(.*)$/.exec(o.trim());
    if (!m)
      throw new InputError(`expected section.key=value with section one of ${SECTIONS.join(", ")}`, {
        field: flag,
        value: o,
      });
    const [, section, key, text] = m;
    const value = parseScalar(text!);
    if (section === "isl") for (const s of shells) (s.settings.isl as Record<string, unknown>)[key!] = value;
    else top[section!]![key!] = value;
  }
  try {
    return meshSettingsOf({ shells, settings: top });
  } catch (e) {
    if (e instanceof z.ZodError) {
      const issue = e.issues[0];
      throw new InputError(issue?.message ?? "invalid value", {
        field: `${flag} ${issue?.path.join(".") ?? ""}`.trim(),
        value: overrides.join(" "),
      });
    }
    throw e;
  }
}

/**
 * Settings of a loaded constellation: the raw sections the catalog loader validated and stored in
 * `ShellInfo.settings.isl` and `Constellation.settings.{groundLinks, routing, fiber}`, defaulted.
 */
export function meshSettingsOf(c: {
  shells: { settings: Record<string, unknown> }[];
  settings: Record<string, unknown>;
}): MeshSettings {
  return {
    isl: c.shells.map((s) => resolveIsl(s.settings["isl"])),
    groundLinks: resolveGroundLinks(c.settings["groundLinks"]),
    routing: resolveRouting(c.settings["routing"]),
    fiber: resolveFiber(c.settings["fiber"]),
  };
}
