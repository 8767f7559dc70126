import type { TFunction } from "i18next";
import type { Finding } from "../core/check/index";
import { descriptorOfType } from "../core/check/rules/descriptors";
import type { FindingNames } from "./use-finding-names";

/**
 * What a finding is about, as the results list and the dossier say it; `ruleType` may be unknown
 * (a dossier entry of a rule no longer in the rules file).
 */
type About = Pick<Finding, "subject" | "constraint" | "group"> & { ruleType: string | null };

/**
 * Whether the finding's constraint only names the plan that sets its rule's targets (a quota's),
 * rather than features it was checked against: then the UI names that layer, as "target set by".
 */
export function constraintSetsTargets(finding: Pick<About, "ruleType">): boolean {
  return descriptorOfType(finding.ruleType)?.constraint === "target-plan";
}

/** What a finding is about: the subject feature, or the group a quota measured. */
export function subjectText(finding: About, names: FindingNames, t: TFunction): string {
  if (finding.subject.featureId !== null) {
    return names.feature(finding.subject.layer, finding.subject.featureId);
  }
  if (finding.group?.scope === "district" && finding.group.district) {
    return t("check.finding.quotaDistrict", { district: names.district(finding.group.district) });
  }
  if (finding.group) return t("check.finding.quotaCity");
  return names.layer(finding.subject.layer);
}

/**
 * What a finding is checked against (a feature, or a whole layer), or for a quota the layer that
 * sets its target; null when none.
 */
export function constraintText(finding: About, names: FindingNames, t: TFunction): string | null {
  const constraint = finding.constraint;
  if (!constraint) return null;
  if (constraintSetsTargets(finding)) return names.layer(constraint.layer);
  return constraint.featureId !== null
    ? `${names.layer(constraint.layer)}: ${names.feature(constraint.layer, constraint.featureId)}`
    : t("check.finding.wholeLayer", { layer: names.layer(constraint.layer) });
}
