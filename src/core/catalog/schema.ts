import * as z from "zod";
import { schemaMessage } from "../text/zod-issue-text";

/*
 * Every object of the catalogue and rules files is strict: an unknown key is a problem naming its
 * field (with the closest known key, `entry-problems.ts`), never dropped. A misspelled optional key
 * would otherwise run with its default and the file would look fine.
 */

/** Text shown to users, in both UI languages. Vietnamese is the default. */
export const localizedText = z.strictObject({
  vi: z.string().min(1),
  en: z.string().min(1),
});
export type LocalizedText = z.infer<typeof localizedText>;

/** Id of a layer or a rule: lower-case words of a-z and 0-9 joined by hyphens. */
export const kebabId = z.string().regex(
  /^[a-z0-9]+(-[a-z0-9]+)*$/,
  schemaMessage({
    vi: 'id phải gồm chữ thường không dấu a-z, chữ số 0-9 và dấu gạch nối "-", ví dụ "ring-road-4"',
    en: 'id must be kebab-case (a-z, 0-9, -), e.g. "ring-road-4"',
  }),
);

/**
 * Plan levels under the Law on Planning 21/2017/QH14 art. 5–6. National sector plans rank above the
 * regional plan (sector plans conform to the national master and land-use plans; the regional plan to
 * all national plans), and the district layer is the administrative base, not a plan.
 */
export const PLAN_LEVELS = ["national", "sector", "regional", "city", "district"] as const;
export const planLevel = z.enum(PLAN_LEVELS);
export type PlanLevel = z.infer<typeof planLevel>;

export const SECTORS = [
  "land-use",
  "transport",
  "energy",
  "water-flood",
  "environment",
  "heritage",
  "defence",
  "urban",
] as const;
export const sector = z.enum(SECTORS);
export type Sector = z.infer<typeof sector>;

/** Art. 7 workflow stages tracked by the Department of Planning and Investment. */
export const PLAN_STATUSES = ["drafting", "appraisal", "approved"] as const;
export const planStatus = z.enum(PLAN_STATUSES);
export type PlanStatus = z.infer<typeof planStatus>;

const isoDate = z.iso.date();
const cssColor = z.string().regex(
  /^#[0-9a-fA-F]{6}$/,
  schemaMessage({
    vi: 'màu phải có dạng #rrggbb (6 chữ số hệ 16), ví dụ "#1f78b4"',
    en: 'colour must be #rrggbb (6 hex digits), e.g. "#1f78b4"',
  }),
);

export const legalBasis = z.strictObject({
  /** Instrument number as written, e.g. "1569/QĐ-TTg". */
  instrument: z.string().min(1),
  date: isoDate,
  issuer: localizedText,
});
export type LegalBasis = z.infer<typeof legalBasis>;

export const styleCategory = z.strictObject({
  value: z.union([z.string(), z.number()]),
  color: cssColor,
  label: localizedText,
});
export type StyleCategory = z.infer<typeof styleCategory>;

export const layerStyle = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("simple"),
    color: cssColor,
    /** Line width in pixels (lines and outlines; an outline of 1 px or less is the fill's edge). */
    width: z.number().positive().optional(),
    label: localizedText.optional(),
  }),
  z.strictObject({
    type: z.literal("categorised"),
    attribute: z.string().min(1),
    categories: z.array(styleCategory).min(1),
    fallbackColor: cssColor,
    width: z.number().positive().optional(),
  }),
]);
export type LayerStyle = z.infer<typeof layerStyle>;

export const attributeLabel = z.strictObject({
  key: z.string().min(1),
  label: localizedText,
  /** Unit appended to the value when shown, e.g. "m", "ha". */
  unit: z.string().optional(),
});
export type AttributeLabel = z.infer<typeof attributeLabel>;

/**
 * A URL ("https:", "file:", "data:"…; any scheme, so a Windows drive letter too) or a network path
 * ("//host/…", which a browser resolves against another host). The app reads a source relative to
 * the catalogue's own address and the CLI relative to its folder: with a URL the app would call a
 * host the user never configured while the CLI read a local path of that name. One rule for both:
 * sources are local paths; a remote file is downloaded first.
 */
const NOT_A_PATH = /^(?:[a-z][a-z0-9+.-]*:|[\\/]{2})/i;

/**
 * A table already in a PostGIS database, checked in place by `npm run check -- --engine postgis`:
 * `postgis:table` or `postgis:schema.table` (the first dot splits the schema from the table).
 */
