import { type PreparedLayer, select } from "../../context";
import { holdCodes } from "../../land-use-attribute";
import { candidatesOf, overlapFinding, pairCandidates, ruleLayers } from "../pair-rule";
import type { RuleModule } from "../types";
import { compatibilityAttributes, constraintKeys } from "./descriptor";
import type { CompatibilityRule, CompatibilityVerdict } from "./schema";

/**
 * The matrix side of each feature of a layer: its land-use code when the matrix keys of that side
 * are codes (so "odt" finds the ODT row), else the value as text ("" when absent).
 */
export function matrixValues(layer: PreparedLayer, attribute: string, keys: string[]): string[] {
  if (holdCodes(keys)) return layer.codeColumn(attribute).codes.map((code) => code ?? "");
  return layer.features.map((f) => {
    const v = f.properties?.[attribute];
    return v === undefined || v === null ? "" : String(v);
  });
}

/**
 * compatibility: for every overlapping pair, the matrix entry for (subject value, constraint value).
 * Forbidden overlaps are errors, conditional ones warnings; allowed pairs are skipped before any
 * geometry is computed.
 */
export const compatibility: RuleModule<CompatibilityRule> = {
  type: "compatibility",
  polygonal: ["subject", "constraint"],
  attributes: compatibilityAttributes,
  create(rule, engine) {
    const layers = ruleLayers(rule, engine);
    const { subject, constraint } = layers;
    const pairs = pairCandidates(rule, layers);
    // own keys only: a value "constructor" must not reach Object.prototype
    const verdictOf = (a: string, b: string): CompatibilityVerdict => {
      const row = Object.hasOwn(rule.matrix, a) ? rule.matrix[a] : undefined;
      return (row && Object.hasOwn(row, b) ? row[b] : undefined) ?? rule.defaultVerdict;
    };
    const subjectValues = matrixValues(subject, rule.subjectAttribute, Object.keys(rule.matrix));
    const constraintValues = matrixValues(
      constraint,
      rule.constraintAttribute,
      constraintKeys(rule.matrix),
    );
    return {
      subjects: select(subject, rule.subject),
      check(i, out) {
        const near = candidatesOf(pairs, subject, i);
        if (!near) return;
        const { s, found } = near;
        const subjectValue = subjectValues[i] as string;
        for (const j of found) {
          const constraintValue = constraintValues[j] as string;
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
