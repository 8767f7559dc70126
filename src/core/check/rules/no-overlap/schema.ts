import * as z from "zod";
import { layerSelection, ruleBase, toleranceSquareMeters } from "../../../catalog/rule-fields";

/*
 * The no-overlap rule as the catalogue reads it (zod). Imported only through `../schema-index.ts`, by the
 * catalogue reader: the check worker never bundles zod.
 */

export const noOverlapRule = z.strictObject({
  ...ruleBase,
  type: z.literal("no-overlap"),
  constraint: layerSelection,
  toleranceSquareMeters,
});

export type NoOverlapRule = z.infer<typeof noOverlapRule>;
