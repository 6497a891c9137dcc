/**
 * Schema of the constellation catalog YAML (constellations/*.yaml) and of ground-station set files
 * (constellations/ground-stations/*.yaml), in zod 4. `z.toJSONSchema` of these is the editor schema
 * (`constellate schema`, constellations/constellation.schema.json).
 *
 * Every object is strict: an unknown key is an error (a typo must not silently become a default).
 * The layer sections (laser links, ground links, routing, fiber, Earth observation) are owned by the
 * layers above orbit; they are pluggable constants below, carried raw into Constellation.settings /
 * ShellInfo.settings keyed by section name.
 */
import { z } from "zod";
import { appsSectionSchema } from "../emu/apps/plan.js";
import { emuSettingsSchema } from "../emu/settings.js";
import { eoSchema, eoShellSchema } from "../eo/config.js";
import {
  fiberSchema,
  groundLinksSchema,
  islSchema,
  routingSchema,
  stationAntennasSchema,
} from "../mesh/config.js";
import { ELEMENT_FORMATS } from "../orbit/element-formats.js";

// ---- Layer sections. The mesh layer (issue B) and the eo layer (issue D) replace these placeholders
// ---- with their own schemas; keep one constant per section so each is a one-line edit.
/** `shells[].isl`: laser-link settings of a shell. Owned by the mesh layer (issue B). */
export const islSection = islSchema;
/** `groundLinks`: satellite-ground link settings. Owned by the mesh layer (issue B). */
export const groundLinksSection = groundLinksSchema;
/** `routing`: route computation settings. Owned by the mesh layer (issue B). */
export const routingSection = routingSchema;
/** `fiber`: terrestrial fiber model. Owned by the mesh layer (issue B). */
export const fiberSection = fiberSchema;
/** `shells[].eo`: sensor, compute and power of a shell's satellites. Owned by the eo layer (issue D). */
export const eoShellSection = eoShellSchema;
/** `eo`: constellation-wide Earth-observation settings. Owned by the eo layer (issue D). */
export const eoSection = eoSchema;
/** `emu`: live-emulation settings (clock speed, step, queues, hosts). Owned by the emu layer (issue C). */
export const emuSection = emuSettingsSchema;
/** `apps`: onboard apps, their nodes and options (docs/apps.md). Owned by the emu layer (issue 9). */
export const appsSection = appsSectionSchema;

// ---- Defaults (one place).
/**
 * Elevation mask of a ground station when neither the station nor any `defaults` sets one, deg.
 * 25 deg is Starlink's minimum earth-station elevation for the 550 km shell (lowered from 40 deg),
 * the value Hypatia uses (Kassing et al., "Exploring the Internet from space with Hypatia", IMC 2020;
 * its paper/satellite_networks_state/main_starlink_550.py cites SpaceX's modification application
 * SAT-MOD-20181108-00083, attachment 1569860, "minimum angle of elevation: 25 deg"). That application
 * was granted in DA 19-342 (International Bureau, April 26, 2019); the grant text itself was not
 * re-read in this audit.
 */
export const DEFAULT_MIN_ELEVATION_DEG = 25;
/** Eccentricity of generated shells when the YAML omits it: circular. */
export const DEFAULT_WALKER_ECCENTRICITY = 0;
/** Argument of perigee, deg, of generated shells when omitted. */
export const DEFAULT_WALKER_ARG_OF_PERIGEE_DEG = 0;
/** RAAN of plane 0, deg, when omitted. */
export const DEFAULT_WALKER_RAAN_OFFSET_DEG = 0;

/** An ISO 8601 instant; a time without zone is UTC (util/duration.ts parseIsoUtcMs). */
export const isoUtcString = z
  .string()
  .regex(/^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?)?$/, {
    message: "expected an ISO 8601 UTC time, e.g. 2026-01-01T00:00:00Z",
  })
  .meta({ description: "ISO 8601 instant, UTC (e.g. 2026-01-01T00:00:00Z)" });

export const walkerSchema = z
  .strictObject({
    altitudeKm: z
      .number()
      .min(150)
      .max(35_786)
      .meta({ description: "Mean altitude above the WGS-72 equatorial radius (6378.135 km), km" }),
    inclinationDeg: z.number().min(0).max(180).meta({ description: "Inclination, deg" }),
    planes: z.int().min(1).meta({ description: "Number of orbital planes P" }),
    satsPerPlane: z.int().min(1).meta({ description: "Satellites per plane S" }),
    phasing: z.int().min(0).meta({ description: "Walker phasing factor F, 0 <= F < planes" }),
    raanSpreadDeg: z
      .number()
      .gt(0)
      .max(360)
      .meta({ description: "Spread of ascending nodes: 360 (Walker delta) or 180 (Walker star)" }),
    eccentricity: z.number().min(0).lt(0.1).optional().meta({ description: "Eccentricity (default 0)" }),
    argOfPerigeeDeg: z.number().min(0).lt(360).optional().meta({ description: "Argument of perigee, deg" }),
    raanOffsetDeg: z.number().min(0).lt(360).optional().meta({ description: "RAAN of plane 0, deg" }),
    epoch: isoUtcString.optional().meta({ description: "Epoch of the elements (default: top-level epoch)" }),
  })
  .superRefine((w, ctx) => {
    if (w.phasing >= w.planes)
      ctx.addIssue({
        code: "custom",
        path: ["phasing"],
        input: w.phasing,
        message: `phasing F must be less than planes (${w.planes})`,
      });
  });
