import { select } from "../../context";
import { candidatesOf, overlapFinding, pairCandidates, ruleLayers } from "../pair-rule";
import type { RuleModule } from "../types";
import type { NoOverlapRule } from "./schema";

/**
 * no-overlap: every subject × constraint pair whose interiors overlap by more than the tolerance is a
 * finding carrying the overlapping part, its area on the ellipsoid and its share of the subject zone.
 */
export const noOverlap: RuleModule<NoOverlapRule> = {
  type: "no-overlap",
  polygonal: ["subject", "constraint"],
  create(rule, engine) {
    const layers = ruleLayers(rule, engine);
    const pairs = pairCandidates(rule, layers);
    return {
      subjects: select(layers.subject, rule.subject),
      check(i, out) {
        const near = candidatesOf(pairs, layers.subject, i);
        if (!near) return;
        const { s, found } = near;
        for (const j of found) {
          const finding = overlapFinding(engine, rule, layers, i, s, j);
          if (finding) out.push(finding);
        }
      },
    };
  },
};
