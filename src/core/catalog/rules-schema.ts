import { z } from "zod";
import { showValue } from "../text/show-value";
import { schemaMessage } from "../text/zod-issue-text";
import {
  EntryIds,
  type EntryProblem,
  formatEntryProblem,
  type ProblemLanguage,
  parseEntry,
  parseRoot,
} from "./entry-problems";
import { kebabId, localizedText } from "./schema";

const layerId = z
  .string()
  .min(1, schemaMessage({ vi: "mã lớp không được để trống", en: "layer id must not be empty" }));
const attributeValue = z.union([z.string(), z.number(), z.boolean()]);

/** Keeps the features whose `attribute` equals one of `in` (a number matches its decimal string). */
export const featureFilter = z.strictObject({
  attribute: z.string().min(1),
  in: z.array(attributeValue).min(
    1,
    schemaMessage({
      vi: "bộ lọc cần ít nhất một giá trị",
      en: "a filter needs at least one value",
    }),
  ),
});
export type FeatureFilter = z.infer<typeof featureFilter>;

export const layerSelection = z.strictObject({
  layer: layerId,
  filter: featureFilter.optional(),
});
export type LayerSelection = z.infer<typeof layerSelection>;

export const SEVERITIES = ["error", "warning"] as const;
export const severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severity>;

export const RULE_TYPES = [
  "no-overlap",
  "within",
  "min-distance",
  "quota",
  "compatibility",
  "valid-geometry",
] as const;
export type RuleType = (typeof RULE_TYPES)[number];

/** Fields every rule has. `severity` is the severity of every finding of the rule. */
const ruleBase = {
  id: kebabId,
  title: localizedText,
  description: localizedText,
  severity,
  subject: layerSelection,
};

/** Overlaps of area at most this many m² are treated as touching (digitising noise). */
const toleranceSquareMeters = z.number().nonnegative().default(1);

export const noOverlapRule = z.strictObject({
  ...ruleBase,
  type: z.literal("no-overlap"),
  constraint: layerSelection,
  toleranceSquareMeters,
});

/** The subject must be covered by the union of the constraint features; reports the part outside. */
export const withinRule = z.strictObject({
  ...ruleBase,
  type: z.literal("within"),
  constraint: layerSelection,
  toleranceSquareMeters,
});

/**
 * Largest `distanceMeters`, metres. The clearances plans set run from metres to two kilometres: the
 * dyke protection zone 25 m (Law on Dykes art. 23), the high-speed rail and Ring Road 4 corridors
 * 60 m and 120 m, and the widest hygiene distance of the construction standards, 2 000 m from a
 * burial cemetery to housing in midland areas (1 500 m in the delta, as the rules of Hà Nội's 2011
 * general plan quote it). 10 km leaves five times that and is still a clearance, not most of a
 * city 76 × 91 km across. The buffer's cost grows with the distance (1e7 m ran for minutes, 1e9 m
 * never ended); at 10 km a check of the shipped rules takes seconds.
 */
export const MAX_DISTANCE_METERS = 10_000;

/**
 * The subject must keep `distanceMeters` from every constraint feature (line centre line or polygon);
 * 0 means "must not enter". Reports the part of the subject closer than that and the smallest distance.
 */
export const minDistanceRule = z.strictObject({
  ...ruleBase,
  type: z.literal("min-distance"),
  constraint: layerSelection,
  distanceMeters: z
    .number()
    .nonnegative()
    .max(
      MAX_DISTANCE_METERS,
      schemaMessage({
        vi: `tối đa ${MAX_DISTANCE_METERS} m (khoảng cách ly rộng nhất quy hoạch đặt ra khoảng 2 km)`,
        en: `at most ${MAX_DISTANCE_METERS} m (the widest clearance plans set is about 2 km)`,
      }),
    ),
  toleranceSquareMeters,
});

