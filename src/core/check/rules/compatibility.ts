import type { CompatibilityRule, CompatibilityVerdict } from "../../catalog/rules-schema";
import { select } from "../context";
import { candidatesOf, overlapFinding, pairCandidates, ruleLayers } from "./pair-rule";
import type { RuleModule } from "./types";

function attributeText(
  properties: Record<string, unknown> | null | undefined,
  attribute: string,
): string {
  const v = properties?.[attribute];
  return v === undefined || v === null ? "" : String(v);
}

/**
 * compatibility: for every overlapping pair, the matrix entry for (subject value, constraint value).
 * Forbidden overlaps are errors, conditional ones warnings; allowed pairs are skipped before any
 * geometry is computed.
 */
export const compatibility: RuleModule<CompatibilityRule> = {
  type: "compatibility",
  create(rule, engine) {
    const layers = ruleLayers(rule, engine);
    const { subject, constraint } = layers;
    const pairs = pairCandidates(rule, layers);
    const verdictOf = (a: string, b: string): CompatibilityVerdict =>
      rule.matrix[a]?.[b] ?? rule.defaultVerdict;
    return {
      subjects: select(subject, rule.subject),
      check(i, out) {
        const s = subject.geometry(i);
        if (!s) return;
        const subjectValue = attributeText(subject.features[i]?.properties, rule.subjectAttribute);
        for (const j of candidatesOf(pairs, i, s)) {
          const constraintValue = attributeText(
            constraint.features[j]?.properties,
            rule.constraintAttribute,
          );
          const verdict = verdictOf(subjectValue, constraintValue);
          if (verdict === "allowed") continue;
          const finding = overlapFinding(engine, rule, layers, i, s, j, {
            severity: verdict === "forbidden" ? "error" : "warning",
            measures: { subjectValue, constraintValue, verdict },
          });
          if (finding) out.push(finding);
        }
      },
    };
  },
};
