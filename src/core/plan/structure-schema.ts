import * as z from "zod";
import { zodProblems } from "../catalog/entry-problems";
import { parseShowingIssues, schemaMessage } from "../text/zod-issue-text";
import { isLandUseCode } from "./land-use-codes";
import { PlanInputError } from "./plan-input-error";

const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const unknownCode = schemaMessage({
  vi: "mã loại đất không có trong chú giải quy hoạch: dùng một mã của chú giải, ví dụ ODT, LUC",
  en: "unknown land-use code: use a code of the plan legend, e.g. ODT, LUC",
});
const code = z.string().refine(isLandUseCode, { message: unknownCode });
const mix = z
  .record(z.string().refine(isLandUseCode, { message: unknownCode }), z.number().min(0))
  .refine((m) => Object.values(m).some((w) => w > 0), {
    message: schemaMessage({
      vi: "tỉ lệ pha trộn cần ít nhất một trọng số dương",
      en: "a mix needs a positive weight",
    }),
  });
const authoredKey = z.string().regex(
  /\.geojson$/,
  schemaMessage({
    vi: "ghi một tệp layers/**/*.geojson, ví dụ sector/red-river.geojson",
    en: "name a layers/**/*.geojson file, e.g. sector/red-river.geojson",
  }),
);
const districtCodes = z.array(
  z.string().regex(
    /^\d{3}$/,
    schemaMessage({
      vi: "mã quận/huyện gồm 3 chữ số, ví dụ 001",
      en: "district codes have 3 digits, e.g. 001",
    }),
  ),
);

/** Where the lattice is finer than `defaultStep` (the finest step of all matching areas wins). */
const densify = z.object({
  id: z.string().min(1),
  center: lonLat,
  radiusM: z.number().positive(),
  step: z.number().int().min(1),
});

export const PRECEDENCE_RULES = [
  "override",
  "river",
  "protected",
  "industrial",
  "urban",
  "green",
  "rural",
] as const;
export type PrecedenceRule = (typeof PRECEDENCE_RULES)[number];

/**
 * layers/city-plan/structure.json: the hand-authored structure of the illustrative Capital plan
 * zoning (centres with radii, corridors with widths, industrial parks with areas, the order of
 * precedence). Positions are [longitude, latitude]; distances in metres; areas in hectares.
 */
export const cityStructure = z.object({
  version: z.literal(1),
  about: z.string().optional(),
  seed: z.number().int().min(0).max(0xffffffff),
  planPeriod: z.string().min(1),
  codeSystem: z.string().min(1),
  lattice: z.object({
    /** Lattice node (0, 0), so seeds do not move when the boundary's extent changes. */
    origin: lonLat,
    spacingM: z.number().min(100),
    jitter: z.number().min(0).max(0.45),
    defaultStep: z.number().int().min(1),
    densify: z.array(densify),
  }),
  precedence: z
    .array(z.enum(PRECEDENCE_RULES))
    .refine((rules) => new Set(rules).size === rules.length, {
      message: schemaMessage({
        vi: "một quy tắc được ghi hai lần",
        en: "a rule is listed twice",
      }),
    }),
  river: z.object({
    source: authoredKey,
    zoneName: z.string().min(1),
    bedCode: code,
    bedHalfWidthM: z.number().positive(),
    bankMix: mix,
  }),
  protected: z.array(z.object({ source: authoredKey })),
  industrialParks: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string().min(1),
      point: lonLat,
      areaHa: z.number().positive(),
      conflictNote: z.string().min(1).optional(),
    }),
  ),
  industrialCode: code,
  urbanCentres: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string().min(1),
      kind: z.enum(["central", "satellite", "ecological"]),
      center: lonLat,
      radiusM: z.number().positive(),
      mix,
    }),
  ),
  greenCorridors: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string().min(1),
      widthM: z.number().positive(),
      mix,
      line: z.array(lonLat).min(2),
    }),
  ),
  rural: z.object({
    zoneName: z.string().min(1),
    riceSource: authoredKey,
    riceCode: code,
    mix,
    upland: z.object({ districts: districtCodes, mix }),
    urbanDistricts: z.object({ districts: districtCodes, mix }),
  }),
  overrides: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string().min(1),
      point: lonLat,
      code,
      conflictNote: z.string().min(1).optional(),
    }),
  ),
});
export type CityStructure = z.infer<typeof cityStructure>;

/** The structure file's path as messages name it. */
export const STRUCTURE_FILE = "layers/city-plan/structure.json";

/**
 * Validates parsed structure.json.
 *
 * @throws PlanInputError naming the file, with a problem (field and text, in both languages) per
 *   issue
 */
export function parseStructure(json: unknown): CityStructure {
  const result = parseShowingIssues(cityStructure, json);
  if (result.success) return result.data;
  throw new PlanInputError(
    STRUCTURE_FILE,
    {
      vi: "tệp không khớp lược đồ: sửa các trường dưới đây",
      en: "the file does not match its schema: correct the fields below",
    },
    zodProblems(result.error, null, null, "(root)", cityStructure, json),
  );
}
