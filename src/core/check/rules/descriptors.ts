import type { Rule, RuleType } from "../../catalog/rules-schema";
import { compatibilityDescriptor } from "./compatibility/descriptor";
import { minDistanceDescriptor } from "./min-distance/descriptor";
import { noOverlapDescriptor } from "./no-overlap/descriptor";
import { quotaDescriptor } from "./quota/descriptor";
import type { FindingColumn, RuleDescriptor } from "./types";
import { validGeometryDescriptor } from "./valid-geometry/descriptor";
import { withinDescriptor } from "./within/descriptor";

/**
 * What every rule type reads and what its findings say, in the order of their CSV columns. Light:
 * the app's panel and the CSV writer read it without the engine (see `types.ts` for the other lists).
 */
const RULE_DESCRIPTORS: { [T in RuleType]: RuleDescriptor<Extract<Rule, { type: T }>> } = {
  "no-overlap": noOverlapDescriptor,
  within: withinDescriptor,
  "min-distance": minDistanceDescriptor,
  quota: quotaDescriptor,
  compatibility: compatibilityDescriptor,
  "valid-geometry": validGeometryDescriptor,
};

/**
 * Every descriptor, in list order. `@__PURE__`: a bundle that reads none of these lists (the
 * comparison's worker, for its CSV helpers) leaves them and the descriptors out.
 */
export const DESCRIPTORS: readonly RuleDescriptor[] = /* @__PURE__ */ listDescriptors();

function listDescriptors(): RuleDescriptor[] {
  return Object.values(RULE_DESCRIPTORS).map((d) => d as unknown as RuleDescriptor);
}

/** The descriptor of a rule's type. */
export function descriptorFor<R extends Rule>(rule: R): RuleDescriptor<R> {
  return RULE_DESCRIPTORS[rule.type] as unknown as RuleDescriptor<R>;
}

/**
 * The descriptor of a type named by data (a finding read back from a file may name a type this
 * version does not know): undefined then. Own keys only: the name comes from data.
 */
export function descriptorOfType(type: string | null | undefined): RuleDescriptor | undefined {
  return type && Object.hasOwn(RULE_DESCRIPTORS, type)
    ? (RULE_DESCRIPTORS[type as RuleType] as unknown as RuleDescriptor)
    : undefined;
}

/** The CSV columns the rule types add, in list order. */
export const RULE_CSV_COLUMNS: readonly FindingColumn[] = /* @__PURE__ */ csvColumnsOf(DESCRIPTORS);

function csvColumnsOf(descriptors: readonly RuleDescriptor[]): FindingColumn[] {
  return descriptors.flatMap((d) => d.csvColumns);
}