export const quotaTarget = z
  .strictObject({
    /** "city" sums every matching subject feature; "district" those of one district. */
    scope: z.enum(["city", "district"]),
    /** District code (GSO, e.g. "001") when scope is "district". */
    district: z.string().min(1).optional(),
    minHectares: z.number().nonnegative().optional(),
    maxHectares: z.number().nonnegative().optional(),
  })
  .superRefine((target, ctx) => {
    if (target.scope === "district" && !target.district) {
      ctx.addIssue({
        code: "custom",
        path: ["district"],
        message: schemaMessage({
          vi: 'chỉ tiêu cấp quận/huyện cần mã quận/huyện (district), ví dụ "001"',
          en: 'a district target needs a code (district), e.g. "001"',
        }),
      });
    }
    if (target.scope === "city" && target.district) {
      ctx.addIssue({
        code: "custom",
        path: ["district"],
        message: schemaMessage({
          vi: "chỉ tiêu cấp thành phố không ghi quận/huyện: xóa district",
          en: "a city target has no district: remove district",
        }),
      });
    }
    if (target.minHectares === undefined && target.maxHectares === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["minHectares"],
        message: schemaMessage({
          vi: "ghi minHectares hoặc maxHectares",
          en: "give minHectares or maxHectares",
        }),
      });
    }
    if (
      target.minHectares !== undefined &&
      target.maxHectares !== undefined &&
      target.minHectares > target.maxHectares
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["maxHectares"],
        message: schemaMessage({
          vi: "maxHectares nhỏ hơn minHectares",
          en: "maxHectares < minHectares",
        }),
      });
    }
  });
export type QuotaTarget = z.infer<typeof quotaTarget>;

/**
 * Area of matching subject features per group against targets of a higher plan. The optional
 * constraint names the plan that sets the targets (it becomes the prevailing plan of the findings);
 * its geometry is not used.
 */
export const quotaRule = z.strictObject({
  ...ruleBase,
  type: z.literal("quota"),
  constraint: z.strictObject({ layer: layerId }).optional(),
  /**
   * How a feature's district is known: from an attribute of the feature (default `district_code`) or
   * by overlaying the district layer given to the engine (a feature across two districts is split).
   */
  districtSource: z
    .discriminatedUnion("kind", [
      z.strictObject({ kind: z.literal("attribute"), attribute: z.string().min(1) }),
      z.strictObject({ kind: z.literal("districts-layer") }),
    ])
    .default({ kind: "attribute", attribute: "district_code" }),
  targets: z.array(quotaTarget).min(
    1,
    schemaMessage({
      vi: "quy tắc chỉ tiêu cần ít nhất một chỉ tiêu",
      en: "a quota rule needs at least one target",
    }),
  ),
  /** True when the targets are invented for illustration, not taken from an approved plan. */
  illustrative: z.boolean(),
});

export const COMPATIBILITY_VERDICTS = ["allowed", "conditional", "forbidden"] as const;
export const compatibilityVerdict = z.enum(COMPATIBILITY_VERDICTS);
export type CompatibilityVerdict = z.infer<typeof compatibilityVerdict>;

/**
 * Subject attribute value × constraint attribute value → verdict, for every overlapping pair.
 * Forbidden overlaps are errors, conditional ones warnings (whatever the rule's `severity`);
 * pairs missing from the matrix take `defaultVerdict`.
 */
export const compatibilityRule = z.strictObject({
  ...ruleBase,
  type: z.literal("compatibility"),
  constraint: layerSelection,
  subjectAttribute: z.string().min(1),
  constraintAttribute: z.string().min(1),
  matrix: z.record(z.string(), z.record(z.string(), compatibilityVerdict)),
  defaultVerdict: compatibilityVerdict.default("allowed"),
  toleranceSquareMeters,
});

/** Every subject feature must be a valid geometry; parts narrower than `sliverWidthMeters` are slivers. */
export const validGeometryRule = z.strictObject({
  ...ruleBase,
  type: z.literal("valid-geometry"),
  sliverWidthMeters: z.number().nonnegative().default(1),
});