export type WalkerInput = z.infer<typeof walkerSchema>;

export const elementsSchema = z.strictObject({
  file: z.string().min(1).meta({
    description: "Element file (for format hypatia: a Hypatia directory), relative to this YAML file",
  }),
  format: z.enum([...ELEMENT_FORMATS, "hypatia"]).meta({
    description:
      "tle: TLE/3LE text; omm: CCSDS OMM JSON; omm-xml: OMM NDM/XML; omm-kvn: OMM keyword = value; omm-csv: CelesTrak OMM CSV; " +
      "hypatia: a Hypatia satellite-network-state directory (its satellites, ISLs, stations and GSL range; docs/catalogs.md)",
  }),
});

export const shellSchema = z
  .strictObject({
    name: z
      .string()
      .min(1)
      .regex(/^[A-Za-z0-9_.-]+$/, { message: "use letters, digits, _ . -" }),
    walker: walkerSchema.optional(),
    elements: elementsSchema.optional(),
    structure: z.literal("infer").optional().meta({
      description:
        "infer: group the element sets into shells, planes and slots (docs/catalog-structure.md), for +Grid",
    }),
    isl: islSection.optional(),
    eo: eoShellSection.optional(),
  })
  .superRefine((s, ctx) => {
    if ((s.walker === undefined) === (s.elements === undefined))
      ctx.addIssue({
        code: "custom",
        path: s.walker === undefined ? ["walker"] : ["elements"],
        input: undefined,
        message: "a shell has exactly one of walker (generated) or elements (from a file)",
      });
    if (s.structure !== undefined && s.elements === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["structure"],
        input: s.structure,
        message: "structure: infer applies to a shell of element sets (elements: { file, format })",
      });
  });
export type ShellInput = z.infer<typeof shellSchema>;

export const stationDefaultsSchema = z.strictObject({
  minElevationDeg: z.number().min(0).max(90).optional(),
  maxRangeKm: z.number().gt(0).optional(),
});

export const stationSchema = z.strictObject({
  name: z.string().min(1),
  latDeg: z.number().min(-90).max(90).meta({ description: "Geodetic latitude (WGS-84), deg" }),
  lonDeg: z.number().min(-180).max(180).meta({ description: "Longitude, deg east" }),
  altM: z.number().min(-500).max(9000).optional().meta({ description: "Height above the ellipsoid, m" }),
  minElevationDeg: z.number().min(0).max(90).optional().meta({ description: "Elevation mask, deg" }),
  maxRangeKm: z.number().gt(0).optional().meta({ description: "Slant-range limit, km" }),
  capacityGbps: z.number().positive().optional().meta({
    description:
      "RF capacity of this station's ground links, Gbps, each direction (default: groundLinks.capacityGbps)",
  }),
  antennas: stationAntennasSchema.optional().meta({
    description:
      "Antennas of this station: satellites it links to at once, the highest first (default: groundLinks.antennas)",
  }),
});
export type StationInput = z.infer<typeof stationSchema>;

export const groundStationsSchema = z.strictObject({
  include: z
    .array(z.string().min(1))
    .optional()
    .meta({ description: "Ground-station set files, relative to this YAML file" }),
  defaults: stationDefaultsSchema.optional(),
  stations: z.array(stationSchema).optional(),
});

export const constellationFileSchema = z
  .strictObject({
    name: z.string().min(1),
    description: z.string().optional(),
    epoch: isoUtcString,
    shells: z.array(shellSchema).min(1),
    groundStations: groundStationsSchema.optional(),
    groundLinks: groundLinksSection.optional(),
    routing: routingSection.optional(),
    fiber: fiberSection.optional(),
    eo: eoSection.optional(),
    emu: emuSection.optional(),
    apps: appsSection.optional(),
  })
  .meta({ title: "constellate constellation", description: "A constellation catalog file" });
export type ConstellationFileInput = z.infer<typeof constellationFileSchema>;

export const stationSetFileSchema = z
  .strictObject({
    name: z.string().min(1),
    description: z.string().optional(),
    defaults: stationDefaultsSchema.optional(),
    stations: z.array(stationSchema).min(1),
  })
  .meta({ title: "constellate ground-station set" });
export type StationSetFileInput = z.infer<typeof stationSetFileSchema>;

/** Top-level constellation keys that are layer sections, carried into Constellation.settings. */
export const LAYER_SECTIONS = ["groundLinks", "routing", "fiber", "eo", "emu", "apps"] as const;
/** Shell keys that are layer sections, carried into ShellInfo.settings. */
export const SHELL_LAYER_SECTIONS = ["isl", "eo"] as const;
