import * as z from "zod";
import { layerSelection, ruleBase, toleranceSquareMeters } from "../../../catalog/rule-fields";

/*
 * The within rule as the catalogue reads it (zod). Imported only through `../schema-index.ts`, by the
 * catalogue reader: the check worker never bundles zod.
 */

/** The subject must be covered by the union of the constraint features; reports the part outside. */
export const withinRule = z.strictObject({
  ...ruleBase,
  type: z.literal("within"),
  constraint: layerSelection,
  toleranceSquareMeters,
});

export type WithinRule = z.infer<typeof withinRule>;
