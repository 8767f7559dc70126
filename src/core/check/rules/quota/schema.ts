import * as z from "zod";
import { layerId, ruleBase } from "../../../catalog/rule-fields";
import { schemaMessage } from "../../../text/zod-issue-text";

/*
 * The quota rule as the catalogue reads it (zod). Imported only through `../schema-index.ts`, by the
 * catalogue reader: the check worker never bundles zod.
 */

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

export type QuotaRule = z.infer<typeof quotaRule>;
