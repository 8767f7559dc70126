import { type Rule, rule as ruleSchema } from "../../../../src/core/catalog/rules-schema";
import type { RuleSqlContext } from "../../../../src/core/check/sql/context";

/** A rule of the tests of the rules' SQL: `fields` with a title, a description and severity error. */
export const sqlTestRule = (fields: Record<string, unknown>): Rule =>
  ruleSchema.parse({
    title: { vi: "t", en: "t" },
    description: { vi: "d", en: "d" },
    severity: "error",
    ...fields,
  });

/** One rule of each pair type whose finding carries the share of the subject: a against b. */
export const AREA_PAIR_RULES: Rule[] = [
  { id: "o", type: "no-overlap", subject: { layer: "a" }, constraint: { layer: "b" } },
  { id: "w", type: "within", subject: { layer: "a" }, constraint: { layer: "b" } },
  {
    id: "m",
    type: "min-distance",
    subject: { layer: "a" },
    constraint: { layer: "b" },
    distanceMeters: 10,
  },
].map(sqlTestRule);

/** The query context of a rule of a against b (relations "pl_layer_a", "pl_layer_b"). */
export const sqlTestContext = (over: Partial<RuleSqlContext> = {}): RuleSqlContext => ({
  subject: '"pl_layer_a"',
  constraint: '"pl_layer_b"',
  subjectSelection: null,
  constraintSelection: null,
  sameLayer: false,
  self: "none",
  districts: null,
  geometry: false,
  safe: false,
  polygonal: true,
  ...over,
});