export const POSTGIS_SOURCE_PREFIX = "postgis:";
const POSTGIS_SOURCE = /^postgis:[^.\s]/;

/** A table a `postgis:` source names; `schema` null: the database's search path decides. */
export type PostgisTable = { schema: string | null; table: string };

/** The schema and table a `postgis:` source names; null for a file. */
export function postgisTable(source: string): PostgisTable | null {
  // U+0000 cannot be part of a PostgreSQL name
  if (!POSTGIS_SOURCE.test(source) || source.includes("\u0000")) return null;
  const name = source.slice(POSTGIS_SOURCE_PREFIX.length);
  const dot = name.indexOf(".");
  if (dot < 0) return { schema: null, table: name };
  const table = name.slice(dot + 1);
  return table === "" ? null : { schema: name.slice(0, dot), table };
}

/** A layer file path, relative to the catalogue file, or a PostGIS table (`postgis:schema.table`). */
const layerSource = z
  .string()
  .refine(
    (source) => postgisTable(source) !== null || !NOT_A_PATH.test(source),
    schemaMessage({
      vi: "nguồn phải là đường dẫn tệp tương đối so với danh mục, không phải URL: tải tệp về rồi ghi đường dẫn của nó",
      en: "source must be a file path relative to the catalogue, not a URL: download the file and give its path",
    }),
  )
  .refine(
    (source) =>
      postgisTable(source) !== null ||
      /\.(geojson|json|fgb|ndjson|jsonl|geojsonl|geojsons)$/i.test(source),
    schemaMessage({
      vi: "nguồn phải là tệp .geojson, .json, .fgb, GeoJSON theo dòng (.ndjson, .jsonl, .geojsonl, .geojsons), hoặc bảng postgis:lược_đồ.bảng",
      en: "source must be a .geojson, .json or .fgb file, newline-delimited GeoJSON (.ndjson, .jsonl, .geojsonl, .geojsons), or a table postgis:schema.table",
    }),
  );

export const layerEntry = z
  .strictObject({
    id: kebabId,
    title: localizedText,
    description: localizedText.optional(),
    /**
     * Notes for the catalogue's maintainers (how the layer is built, what the tests plant in it).
     * Never shown in the app: the metadata card is for planners.
     */
    notes: localizedText.optional(),
    level: planLevel,
    sector: sector.optional(),
    legalBasis,
    agency: localizedText,
    status: planStatus,
    dataAsOf: isoDate,
    /** True when the geometry is an illustration of the instrument, not its official data. */
    illustrative: z.boolean(),
    /** GeoJSON (.geojson/.json) or FlatGeobuf (.fgb) path, relative to the catalogue file. */
    source: layerSource,
    /**
     * Who the data come from, as the metadata card credits it. Without it the card credits the
     * instrument (illustrative geometry) or the agency (official data).
     */
    attribution: localizedText.optional(),
    geometryType: z.enum(["polygon", "line", "point"]),
    style: layerStyle,
    attributes: z.array(attributeLabel),
    /** Attribute holding the feature's display name, if any. */
    nameAttribute: z.string().optional(),
    /**
     * Shown when the app opens (without a link saying otherwise). Off unless the catalogue says why
     * it is on: a first view of every layer is a mosaic nobody can read.
     */
    visible: z.boolean().default(false),
    /** Why the layer is in the first view (shown in its metadata card). */
    visibleReason: localizedText.optional(),
    opacity: z.number().min(0).max(1).default(0.7),
  })
  .superRefine((entry, ctx) => {
    if (entry.level === "sector" && !entry.sector) {
      ctx.addIssue({
        code: "custom",
        path: ["sector"],
        message: schemaMessage({
          vi: 'lớp cấp ngành (level "sector") phải ghi ngành của nó: thêm "sector", ví dụ "transport"',
          en: 'a sector-level layer must name its sector: add "sector", e.g. "transport"',
        }),
      });
    }
  });
export type LayerEntry = z.infer<typeof layerEntry>;

/** The catalogue root; entries are validated one by one so a bad entry never hides the others. */
export const catalogRoot = z.strictObject({
  version: z.literal(1),
  title: localizedText,
  /** Cut-off date for plan data (the Capital plan requires data up to the end of 2022). */
  dataCutoff: isoDate,
  layers: z.array(z.unknown()),
  /** Path of the consistency rules file, relative to the catalogue. */
  rules: z.string().optional(),
});
