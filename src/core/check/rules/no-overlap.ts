import type { NoOverlapRule } from "../../catalog/rules-schema";
import { districtsFor, notComputed, overlapOf, select } from "../context";
import { areaFinding, candidatesOf, pairCandidates, ruleLayers } from "./pair-rule";
import type { RuleModule } from "./types";

/**
 * no-overlap: every subject × constraint pair whose interiors overlap by more than the tolerance is a
 * finding carrying the overlapping part, its area on the ellipsoid and its share of the subject zone.
 */
export const noOverlap: RuleModule<NoOverlapRule> = {
  type: "no-overlap",
  create(rule, engine) {
    const layers = ruleLayers(rule, engine);
    const { subject, constraint, authority } = layers;
    const pairs = pairCandidates(rule, layers);
    return {
      subjects: select(subject, rule.subject),
      check(i, out) {
        const s = subject.geometry(i);
        if (!s) return;
        const subjectRef = { layer: subject.id, featureId: subject.ids[i] as string };
        for (const j of candidatesOf(pairs, i, s)) {
          const c = constraint.geometry(j);
          if (!c) continue;
          const constraintRef = { layer: constraint.id, featureId: constraint.ids[j] as string };
          let overlap: ReturnType<typeof overlapOf>;
          try {
            overlap = overlapOf(engine, s, c);
          } catch (error) {
            const districts = districtsFor(engine, null, subject, i);
            out.push(notComputed(rule, authority, subjectRef, constraintRef, error, districts));
            continue;
          }
          if (!overlap || overlap.area <= rule.toleranceSquareMeters) continue;
          out.push(areaFinding(engine, rule, layers, i, s, constraintRef, overlap));
        }
      },
    };
  },
};
