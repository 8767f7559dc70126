import * as z from "zod";
import { ruleBase } from "../../../catalog/rule-fields";

/*
 * The valid-geometry rule as the catalogue reads it (zod). Imported only through `../schema-index.ts`, by the
 * catalogue reader: the check worker never bundles zod.
 */

/** Every subject feature must be a valid geometry; parts narrower than `sliverWidthMeters` are slivers. */
export const validGeometryRule = z.strictObject({
  ...ruleBase,
  type: z.literal("valid-geometry"),
  sliverWidthMeters: z.number().nonnegative().default(1),
});

export type ValidGeometryRule = z.infer<typeof validGeometryRule>;
