import { fixed } from "../../csv-cells";
import type { AttributeRead, RuleDescriptor } from "../types";
import { finalizeQuota, type QuotaAccumulator } from "./finalize";
import type { QuotaRule } from "./schema";

// What the type's findings carry besides the common fields (see `Measures` in ../../types.ts).
declare module "../../types" {
  interface Measures {
    /** Area of the group's matching features, hectares. */
    actualHectares?: number;
    minHectares?: number;
    maxHectares?: number;
    shortfallHectares?: number;
    excessHectares?: number;
  }
  interface RuleFindingFields {
    /** The group measured ("city", or a district and its code). */
    group?: { scope: "city" | "district"; district: string | null };
    /** The target is invented for illustration. */
    illustrative?: boolean;
  }
}

/**
 * quota: its constraint only names the plan that sets the targets; its findings are groups (the
 * city, a district) with their area against the target.
 */
export const quotaDescriptor: RuleDescriptor<QuotaRule> = {
  type: "quota",
  constraint: "target-plan",
  attributes: quotaAttributes,
  finalize: (accumulators) => finalizeQuota(accumulators as QuotaAccumulator[]),
  csvColumns: [
    { name: "shortfall_ha", cell: (f) => fixed(f.measures.shortfallHectares, 4) },
    { name: "excess_ha", cell: (f) => fixed(f.measures.excessHectares, 4) },
    { name: "group", cell: (f) => (f.group ? (f.group.district ?? f.group.scope) : "") },
  ],
  details(finding, { t, hectares }) {
    const m = finding.measures;
    const lines: string[] = [];
    if (m.actualHectares !== undefined) {
      const actual = hectares(m.actualHectares);
      if (m.shortfallHectares !== undefined && m.minHectares !== undefined) {
        lines.push(
          t("check.detail.shortfall", {
            actual,
            target: hectares(m.minHectares),
            gap: hectares(m.shortfallHectares),
          }),
        );
      }
      if (m.excessHectares !== undefined && m.maxHectares !== undefined) {
        lines.push(
          t("check.detail.excess", {
            actual,
            target: hectares(m.maxHectares),
            gap: hectares(m.excessHectares),
          }),
        );
      }
    }
    if (finding.illustrative) lines.push(t("check.detail.illustrativeTarget"));
    return lines;
  },
};

/** The attribute holding each subject feature's district code, when the districts come from one. */
export function quotaAttributes(rule: QuotaRule): AttributeRead[] {
  if (rule.districtSource.kind !== "attribute") return [];
  return [
    {
      layer: rule.subject.layer,
      attribute: rule.districtSource.attribute,
      field: "districtSource.attribute",
      values: [],
      valuesField: "",
      codes: false,
    },
  ];
}
