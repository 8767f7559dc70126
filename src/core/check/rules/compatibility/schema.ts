import * as z from "zod";
import { layerSelection, ruleBase, toleranceSquareMeters } from "../../../catalog/rule-fields";

/*
 * The compatibility rule as the catalogue reads it (zod). Imported only through `../schema-index.ts`, by the
 * catalogue reader: the check worker never bundles zod.
 */

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

export type CompatibilityRule = z.infer<typeof compatibilityRule>;
