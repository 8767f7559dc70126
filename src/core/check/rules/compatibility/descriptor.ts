import { holdCodes } from "../../land-use-attribute";
import type { AttributeRead, RuleDescriptor } from "../types";
import type { CompatibilityRule } from "./schema";

// What the type's findings carry besides the common fields (see `Measures` in ../../types.ts).
declare module "../../types" {
  interface Measures {
    /** Attribute values of the pair and the matrix verdict. */
    subjectValue?: string;
    constraintValue?: string;
    verdict?: "conditional" | "forbidden";
  }
}

/** The keys of the matrix's inner level (constraint values), over every row. */
export function constraintKeys(matrix: CompatibilityRule["matrix"]): string[] {
  return [...new Set(Object.values(matrix).flatMap((row) => Object.keys(row)))];
}

/**
 * compatibility: reads an attribute of each side (the matrix's rows and columns); its findings name
 * the pair of values and the verdict.
 */
export const compatibilityDescriptor: RuleDescriptor<CompatibilityRule> = {
  type: "compatibility",
  constraint: "features",
  attributes: compatibilityAttributes,
  csvColumns: [],
  details(finding, { t }) {
    const m = finding.measures;
    if (!(m.verdict && m.subjectValue !== undefined && m.constraintValue !== undefined)) return [];
    return [
      t("check.detail.compatibility", {
        subject: m.subjectValue,
        constraint: m.constraintValue,
        verdict: t(`check.verdict.${m.verdict}`),
      }),
    ];
  },
};

/** The attributes a matrix reads: the subject's (rows) and the constraint's (columns). */
export function compatibilityAttributes(rule: CompatibilityRule): AttributeRead[] {
  const rows = Object.keys(rule.matrix);
  const columns = constraintKeys(rule.matrix);
  return [
    {
      layer: rule.subject.layer,
      attribute: rule.subjectAttribute,
      field: "subjectAttribute",
      values: rows,
      valuesField: "matrix",
      codes: holdCodes(rows),
    },
    {
      layer: rule.constraint.layer,
      attribute: rule.constraintAttribute,
      field: "constraintAttribute",
      values: columns,
      valuesField: "matrix.*",
      codes: holdCodes(columns),
    },
  ];
}
