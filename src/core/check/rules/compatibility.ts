import type { CompatibilityRule, CompatibilityVerdict } from "../../catalog/rules-schema";
import { districtsFor, notComputed, overlapOf, select } from "../context";
import { areaFinding, candidatesOf, pairCandidates, ruleLayers } from "./pair-rule";
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
    const { subject, constraint, authority } = layers;
    const pairs = pairCandidates(rule, layers);
    const verdictOf = (a: string, b: string): CompatibilityVerdict =>
      rule.matrix[a]?.[b] ?? rule.defaultVerdict;
    return {
      subjects: select(subject, rule.subject),
      check(i, out) {
        const s = subject.geometry(i);
        if (!s) return;
        const subjectValue = attributeText(subject.features[i]?.properties, rule.subjectAttribute);
        const subjectRef = { layer: subject.id, featureId: subject.ids[i] as string };
        for (const j of candidatesOf(pairs, i, s)) {
          const constraintValue = attributeText(
            constraint.features[j]?.properties,
            rule.constraintAttribute,
          );
          const verdict = verdictOf(subjectValue, constraintValue);
          if (verdict === "allowed") continue;
          const c = constraint.geometry(j);
          if (!c) continue;
          const constraintRef = { layer: constraint.id, featureId: constraint.ids[j] as string };
          const severity = verdict === "forbidden" ? "error" : "warning";
          let overlap: ReturnType<typeof overlapOf>;
          try {
            overlap = overlapOf(engine, s, c);
          } catch (error) {
            const districts = districtsFor(engine, null, subject, i);
            const finding = notComputed(
              rule,
              authority,
              subjectRef,
              constraintRef,
              error,
              districts,
            );
            out.push({
              ...finding,
              severity,
              measures: { subjectValue, constraintValue, verdict },
            });
            continue;
          }
          if (!overlap || overlap.area <= rule.toleranceSquareMeters) continue;
          out.push(
            areaFinding(engine, rule, layers, i, s, constraintRef, overlap, {
              severity,
              measures: { subjectValue, constraintValue, verdict },
            }),
          );
        }
      },
    };
  },
};
