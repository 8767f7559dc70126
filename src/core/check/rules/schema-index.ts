import * as z from "zod";
import { compatibilityRule } from "./compatibility/schema";
import { minDistanceRule } from "./min-distance/schema";
import { noOverlapRule } from "./no-overlap/schema";
import { quotaRule } from "./quota/schema";
import { validGeometryRule } from "./valid-geometry/schema";
import { withinRule } from "./within/schema";

/*
 * Every rule type's schema (zod), in the order the JSON Schema of the rules file lists them. Only
 * the catalogue reader (`catalog/rules-schema.ts`) imports this list: the check engine and its
 * worker read rules already parsed and must not bundle zod (`test/core/check/rules/one-folder.test.ts`).
 */
const RULE_SCHEMAS = [
  noOverlapRule,
  withinRule,
  minDistanceRule,
  quotaRule,
  compatibilityRule,
  validGeometryRule,
] as const;

/** One rule of the rules file, of any type. */
export const rule = z.discriminatedUnion("type", RULE_SCHEMAS);
export type Rule = z.infer<typeof rule>;
export type RuleType = Rule["type"];

/** The rule types, in the order of the schemas. */
export const RULE_TYPES: readonly RuleType[] = RULE_SCHEMAS.map((s) => s.shape.type.value);
