import * as z from "zod";
import { schemaMessage } from "../text/zod-issue-text";
import { kebabId, localizedText } from "./schema";

/*
 * The fields rule types share, for the schemas of `core/check/rules/<type>/schema.ts`. Zod: only
 * the catalogue reader imports these (the check worker never does).
 */

/** A layer id of the catalogue. */
export const layerId = z
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

/** Fields every rule has. `severity` is the severity of every finding of the rule. */
export const ruleBase = {
  id: kebabId,
  title: localizedText,
  description: localizedText,
  severity,
  subject: layerSelection,
};

/** Overlaps of area at most this many m² are treated as touching (digitising noise). */
export const toleranceSquareMeters = z.number().nonnegative().default(1);