export const rule = z.discriminatedUnion("type", [
  noOverlapRule,
  withinRule,
  minDistanceRule,
  quotaRule,
  compatibilityRule,
  validGeometryRule,
]);
export type Rule = z.infer<typeof rule>;
export type NoOverlapRule = z.infer<typeof noOverlapRule>;
export type WithinRule = z.infer<typeof withinRule>;
export type MinDistanceRule = z.infer<typeof minDistanceRule>;
export type QuotaRule = z.infer<typeof quotaRule>;
export type CompatibilityRule = z.infer<typeof compatibilityRule>;
export type ValidGeometryRule = z.infer<typeof validGeometryRule>;

/** The rules file root (`layers/rules.json`); rules are validated one by one. */
export const rulesRoot = z.strictObject({
  /** Path of `rules.schema.json`, for editors; ignored here (the one key no rule reads). */
  $schema: z.string().optional(),
  version: z.literal(1),
  rules: z.array(z.unknown()),
});

/**
 * JSON Schema (draft 2020-12) of the rules file, generated from the zod schema, so editors can
 * validate and complete `layers/rules.json` as it is written (`layers/rules.schema.json`).
 */
export function rulesJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(rulesRoot.extend({ rules: z.array(rule) }), { io: "input" });
}

/** What the rules file's entries are called in messages. */
const RULE = { vi: "quy tắc", en: "rule" };

/** One problem found in a rules file; `index` is the rule's in `rules`. */
export type RuleProblem = EntryProblem;

export type RulesResult = { rules: Rule[]; problems: RuleProblem[] };

/**
 * Validates a parsed rules file. Each rule is checked on its own: a bad rule yields problems naming
 * its index, id and field and is left out; the others still load. Duplicate ids are problems too.
 * When `layerIds` is given, a rule naming a layer not in it is a problem and is left out.
 */
export function parseRules(json: unknown, layerIds?: ReadonlySet<string>): RulesResult {
  const root = parseRoot(rulesRoot, json, "(rule)");
  if (!root.data) return { rules: [], problems: root.problems };
  const rules: Rule[] = [];
  const problems: RuleProblem[] = [...root.problems];
  const ids = new EntryIds(RULE);
  root.data.rules.forEach((raw, index) => {
    const parsed = parseEntry(rule, raw, index, "(rule)");
    if (parsed.problems) {
      problems.push(...parsed.problems);
      return;
    }
    const { id } = parsed.data;
    const duplicate = ids.duplicate(id, index);
    if (duplicate) {
      problems.push(duplicate);
      return;
    }
    const unknown = layerIds
      ? referencedLayers(parsed.data).filter((l) => !layerIds.has(l.id))
      : [];
    if (unknown.length > 0) {
      for (const { field, id: layer } of unknown) {
        problems.push({
          index,
          id,
          field,
          message: {
            vi: `không có lớp ${showValue(layer)} trong danh mục: sửa id hoặc thêm lớp vào danh mục`,
            en: `unknown layer ${showValue(layer)}: correct the id or add the layer to the catalogue`,
          },
        });
      }
      return;
    }
    ids.add(id, index);
    rules.push(parsed.data);
  });
  return { rules, problems };
}

/** The layers a rule reads, with the field that names each. */
export function referencedLayers(r: Rule): { field: string; id: string }[] {
  const out = [{ field: "subject.layer", id: r.subject.layer }];
  if ("constraint" in r && r.constraint)
    out.push({ field: "constraint.layer", id: r.constraint.layer });
  return out;
}

/**
 * One line per problem: both languages for a terminal (the default), the UI's language in the app,
 * e.g. `layers/rules.json: quy tắc / rule #0 "x" severity: … / …`.
 */
export function formatRuleProblem(
  problem: RuleProblem,
  file: string,
  lang: ProblemLanguage = "both",
): string {
  return formatEntryProblem(problem, file, RULE, lang);
}
